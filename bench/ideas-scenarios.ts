/**
 * What the ideas benchmark asks of Hearth: the idea list as an anonymous visitor (served from the
 * anonymous page cache) and as a signed-in member (rendered every time), and members supporting
 * and withdrawing through the API. The support scenario remembers what the API answered to each
 * member, so the database can be checked against it after the run.
 */
import type { IdeasBench } from "./ideas-seed.ts";
import type { Scenario } from "./load.ts";

export const IDEAS_LIST_PATH = "/ideas";

/** An anonymous visitor's browser: it accepts compressed pages, as every browser does. */
export const ideasListAnonymous: Scenario = { path: IDEAS_LIST_PATH, headers: { "accept-encoding": "gzip, deflate, br" }, expectStatus: 200 };

/** The same page to a client that accepts no compression (the full HTML on every hit). */
export const ideasListAnonymousPlain: Scenario = { path: IDEAS_LIST_PATH, expectStatus: 200 };

/** The default list (trending) for a signed-in member: rendered for every request. */
export function ideasListSignedIn(bench: IdeasBench): Scenario {
  return { path: IDEAS_LIST_PATH, headers: { cookie: bench.sessionCookie }, expectStatus: 200 };
}

/** Pages browsed through in the newest-first list. */
const NEWEST_PAGES = 20;

/** The newest-first list for a signed-in member, its first pages in turn. */
export function ideasNewestSignedIn(bench: IdeasBench): Scenario {
  let n = 0;
  return {
    path: `${IDEAS_LIST_PATH}?sort=newest&page=1`,
    headers: { cookie: bench.sessionCookie },
    expectStatus: 200,
    setupRequest(request) {
      n++;
      return { ...request, path: `${IDEAS_LIST_PATH}?sort=newest&page=${(n % NEWEST_PAGES) + 1}` };
    },
  };
}

/** Survey answers sent with some supports, as the support form offers them. */
const SURVEYS = ["{}", JSON.stringify({ wouldBuy: "yes", priceBand: "25_50", quantity: 2 }), JSON.stringify({ wouldBuy: "maybe" })];

/** What the API last confirmed for one member and idea. */
export interface SupportExpectation {
  memberId: number;
  ideaId: number;
  supported: boolean;
}

export interface SupportLoad {
  scenario: Scenario;
  /**
   * The state the API confirmed for every member and target idea, leaving out pairs whose last
   * request got no answer (still in flight when the run stopped) or an error.
   */
  expectations(): { known: SupportExpectation[]; unknown: number };
}

interface RequestContext {
  pair?: number;
  seq?: number;
  put?: boolean;
}

/**
 * The members in turn, each alternating between supporting its current idea (PUT) and withdrawing
 * (DELETE, then on to the next idea): half the members start as supporters, so every stretch of the
 * run mixes both. A member's next request comes BENCH_MEMBERS requests later, never while its
 * previous one is in flight.
 */
export function supportLoad(bench: IdeasBench): SupportLoad {
  const { members, targetIds } = bench;
  const ideas = targetIds.length;
  const current = members.map((member) => member.firstTarget);
  const supporting = members.map((member) => member.supportsFirst);
  // Per member and idea: the last request sent, the last one answered, and the state it confirmed.
  const pairs = members.length * ideas;
  const sent = new Int32Array(pairs);
  const answered = new Int32Array(pairs);
  const confirmed = new Int8Array(pairs);
  members.forEach((member, index) => (confirmed[index * ideas + member.firstTarget] = member.supportsFirst ? 1 : 0));
  let n = 0;

  const scenario: Scenario = {
    path: `/api/v1/ideas/${targetIds[0]}/support`,
    expectStatus: 200,
    // Every member once, support and withdrawal: their tokens looked up, as on a site in use.
    warmupRequests: members.length * 2,
    setupRequest(request, context: RequestContext) {
      const index = n % members.length;
      n++;
      const member = members[index];
      const target = current[index] ?? 0;
      const put = !supporting[index];
      const pair = index * ideas + target;
      sent[pair] = n;
      Object.assign(context, { pair, seq: n, put });
      supporting[index] = put;
      if (!put) current[index] = (target + 1) % ideas;
      const headers: Record<string, string> = { authorization: `Bearer ${member?.token ?? ""}` };
      const path = `/api/v1/ideas/${targetIds[target]}/support`;
      if (!put) return { ...request, method: "DELETE", path, headers, body: undefined };
      return { ...request, method: "PUT", path, headers: { ...headers, "content-type": "application/json" }, body: SURVEYS[n % SURVEYS.length] };
    },
    onResponse(status, _body, context: RequestContext) {
      const { pair, seq, put } = context;
      if (pair === undefined || seq === undefined || sent[pair] !== seq) return;
      answered[pair] = seq;
      confirmed[pair] = status === 200 ? (put ? 1 : 0) : -1;
    },
  };

  return {
    scenario,
    expectations() {
      const known: SupportExpectation[] = [];
      let unknown = 0;
      members.forEach((member, index) => {
        targetIds.forEach((ideaId, target) => {
          const pair = index * ideas + target;
          if (sent[pair] !== answered[pair] || confirmed[pair] === -1) unknown++;
          else known.push({ memberId: member.id, ideaId, supported: confirmed[pair] === 1 });
        });
      });
      return { known, unknown };
    },
  };
}
