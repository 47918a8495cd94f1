/** The royalty rules without a database: exact arithmetic (property-based), line checks, periods, CSV cells. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  agreementCovers,
  bookedRoyalty,
  changeDayProblem,
  convertLines,
  equalShares,
  floorDiv,
  minorToDecimal,
  nextStatus,
  parseRate,
  parseSalesLine,
  rateBefore,
  rateToDecimal,
  periodEnd,
  periodStart,
  rangesOverlap,
  refundExceeds,
  refundMatches,
  roundHalfUp,
  RATE_SCALE,
  royaltyForLine,
  splitByShares,
  utcDay,
  validShares,
  WHOLE_BP,
} from "./rules.ts";

/** Shares in basis points adding up to 10,000, for 1–5 creators. */
const sharesArb = fc.integer({ min: 1, max: 5 }).chain((count) =>
  fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: count, maxLength: count }).map((weights) => {
    const sum = weights.reduce((a, b) => a + b, 0);
    const shares = weights.map((weight) => Math.max(1, Math.floor((weight * WHOLE_BP) / sum)));
    shares[0] = (shares[0] ?? 0) + WHOLE_BP - shares.reduce((a, b) => a + b, 0);
    return shares;
  }),
).filter((shares) => shares.every((share) => share >= 1));

/** Net amounts of sales and returns, including large ones. */
const amountsArb = fc.array(fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -50_000, max: 0 }), fc.integer({ min: 0, max: 1_000_000_000_000 })), { maxLength: 60 });

describe("royalty arithmetic", () => {
  test("bigint floor division and half-up rounding", () => {
    assert.equal(floorDiv(-7n, 2n), -4n);
    assert.equal(floorDiv(7n, 2n), 3n);
    assert.equal(roundHalfUp(5n, 10n), 1n);
    assert.equal(roundHalfUp(-5n, 10n), 0n);
    assert.equal(roundHalfUp(14n, 10n), 1n);
    assert.equal(roundHalfUp(-15n, 10n), -1n);
    assert.equal(bookedRoyalty(1999n * 100n), 20n); // 1% of 19.99 → 0.1999 → 0.20
  });

  test("splits always add up to the whole and follow the shares", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -1_000_000_000_000_000n, max: 1_000_000_000_000_000n }), sharesArb, (total, shares) => {
        const parts = splitByShares(total, shares);
        assert.equal(parts.reduce((a, b) => a + b, 0n), total);
        parts.forEach((part, index) => {
          const exact = (total * BigInt(shares[index] ?? 0)) / BigInt(WHOLE_BP);
          assert.ok(part - exact <= 1n && exact - part <= 1n, "each part is within one minor unit of its exact share");
        });
      }),
    );
  });

  test("per line, rounding carried: the period's lines add up to the royalty of the period's total, and creators' parts to the lines", () => {
    fc.assert(
      fc.property(amountsArb, fc.integer({ min: 0, max: WHOLE_BP }), sharesArb, (amounts, rate, shares) => {
        let exactSum = 0n;
        let booked = 0n;
        const creators = shares.map(() => 0n);
        let debits = 0n;
        let credits = 0n;
        for (const amount of amounts) {
          const line = royaltyForLine({ exactSum }, amount, rate, shares);
          exactSum = line.exactSum;
          booked += line.royalty;
          debits += line.royalty;
          line.parts.forEach((part, index) => {
            creators[index] = (creators[index] ?? 0n) + part;
            credits += part;
          });
          assert.equal(line.parts.reduce((a, b) => a + b, 0n), line.royalty);
        }
        const whole = bookedRoyalty(amounts.reduce((sum, amount) => sum + BigInt(amount), 0n) * BigInt(rate));
        assert.equal(booked, whole, "sum of lines = royalty on the whole period");
        assert.equal(creators.reduce((a, b) => a + b, 0n), whole, "sum of creators = royalty on the whole period");
        assert.equal(debits, credits, "debits equal credits");
        assert.deepEqual(creators, splitByShares(whole, shares), "each creator holds their split of the whole");
      }),
    );
  });

  test("the order of lines does not change a period's totals", () => {
    fc.assert(
      fc.property(amountsArb, fc.integer({ min: 1, max: 500 }), sharesArb, fc.func(fc.integer()), (amounts, rate, shares, key) => {
        const run = (list: number[]) => {
          let exactSum = 0n;
          const creators = shares.map(() => 0n);
          for (const amount of list) {
            const line = royaltyForLine({ exactSum }, amount, rate, shares);
            exactSum = line.exactSum;
            line.parts.forEach((part, index) => (creators[index] = (creators[index] ?? 0n) + part));
          }
          return creators;
        };
        const shuffled = [...amounts].sort((a, b) => key(a) - key(b));
        assert.deepEqual(run(shuffled), run(amounts));
      }),
    );
  });

  test("equal shares add up to 10,000 and valid shares are checked", () => {
    for (let count = 1; count <= 7; count += 1) assert.equal(equalShares(count).reduce((a, b) => a + b, 0), WHOLE_BP);
    assert.deepEqual(equalShares(3), [3334, 3333, 3333]);
    assert.ok(validShares([{ accountId: 1, shareBp: 6000 }, { accountId: 2, shareBp: 4000 }]));
    assert.ok(!validShares([{ accountId: 1, shareBp: 6000 }, { accountId: 2, shareBp: 3999 }]));
    assert.ok(!validShares([{ accountId: 1, shareBp: 5000 }, { accountId: 1, shareBp: 5000 }]));
    assert.ok(!validShares([]));
  });
});

describe("sales lines", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const known = (sku: string) => sku === "BRICK-1";
  const good = { externalId: "S-1", sku: "BRICK-1", quantity: "2", netAmountMinor: "3998", currency: "EUR", soldAt: "2026-05-03T10:00:00Z" };
  const fields = (raw: Record<string, unknown>) => {
    const result = parseSalesLine(raw, known, now);
    return "errors" in result ? result.errors.map((error) => `${error.field}:${error.key}`) : [];
  };

  test("a good CSV line and a good JSON line parse to the same sale", () => {
    const csv = parseSalesLine(good, known, now);
    const json = parseSalesLine({ ...good, quantity: 2, netAmountMinor: 3998 }, known, now);
    assert.ok("line" in csv && "line" in json);
    assert.deepEqual(csv.line, json.line);
    assert.equal(csv.line.netAmountMinor, 3998);
    assert.equal(csv.line.refundOf, null);
  });

  test("malformed amounts are refused: 1,5 and 1e3 and NaN and 1.5 and spaces", () => {
    for (const amount of ["1,5", "1e3", "NaN", "1.5", " 12", "", "0x10", "Infinity", "99999999999999999"]) {
      assert.deepEqual(fields({ ...good, netAmountMinor: amount }), ["netAmountMinor:royalties.line.amount"], amount);
    }
    assert.deepEqual(fields({ ...good, netAmountMinor: 1.5 }), ["netAmountMinor:royalties.line.amount"]);
    assert.deepEqual(fields({ ...good, netAmountMinor: Number.NaN }), ["netAmountMinor:royalties.line.amount"]);
  });

  test("unknown SKU, unknown currency, bad dates", () => {
    assert.deepEqual(fields({ ...good, sku: "NOPE" }), ["sku:royalties.line.skuUnknown"]);
    for (const currency of ["XYZ", "eur", "EURO", ""]) assert.deepEqual(fields({ ...good, currency }), ["currency:royalties.line.currency"], currency);
    for (const soldAt of ["2026-02-30", "yesterday", "2026-13-01", "1999-12-31", "2026-07-01"]) assert.deepEqual(fields({ ...good, soldAt }), ["soldAt:royalties.line.soldAt"], soldAt);
    assert.deepEqual(fields({ ...good, soldAt: "2026-05-03" }), []);
  });

  test("a negative quantity must name the sale it refunds, and a refund is negative", () => {
    assert.deepEqual(fields({ ...good, quantity: "-1", netAmountMinor: "-1999" }), ["quantity:royalties.line.negativeWithoutRefund", "netAmountMinor:royalties.line.amountNegative"]);
    assert.deepEqual(fields({ ...good, quantity: "-1", netAmountMinor: "-1999", refundOf: "S-0" }), []);
    assert.deepEqual(fields({ ...good, refundOf: "S-0" }), ["quantity:royalties.line.refundPositive", "netAmountMinor:royalties.line.refundAmount"]);
    assert.deepEqual(fields({ ...good, quantity: "-1", netAmountMinor: "-1", refundOf: "S-1" }), ["refundOf:royalties.line.refundOf"]);
    assert.deepEqual(fields({ ...good, quantity: "0" }), ["quantity:royalties.line.quantity"]);
  });

  test("a refund names a sale of the same SKU and currency", () => {
    assert.equal(refundMatches({ sku: "A", currency: "EUR" }, { sku: "A", currency: "EUR", refundOf: null }), null);
    assert.equal(refundMatches({ sku: "A", currency: "EUR" }, { sku: "A", currency: "USD", refundOf: null })?.key, "royalties.line.refundMismatch");
    assert.equal(refundMatches({ sku: "A", currency: "EUR" }, { sku: "A", currency: "EUR", refundOf: "X" })?.key, "royalties.line.refundOfRefund");
  });
});

describe("agreements over time", () => {
  const ending = { effectiveFrom: "2025-01-01", effectiveTo: "2025-07-01" };
  const following = { effectiveFrom: "2025-07-01", effectiveTo: null };

  test("the instant an agreement ends belongs to the one that starts: midnight UTC, whatever the zone the sale was written in", () => {
    const at = (text: string) => utcDay(new Date(text));
    for (const [instant, first] of [
      ["2025-06-30T23:59:59.999Z", true],
      ["2025-07-01T00:00:00Z", false],
      ["2025-07-01T01:30:00+02:00", true],
      ["2025-06-30T20:00:00-04:00", false],
      ["2024-12-31T23:59:59Z", null],
    ] as const) {
      const day = at(instant);
      const covering = [ending, following].filter((agreement) => agreementCovers(agreement, day));
      assert.deepEqual(covering, first === null ? [] : [first ? ending : following], instant);
    }
  });

  test("a change goes forward, inside the agreement", () => {
    const open = { effectiveFrom: "2025-01-01", effectiveTo: null };
    assert.equal(changeDayProblem(open, "2025-07-01", "2025-06-15"), null);
    assert.equal(changeDayProblem(open, "2025-06-15", "2025-06-15"), null, "today is allowed");
    assert.equal(changeDayProblem(open, "2025-06-14", "2025-06-15"), "royalties.agreement.changePast");
    assert.equal(changeDayProblem(open, "2025-01-01", "2024-12-01"), "royalties.agreement.changeOutside", "not on its first day");
    assert.equal(changeDayProblem(ending, "2025-07-01", "2025-06-01"), "royalties.agreement.changeOutside", "not on or after its end");
    assert.equal(changeDayProblem(ending, "2025-06-30", "2025-06-01"), null);
    for (const day of ["2025-02-30", "2025-7-1", "tomorrow"]) assert.equal(changeDayProblem(open, day, "2025-01-15"), "royalties.agreement.changeDay", day);
  });
});

describe("periods, statements, CSV", () => {
  test("monthly and quarterly periods in UTC", () => {
    assert.equal(periodStart(new Date("2026-05-31T23:59:59Z"), "monthly"), "2026-05-01");
    assert.equal(periodStart(new Date("2026-05-31T23:59:59Z"), "quarterly"), "2026-04-01");
    assert.equal(periodEnd("2026-12-01", "monthly"), "2027-01-01");
    assert.equal(periodEnd("2026-10-01", "quarterly"), "2027-01-01");
    assert.ok(rangesOverlap({ from: "2026-01-01", to: null }, { from: "2027-01-01", to: "2028-01-01" }));
    assert.ok(!rangesOverlap({ from: "2026-01-01", to: "2027-01-01" }, { from: "2027-01-01", to: null }));
  });

  test("statements go draft → approved → paid only", () => {
    assert.equal(nextStatus("draft", "approve"), "approved");
    assert.equal(nextStatus("approved", "pay"), "paid");
    assert.equal(nextStatus("draft", "pay"), null);
    assert.equal(nextStatus("paid", "approve"), null);
    assert.equal(nextStatus("approved", "approve"), null);
  });


  test("minor units print as decimals without floats", () => {
    assert.equal(minorToDecimal(1999, 2), "19.99");
    assert.equal(minorToDecimal(-5, 2), "-0.05");
    assert.equal(minorToDecimal(700, 0), "700");
    assert.equal(minorToDecimal(9_007_199_254_740_991, 2), "90071992547409.91");
  });
});

describe("returns against their sale", () => {
  test("a return may take back the items left, not more", () => {
    const sale = { externalId: "S-1", quantity: 3 };
    assert.equal(refundExceeds(sale, 0, -3), null);
    assert.equal(refundExceeds(sale, 2, -1), null);
    assert.deepEqual(refundExceeds(sale, 2, -2), { field: "quantity", key: "royalties.line.refundExceeds", params: { id: "S-1", sold: 3, returned: 4 } });
    assert.notEqual(refundExceeds(sale, 3, -1), null);
  });

  test("any order of returns: accepted ones never add up to more than the sale", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 30 }), (sold, returns) => {
        let returned = 0;
        for (const items of returns) {
          const refused = refundExceeds({ externalId: "S", quantity: sold }, returned, -items) !== null;
          assert.equal(refused, returned + items > sold);
          if (!refused) returned += items;
        }
        assert.ok(returned <= sold);
      }),
    );
  });
});

describe("exchange rates", () => {
  test("rates are decimals with up to 8 places, kept as integers", () => {
    assert.equal(parseRate("0.92"), 92_000_000n);
    assert.equal(parseRate("151.23456789"), 15_123_456_789n);
    assert.equal(parseRate("1"), RATE_SCALE);
    for (const text of ["0", "0.000000000", "1.123456789", "-1", "1e3", "1,5", " 1", "", ".5", "01.5", "NaN"]) assert.equal(parseRate(text), null, text);
  });

  test("converted lines, each at its rate, add up exactly to the converted total (to the minor unit), each within a minor unit of its own conversion", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fc.bigInt({ min: -5_000_000n, max: 50_000_000n }), rate: fc.bigInt({ min: 1n, max: 50_000n * RATE_SCALE }) }), { maxLength: 80 }),
        fc.constantFrom(0, 2, 3),
        fc.constantFrom(0, 2, 3),
        (lines, fromDigits, toDigits) => {
          const converted = convertLines(lines, fromDigits, toDigits);
          const scale = 10n ** BigInt(toDigits);
          const denominator = RATE_SCALE * 10n ** BigInt(fromDigits);
          const exactTotal = lines.reduce((sum, line) => sum + line.amount * line.rate * scale, 0n);
          assert.equal(converted.reduce((sum, amount) => sum + amount, 0n), roundHalfUp(exactTotal, denominator));
          // Each line stays within a minor unit of its own exact conversion (the carry moves it by less than one).
          converted.forEach((line, index) => {
            const own = (lines[index]?.amount ?? 0n) * (lines[index]?.rate ?? 0n) * scale;
            const gap = line * denominator - own;
            assert.ok(gap <= denominator && -gap <= denominator, `line ${index}`);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  test("1.00 EUR at 151.5 to yen is 152 yen (half up); 100 yen at 0.0061 to euros is 0.61", () => {
    const at = (rate: string) => (amount: bigint) => ({ amount, rate: parseRate(rate) ?? 0n });
    assert.deepEqual(convertLines([100n].map(at("151.5")), 2, 0), [152n]);
    assert.deepEqual(convertLines([100n].map(at("0.0061")), 0, 2), [61n]);
    assert.deepEqual(convertLines([1n, 1n, 1n].map(at("0.5")), 2, 2), [1n, 0n, 1n]);
  });

  test("a kept rate is written back as the decimal finance wrote, for any rate", () => {
    assert.equal(rateToDecimal(92_000_000n), "0.92");
    assert.equal(rateToDecimal(RATE_SCALE), "1");
    assert.equal(rateToDecimal(15_123_456_789n), "151.23456789");
    assert.equal(rateToDecimal(1n), "0.00000001");
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 999_999_999_999n * RATE_SCALE }), (scaled) => {
        assert.equal(parseRate(rateToDecimal(scaled)), scaled);
      }),
    );
  });

  test("the rate in force on a day is the latest valid on or before it", () => {
    const rates = [{ day: "2025-04-01" }, { day: "2025-05-15" }, { day: "2025-06-01" }];
    assert.equal(rateBefore(rates, "2025-03-31"), undefined);
    assert.equal(rateBefore(rates, "2025-04-01"), rates[0]);
    assert.equal(rateBefore(rates, "2025-05-14"), rates[0]);
    assert.equal(rateBefore(rates, "2025-05-15"), rates[1]);
    assert.equal(rateBefore(rates, "2025-12-31"), rates[2]);
    assert.equal(rateBefore([], "2025-12-31"), undefined);
  });
});
