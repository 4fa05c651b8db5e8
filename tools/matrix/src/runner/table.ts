/**
 * The verdict and the table, as pure functions of what each runtime reported: a check passes only when it
 * ran and passed on a runtime that took the crypto path @keyway/auth must choose there.
 */
import { CHECK_NAMES } from "../probe/probe.js";
import type { ProbeReport } from "../probe/types.js";

/** One runtime's column: its report, or why there is none. */
export type Column = {
  readonly label: string;
  readonly expectedPath: "node" | "web";
} & (
  | { readonly status: "ran"; readonly report: ProbeReport }
  | { readonly status: "missing"; readonly reason: string }
  | { readonly status: "error"; readonly reason: string }
);

/** Every reason the matrix fails, one line each (empty: everything passed on every runtime). */
export function failures(columns: readonly Column[]): string[] {
  const out: string[] = [];
  for (const c of columns) {
    if (c.status === "missing") {
      out.push(`${c.label}: runtime missing: ${c.reason}`);
      continue;
    }
    if (c.status === "error") {
      out.push(`${c.label}: the probe did not report: ${c.reason}`);
      continue;
    }
    const { report } = c;
    if (report.cryptoPath !== c.expectedPath) {
      out.push(`${c.label}: crypto path ${report.cryptoPath}, expected ${c.expectedPath}`);
    }
    const usedWeb = report.webCryptoCalls > 0;
    if (usedWeb !== (report.cryptoPath === "web")) {
      out.push(`${c.label}: says ${report.cryptoPath} but made ${report.webCryptoCalls} Web Crypto calls`);
    }
    for (const name of CHECK_NAMES) {
      const check = report.checks.find((k) => k.name === name);
      if (!check) out.push(`${c.label}: ${name}: did not run`);
      else if (!check.ok) out.push(`${c.label}: ${name}: ${check.error ?? "failed"}`);
    }
  }
  return out;
}

function cell(c: Column, name: string): string {
  if (c.status === "missing") return "missing";
  if (c.status === "error") return "error";
  const check = c.report.checks.find((k) => k.name === name);
  if (!check) return "not run";
  return check.ok ? `ok ${check.ms} ms` : "FAIL";
}

/** The table: one row per check, one column per runtime (cells `ok <ms> ms`, `FAIL`, `missing`). */
export function renderTable(columns: readonly Column[]): string {
  const header = ["check", ...columns.map((c) => c.label)];
  const info = (f: (r: ProbeReport) => string) =>
    columns.map((c) => (c.status === "ran" ? f(c.report) : c.status));
  const rows = [
    ["runtime", ...info((r) => r.runtime)],
    ["crypto path", ...info((r) => `${r.cryptoPath === "web" ? "Web Crypto" : "node:crypto"}`)],
    ...CHECK_NAMES.map((name) => [name, ...columns.map((c) => cell(c, name))]),
    ["total", ...info((r) => `${r.checks.reduce((sum, k) => sum + k.ms, 0)} ms`)],
  ];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) => `| ${r.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
