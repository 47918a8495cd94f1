/**
 * The demo's questions: about 2,000 in English, Persian and Hebrew from members who write in that language,
 * most answered (some by staff, officially), many with votes and an accepted answer, a few with comments.
 * Everything goes in with batched inserts, and the search index is filled in batches too.
 */
import type { DemoAccount, DemoContext, DemoStep, Random } from "../../../../demo/index.ts";
import { insertInBatches } from "../../../../demo/batch.ts";
import type { Insertable } from "kysely";
import { sql, type Tables, type Tx } from "../../../../platform/db/index.ts";
import type { Locale } from "../../../../platform/i18n/index.ts";
import { normalizeText } from "../../../../platform/search/normalize.ts";
import { indexDocuments, type SearchDocument } from "../../../search/index.ts";
import { secondsToFirstAnswer } from "../rules.ts";
import { answerUrl, questionUrl } from "../service.ts";
import { DEMO_TAGS, VOCABULARY } from "./texts.ts";

export const QUESTION_COUNT = 2000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LANGUAGES = { en: 45, fa: 35, he: 20 } as const;
const ROUTED_AFTER_HOURS = 4;

interface DemoAnswer {
  author: DemoAccount;
  body: string;
  official: boolean;
  at: Date;
  voters: DemoAccount[];
}

interface DemoQuestion {
  asker: DemoAccount;
  language: Locale;
  title: string;
  body: string;
  tag: string;
  at: Date;
  answers: DemoAnswer[];
  accepted: number | null;
  comments: Array<{ author: DemoAccount; body: string; at: Date }>;
}

function between(rng: Random, from: number, to: number): Date {
  return new Date(from + rng.next() * Math.max(0, to - from));
}

/** Distinct members other than some, up to count. */
function others(rng: Random, pool: readonly DemoAccount[], exclude: ReadonlySet<number>, count: number): DemoAccount[] {
  const chosen = new Map<number, DemoAccount>();
  for (let tries = 0; chosen.size < count && tries < count * 4; tries += 1) {
    const member = rng.pick(pool);
    if (!exclude.has(member.id)) chosen.set(member.id, member);
  }
  return [...chosen.values()];
}

function compose(rng: Random, language: Locale, members: readonly DemoAccount[], staff: readonly DemoAccount[], now: Date): DemoQuestion {
  const words = VOCABULARY[language];
  const asker = rng.pick(members);
  const product = rng.pick(words.products);
  const period = rng.pick(words.periods);
  const byTask = rng.chance(0.65);
  const [subject, tag] = byTask ? rng.pick(words.tasks) : rng.pick(words.problems);
  const title = byTask ? rng.pick(words.askTask)(subject, product) : rng.pick(words.askProblem)(subject, product, period);
  const at = between(rng, Math.max(asker.joinedAt.getTime(), now.getTime() - 365 * DAY), now.getTime() - HOUR);
  const answerCount = rng.chance(0.85) ? rng.int(1, 3) : 0;
  const answers: DemoAnswer[] = [];
  let last = at.getTime();
  for (let index = 0; index < answerCount; index += 1) {
    const wait = index === 0 ? rng.weighted({ minutes: 45, hours: 40, days: 15 }) : "hours";
    const delay = wait === "minutes" ? rng.int(3, 59) * 60_000 : wait === "hours" ? rng.int(1, 20) * HOUR : rng.int(1, 6) * DAY;
    const answerAt = Math.min(now.getTime() - 60_000, last + delay);
    if (answerAt <= last) break;
    last = answerAt;
    const official = staff.length > 0 && rng.chance(0.06);
    const author = official ? rng.pick(staff) : (others(rng, members, new Set([asker.id]), 1)[0] ?? asker);
    if (author.id === asker.id) continue;
    const voters = others(rng, members, new Set([author.id]), rng.weighted({ none: 30, few: 50, many: 20 }) === "none" ? 0 : rng.int(1, 4));
    answers.push({ author, body: rng.pick(words.answers) + rng.pick(words.closings), official, at: new Date(answerAt), voters });
  }
  let accepted: number | null = null;
  if (answers.length > 0 && rng.chance(0.5)) {
    accepted = answers.reduce((best, answer, index) => (answer.voters.length > (answers[best]?.voters.length ?? -1) ? index : best), 0);
  }
  const comments = rng.chance(0.2)
    ? others(rng, members, new Set(), rng.int(1, 2)).map((author) => ({ author, body: rng.pick(words.comments), at: between(rng, at.getTime(), now.getTime() - 60_000) }))
    : [];
  return { asker, language, title, body: rng.pick(words.bodies)(product, period), tag, at, answers, accepted, comments };
}

async function insertReturningIds<T extends "questions" | "answers">(db: Tx, table: T, rows: ReadonlyArray<Insertable<Tables[T]>>): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += 1000) {
    const inserted = await db
      .insertInto(table)
      .values(rows.slice(start, start + 1000) as never)
      .returning("id")
      .execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

export const questionsDemoStep: DemoStep = {
  name: "questions",
  async run(db: Tx, rng: Random, context: DemoContext): Promise<string> {
    const { now } = context;
    const tagRows = await db
      .insertInto("qa_tags")
      .values(DEMO_TAGS.map((tag) => ({ slug: tag.slug, names: JSON.stringify(tag.names) })))
      .returning(["id", "slug"])
      .execute();
    const tagIds = new Map(tagRows.map((row) => [row.slug, row.id]));
    const byLanguage = new Map<Locale, DemoAccount[]>();
    for (const member of context.members) byLanguage.set(member.language, [...(byLanguage.get(member.language) ?? []), member]);
    const staff = [context.staff.moderator, context.staff.manager].filter((account): account is DemoAccount => account !== undefined);

    const questions: DemoQuestion[] = [];
    for (let index = 0; index < QUESTION_COUNT; index += 1) {
      const language = rng.weighted(LANGUAGES);
      const members = byLanguage.get(language) ?? context.members;
      questions.push(compose(rng, language, members, staff, now));
    }
    questions.sort((a, b) => a.at.getTime() - b.at.getTime());

    const questionIds = await insertReturningIds(
      db,
      "questions",
      questions.map((question) => {
        const first = question.answers[0];
        const votes = question.answers.reduce((sum, answer) => sum + answer.voters.length, 0);
        const unansweredLong = !first && now.getTime() - question.at.getTime() > ROUTED_AFTER_HOURS * HOUR;
        return {
          author_id: question.asker.id,
          title: question.title,
          body: question.body,
          language: question.language,
          answer_count: question.answers.length,
          votes,
          created_at: question.at,
          updated_at: question.answers[question.answers.length - 1]?.at ?? question.at,
          first_answer_at: first?.at ?? null,
          first_answer_seconds: first ? secondsToFirstAnswer(question.at, first.at) : null,
          // Old unanswered questions of the demo were routed long ago; the job routes only new ones.
          routed_at: unansweredLong ? new Date(question.at.getTime() + ROUTED_AFTER_HOURS * HOUR) : null,
          search_title: normalizeText(question.title),
        };
      }),
    );
    await insertInBatches(
      db,
      "question_tags",
      questions.map((question, index) => ({ question_id: questionIds[index]!, tag_id: tagIds.get(question.tag)! })),
    );

    const flatAnswers = questions.flatMap((question, index) => question.answers.map((answer) => ({ answer, question, questionId: questionIds[index]! })));
    const answerIds = await insertReturningIds(
      db,
      "answers",
      flatAnswers.map(({ answer, questionId }) => ({ question_id: questionId, author_id: answer.author.id, body: answer.body, official: answer.official, votes: answer.voters.length, created_at: answer.at, updated_at: answer.at })),
    );
    const acceptedPairs: Array<[number, number]> = [];
    let cursor = 0;
    questions.forEach((question, index) => {
      if (question.accepted !== null) acceptedPairs.push([questionIds[index]!, answerIds[cursor + question.accepted]!]);
      cursor += question.answers.length;
    });
    for (let start = 0; start < acceptedPairs.length; start += 1000) {
      const pairs = acceptedPairs.slice(start, start + 1000);
      await sql`
        update questions q set accepted_answer_id = v.answer_id
        from (values ${sql.join(pairs.map(([question, answer]) => sql`(${question}::bigint, ${answer}::bigint)`))}) as v(question_id, answer_id)
        where q.id = v.question_id`.execute(db);
    }

    await insertInBatches(
      db,
      "answer_votes",
      flatAnswers.flatMap(({ answer }, index) => answer.voters.map((voter) => ({ answer_id: answerIds[index]!, voter_id: voter.id, created_at: answer.at }))),
    );
    await insertInBatches(
      db,
      "qa_comments",
      questions.flatMap((question, index) => question.comments.map((comment) => ({ question_id: questionIds[index]!, author_id: comment.author.id, body: comment.body, created_at: comment.at }))),
    );

    const acceptedAnswers = new Set(acceptedPairs.map(([, answer]) => answer));
    await insertInBatches(db, "activities", [
      ...questions.map((question, index) => ({ actor_id: question.asker.id, type: "question.asked", subject_type: "question", subject_id: questionIds[index]!, target_id: null, occurred_at: question.at })),
      ...flatAnswers.flatMap(({ answer, question }, index) => [
        { actor_id: answer.author.id, type: "answer.posted", subject_type: "answer", subject_id: answerIds[index]!, target_id: question.asker.id, occurred_at: answer.at },
        ...answer.voters.map((voter) => ({ actor_id: voter.id, type: "answer.voted", subject_type: "answer", subject_id: answerIds[index]!, target_id: answer.author.id, occurred_at: answer.at })),
        ...(acceptedAnswers.has(answerIds[index]!) ? [{ actor_id: answer.author.id, type: "answer.accepted", subject_type: "answer", subject_id: answerIds[index]!, target_id: question.asker.id, occurred_at: answer.at }] : []),
      ]),
    ]);

    const documents: SearchDocument[] = [
      ...questions.map((question, index) => ({
        type: "question" as const,
        id: questionIds[index]!,
        title: question.title,
        body: question.body,
        language: question.language,
        url: questionUrl(questionIds[index]!),
        tags: [question.tag],
        answered: question.answers.length > 0,
        visible: true,
        updatedAt: question.answers[question.answers.length - 1]?.at ?? question.at,
      })),
      ...flatAnswers.map(({ answer, question, questionId }, index) => ({
        type: "answer" as const,
        id: answerIds[index]!,
        title: question.title,
        body: answer.body,
        language: question.language,
        url: answerUrl(questionId, answerIds[index]!),
        answered: true,
        visible: true,
        updatedAt: answer.at,
      })),
    ];
    await indexDocuments(db, documents);
    return `${questions.length} questions, ${answerIds.length} answers`;
  },
};
