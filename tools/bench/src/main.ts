/**
 * `pnpm bench [--only <group>[,<group>…]] [--quick] [--no-fail] [--rounds N] [--time-ms N] [--batch N]
 * [--tput-rounds N] [--tput-calls N]`: runs
 * each group (every group by default) in a fresh child process of its own (src/isolate.ts), prints its tables
 * and every budget with PASS/MISS, writes results.json next to this package, and exits 1 when a budget is
 * missed (`--no-fail`: report only). Never part of `pnpm test`.
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type Budget, budgetTable, intervalText, verdict } from "./budget.js";
import { type BenchOptions, GROUP_NAMES, isGroup } from "./groups.js";
import { runInChild } from "./isolate.js";

const { values } = parseArgs({
  options: {
    only: { type: "string", multiple: true },
    quick: { type: "boolean", default: false },
    "no-fail": { type: "boolean", default: false },
    rounds: { type: "string" },
    "time-ms": { type: "string" },
    batch: { type: "string", default: "64" },
    "tput-rounds": { type: "string" },
    "tput-calls": { type: "string" },
    out: { type: "string", default: fileURLToPath(new URL("../results.json", import.meta.url)) },
  },
});

const positive = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${text}`);
  return n;
};
const options: BenchOptions = {
  rounds: positive("rounds", values.rounds ?? (values.quick ? "21" : "41")),
  timeMs: positive("time-ms", values["time-ms"] ?? (values.quick ? "50" : "100")),
  batch: positive("batch", values.batch),
  signing: {
    rounds: positive("rounds", values.rounds ?? (values.quick ? "7" : "11")),
    timeMs: positive("time-ms", values["time-ms"] ?? (values.quick ? "80" : "400")),
  },
  throughput: {
    ...(values["tput-rounds"] && { rounds: positive("tput-rounds", values["tput-rounds"]) }),
    ...(values["tput-calls"] && { calls: positive("tput-calls", values["tput-calls"]) }),
  },
};
const childEntry = fileURLToPath(new URL("group-child.js", import.meta.url));

const selected = (values.only ?? [...GROUP_NAMES]).flatMap((g) => g.split(",")).filter(Boolean);
for (const g of selected) {
  if (!isGroup(g)) throw new Error(`--only: no group ${g}; groups are ${GROUP_NAMES.join(", ")}`);
}

const load = () => loadavg().map((x) => Number(x.toFixed(2)));
const machine = {
  nproc: availableParallelism(),
  cpu: cpus()[0]?.model ?? "unknown",
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  loadavgAtStart: load(),
  loadavgAtEnd: [] as number[],
};

const started = Date.now();
const groups: Record<string, unknown> = {};
const budgets: Budget[] = [];
for (const name of selected) {
  process.stderr.write(`${name}…\n`);
  // Each group in a fresh process: one group's heap, compiled code and connections never count against another's.
  const report = await runInChild(childEntry, [name, JSON.stringify(options)]);
  groups[name] = report.data;
  budgets.push(...report.budgets);
  console.log(`\n## ${name}\n\n${report.lines.join("\n")}\n`);
  console.log(budgetTable(report.budgets).join("\n"));
}
machine.loadavgAtEnd = load();
console.log(
  `\nMachine: ${machine.nproc} CPUs (${machine.cpu}), Node ${machine.node}, load average ${machine.loadavgAtStart.join(" ")} at start, ${machine.loadavgAtEnd.join(" ")} at end; ${((Date.now() - started) / 1000).toFixed(0)} s.`,
);

writeFileSync(
  values.out,
  `${JSON.stringify({ date: new Date().toISOString(), only: selected, options, machine, groups, budgets }, null, 2)}\n`,
);
console.log(`wrote ${values.out}`);
const atLimit = budgets.filter((b) => b.atLimit);
if (atLimit.length > 0) {
  console.log(
    `At the limit (the median's 95 % interval holds the limit, so another run may give the other verdict): ${atLimit
      .map((b) => `${b.name} ${b.value.toFixed(2)} (${intervalText(b)}) ${verdict(b)}`)
      .join("; ")}.`,
  );
}
const missed = budgets.filter((b) => !b.pass);
if (missed.length > 0 && !values["no-fail"]) {
  console.error(`${missed.length} budget(s) missed`);
  process.exitCode = 1;
}
