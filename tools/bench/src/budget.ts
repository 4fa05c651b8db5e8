/**
 * The budgets of the issue, as every group reports them: `results.json` holds them as
 * `budgets: [{ name, value, limit, unit, pass }]`, and the console prints each with PASS/MISS.
 */
import type { Interval } from "./measure.js";

/** One budget, checked as `value <= limit` (or `value >= limit` when `atLeast`). */
export interface Budget {
  readonly name: string;
  readonly value: number;
  readonly limit: number;
  readonly unit: string;
  readonly pass: boolean;
  /** Present (`true`) on a floor such as a throughput ratio: the value must reach the limit. */
  readonly atLeast?: true;
  /** Where the value is a median of per-round figures: its 95 % confidence interval (measure.ts, `medianInterval`). */
  readonly interval?: Interval;
  /**
   * Present (`true`) when the interval holds the limit: the run cannot tell a pass from a miss, and the
   * verdict may flip from one run to the next.
   */
  readonly atLimit?: true;
}

const r3 = (x: number) => Number(x.toFixed(3));

function make(
  name: string,
  value: number,
  limit: number,
  unit: string,
  pass: boolean,
  interval: Interval | undefined,
): Budget {
  const b: Budget = { name, value: r3(value), limit, unit, pass };
  if (!interval) return b;
  return {
    ...b,
    interval: { lo: r3(interval.lo), hi: r3(interval.hi) },
    ...(interval.lo <= limit && limit <= interval.hi ? { atLimit: true as const } : {}),
  };
}

/**
 * A budget `value ≤ limit` (value rounded to 3 decimals for the report; the check uses the exact value). With
 * `interval` (a median's 95 % interval), the budget also says whether the run can tell a pass from a miss.
 */
export function budget(
  name: string,
  value: number,
  limit: number,
  unit: string,
  interval?: Interval,
): Budget {
  return make(name, value, limit, unit, value <= limit, interval);
}

/** A budget on a median of per-round ratios: `≤ limit`, with the median's 95 % interval (measure.ts `Spread`). */
export function medianBudget(
  name: string,
  spread: Interval & { readonly median: number },
  limit: number,
  unit: string,
): Budget {
  return budget(name, spread.median, limit, unit, spread);
}

/** A floor `value ≥ limit`, e.g. throughput relative to a baseline; `interval` as for {@link budget}. */
export function atLeast(
  name: string,
  value: number,
  limit: number,
  unit: string,
  interval?: Interval,
): Budget {
  return { ...make(name, value, limit, unit, value >= limit, interval), atLeast: true };
}

/** What one group of measurements hands the runner. */
export interface GroupReport {
  /** Markdown lines printed before the budgets (tables, notes). */
  readonly lines: readonly string[];
  readonly budgets: readonly Budget[];
  /** Raw figures, written to results.json under the group's name. */
  readonly data: unknown;
}

/** A budget's 95 % interval as `lo–hi` (2 decimals), or "" for a budget without one. */
export function intervalText(b: Budget): string {
  return b.interval ? `${b.interval.lo.toFixed(2)}–${b.interval.hi.toFixed(2)}` : "";
}

/** A budget's verdict: PASS or MISS, and "at the limit" when its interval holds the limit. */
export function verdict(b: Budget): string {
  return `${b.pass ? "PASS" : "MISS"}${b.atLimit ? ", at the limit" : ""}`;
}

/** The budgets as a Markdown table with PASS/MISS (and a median's 95 % interval where there is one). */
export function budgetTable(budgets: readonly Budget[]): string[] {
  const withInterval = budgets.some((b) => b.interval);
  return [
    `| budget | value | ${withInterval ? "95 % interval | " : ""}limit | verdict |`,
    `|---|---:|${withInterval ? "---:|" : ""}---:|---|`,
    ...budgets.map((b) => {
      const interval = withInterval ? `${intervalText(b)} | ` : "";
      return `| ${b.name} | ${b.value.toFixed(2)} | ${interval}${b.atLeast ? "≥" : "≤"} ${b.limit} ${b.unit} | ${verdict(b)} |`;
    }),
  ];
}
