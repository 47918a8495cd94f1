/**
 * The ideas of the demo community: 300 ideas in English, Persian and Hebrew across every state, with
 * support curves simulated supporter by supporter through the real milestone rules, so every count,
 * milestone time, expiry and review period is one the live rules would have produced.
 *
 * A 500-member community cannot reach LEGO's 10,000 supporters, so the demo site's milestones are
 * scaled to its size (10 → 40 → 100 → 200); the console's settings page restores any other rules.
 */
import type { DemoAccount, DemoContext, DemoStep, Random } from "../../../demo/index.ts";
import { insertInBatches } from "../../../demo/batch.ts";
import type { Tx } from "../../../platform/db/index.ts";
import type { Insertable } from "kysely";
import type { Tables } from "../../../platform/db/index.ts";
import { normalizeText } from "../../../platform/search/normalize.ts";
import { writeSetting } from "../../../platform/settings/index.ts";
import { createProductFromIdea } from "../../products/index.ts";
import { isExpired, milestoneProgress, recordReached, reviewPeriodFor, type IdeaState, type MilestoneRules } from "../rules.ts";
import { ideasSettings } from "../settings.ts";
import { CATEGORIES, COMMENTS, CONCEPTS, JOINER, STATUSES, UPDATES, VARIANTS } from "./texts.ts";

export const IDEA_COUNT = 300;
const DAY = 86_400_000;

export const DEMO_MILESTONES: MilestoneRules = {
  steps: [
    { target: 10, window: 60, unit: "days" },
    { target: 40, window: 365, unit: "days" },
    { target: 100, window: 6, unit: "months" },
    { target: 200, window: 6, unit: "months" },
  ],
};

const POPULARITY = { none: 8, low: 28, medium: 28, high: 20, viral: 16 } as const;
const SUPPORT_RANGE: Record<keyof typeof POPULARITY, [number, number]> = { none: [0, 3], low: [2, 14], medium: [10, 60], high: [45, 180], viral: [150, 420] };

interface SimulatedSupport {
  member: DemoAccount;
  at: Date;
}

/** Members who had joined by a moment: the oldest-first list's prefix. */
function joinedBy(members: readonly DemoAccount[], at: Date): number {
  let low = 0;
  let high = members.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((members[middle]?.joinedAt.getTime() ?? 0) <= at.getTime()) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Support times between publication and now: early bursts for most ideas, recent ones for trending ideas. */
function supportTimes(rng: Random, publishedAt: Date, now: Date, count: number, trending: boolean): Date[] {
  const span = now.getTime() - publishedAt.getTime();
  const times: Date[] = [];
  for (let i = 0; i < count; i += 1) {
    const u = rng.next();
    const offset = trending ? span * (1 - u * u * u) : span * u * u;
    times.push(new Date(publishedAt.getTime() + Math.min(span - 60_000, Math.max(60_000, offset))));
  }
  return times.sort((a, b) => a.getTime() - b.getTime());
}

interface Simulation {
  supports: SimulatedSupport[];
  reached: Date[];
  state: IdeaState;
  qualifiedAt: Date | null;
}

/** Plays the supports through the milestone rules, stopping where the live site would have. */
function simulate(rng: Random, members: readonly DemoAccount[], creatorId: number, publishedAt: Date, now: Date, times: Date[]): Simulation {
  const supporters = new Set<number>([creatorId]);
  const supports: SimulatedSupport[] = [];
  let reached: Date[] = [];
  let verified = 0;
  for (const at of times) {
    if (isExpired(milestoneProgress(DEMO_MILESTONES, publishedAt, reached), at)) break;
    const eligible = joinedBy(members, at);
    if (eligible === 0) continue;
    let member: DemoAccount | undefined;
    for (let tries = 0; tries < 8 && !member; tries += 1) {
      const candidate = members[rng.int(0, eligible - 1)];
      if (candidate && !supporters.has(candidate.id)) member = candidate;
    }
    if (!member) continue;
    supporters.add(member.id);
    supports.push({ member, at });
    if (member.verified) verified += 1;
    reached = recordReached(DEMO_MILESTONES, publishedAt, reached, verified, at);
    if (reached.length === DEMO_MILESTONES.steps.length) {
      return { supports, reached, state: "in_review", qualifiedAt: at };
    }
  }
  const expired = isExpired(milestoneProgress(DEMO_MILESTONES, publishedAt, reached), now);
  return { supports, reached, state: expired ? "expired" : "open", qualifiedAt: null };
}

function localized(names: Record<string, string>): string {
  return JSON.stringify(names);
}

async function insertCategories(db: Tx): Promise<Map<string, number>> {
  const rows = await db
    .insertInto("idea_categories")
    .values(CATEGORIES.map((category, position) => ({ slug: category.slug, names: localized(category.names), position })))
    .returning(["id", "slug"])
    .execute();
  await db.insertInto("idea_statuses").values(STATUSES.map((status, position) => ({ slug: status.slug, names: localized(status.names), tone: status.tone, position }))).execute();
  return new Map(rows.map((row) => [row.slug, row.id]));
}

export const ideasDemoStep: DemoStep = {
  name: "ideas",
  async run(db, rng, context: DemoContext) {
    const { now } = context;
    const staff = context.staff;
    const moderator = staff.moderator ?? staff.admin;
    const reviewer = staff.reviewer ?? staff.admin;
    if (!moderator || !reviewer || context.members.length === 0) return undefined;
    await writeSetting(db, ideasSettings, { ...ideasSettings.defaults, milestones: DEMO_MILESTONES }, staff.admin?.id ?? null);
    const categories = await insertCategories(db);
    const statusIds = (await db.selectFrom("idea_statuses").select("id").orderBy("position").execute()).map((row) => row.id);
    const members = context.members.filter((member) => member.joinedAt.getTime() < now.getTime() - 3 * DAY);

    const supportRows: Array<Insertable<Tables["idea_supports"]>> = [];
    const activityRows: Array<Insertable<Tables["activities"]>> = [];
    const commentRows: Array<Insertable<Tables["idea_comments"]>> = [];
    const followRows: Array<Insertable<Tables["idea_follows"]>> = [];
    const updateRows: Array<Insertable<Tables["idea_updates"]>> = [];
    const counts: Partial<Record<IdeaState, number>> = {};

    for (let index = 0; index < IDEA_COUNT; index += 1) {
      const creator = rng.pick(members);
      const language = creator.language;
      const concept = CONCEPTS[index % CONCEPTS.length] ?? CONCEPTS[0];
      if (!concept) break;
      const variant = VARIANTS[language][Math.floor(index / CONCEPTS.length) % VARIANTS[language].length] ?? "";
      const title = `${concept.title[language]}${JOINER[language]}${variant}`;
      const body = concept.body[language];
      const earliest = Math.max(creator.joinedAt.getTime() + DAY, now.getTime() - 700 * DAY);
      const popularity = rng.weighted(POPULARITY);
      // Popular ideas had time to gather their supporters: most were proposed well before today.
      const age = popularity === "viral" ? 0.3 + 0.7 * rng.next() : 1 - rng.next() ** 2;
      const created = new Date(earliest + (now.getTime() - earliest) * (1 - age));
      const kind = rng.weighted({ draft: 3, in_moderation: 6, changes_requested: 2, rejected: 2, live: 87 });
      const base = {
        creator_id: creator.id,
        title,
        body,
        language,
        category_id: categories.get(concept.category) ?? null,
        created_at: created,
        updated_at: created,
        search_text: normalizeText(`${title} ${body}`),
      };

      if (kind !== "live") {
        const submitted = kind === "draft" ? null : new Date(created.getTime() + 3600_000);
        await db
          .insertInto("ideas")
          .values({
            ...base,
            state: kind,
            submitted_at: submitted,
            licence_accepted_at: submitted,
            moderated_by: kind === "changes_requested" || kind === "rejected" ? moderator.id : null,
            moderation_note: kind === "changes_requested" ? "Please add a sketch and the size you have in mind." : kind === "rejected" ? "This is a service rather than a product, so it cannot be made as one." : null,
          })
          .execute();
        counts[kind] = (counts[kind] ?? 0) + 1;
        continue;
      }

      const publishedAt = new Date(Math.min(now.getTime() - 3600_000, created.getTime() + rng.int(2, 72) * 3600_000));
      const [low, high] = SUPPORT_RANGE[popularity];
      const trending = rng.chance(popularity === "viral" || popularity === "high" ? 0.4 : 0.15);
      const simulation = simulate(rng, members, creator.id, publishedAt, now, supportTimes(rng, publishedAt, now, rng.int(low, high), trending));
      let state: IdeaState = simulation.state;
      let decision: { decidedAt: Date; publicNote: string } | null = null;
      const period = simulation.qualifiedAt ? reviewPeriodFor(ideasSettings.defaults.review, simulation.qualifiedAt) : null;
      if (state === "in_review" && period && period.cutoff.getTime() + 10 * DAY < now.getTime()) {
        state = rng.weighted({ approved: 5, not_approved: 3, on_hold: 1 });
        decision = { decidedAt: new Date(Math.min(now.getTime() - DAY, period.cutoff.getTime() + rng.int(10, 40) * DAY)), publicNote: state === "approved" ? "Our designers loved it. It goes into development next quarter." : state === "on_hold" ? "We like it and will look again in the next review." : "It would cost too much to make at a fair price, but thank you for a wonderful idea." };
      }
      const verified = simulation.supports.filter((support) => support.member.verified).length;
      const row = await db
        .insertInto("ideas")
        .values({
          ...base,
          state,
          status_id: state === "open" && rng.chance(0.15) ? (statusIds[rng.int(0, statusIds.length - 1)] ?? null) : null,
          submitted_at: created,
          licence_accepted_at: created,
          published_at: publishedAt,
          moderated_by: moderator.id,
          milestones_reached_at: simulation.reached,
          verified_supporters: verified,
          pending_supporters: simulation.supports.length - verified,
          recent_supports: simulation.supports.filter((support) => now.getTime() - support.at.getTime() < 7 * DAY).length,
          qualified_at: simulation.qualifiedAt,
          review_period: period?.id ?? null,
          decided_at: decision?.decidedAt ?? null,
          decided_by: decision ? reviewer.id : null,
          decision_public_note: decision?.publicNote ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      counts[state] = (counts[state] ?? 0) + 1;
      if (state === "approved") {
        const productId = await createProductFromIdea(db, { ideaId: row.id, title, language, creatorIds: [creator.id], createdBy: reviewer.id });
        await db.updateTable("ideas").set({ product_id: productId }).where("id", "=", row.id).execute();
      }
      activityRows.push({ actor_id: creator.id, type: "idea.submitted", subject_type: "idea", subject_id: row.id, occurred_at: created });
      for (const support of simulation.supports) {
        supportRows.push({
          idea_id: row.id,
          member_id: support.member.id,
          status: support.member.verified ? "verified" : "pending",
          would_buy: rng.chance(0.5) ? rng.weighted({ yes: 5, maybe: 3, no: 1 }) : null,
          price_band: rng.chance(0.4) ? rng.pick(["under_25", "25_50", "50_100", "100_200", "over_200"] as const) : null,
          quantity: rng.chance(0.3) ? rng.int(1, 3) : null,
          created_at: support.at,
        });
        activityRows.push({ actor_id: support.member.id, type: "idea.supported", subject_type: "idea", subject_id: row.id, target_id: creator.id, occurred_at: support.at });
        if (rng.chance(0.2)) followRows.push({ idea_id: row.id, member_id: support.member.id, created_at: support.at });
      }
      const commenters = simulation.supports.slice(0, rng.int(0, 4));
      for (const [position, support] of commenters.entries()) {
        const text = COMMENTS[support.member.language][(index + position) % COMMENTS[support.member.language].length] ?? "";
        commentRows.push({ idea_id: row.id, author_id: support.member.id, body: text, created_at: new Date(support.at.getTime() + 600_000) });
        activityRows.push({ actor_id: support.member.id, type: "idea.commented", subject_type: "idea", subject_id: row.id, target_id: creator.id, occurred_at: new Date(support.at.getTime() + 600_000) });
      }
      const firstMilestone = simulation.reached[0];
      const update = UPDATES[language][0];
      if (firstMilestone && update) updateRows.push({ idea_id: row.id, author_id: creator.id, title: update.title, body: update.body, created_at: new Date(firstMilestone.getTime() + DAY) });
    }

    await insertInBatches(db, "idea_supports", supportRows);
    await insertInBatches(db, "activities", activityRows);
    await insertInBatches(db, "idea_comments", commentRows);
    await insertInBatches(db, "idea_follows", followRows);
    await insertInBatches(db, "idea_updates", updateRows);
    const summary = Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([state, count]) => `${count} ${state.replace("_", " ")}`)
      .join(", ");
    return `${IDEA_COUNT} ideas (${summary}), ${supportRows.length} supports`;
  },
};
