/**
 * `pnpm bench`: runs the benchmarks and reports each against its budget. Timings never gate CI;
 * this exits 0 with the verdicts printed (pass `--strict` to exit 1 when a budget is missed).
 */
import { parseArgs } from "node:util";
import { runOverhead } from "./overhead.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "9" },
    "time-ms": { type: "string", default: "300" },
    strict: { type: "boolean", default: false },
  },
});

const BUDGET = 1.1;
const r = await runOverhead(Number(values.rounds), Number(values["time-ms"]));
const ok = r.medianRatio <= BUDGET;
console.log(
  "Per-call overhead: Keyway Bearer client vs bare openapi-fetch (same stub fetch, POST with JSON body)",
);
console.log(`  rounds (interleaved): ${r.rounds}`);
console.log(`  bare openapi-fetch   median ${r.bareMedianUs.toFixed(2)} µs/call`);
console.log(`  keyway (bearer)      median ${r.keywayMedianUs.toFixed(2)} µs/call`);
console.log(`  ratio per round: ${r.ratios.map((x) => x.toFixed(3)).join(" ")}`);
console.log(
  `  ratio median ${r.medianRatio.toFixed(3)} (min ${r.minRatio.toFixed(3)}, max ${r.maxRatio.toFixed(3)}); budget ≤ ${BUDGET}: ${ok ? "PASS" : "MISS"}`,
);
if (values.strict && !ok) process.exit(1);
