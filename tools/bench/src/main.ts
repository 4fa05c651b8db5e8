/**
 * `pnpm bench [--quick] [--no-fail] [--rounds N] [--time-ms N] [--batch N]`: measures every case (see
 * cases.ts) in sustained batches, prints the table and the budgets with PASS/MISS, writes results.json next
 * to this package, and exits 1 when a budget is missed (`--no-fail`: report only). Never part of `pnpm test`.
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildCases } from "./cases.js";
import { measure, ratios, type Samples, type Spread, spread } from "./measure.js";
import { measureSigning, SIGNING_LIMIT, signingPairs, signingTable } from "./signing.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-fail": { type: "boolean", default: false },
    rounds: { type: "string" },
    "time-ms": { type: "string" },
    batch: { type: "string", default: "64" },
    out: { type: "string", default: fileURLToPath(new URL("../results.json", import.meta.url)) },
  },
});

const positive = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${text}`);
  return n;
};
const options = {
  rounds: positive("rounds", values.rounds ?? (values.quick ? "7" : "11")),
  timeMs: positive("time-ms", values["time-ms"] ?? (values.quick ? "80" : "400")),
  batch: positive("batch", values.batch),
};

const machine = {
  nproc: availableParallelism(),
  cpu: cpus()[0]?.model ?? "unknown",
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  loadavgAtStart: loadavg().map((x) => Number(x.toFixed(2))),
  loadavgAtEnd: [] as number[],
};

const cases = await buildCases();
const started = Date.now();
const samples = await measure(cases, options, (round) => {
  if (round >= 0) process.stderr.write(`round ${round + 1}/${options.rounds}\r`);
});
process.stderr.write("\n");
const signing = await measureSigning(signingPairs(), options);
machine.loadavgAtEnd = loadavg().map((x) => Number(x.toFixed(2)));

const get = (id: string): Samples => {
  const s = samples.get(id);
  if (!s) throw new Error(`no case ${id}`);
  return s;
};

/** One table row: per-call medians, and ratios against bare openapi-fetch (and the middleware). */
interface Row {
  id: string;
  label: string;
  wallUs: Spread;
  cpuUs: Spread;
  vsBare: { against: string; wall: Spread; cpu: Spread };
  vsMiddleware?: { against: string; wall: Spread; cpu: Spread };
}

const rows: Row[] = cases.map((c) => {
  const s = get(c.id);
  const versus = (against: string) => {
    const b = get(against);
    return { against, wall: spread(ratios(s.wallUs, b.wallUs)), cpu: spread(ratios(s.cpuUs, b.cpuUs)) };
  };
  return {
    id: c.id,
    label: c.label,
    wallUs: spread(s.wallUs),
    cpuUs: spread(s.cpuUs),
    vsBare: versus(c.bare),
    ...(c.middleware ? { vsMiddleware: versus(c.middleware) } : {}),
  };
});

/** A budget of the issue, checked on the median ratio. */
interface Budget {
  name: string;
  value: number;
  limit: number;
  unit: string;
  pass: boolean;
}

const row = (id: string) => rows.find((r) => r.id === id)!;
const budgets: Budget[] = [];
const budget = (name: string, value: number, limit: number, unit: string) =>
  budgets.push({ name, value: Number(value.toFixed(3)), limit, unit, pass: value <= limit });
for (const id of ["hiobuy", "appfigures"]) {
  const r = row(id);
  budget(`${r.label}: wall vs bare openapi-fetch`, r.vsBare.wall.median, 1.1, "× bare openapi-fetch");
  budget(`${r.label}: CPU vs bare openapi-fetch`, r.vsBare.cpu.median, 1.1, "× bare openapi-fetch");
}
for (const id of ["sgate", "hishopping"]) {
  const r = row(id);
  const m = r.vsMiddleware!;
  budget(`${r.label}: wall vs node:crypto middleware`, m.wall.median, 1.5, "× hand-written middleware");
  budget(`${r.label}: CPU vs node:crypto middleware`, m.cpu.median, 1.5, "× hand-written middleware");
}
for (const r of signing) {
  budget(`${r.label}: wall`, r.wall.median, SIGNING_LIMIT, "× raw node:crypto");
  budget(`${r.label}: CPU`, r.cpu.median, SIGNING_LIMIT, "× raw node:crypto");
}

const f2 = (x: number) => x.toFixed(2);
const fr = (s: Spread) => `${f2(s.median)} (${f2(s.min)}–${f2(s.max)})`;
const lines = [
  "| case | µs/call wall | µs/call CPU | wall × bare | CPU × bare | wall × middleware | CPU × middleware |",
  "|---|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.label} | ${f2(r.wallUs.median)} | ${f2(r.cpuUs.median)} | ${r.vsBare.against === r.id ? "1" : fr(r.vsBare.wall)} | ${
        r.vsBare.against === r.id ? "1" : fr(r.vsBare.cpu)
      } | ${r.vsMiddleware ? fr(r.vsMiddleware.wall) : ""} | ${r.vsMiddleware ? fr(r.vsMiddleware.cpu) : ""} |`,
  ),
  "",
  ...signingTable(signing),
  "",
  "| budget | value | limit | verdict |",
  "|---|---:|---:|---|",
  ...budgets.map((b) => `| ${b.name} | ${f2(b.value)} | ≤ ${b.limit} | ${b.pass ? "PASS" : "MISS"} |`),
];
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `Per-call overhead, ${options.rounds} interleaved rounds × ${options.timeMs} ms per case, batches of ${options.batch} concurrent calls + one setImmediate turn; ratios are medians (min–max) of per-round ratios.`,
);
console.log(
  `Machine: ${machine.nproc} CPUs (${machine.cpu}), Node ${machine.node}, load average ${machine.loadavgAtStart.join(" ")} at start, ${machine.loadavgAtEnd.join(" ")} at end; ${seconds} s.`,
);
console.log("");
console.log(lines.join("\n"));

writeFileSync(
  values.out,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      options,
      machine,
      rows,
      samples: Object.fromEntries(samples),
      signing,
      budgets,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwrote ${values.out}`);
const missed = budgets.filter((b) => !b.pass);
if (missed.length > 0 && !values["no-fail"]) {
  console.error(`${missed.length} budget(s) missed`);
  process.exitCode = 1;
}
