import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runInChild } from "../src/isolate.js";

const child = fileURLToPath(new URL("fixtures/group-child.ts", import.meta.url));
const flags = ["--conditions=source", "--import", "tsx"];

describe("runInChild", () => {
  it("runs the group in another process and hands back its report as sent", async () => {
    (globalThis as Record<string, unknown>).keywayParentMarker = true;
    const report = await runInChild(child, ["report"], flags);
    expect(report.data).toEqual({ pid: expect.any(Number), sawParentMarker: false });
    expect((report.data as { pid: number }).pid).not.toBe(process.pid);
    expect(report.lines).toEqual(["| a | b |"]);
    expect(report.budgets).toEqual([
      { name: "child budget", value: 1.235, limit: 1.1, unit: "× x", pass: false },
    ]);
  });

  it("rejects with the group's own error", async () => {
    await expect(runInChild(child, ["throw"], flags)).rejects.toThrow("group failed: boom");
  });

  it("rejects, rather than waiting, when the child exits without a report", async () => {
    await expect(runInChild(child, ["exit"], flags)).rejects.toThrow(/exited \(code 3\) without a report/);
  });
});
