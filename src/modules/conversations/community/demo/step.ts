/**
 * The community of the demo: discussion categories, 500 topics with threaded replies, quotes,
 * reactions and polls; 1,500 reviews of the products the ideas step made (some by verified buyers,
 * some answered by staff); 200 creations, a third with GPX-style routes; two critique previews.
 * Everything is inserted in bulk; the search index is filled afterwards by the reindex job.
 */
import type { DemoAccount, DemoContext, DemoStep, Random } from "../../../../demo/index.ts";
import { insertInBatches } from "../../../../demo/batch.ts";
import { sql } from "../../../../platform/db/index.ts";
import type { Locale } from "../../../../platform/i18n/index.ts";
import { enqueueReindex } from "../jobs.ts";
import { simplifyTo, routeLength, type LatLon } from "../rules/gpx.ts";
import { quoteOf } from "../rules/threads.ts";
import { REACTIONS } from "../tables.ts";
import { CATEGORIES, CREATIONS, OPENINGS, POLLS, REPLIES, RESPONSES, REVIEWS, ROUTE_STARTS, TOPIC_TITLES } from "./texts.ts";

export const TOPIC_COUNT = 500;
export const REVIEW_COUNT = 1500;
export const CREATION_COUNT = 200;
const DAY = 86_400_000;
const CHUNK = 500;

/** Inserts rows in chunks and gives back their ids in order. */
async function inChunks<R>(rows: readonly R[], insert: (chunk: R[]) => Promise<Array<{ id: number }>>): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) ids.push(...(await insert(rows.slice(start, start + CHUNK))).map((row) => row.id));
  return ids;
}

const at = (context: DemoContext, rng: Random, after: Date, maxDays: number) => new Date(Math.min(context.now.getTime() - 60_000, after.getTime() + rng.next() * maxDays * DAY));

/** A wandering route of n points from a start, as a rider's GPX track would be. */
function wanderingRoute(rng: Random, start: LatLon, n: number): LatLon[] {
  const points: LatLon[] = [start];
  let heading = rng.next() * Math.PI * 2;
  for (let i = 1; i < n; i += 1) {
    heading += (rng.next() - 0.5) * 0.5;
    const [lat, lon] = points[i - 1] as LatLon;
    points.push([lat + Math.cos(heading) * 0.0025, lon + Math.sin(heading) * 0.0032]);
  }
  return points;
}

export const communityDemoStep: DemoStep = {
  name: "community",
  async run(tx, rng, context) {
    const members = context.members;
    if (members.length < 10) return undefined;
    const byLanguage = (language: Locale) => members.filter((member) => member.language === language);
    const pools: Record<Locale, DemoAccount[]> = { en: byLanguage("en"), fa: byLanguage("fa"), he: byLanguage("he") };
    const anyone = () => rng.pick(members);
    const writer = (language: Locale) => rng.pick(pools[language].length > 0 ? pools[language] : members);

    // ---- discussions ------------------------------------------------------------------------
    const categoryIds = await inChunks(
      CATEGORIES.map((category, position) => ({ slug: category.slug, names: JSON.stringify(category.names), descriptions: JSON.stringify(category.descriptions), position })),
      // "general" exists from the migration: it is brought in line, not added twice.
      (chunk) => tx.insertInto("discussion_categories").values(chunk).onConflict((oc) => oc.column("slug").doUpdateSet((eb) => ({ names: eb.ref("excluded.names"), descriptions: eb.ref("excluded.descriptions"), position: eb.ref("excluded.position") }))).returning("id").execute(),
    );
    const topics = Array.from({ length: TOPIC_COUNT }, () => {
      const language = rng.weighted({ en: 45, fa: 30, he: 25 }) as Locale;
      const author = writer(language);
      const createdAt = at(context, rng, author.joinedAt, 400);
      return { language, author, createdAt, title: rng.pick(TOPIC_TITLES[language]), category: rng.pick(categoryIds), replies: rng.weighted({ "0": 10, "1": 20, "2": 25, "3": 20, "5": 15, "8": 10 }) };
    });
    const topicIds = await inChunks(
      topics.map((topic, index) => ({
        category_id: topic.category,
        author_id: topic.author.id,
        title: topic.title,
        language: topic.language,
        created_at: topic.createdAt,
        last_posted_at: topic.createdAt,
        pinned_at: index < 3 ? topic.createdAt : null,
        closed_at: index % 61 === 7 ? context.now : null,
      })),
      (chunk) => tx.insertInto("topics").values(chunk).returning("id").execute(),
    );
    const openingIds = await inChunks(
      topics.map((topic, index) => ({ topic_id: topicIds[index] as number, author_id: topic.author.id, body: rng.pick(OPENINGS[topic.language]), is_opening: true, created_at: topic.createdAt })),
      (chunk) => tx.insertInto("posts").values(chunk).returning("id").execute(),
    );
    // Replies, then their threads and quotes: a third answer an earlier reply, some quote it.
    const replyRows: Array<{ topic_id: number; author_id: number; body: string; created_at: Date; reply_to_id: number | null; quote_of_id: number | null; quote: string | null; index: number }> = [];
    topics.forEach((topic, index) => {
      let time = topic.createdAt;
      for (let r = 0; r < Number(topic.replies); r += 1) {
        time = at(context, rng, time, 6);
        replyRows.push({ topic_id: topicIds[index] as number, author_id: writer(topic.language).id, body: rng.pick(REPLIES[topic.language]), created_at: time, reply_to_id: null, quote_of_id: null, quote: null, index });
      }
    });
    const replyIds = await inChunks(
      replyRows.map(({ index: _index, ...row }) => row),
      (chunk) => tx.insertInto("posts").values(chunk).returning("id").execute(),
    );
    const threaded: Array<{ id: number; reply_to_id: number; quote_of_id: number | null; quote: string | null }> = [];
    replyRows.forEach((row, i) => {
      const previous = replyRows[i - 1];
      if (i > 0 && previous && previous.topic_id === row.topic_id && rng.chance(0.35)) {
        const quoting = rng.chance(0.4);
        threaded.push({ id: replyIds[i] as number, reply_to_id: replyIds[i - 1] as number, quote_of_id: quoting ? (replyIds[i - 1] as number) : null, quote: quoting ? quoteOf(previous.body, 120) : null });
      }
    });
    await sql`update posts set reply_to_id = v.reply_to, quote_of_id = v.quote_of, quote = v.quote
      from unnest(${threaded.map((row) => row.id)}::bigint[], ${threaded.map((row) => row.reply_to_id)}::bigint[], ${threaded.map((row) => row.quote_of_id)}::bigint[], ${threaded.map((row) => row.quote)}::text[]) as v(id, reply_to, quote_of, quote)
      where posts.id = v.id`.execute(tx);
    await sql`update topics set reply_count = counts.n, last_posted_at = counts.last
        from (select topic_id, count(*) filter (where not is_opening) as n, max(created_at) as last from posts group by topic_id) counts
        where counts.topic_id = topics.id`.execute(tx);
    // Reactions on about half of the posts.
    const everyPost = [...openingIds, ...replyIds];
    const reactions = new Map<string, { post_id: number; member_id: number; reaction: (typeof REACTIONS)[number]; created_at: Date }>();
    for (const postId of everyPost) {
      if (!rng.chance(0.5)) continue;
      for (let k = rng.int(1, 4); k > 0; k -= 1) {
        const row = { post_id: postId, member_id: anyone().id, reaction: rng.weighted({ like: 60, love: 12, laugh: 8, insightful: 14, celebrate: 6 }), created_at: context.now };
        reactions.set(`${row.post_id}:${row.member_id}:${row.reaction}`, row);
      }
    }
    await insertInBatches(tx, "post_reactions", [...reactions.values()]);
    // Polls in one topic in twelve, with members' ballots.
    let polls = 0;
    for (let index = 0; index < topics.length; index += 12) {
      const topic = topics[index] as (typeof topics)[number];
      const spec = rng.pick(POLLS[topic.language]);
      const multiple = rng.chance(0.3);
      const poll = await tx.insertInto("polls").values({ post_id: openingIds[index] as number, question: spec.question, multiple }).returning("id").executeTakeFirstOrThrow();
      const options = await tx.insertInto("poll_options").values(spec.options.map((label, position) => ({ poll_id: poll.id, position, label }))).returning("id").execute();
      const voters = [...new Set(Array.from({ length: rng.int(3, 40) }, () => anyone().id))];
      const votes: Array<{ poll_id: number; member_id: number; option_id: number }> = [];
      for (const voter of voters) {
        const chosen = multiple ? options.filter(() => rng.chance(0.5)) : [];
        for (const option of chosen.length > 0 ? chosen : [rng.pick(options)]) votes.push({ poll_id: poll.id, member_id: voter, option_id: option.id });
      }
      await insertInBatches(tx, "poll_ballots", voters.map((voter) => ({ poll_id: poll.id, member_id: voter, created_at: context.now })));
      await insertInBatches(tx, "poll_votes", votes);
      for (const option of options) await tx.updateTable("poll_options").set({ votes: votes.filter((vote) => vote.option_id === option.id).length }).where("id", "=", option.id).execute();
      await tx.updateTable("polls").set({ voters: voters.length }).where("id", "=", poll.id).execute();
      polls += 1;
    }

    // ---- reviews ----------------------------------------------------------------------------
    const products = await tx.selectFrom("products").select(["id", "created_at"]).orderBy("id").execute();
    const reviews: Array<{ product_id: number; author_id: number; rating: number; title: string; body: string; language: Locale; verified_buyer: boolean; helpful_count: number; created_at: Date; updated_at: Date; response: string | null; response_by: number | null; response_at: Date | null }> = [];
    const purchases: Array<{ external_id: string; product_id: number; email: string; account_id: number; purchased_at: Date; imported_at: Date }> = [];
    const responder = context.staff.manager ?? context.staff.admin;
    if (products.length > 0) {
      const target = Math.min(REVIEW_COUNT, products.length * members.length);
      const taken = new Set<string>();
      // Each product has its own quality, so ratings cluster the way real ones do.
      const quality = new Map(products.map((product) => [product.id, 2.5 + rng.next() * 2.3]));
      for (let attempts = 0; reviews.length < target && attempts < target * 4; attempts += 1) {
        const product = rng.pick(products);
        const author = anyone();
        const key = `${product.id}:${author.id}`;
        if (taken.has(key)) continue;
        taken.add(key);
        const rating = Math.max(1, Math.min(5, Math.round((quality.get(product.id) ?? 3.5) + (rng.next() - 0.5) * 2.4)));
        const band = rating >= 4 ? "high" : rating === 3 ? "mid" : "low";
        const [title, body] = rng.pick(REVIEWS[author.language][band]);
        const createdAt = at(context, rng, new Date(Math.max(product.created_at.getTime(), author.joinedAt.getTime())), 200);
        const verified = rng.chance(0.35);
        if (verified) purchases.push({ external_id: `demo-order-${purchases.length + 1}`, product_id: product.id, email: author.email, account_id: author.id, purchased_at: new Date(createdAt.getTime() - rng.int(3, 40) * DAY), imported_at: context.now });
        const answered = rating <= 2 && responder !== undefined && rng.chance(0.6);
        reviews.push({
          product_id: product.id,
          author_id: author.id,
          rating,
          title,
          body,
          language: author.language,
          verified_buyer: verified,
          helpful_count: 0,
          created_at: createdAt,
          updated_at: createdAt,
          response: answered ? RESPONSES[author.language] : null,
          response_by: answered ? (responder?.id ?? null) : null,
          response_at: answered ? new Date(createdAt.getTime() + DAY) : null,
        });
      }
      const reviewIds = await inChunks(reviews, (chunk) => tx.insertInto("reviews").values(chunk).returning("id").execute());
      await insertInBatches(tx, "verified_purchases", purchases);
      const helpful = new Map<string, { review_id: number; member_id: number; created_at: Date }>();
      reviewIds.forEach((reviewId, index) => {
        const author = reviews[index]?.author_id;
        for (let k = Math.floor(rng.next() ** 3 * 12); k > 0; k -= 1) {
          const member = anyone().id;
          if (member !== author) helpful.set(`${reviewId}:${member}`, { review_id: reviewId, member_id: member, created_at: context.now });
        }
      });
      await insertInBatches(tx, "review_helpful_votes", [...helpful.values()]);
      await sql`update reviews set helpful_count = counts.n from (select review_id, count(*) as n from review_helpful_votes group by review_id) counts where counts.review_id = reviews.id`.execute(tx);
    }

    // ---- creations --------------------------------------------------------------------------
    const creations = Array.from({ length: CREATION_COUNT }, (_, index) => {
      const language = rng.weighted({ en: 45, fa: 30, he: 25 }) as Locale;
      const author = writer(language);
      const spec = rng.pick(CREATIONS[language]);
      const route = spec.route ? wanderingRoute(rng, rng.pick(ROUTE_STARTS[language]), rng.int(300, 1500)) : null;
      const createdAt = at(context, rng, author.joinedAt, 300);
      return {
        author_id: author.id,
        title: spec.title,
        body: spec.body,
        language,
        product_id: products.length > 0 && rng.chance(0.5) ? rng.pick(products).id : null,
        tags: spec.tags,
        route: route ? JSON.stringify(simplifyTo(route)) : null,
        route_name: route ? spec.title : null,
        route_meters: route ? Math.round(routeLength(route)) : null,
        featured_at: index % 17 === 0 ? context.now : null,
        featured_by: index % 17 === 0 ? (context.staff.manager?.id ?? null) : null,
        created_at: createdAt,
        updated_at: createdAt,
      };
    });
    const creationIds = await inChunks(creations, (chunk) => tx.insertInto("creations").values(chunk).returning("id").execute());
    const likes = new Map<string, { creation_id: number; member_id: number; created_at: Date }>();
    for (const creationId of creationIds) {
      for (let k = Math.floor(rng.next() ** 2 * 30); k > 0; k -= 1) {
        const member = anyone().id;
        likes.set(`${creationId}:${member}`, { creation_id: creationId, member_id: member, created_at: context.now });
      }
    }
    await insertInBatches(tx, "creation_likes", [...likes.values()]);
    await sql`update creations set like_count = counts.n from (select creation_id, count(*) as n from creation_likes group by creation_id) counts where counts.creation_id = creations.id`.execute(tx);

    // ---- critique ---------------------------------------------------------------------------
    const staff = context.staff.manager ?? context.staff.admin;
    if (staff) {
      const preview = await tx
        .insertInto("critique_previews")
        .values({ title: "Trail bottle, second prototype", body: "A 750 ml bottle with a one-hand lid and a loop for a carabiner. Tell us what you think before we finalise it.", language: "en", questions: JSON.stringify(["Would the loop fit your bag?", "What would you pay for it?"]), created_by: staff.id, created_at: new Date(context.now.getTime() - 10 * DAY) })
        .returning("id")
        .executeTakeFirstOrThrow();
      const responders = [...new Set(Array.from({ length: 40 }, () => anyone().id))];
      await insertInBatches(
        tx,
        "critique_responses",
        responders.map((memberId) => ({ preview_id: preview.id, member_id: memberId, rating: rng.int(2, 5), liked: rng.pick(["The lid", "The size", "The colour"]), would_change: rng.pick(["Make the loop wider", "A metal version", ""]), answers: JSON.stringify([rng.pick(["Yes", "No"]), rng.pick(["20", "25", "30"])]), created_at: context.now })),
      );
    }

    await enqueueReindex(tx, "demo");
    return `${TOPIC_COUNT} topics with ${replyRows.length} replies and ${polls} polls, ${reviews.length} reviews (${purchases.length} verified buyers), ${CREATION_COUNT} creations`;
  },
};
