/**
 * `pnpm test:matrix`: runs the probe on every runtime (or `--ci`: Node 20, Node 24 and Chromium; or
 * `--only node22,deno`), prints the table and every failure, and exits 1 when anything failed or a runtime is
 * missing. `--json <file>` also writes the columns.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { runMatrix } from "./matrix.js";
import { CI_RUNTIMES, RUNTIME_IDS, type RuntimeId } from "./runtimes.js";
import { failures, renderTable } from "./table.js";

const { values } = parseArgs({
  options: { ci: { type: "boolean" }, only: { type: "string" }, json: { type: "string" } },
});
const only = values.only?.split(",").map((s) => s.trim()) ?? [];
const unknown = only.filter((id) => !(RUNTIME_IDS as readonly string[]).includes(id));
if (unknown.length > 0) {
  console.error(`unknown runtime(s) ${unknown.join(", ")}; known: ${RUNTIME_IDS.join(", ")}`);
  process.exit(2);
}
const runtimes: readonly RuntimeId[] = values.ci
  ? CI_RUNTIMES
  : only.length
    ? (only as RuntimeId[])
    : RUNTIME_IDS;

const started = performance.now();
const columns = await runMatrix({
  runtimes,
  onColumn: (c) => console.error(`matrix: ${c.label} ${c.status}`),
});
console.log(renderTable(columns));
const failed = failures(columns);
for (const f of failed) console.log(`FAIL ${f}`);
console.log(
  `${failed.length === 0 ? "ok" : `${failed.length} failure(s)`}: ${columns.length} runtime(s) in ${Math.round((performance.now() - started) / 1000)} s`,
);
if (values.json) await writeFile(values.json, `${JSON.stringify(columns, null, 2)}\n`);
process.exitCode = failed.length === 0 ? 0 : 1;
