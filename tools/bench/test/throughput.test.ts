/** The throughput group: its statistics, its round orders and one small real run over loopback. */
import { describe, expect, it } from "vitest";
import { interleave, quartiles } from "../src/measure.js";
import { runThroughput, SIDES, type SideSamples, summarise } from "../src/throughput.js";

describe("quartiles", () => {
  it("interpolates between closest ranks, whatever the input order", () => {
    // Below 6 values the median's interval is the whole range (measure.test.ts).
    expect(quartiles([5, 1, 4, 2, 3])).toEqual({ median: 3, q1: 2, q3: 4, min: 1, max: 5, lo: 1, hi: 5 });
    expect(quartiles([4, 1, 3, 2])).toEqual({
      median: 2.5,
      q1: 1.75,
      q3: 3.25,
      min: 1,
      max: 4,
      lo: 1,
      hi: 4,
    });
    expect(quartiles([7])).toEqual({ median: 7, q1: 7, q3: 7, min: 7, max: 7, lo: 7, hi: 7 });
  });

  it("refuses an empty list", () => {
    expect(() => quartiles([])).toThrow(/empty/);
  });
});

describe("interleave", () => {
  it("runs three sides in all six orders over six rounds, each side first twice", () => {
    const orders = Array.from({ length: 6 }, (_, round) => interleave(SIDES, round).join(","));
    expect(new Set(orders).size).toBe(6);
    const first = orders.map((o) => o.split(",")[0]);
    for (const side of SIDES) expect(first.filter((s) => s === side)).toHaveLength(2);
  });

  it("gives a negative (warm-up) round an order too", () => {
    expect(interleave(SIDES, -1)).toHaveLength(3);
    expect(new Set(interleave(SIDES, -5))).toEqual(new Set(SIDES));
  });
});

describe("summarise", () => {
  it("takes each ratio within its own round, not from the sides' medians", () => {
    // Round 2 is slow for every side (load): within-round ratios stay 0.9 while the medians of the sides would
    // give 800 / 1000 = 0.8.
    const samples: SideSamples = {
      bare: { perSecond: [1000, 200, 1000], cpuUs: [100, 500, 100] },
      keyway: { perSecond: [900, 180, 800], cpuUs: [110, 550, 130] },
      untimed: { perSecond: [1000, 190, 950], cpuUs: [100, 520, 105] },
    };
    const s = summarise(samples);
    expect(s.ratios).toEqual([0.9, 0.9, 0.8]);
    expect(s.ratio.median).toBeCloseTo(0.9);
    expect(s.cpuRatio.median).toBeCloseTo(1.1);
    expect(s.untimedRatio.median).toBeCloseTo(0.95);
    expect(s.timeoutRatio.median).toBeCloseTo(0.9);
  });
});

describe("runThroughput", () => {
  it("measures every side in every round over loopback and keeps results.json's fields", async () => {
    const report = await runThroughput({
      concurrency: 4,
      calls: 12,
      rounds: 3,
      warmupRounds: 1,
      roundTimeoutMs: 60_000,
    });
    const data = report.data as {
      perSecond: Record<string, number[]>;
      cpuUs: Record<string, number[]>;
      ratios: number[];
      orders: string[];
      heapWarm: number;
      heapEnd: number;
      summary: { ratio: { median: number } };
    };
    for (const side of SIDES) {
      expect(data.perSecond[side]).toHaveLength(3);
      expect(data.cpuUs[side]).toHaveLength(3);
      for (const x of [...data.perSecond[side]!, ...data.cpuUs[side]!]) expect(x).toBeGreaterThan(0);
    }
    expect(data.ratios).toEqual(data.perSecond.keyway!.map((k, i) => k / data.perSecond.bare![i]!));
    expect(data.orders).toEqual([0, 1, 2].map((r) => interleave(SIDES, r).join(",")));
    expect(data.heapWarm).toBeGreaterThan(0);
    expect(data.heapEnd).toBeGreaterThan(0);
    expect(report.budgets.map((b) => b.name)).toEqual([
      "Keyway HIOBuy loopback throughput at concurrency 64",
      "Heap after the throughput run",
    ]);
    expect(report.budgets[0]!.value).toBeCloseTo(data.summary.ratio.median, 3);
  }, 60_000);
});
