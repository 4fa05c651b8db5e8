/**
 * The probe's entry for Node, Bun and Deno: `<runtime> dist/probe/cli.js <input.json>` reads the
 * {@link ProbeInput} the runner wrote, runs the probe and prints the {@link ProbeReport} as one JSON line on
 * stdout. It exits 0 whenever it could report (the runner judges the checks), 2 when it could not.
 */
import { readFileSync } from "node:fs";
import { runProbe } from "./probe.js";
import type { ProbeInput } from "./types.js";

const file = process.argv[2];
try {
  if (!file) throw new Error("usage: cli.js <input.json>");
  const input = JSON.parse(readFileSync(file, "utf8")) as ProbeInput;
  const report = await runProbe(input);
  process.stdout.write(`${JSON.stringify(report)}\n`);
} catch (e) {
  process.stderr.write(`probe failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 2;
}
