import assert from "node:assert/strict";
import { test } from "node:test";
import { extractMentions } from "../mentions.ts";
import { cleanTags, mayAccept, median, routingCutoff, routingRecipients, secondsToFirstAnswer, textProblem, voteProblem } from "./rules.ts";

test("the asker or Q&A staff may accept", () => {
  assert.equal(mayAccept(1, 1, false), true);
  assert.equal(mayAccept(2, 1, false), false);
  assert.equal(mayAccept(2, 1, true), true);
});

test("one vote per member, never for one's own answer", () => {
  assert.equal(voteProblem(1, 1, false), "own_answer");
  assert.equal(voteProblem(2, 1, true), "already_voted");
  assert.equal(voteProblem(2, 1, false), null);
});

test("time to first answer is whole seconds, never negative", () => {
  assert.equal(secondsToFirstAnswer(new Date("2026-01-01T10:00:00Z"), new Date("2026-01-01T11:30:00.400Z")), 5400);
  assert.equal(secondsToFirstAnswer(new Date("2026-01-01T10:00:01Z"), new Date("2026-01-01T10:00:00Z")), 0);
});

test("median of odd and even counts, none for nothing", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 10]), 4);
  assert.equal(median([]), null);
});

test("routing picks people who answered similar questions well, best first, never the asker", () => {
  const recipients = routingRecipients(
    [
      { accountId: 7, accepted: 0, votes: 0, similarity: 0.9 },
      { accountId: 3, accepted: 1, votes: 0, similarity: 0.5 },
      { accountId: 4, accepted: 0, votes: 1, similarity: 0.9 },
      { accountId: 1, accepted: 1, votes: 5, similarity: 1 },
      { accountId: 4, accepted: 0, votes: 2, similarity: 0.4 },
    ],
    1,
    2,
  );
  assert.deepEqual(recipients, [4, 3]);
  assert.equal(routingCutoff(new Date("2026-01-01T10:00:00Z"), 4).toISOString(), "2026-01-01T06:00:00.000Z");
});

test("texts: blank is required, bounds are checked on trimmed length", () => {
  assert.deepEqual(textProblem("    ", 2, 10), { key: "errors.field.required" });
  assert.deepEqual(textProblem(" a ", 2, 10), { key: "qa.errors.tooShort", params: { min: 2 } });
  assert.deepEqual(textProblem("x".repeat(11), 2, 10), { key: "qa.errors.tooLong", params: { max: 10 } });
  assert.equal(textProblem("fine", 2, 10), null);
});

test("tags are trimmed, lower-cased and kept once", () => {
  assert.deepEqual(cleanTags([" Cleaning", "cleaning", "", "Recipes "]), ["cleaning", "recipes"]);
});

test("mentions: names with underscores for spaces, each once, not e-mail addresses", () => {
  assert.deepEqual(extractMentions("Thanks @Maryam_Rezaei and @مریم_رضایی! cc @Maryam_Rezaei. mail me at a@b.example"), ["maryam rezaei", "مریم رضایی"]);
  assert.deepEqual(extractMentions("no mentions here"), []);
  assert.equal(extractMentions(Array.from({ length: 20 }, (_, index) => `@user${index}`).join(" ")).length, 10);
});
