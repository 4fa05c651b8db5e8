import { describe, expect, it } from "vitest";
import { CHECK_NAMES } from "../src/probe/probe.js";
import type { CheckResult, ProbeReport } from "../src/probe/types.js";
import { type Column, failures, renderTable } from "../src/runner/table.js";

const passing = (): CheckResult[] => CHECK_NAMES.map((name) => ({ name, ok: true, ms: 3, count: 1 }));
const report = (over: Partial<ProbeReport> = {}): ProbeReport => ({
  runtime: "node 20.20.0",
  cryptoPath: "node",
  webCryptoCalls: 0,
  checks: passing(),
  ...over,
});
const ran = (r: ProbeReport, expectedPath: "node" | "web" = "node"): Column => ({
  label: "rt",
  expectedPath,
  status: "ran",
  report: r,
});

describe("failures", () => {
  it("is empty when every check passed on the expected path, and Web Crypto ran only on the web path", () => {
    expect(failures([ran(report()), ran(report({ cryptoPath: "web", webCryptoCalls: 40 }), "web")])).toEqual(
      [],
    );
  });

  it("names a failed check with its error, and a check that did not run", () => {
    const checks = passing()
      .filter((c) => c.name !== "sandbox hyper")
      .map((c) => (c.name === "sgate signature" ? { ...c, ok: false, error: "Error: bad signature" } : c));
    expect(failures([ran(report({ checks }))])).toEqual([
      "rt: sgate signature: Error: bad signature",
      "rt: sandbox hyper: did not run",
    ]);
  });

  it("fails a runtime that took the other crypto path, or whose Web Crypto use contradicts its label", () => {
    expect(failures([ran(report({ cryptoPath: "web", webCryptoCalls: 5 }))])).toEqual([
      "rt: crypto path web, expected node",
    ]);
    expect(failures([ran(report({ webCryptoCalls: 2 }))])).toEqual([
      "rt: says node but made 2 Web Crypto calls",
    ]);
    expect(failures([ran(report({ cryptoPath: "web" }), "web")])).toEqual([
      "rt: says web but made 0 Web Crypto calls",
    ]);
  });

  it("counts a missing runtime and a probe that did not report as failures, never as skipped", () => {
    const cols: Column[] = [
      { label: "bun", expectedPath: "node", status: "missing", reason: "bun is not installed" },
      { label: "deno", expectedPath: "node", status: "error", reason: "killed after 120000 ms" },
    ];
    expect(failures(cols)).toEqual([
      "bun: runtime missing: bun is not installed",
      "deno: the probe did not report: killed after 120000 ms",
    ]);
  });
});

describe("renderTable", () => {
  it("has a row per check and a column per runtime, with the crypto path and the cells' outcome", () => {
    const checks = passing().map((c) => (c.name === "sandbox sgate" ? { ...c, ok: false } : c));
    const table = renderTable([
      ran(report({ checks })),
      { label: "bun", expectedPath: "node", status: "missing", reason: "not installed" },
    ]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(2 + 2 + CHECK_NAMES.length + 1);
    expect(lines[0]).toMatch(/^\| check +\| rt +\| bun +\|$/);
    expect(table).toMatch(/\| crypto path +\| node:crypto +\| missing +\|/);
    expect(table).toMatch(/\| sandbox sgate +\| FAIL +\| missing +\|/);
    expect(table).toMatch(/\| hmac-sha1 \(RFC 2202\) +\| ok 3 ms +\| missing +\|/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});
