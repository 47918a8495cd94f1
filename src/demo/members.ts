/** The demo's members: ~500 people writing in English, Persian or Hebrew, who joined over two years. */
import type { Locale } from "../platform/i18n/index.ts";
import { insertDemoAccounts, type NewDemoAccount } from "./accounts.ts";
import type { DemoStep } from "./context.ts";
import { NAMES } from "./names.ts";
import type { Random } from "./random.ts";

export const MEMBER_COUNT = 500;
const LANGUAGE_WEIGHTS: Record<Locale, number> = { en: 50, fa: 25, he: 25 };
const VERIFIED_SHARE = 0.9;
const DOMAINS = ["example.com", "example.org", "example.net"];
const SPAN_DAYS = 730;
const DAY_MS = 86_400_000;

/** Days before now, more of them recent: the community grew steadily. */
function joinedDaysAgo(rng: Random): number {
  return SPAN_DAYS * (1 - Math.sqrt(rng.next()));
}

function uniqueEmail(local: string, domain: string, taken: Set<string>): string {
  let email = `${local}@${domain}`;
  for (let n = 2; taken.has(email); n++) email = `${local}${n}@${domain}`;
  taken.add(email);
  return email;
}

/** The members' details, oldest first; pure, so the same seed gives the same people. */
export function generateMembers(rng: Random, now: Date, count = MEMBER_COUNT): NewDemoAccount[] {
  const taken = new Set<string>();
  const members: NewDemoAccount[] = [];
  for (let i = 0; i < count; i++) {
    const language = rng.weighted(LANGUAGE_WEIGHTS);
    const [firstName, firstLatin] = rng.pick(NAMES[language].first);
    const [lastName, lastLatin] = rng.pick(NAMES[language].last);
    const joinedAt = new Date(Math.floor(now.getTime() - joinedDaysAgo(rng) * DAY_MS));
    const verified = rng.chance(VERIFIED_SHARE);
    const verifiedAt = verified ? new Date(joinedAt.getTime() + rng.int(1, 180) * 60_000) : null;
    members.push({
      email: uniqueEmail(`${firstLatin}.${lastLatin}`, rng.pick(DOMAINS), taken),
      name: `${firstName} ${lastName}`,
      language,
      locale: language,
      joinedAt,
      // A verification a moment after "now" would be in the future: clamp it.
      verifiedAt: verifiedAt && verifiedAt > now ? now : verifiedAt,
    });
  }
  return members.sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
}

export const membersStep: DemoStep = {
  name: "members",
  async run(db, rng, context) {
    context.members = await insertDemoAccounts(db, generateMembers(rng, context.now), context.passwordHash);
    return `${context.members.length} members`;
  },
};
