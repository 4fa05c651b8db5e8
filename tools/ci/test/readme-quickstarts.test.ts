/**
 * Every package README's quick start really runs: the first ```ts block under "## Quick start" is written
 * into the package (so it imports the package by its own name, as a user would) and run with tsx, against
 * the sandbox where it needs a server. The root README's client example runs the same way, against the sandbox.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUICK_START_OUTPUT, quickStart } from "./quickstarts.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const tsx = createRequire(import.meta.url).resolve("tsx/cli");

/** Runs a package's quick start (asynchronously: the sandbox answering it lives in this process). */
async function runQuickStart(pkg: string, env: Record<string, string> = {}, code?: string) {
  const dir = join(root, "packages", pkg);
  const file = join(dir, ".readme-quickstart.mts");
  writeFileSync(file, code ?? quickStart(readFileSync(join(dir, "README.md"), "utf8")));
  try {
    return await new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(
        process.execPath,
        [tsx, "--conditions=source", file],
        { cwd: dir, encoding: "utf8", env: { ...process.env, ...env }, timeout: 150_000 },
        (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
      );
    });
  } finally {
    rmSync(file, { force: true });
  }
}

// Limits catch a hang, not a busy machine: each case starts a tsx process (a few seconds when idle).
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hiobuy", "hishopping"] });
}, 120_000);
afterAll(() => sandbox?.close());

describe("README quick starts", { timeout: 180_000 }, () => {
  it("the root README's client example reads a product from the sandbox", async () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const block = readme.match(/```ts\n([\s\S]*?)```/)?.[1];
    if (!block) throw new Error("no ```ts block in README.md");
    // The example ends at the call; print what it got so the test can see it.
    const r = await runQuickStart(
      "hiobuy",
      { HIOBUY_BASE_URL: sandbox.urls.hiobuy! },
      `${block}\nconsole.log(error ? \`error \${error.code}\` : data.product.id);\n`,
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe("1688_554456348334\n");
  });

  it("@keyway/auth signs SGate's documented example", async () => {
    const r = await runQuickStart("auth");
    expect(r.err).toBe("");
    expect(r.out).toMatch(QUICK_START_OUTPUT["@keyway/auth"]!);
  });

  it("@keyway/cli explains SGate's documented example with the documented signature", async () => {
    const r = await runQuickStart("cli");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      operationId: "getMerchant",
      signature: "daFE250/BIWoJGoZxFAsm6fWWyck1HxVpI6E/EXhYKQ=",
      secretsRedacted: true,
    });
  });

  it("@keyway/hiobuy gets a product from the sandbox", async () => {
    const r = await runQuickStart("hiobuy", {
      HIOBUY_API_KEY: "hio_test_readme",
      HIOBUY_BASE_URL: sandbox.urls.hiobuy!,
    });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(QUICK_START_OUTPUT["@keyway/hiobuy"]!);
  });

  it("@keyway/sgate creates an order, builds its payment link and reads it back", async () => {
    const r = await runQuickStart("sgate");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(QUICK_START_OUTPUT["@keyway/sgate"]!);
  });

  it("@keyway/appfigures reads who am I, the quota and the latest reviews from the sandbox", async () => {
    const r = await runQuickStart("appfigures");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(QUICK_START_OUTPUT["@keyway/appfigures"]!);
  });

  it("@keyway/hishopping places an order on the sandbox", async () => {
    const r = await runQuickStart("hishopping", { HISHOPPING_BASE_URL: sandbox.urls.hishopping! });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(QUICK_START_OUTPUT["@keyway/hishopping"]!);
  });

  it("@keyway/hyper orders as a reseller, delivers as the supplier and reads the line delivered", async () => {
    const r = await runQuickStart("hyper");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(QUICK_START_OUTPUT["@keyway/hyper"]!);
  });
});
