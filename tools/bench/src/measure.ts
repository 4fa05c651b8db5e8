/**
 * The harness: per-call cost in sustained batches where the event loop turns. One tinybench iteration
 * issues `batch` calls at once, awaits them all, then yields one `setImmediate` turn (so timers, sweepers
 * and other macrotasks a client schedules run, as they do on a server). Rounds are interleaved: every round
 * runs every case once, in an order rotated by the round number, so drift in CPU speed and load on a shared
 * machine hits all cases alike. Each case's figure in a round is divided by the figure of its comparison
 * case in the same round; the report is the median of those ratios with their min and max.
 */
import { Bench } from "tinybench";
import type { Case } from "./cases.js";

/** Settings of one run. */
export interface MeasureOptions {
  readonly rounds: number;
  /** Time per case per round (tinybench `time`), ms. */
  readonly timeMs: number;
  /** Calls issued concurrently per iteration. */
  readonly batch: number;
}

/** One case's per-call figures, one entry per round. */
export interface Samples {
  /** Median iteration time / batch, µs per call. */
  readonly wallUs: number[];
  /** process.cpuUsage (user + system) over the case's run / calls made, µs per call. */
  readonly cpuUs: number[];
}

/** A median with the spread it came from. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** The median's 95 % confidence interval, low end ({@link medianInterval}). */
  readonly lo: number;
  /** The median's 95 % confidence interval, high end. */
  readonly hi: number;
}

/** A median's 95 % confidence interval ({@link medianInterval}). */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/**
 * The ranks (1-based, in ascending order) of the order statistics that bound a median's distribution-free 95 %
 * confidence interval over `n` values: `l` and `n + 1 − l`, with `l` the largest rank such that
 * P(B ≤ l − 1) ≤ 2.5 % for B ~ Binomial(n, ½): the sign-test (binomial) interval of a median, as in W. J.
 * Conover, *Practical Nonparametric Statistics*. It assumes nothing of the values' distribution, only that
 * they are independent, as interleaved rounds are meant to be. Below 6 values no rank qualifies, and the
 * minimum and maximum (ranks 1 and n) are returned; their coverage is then below 95 %.
 */
export function medianIntervalRanks(n: number): { low: number; high: number } {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`medianIntervalRanks: n must be a positive integer, got ${n}`);
  let low = 1;
  // p = P(B = k), cdf = P(B ≤ k), from k = 0 upwards.
  let p = 0.5 ** n;
  let cdf = p;
  for (let k = 0; cdf <= 0.025 && k < n; k++) {
    low = k + 1;
    p = (p * (n - k)) / (k + 1);
    cdf += p;
  }
  return { low, high: n + 1 - low };
}

/** The median's 95 % confidence interval of a non-empty list ({@link medianIntervalRanks}). */
export function medianInterval(xs: readonly number[]): Interval {
  if (xs.length === 0) throw new Error("medianInterval of an empty list");
  return intervalOfSorted([...xs].sort((a, b) => a - b));
}

/** {@link medianInterval} of a list already sorted in ascending order. */
function intervalOfSorted(s: readonly number[]): Interval {
  const { low, high } = medianIntervalRanks(s.length);
  return { lo: s[low - 1]!, hi: s[high - 1]! };
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  return medianOfSorted([...xs].sort((a, b) => a - b));
}

/** {@link median} of a list already sorted in ascending order. */
function medianOfSorted(s: readonly number[]): number {
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median, min, max and the median's 95 % interval of a non-empty list (sorted once). */
export function spread(xs: readonly number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { median: medianOfSorted(s), min: s[0]!, max: s[s.length - 1]!, ...intervalOfSorted(s) };
}

/** A median with its interquartile range and its extremes. */
export interface Quartiles extends Spread {
  /** First quartile (linear interpolation between closest ranks). */
  readonly q1: number;
  /** Third quartile. */
  readonly q3: number;
}

/** Linear-interpolated quantile `p` (0–1) of a sorted non-empty list. */
function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Median, quartiles, min, max and the median's 95 % interval of a non-empty list. */
export function quartiles(xs: readonly number[]): Quartiles {
  if (xs.length === 0) throw new Error("quartiles of an empty list");
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: quantile(s, 0.5),
    q1: quantile(s, 0.25),
    q3: quantile(s, 0.75),
    min: s[0]!,
    max: s[s.length - 1]!,
    ...intervalOfSorted(s),
  };
}

/** Round-by-round ratios `a[i] / b[i]`. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x / b[i]!);
}

/**
 * The order of `items` in round `round`: rotated by the round number and reversed every other round, so each
 * item runs in each position equally often (for three items, six rounds run all six orders).
 */
export function interleave<T>(items: readonly T[], round: number): T[] {
  const n = items.length;
  const shift = ((round % n) + n) % n;
  const order = [...items.slice(shift), ...items.slice(0, shift)];
  if (round % 2 !== 0) order.reverse();
  return order;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function runCase(c: Case, options: MeasureOptions): Promise<{ wallUs: number; cpuUs: number }> {
  let calls = 0;
  const { batch } = options;
  const pending: Promise<unknown>[] = new Array(batch);
  const bench = new Bench({
    time: options.timeMs,
    iterations: 4,
    warmupTime: Math.max(20, options.timeMs / 5),
    warmupIterations: 2,
  });
  bench.add(c.id, async () => {
    for (let i = 0; i < batch; i++) pending[i] = c.call();
    await Promise.all(pending);
    await turn();
    calls += batch;
  });
  const before = process.cpuUsage();
  await bench.run();
  const cpu = process.cpuUsage(before);
  const task = bench.getTask(c.id);
  const result = task?.result;
  if (!result || !("latency" in result)) {
    throw new Error(
      `${c.id} did not complete: ${String((result as { error?: unknown } | undefined)?.error)}`,
    );
  }
  return { wallUs: (result.latency.p50! * 1000) / batch, cpuUs: (cpu.user + cpu.system) / calls };
}

/**
 * Checks every case answers what it should, then runs `rounds` interleaved rounds (plus one discarded
 * warm-up round) and returns each case's per-round figures.
 */
export async function measure(
  cases: readonly Case[],
  options: MeasureOptions,
  progress: (round: number) => void = () => {},
): Promise<Map<string, Samples>> {
  for (const c of cases) {
    const got = await c.probe();
    if (got !== c.expected)
      throw new Error(`${c.id} answered ${String(got)}, expected ${String(c.expected)}`);
  }
  const out = new Map<string, Samples>(cases.map((c) => [c.id, { wallUs: [], cpuUs: [] }]));
  for (let round = -1; round < options.rounds; round++) {
    for (const c of interleave(cases, round)) {
      const r = await runCase(c, options);
      if (round < 0) continue;
      const s = out.get(c.id)!;
      s.wallUs.push(r.wallUs);
      s.cpuUs.push(r.cpuUs);
    }
    progress(round);
  }
  return out;
}

/** Runs `batches` batches of 64 concurrent calls of `c`, each followed by one `setImmediate` turn. */
export async function driveBatches(c: Case, batches: number): Promise<void> {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const pending: Promise<unknown>[] = new Array(64);
  for (let b = 0; b < batches; b++) {
    for (let i = 0; i < 64; i++) pending[i] = c.call();
    await Promise.all(pending);
    await turn();
  }
}
