/** The harness's statistics: the median's confidence interval, and how a budget reports it. */
import { describe, expect, it } from "vitest";
import { atLeast, budget, budgetTable, medianBudget, verdict } from "../src/budget.js";
import { medianInterval, medianIntervalRanks, spread } from "../src/measure.js";

/** P(B ≤ k) for B ~ Binomial(n, ½), exactly (BigInt), as a Number. */
function binomialCdf(n: number, k: number): number {
  let term = 1n; // C(n, 0)
  let sum = 0n;
  for (let i = 0; i <= k; i++) {
    sum += term;
    term = (term * BigInt(n - i)) / BigInt(i + 1);
  }
  return Number((sum * 10n ** 15n) / 2n ** BigInt(n)) / 1e15;
}

describe("medianIntervalRanks", () => {
  it("matches the sign-test interval's textbook values", () => {
    // n = 10: ranks 2 and 9 (coverage 97.9 %); n = 20: 6 and 15 (95.9 %); n = 6: the extremes (96.9 %).
    expect(medianIntervalRanks(10)).toEqual({ low: 2, high: 9 });
    expect(medianIntervalRanks(20)).toEqual({ low: 6, high: 15 });
    expect(medianIntervalRanks(6)).toEqual({ low: 1, high: 6 });
  });

  it("gives the tightest ranks whose coverage is at least 95 %, for every n the bench uses", () => {
    for (let n = 6; n <= 220; n++) {
      const { low, high } = medianIntervalRanks(n);
      expect(high).toBe(n + 1 - low);
      // Coverage of [x(low), x(high)] is 1 − 2·P(B ≤ low − 1); one rank tighter falls below 95 %.
      expect(1 - 2 * binomialCdf(n, low - 1)).toBeGreaterThanOrEqual(0.95);
      expect(1 - 2 * binomialCdf(n, low)).toBeLessThan(0.95);
    }
  });

  it("falls back to the extremes below 6 values, and refuses a count that is not a positive integer", () => {
    for (let n = 1; n < 6; n++) expect(medianIntervalRanks(n)).toEqual({ low: 1, high: n });
    expect(() => medianIntervalRanks(0)).toThrow(/positive integer/);
    expect(() => medianIntervalRanks(2.5)).toThrow(/positive integer/);
  });
});

describe("medianInterval and spread", () => {
  it("picks the order statistics of the sorted values, whatever the input order", () => {
    const xs = [20, 3, 17, 8, 1, 12, 5, 19, 14, 9, 2, 16, 11, 7, 18, 4, 13, 6, 15, 10];
    expect(medianInterval(xs)).toEqual({ lo: 6, hi: 15 });
    expect(spread(xs)).toEqual({ median: 10.5, min: 1, max: 20, lo: 6, hi: 15 });
  });

  it("refuses an empty list", () => {
    expect(() => medianInterval([])).toThrow(/empty/);
  });
});

describe("a budget's interval", () => {
  it("marks a budget at the limit when the interval holds it, whichever way the median falls", () => {
    const pass = budget("a", 1.08, 1.1, "×", { lo: 1.05, hi: 1.12 });
    const miss = budget("b", 1.12, 1.1, "×", { lo: 1.09, hi: 1.15 });
    const clear = budget("c", 1.04, 1.1, "×", { lo: 1.02, hi: 1.07 });
    expect([verdict(pass), verdict(miss), verdict(clear)]).toEqual([
      "PASS, at the limit",
      "MISS, at the limit",
      "PASS",
    ]);
    expect(clear.atLimit).toBeUndefined();
    const floor = atLeast("d", 0.96, 0.95, "×", { lo: 0.94, hi: 0.98 });
    expect(floor).toMatchObject({ pass: true, atLeast: true, atLimit: true });
  });

  it("takes a median budget's value and interval from the per-round spread", () => {
    const xs = [1.12, 1.05, 1.09, 1.07, 1.11, 1.06, 1.08, 1.1, 1.04, 1.13];
    // 10 values: the interval runs from the 2nd to the 9th smallest.
    expect(medianBudget("r", spread(xs), 1.1, "×")).toEqual({
      name: "r",
      value: 1.085,
      limit: 1.1,
      unit: "×",
      pass: true,
      interval: { lo: 1.05, hi: 1.12 },
      atLimit: true,
    });
  });

  it("keeps a budget without an interval as before, and prints the interval column only when one has it", () => {
    const exact = budget("bundle", 11.004, 4, "KB");
    expect(exact).toEqual({ name: "bundle", value: 11.004, limit: 4, unit: "KB", pass: false });
    expect(budgetTable([exact])[0]).toBe("| budget | value | limit | verdict |");
    const table = budgetTable([exact, budget("ratio", 1.0912, 1.1, "×", { lo: 1.0734, hi: 1.1161 })]);
    expect(table[0]).toBe("| budget | value | 95 % interval | limit | verdict |");
    expect(table[2]).toBe("| bundle | 11.00 |  | ≤ 4 KB | MISS |");
    expect(table[3]).toBe("| ratio | 1.09 | 1.07–1.12 | ≤ 1.1 × | PASS, at the limit |");
  });
});
