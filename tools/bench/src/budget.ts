/**
 * The budgets of the issue, as every group reports them: `results.json` holds them as
 * `budgets: [{ name, value, limit, unit, pass }]`, and the console prints each with PASS/MISS.
 */

/** One budget, checked as `value <= limit` (or `value >= limit` when `atLeast`). */
export interface Budget {
  readonly name: string;
  readonly value: number;
  readonly limit: number;
  readonly unit: string;
  readonly pass: boolean;
  /** Present (`true`) on a floor such as a throughput ratio: the value must reach the limit. */
  readonly atLeast?: true;
}

/** A budget `value ≤ limit` (value rounded to 3 decimals for the report; the check uses the exact value). */
export function budget(name: string, value: number, limit: number, unit: string): Budget {
  return { name, value: Number(value.toFixed(3)), limit, unit, pass: value <= limit };
}

/** A floor `value ≥ limit`, e.g. throughput relative to a baseline. */
export function atLeast(name: string, value: number, limit: number, unit: string): Budget {
  return { name, value: Number(value.toFixed(3)), limit, unit, pass: value >= limit, atLeast: true };
}

/** What one group of measurements hands the runner. */
export interface GroupReport {
  /** Markdown lines printed before the budgets (tables, notes). */
  readonly lines: readonly string[];
  readonly budgets: readonly Budget[];
  /** Raw figures, written to results.json under the group's name. */
  readonly data: unknown;
}

/** The budgets as a Markdown table with PASS/MISS. */
export function budgetTable(budgets: readonly Budget[]): string[] {
  return [
    "| budget | value | limit | verdict |",
    "|---|---:|---:|---|",
    ...budgets.map(
      (b) =>
        `| ${b.name} | ${b.value.toFixed(2)} | ${b.atLeast ? "≥" : "≤"} ${b.limit} ${b.unit} | ${b.pass ? "PASS" : "MISS"} |`,
    ),
  ];
}
