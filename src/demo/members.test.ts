import assert from "node:assert/strict";
import { test } from "node:test";
import { generateMembers, MEMBER_COUNT } from "./members.ts";
import { Random } from "./random.ts";

test("members are reproducible: same seed and moment, same people", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  const first = generateMembers(new Random(5), now);
  assert.deepEqual(first, generateMembers(new Random(5), now));
  assert.notDeepEqual(first, generateMembers(new Random(6), now));
});

test("members are believable: three languages in their own scripts, unique emails, joined over two years", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  const members = generateMembers(new Random(5), now);
  assert.equal(members.length, MEMBER_COUNT);
  assert.equal(new Set(members.map((member) => member.email)).size, members.length);
  const script = { en: /^[A-Za-z ]+$/, fa: /^[\u0600-\u06FF\u200C ]+$/, he: /^[\u0590-\u05FF ]+$/ };
  for (const member of members) {
    assert.match(member.name, script[member.language], member.name);
    assert.equal(member.locale, member.language);
    assert.match(member.email, /^[a-z]+\.[a-z]+\d*@example\.(com|org|net)$/);
    const days = (now.getTime() - member.joinedAt.getTime()) / 86_400_000;
    assert.ok(days >= 0 && days <= 730, `joined ${days} days ago`);
    if (member.verifiedAt) assert.ok(member.verifiedAt >= member.joinedAt && member.verifiedAt <= now);
  }
  for (const language of ["en", "fa", "he"] as const) {
    assert.ok(members.filter((member) => member.language === language).length > 80, language);
  }
  const verified = members.filter((member) => member.verifiedAt).length / members.length;
  assert.ok(verified > 0.8 && verified < 0.97, `verified share ${verified}`);
  // Oldest first, and more of them recent than old: a growing community.
  assert.ok(members.every((member, i) => i === 0 || member.joinedAt >= (members[i - 1]?.joinedAt ?? member.joinedAt)));
  const lastYear = members.filter((member) => now.getTime() - member.joinedAt.getTime() < 365 * 86_400_000).length;
  assert.ok(lastYear > members.length / 2);
});
