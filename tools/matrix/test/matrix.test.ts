import { describe, expect, it } from "vitest";
import { CHECK_NAMES } from "../src/probe/probe.js";
import { runMatrix } from "../src/runner/matrix.js";
import { CI_RUNTIMES } from "../src/runner/runtimes.js";
import { failures, renderTable } from "../src/runner/table.js";

// CI's share of `pnpm test:matrix`: the probe (dist/probe, built by this package's `test` script from the
// packages' dist) on the host Node, Node 24 and headless Chromium, against one sandbox.
describe("the runtime matrix, CI subset (Node 20 host, Node 24, Chromium)", () => {
  it("passes every vector and sandbox round trip; node:crypto on Node, Web Crypto in Chromium", async () => {
    const columns = await runMatrix({ runtimes: CI_RUNTIMES });
    console.log(renderTable(columns));
    expect(failures(columns)).toEqual([]);
    expect(columns.map((c) => c.status)).toEqual(["ran", "ran", "ran"]);
    const reports = columns.map((c) => (c.status === "ran" ? c.report : undefined));
    expect(reports.map((r) => r?.runtime.split(" ")[0])).toEqual(["node", "node", "chromium"]);
    expect(reports[0]?.runtime).toBe(`node ${process.versions.node}`);
    expect(reports[1]?.runtime).toMatch(/^node 24\./);
    expect(reports.map((r) => r?.cryptoPath)).toEqual(["node", "node", "web"]);
    expect(reports[2]?.webCryptoCalls).toBeGreaterThan(0);
    for (const r of reports) {
      expect(r?.checks.map((k) => k.name)).toEqual([...CHECK_NAMES]);
      for (const k of r?.checks ?? []) expect(k.count, `${r?.runtime} ${k.name}`).toBeGreaterThan(0);
    }
  });
});
