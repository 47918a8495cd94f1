import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AppError } from "../../../../platform/errors.ts";
import { bayesianAverage, distribution, isValidRating, priorFrom } from "./rating.ts";
import { checkBallot, normalizePoll, pollResults } from "./polls.ts";
import { drawRoute, GPX_MAX_BYTES, GPX_MAX_POINTS, haversine, parseGpx, simplify, simplifyTo } from "./gpx.ts";
import { buildThread, MAX_DEPTH, quoteOf } from "./threads.ts";
import { normalizeTags, requireText } from "./text.ts";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return `${error.kind}:${error.code}`;
    throw error;
  }
  return "no error";
}

describe("Bayesian average", () => {
  test("no reviews sit at the prior's mean", () => {
    assert.equal(bayesianAverage({ sum: 0, count: 0 }, { mean: 3.8, weight: 5 }), 3.8);
  });
  test("one five-star review moves a product only part of the way", () => {
    assert.equal(bayesianAverage({ sum: 5, count: 1 }, { mean: 3, weight: 5 }), 3.33);
  });
  test("a hundred four-star reviews outrank one five-star review", () => {
    const prior = { mean: 3.5, weight: 5 };
    assert.ok(bayesianAverage({ sum: 400, count: 100 }, prior) > bayesianAverage({ sum: 5, count: 1 }, prior));
  });
  test("many reviews approach their own mean", () => {
    assert.equal(bayesianAverage({ sum: 4.5 * 10_000, count: 10_000 }, { mean: 3, weight: 5 }), 4.5);
  });
  test("the prior is the site-wide mean, or the scale's middle with no reviews", () => {
    assert.deepEqual(priorFrom({ sum: 80, count: 20 }), { mean: 4, weight: 5 });
    assert.deepEqual(priorFrom({ sum: 0, count: 0 }), { mean: 3, weight: 5 });
  });
  test("negative tallies are refused", () => {
    assert.throws(() => bayesianAverage({ sum: -1, count: 1 }), RangeError);
  });
  test("ratings are whole stars from 1 to 5; the distribution lists every star", () => {
    assert.deepEqual([0, 1, 3, 5, 6, 2.5].map(isValidRating), [false, true, true, true, false, false]);
    assert.deepEqual(distribution([{ rating: 5, count: 3 }, { rating: 1, count: 1 }]), [
      { stars: 5, count: 3 },
      { stars: 4, count: 0 },
      { stars: 3, count: 0 },
      { stars: 2, count: 0 },
      { stars: 1, count: 1 },
    ]);
  });
});

describe("polls", () => {
  test("options are trimmed and blanks dropped", () => {
    assert.deepEqual(normalizePoll({ question: " Which? ", options: [" a ", "", "b", "  "], multiple: false }), { question: "Which?", options: ["a", "b"], multiple: false });
  });
  test("a poll needs a question and 2 to 10 distinct options", () => {
    assert.equal(code(() => normalizePoll({ question: "", options: ["a", "b"], multiple: false })), "invalid:invalid_poll");
    assert.equal(code(() => normalizePoll({ question: "q", options: ["a"], multiple: false })), "invalid:invalid_poll");
    assert.equal(code(() => normalizePoll({ question: "q", options: Array.from({ length: 11 }, (_, i) => `o${i}`), multiple: false })), "invalid:invalid_poll");
    assert.equal(code(() => normalizePoll({ question: "q", options: ["Yes", "yes"], multiple: false })), "invalid:invalid_poll");
  });
  const poll = { multiple: false, optionIds: [1, 2, 3], closed: false, alreadyVoted: false };
  test("a single-choice poll takes one option", () => {
    assert.deepEqual(checkBallot(poll, [2]), [2]);
    assert.equal(code(() => checkBallot(poll, [1, 2])), "invalid:single_choice");
  });
  test("a multiple-choice poll takes several, each once", () => {
    assert.deepEqual(checkBallot({ ...poll, multiple: true }, [1, 3]), [1, 3]);
    assert.equal(code(() => checkBallot({ ...poll, multiple: true }, [1, 1])), "invalid:invalid_choice");
  });
  test("one ballot per member; none on a closed poll; only the poll's options", () => {
    assert.equal(code(() => checkBallot({ ...poll, alreadyVoted: true }, [1])), "conflict:already_voted");
    assert.equal(code(() => checkBallot({ ...poll, closed: true }, [1])), "conflict:poll_closed");
    assert.equal(code(() => checkBallot(poll, [9])), "invalid:invalid_choice");
    assert.equal(code(() => checkBallot(poll, [])), "invalid:no_choice");
  });
  test("results are shares of the voters", () => {
    assert.deepEqual(pollResults([{ id: 1, label: "a", votes: 2 }, { id: 2, label: "b", votes: 1 }], 3).map((row) => row.percent), [67, 33]);
    assert.deepEqual(pollResults([{ id: 1, label: "a", votes: 0 }], 0).map((row) => row.percent), [0]);
  });
});

const gpx = (body: string, name = "Coast road") => `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><metadata><name>${name}</name></metadata>${body}</gpx>`;
const track = (points: Array<[number, number]>) => `<trk><trkseg>${points.map(([lat, lon]) => `<trkpt lat="${lat}" lon="${lon}"><ele>10</ele></trkpt>`).join("")}</trkseg></trk>`;

describe("GPX", () => {
  test("reads track points, the name and the length", () => {
    const route = parseGpx(gpx(track([[48.8, 9.1], [48.81, 9.12], [48.83, 9.15]])));
    assert.equal(route.name, "Coast road");
    assert.deepEqual(route.points, [[48.8, 9.1], [48.81, 9.12], [48.83, 9.15]]);
    assert.ok(route.distanceMeters > 4900 && route.distanceMeters < 5050, String(route.distanceMeters));
  });
  test("reads route points too, and a track's name when there is no metadata", () => {
    const route = parseGpx(`<gpx><rte><name>R</name><rtept lat="1" lon="2"/><rtept lat="1.1" lon="2.1"/></rte></gpx>`);
    assert.equal(route.name, "R");
    assert.equal(route.points.length, 2);
  });
  test("the name's entities are decoded to plain text (shown escaped, like any text)", () => {
    const route = parseGpx(gpx(track([[1, 2], [1.1, 2.1]]), "Coast &amp; &lt;svg onload=alert(1)&gt; &#x2014; hills"));
    assert.equal(route.name, "Coast & <svg onload=alert(1)> \u2014 hills");
  });
  test("refuses what is not a GPX route", () => {
    assert.equal(code(() => parseGpx("not xml at all <")), "invalid:invalid_gpx");
    assert.equal(code(() => parseGpx("<kml><trkpt lat='1' lon='2'/></kml>")), "invalid:invalid_gpx");
    assert.equal(code(() => parseGpx(gpx(track([[1, 2]])))), "invalid:invalid_gpx");
    assert.equal(code(() => parseGpx(gpx(track([[91, 2], [1, 2]])))), "invalid:invalid_gpx");
    assert.equal(code(() => parseGpx(gpx(`<trk><trkseg><trkpt lat="x" lon="2"/><trkpt lat="1" lon="2"/></trkseg></trk>`))), "invalid:invalid_gpx");
  });
  test("refuses entity declarations (no entity bombs, no external entities)", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><gpx><metadata><name>&b;</name></metadata>${track([[1, 2], [1, 3]])}</gpx>`;
    assert.equal(code(() => parseGpx(bomb)), "invalid:invalid_gpx");
  });
  test("refuses huge files and too many points", () => {
    assert.equal(code(() => parseGpx(Buffer.alloc(GPX_MAX_BYTES + 1, 32))), "invalid:invalid_gpx");
    const many = Array.from({ length: GPX_MAX_POINTS + 1 }, (_, i) => [0, i / 100_000] as [number, number]);
    assert.equal(code(() => parseGpx(`<gpx><trk><trkseg>${many.map(([lat, lon]) => `<trkpt lat="${lat}" lon="${lon}"/>`).join("")}</trkseg></trk></gpx>`)), "invalid:invalid_gpx");
  });
  test("haversine: one degree of latitude is about 111 km", () => {
    assert.ok(Math.abs(haversine([0, 0], [1, 0]) - 111_195) < 10);
  });
  test("simplification drops points on a straight line and keeps the corners", () => {
    const line: Array<[number, number]> = [[0, 0], [0, 1], [0, 2], [0, 3], [1, 3], [2, 3]];
    assert.deepEqual(simplify(line, 0.01), [[0, 0], [0, 3], [2, 3]]);
  });
  test("a long wiggly track is brought under the point budget, ends kept", () => {
    const wiggly = Array.from({ length: 20_000 }, (_, i) => [Math.sin(i / 50) * 0.01 + i * 1e-5, i * 2e-5] as [number, number]);
    const simple = simplifyTo(wiggly, 400);
    assert.ok(simple.length <= 400 && simple.length > 20, String(simple.length));
    assert.deepEqual(simple[0], wiggly[0]);
    assert.deepEqual(simple.at(-1), wiggly.at(-1));
  });
  test("the drawing is numbers in a box, north up", () => {
    const drawing = drawRoute([[0, 0], [1, 1]], 100, 0);
    assert.equal(drawing.polyline, "0,100 100,0");
    assert.match(drawRoute([[48.8, 9.1], [48.9, 9.3], [48.7, 9.2]]).polyline, /^[0-9., ]+$/);
  });
});

describe("threads", () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
  test("replies follow the post they answer, oldest first", () => {
    const posts = [
      { id: 1, replyToId: null, createdAt: at(0) },
      { id: 2, replyToId: null, createdAt: at(1) },
      { id: 3, replyToId: 1, createdAt: at(2) },
      { id: 4, replyToId: 3, createdAt: at(3) },
      { id: 5, replyToId: 1, createdAt: at(4) },
    ];
    assert.deepEqual(buildThread(posts).map((post) => [post.id, post.depth]), [[1, 0], [3, 1], [4, 2], [5, 1], [2, 0]]);
  });
  test("depth is capped; a missing parent or a cycle puts the reply at the top", () => {
    const chain = Array.from({ length: 8 }, (_, i) => ({ id: i + 1, replyToId: i === 0 ? null : i, createdAt: at(i) }));
    assert.equal(Math.max(...buildThread(chain).map((post) => post.depth)), MAX_DEPTH);
    assert.deepEqual(buildThread([{ id: 7, replyToId: 99, createdAt: at(0) }]).map((post) => post.depth), [0]);
    const cycle = [
      { id: 1, replyToId: 2, createdAt: at(0) },
      { id: 2, replyToId: 1, createdAt: at(1) },
    ];
    assert.deepEqual(buildThread(cycle).map((post) => post.id).sort(), [1, 2]);
  });
  test("quotes are markdown blockquotes, shortened", () => {
    assert.equal(quoteOf("one\ntwo"), "> one\n> two");
    assert.equal(quoteOf("x".repeat(10), 4), "> xxxx…");
  });
});

describe("text and tags", () => {
  test("required text is trimmed and bounded", () => {
    assert.equal(requireText("body", "  hi ", 10), "hi");
    assert.equal(code(() => requireText("body", "   ", 10)), "invalid:text_required");
    assert.equal(code(() => requireText("body", "x".repeat(11), 10)), "invalid:text_too_long");
  });
  test("tags: lower-case, unique, letters in any script, no markup", () => {
    assert.deepEqual(normalizeTags("Route, #alps route، جاده <script> כביש"), ["route", "alps", "جاده", "כביש"]);
  });
});
