/**
 * 10,000 calls at concurrency 64 with 0 errors and no unhandled rejection, in a child process that must
 * exit on its own once the calls are done (no leaked sockets, timers or listeners).
 */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

it("10,000 calls at concurrency 64: 0 errors, no unhandled rejections, the process exits on its own", async () => {
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", join(here, "load-child.ts")],
    {
      cwd: here,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => {
    // A hang is a leak: the bound is generous (a loaded 2-core machine), never a speed check.
    const bound = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(-1);
    }, 240_000);
    child.on("exit", (c) => {
      clearTimeout(bound);
      resolve(c);
    });
  });
  expect(err).toBe("");
  expect(code).toBe(0);
  const result = JSON.parse(out.trim().split("\n").at(-1)!);
  console.log(`[load] ${JSON.stringify(result)}`);
  expect(result).toMatchObject({ calls: 10_000, concurrency: 64, ok: 10_000, errors: 0, unhandled: 0 });
}, 300_000);
