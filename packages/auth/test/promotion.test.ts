import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const out = mkdtempSync(join(pkg, "node_modules", ".promotion-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** src/ as tsc emits it (what dist/ holds), into `out`, with `#crypto` mapped to the node:crypto path. */
function compileSources(): void {
  const files = readdirSync(join(pkg, "src"), { recursive: true, encoding: "utf8" });
  for (const file of files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))) {
    const js = ts.transpileModule(readFileSync(join(pkg, "src", file), "utf8"), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
    const target = join(out, "src", file.replace(/\.ts$/, ".js"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  writeFileSync(
    join(out, "package.json"),
    JSON.stringify({ type: "module", imports: { "#crypto": "./src/core/crypto-node.js" } }),
  );
}

/** Runs promotion-child.mjs for one side in a fresh process: old-generation bytes per call. */
async function promotedPerCall(side: "keyway" | "bare"): Promise<number> {
  const child = spawn(process.execPath, [join(here, "promotion-child.mjs"), relative(here, out), side], {
    cwd: here,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  expect(stderr).toBe("");
  expect(code).toBe(0);
  return Number(stdout);
}

describe("garbage a call leaves", () => {
  // V8 pretenures an object literal's allocation site once its objects outlive a few scavenges (the per-call
  // state did, while the young generation was still small). A pretenured per-call object lives in old space
  // until a full GC and keeps the answer it points to alive through every scavenge: twice bare openapi-fetch's
  // promoted bytes, and the collector's time with it (tools/bench/README.md, "Profiles"). Measured on the
  // compiled output, each client in its own fresh process (promotion-child.mjs).
  it("promotes no more to the old generation than bare openapi-fetch making the same call", async () => {
    compileSources();
    const bareBytes = await promotedPerCall("bare");
    const keywayBytes = await promotedPerCall("keyway");
    expect(bareBytes).toBeGreaterThan(0);
    expect(
      keywayBytes / bareBytes,
      `${keywayBytes.toFixed(0)} B vs ${bareBytes.toFixed(0)} B per call`,
    ).toBeLessThan(1.5);
  }, 120_000);
});
