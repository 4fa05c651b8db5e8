/**
 * The overhead group: per-call cost of every case (see cases.ts) in sustained batches over interleaved
 * rounds, as ratios against bare openapi-fetch (and, for the signed providers, a hand-written node:crypto
 * middleware), with the per-call budgets.
 */
import { type Budget, type GroupReport, medianBudget } from "./budget.js";
import { buildCases } from "./cases.js";
import { type MeasureOptions, measure, ratios, type Samples, type Spread, spread } from "./measure.js";

/** One table row: per-call medians, and ratios against bare openapi-fetch (and the middleware). */
interface Row {
  id: string;
  label: string;
  wallUs: Spread;
  cpuUs: Spread;
  vsBare: { against: string; wall: Spread; cpu: Spread };
  vsMiddleware?: { against: string; wall: Spread; cpu: Spread };
}

/** Measures every case and checks the per-call budgets. */
export async function runOverhead(options: MeasureOptions): Promise<GroupReport> {
  const cases = await buildCases();
  const started = Date.now();
  const samples = await measure(cases, options, (round) => {
    if (round >= 0) process.stderr.write(`round ${round + 1}/${options.rounds}\r`);
  });
  process.stderr.write("\n");

  const get = (id: string): Samples => {
    const s = samples.get(id);
    if (!s) throw new Error(`no case ${id}`);
    return s;
  };
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

  const row = (id: string) => rows.find((r) => r.id === id)!;
  const budgets: Budget[] = [];
  const bare = "× bare openapi-fetch";
  const mw = "× hand-written middleware";
  for (const id of ["hiobuy", "appfigures", "appfigures-basic", "hyper-jwt", "hyper-api-key"]) {
    const { label, vsBare } = row(id);
    budgets.push(
      medianBudget(`${label}: wall vs bare openapi-fetch`, vsBare.wall, 1.1, bare),
      medianBudget(`${label}: CPU vs bare openapi-fetch`, vsBare.cpu, 1.1, bare),
    );
  }
  for (const id of ["sgate", "hishopping"]) {
    const { label, vsMiddleware } = row(id);
    const m = vsMiddleware!;
    budgets.push(
      medianBudget(`${label}: wall vs node:crypto middleware`, m.wall, 1.5, mw),
      medianBudget(`${label}: CPU vs node:crypto middleware`, m.cpu, 1.5, mw),
    );
  }

  const f2 = (x: number) => x.toFixed(2);
  const fr = (s: Spread) => `${f2(s.median)} (${f2(s.min)}–${f2(s.max)})`;
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const lines = [
    `Per-call overhead, ${options.rounds} interleaved rounds × ${options.timeMs} ms per case, batches of ${options.batch} concurrent calls + one setImmediate turn; ratios are medians (min–max) of per-round ratios; ${seconds} s.`,
    "",
    "| case | µs/call wall | µs/call CPU | wall × bare | CPU × bare | wall × middleware | CPU × middleware |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.label} | ${f2(r.wallUs.median)} | ${f2(r.cpuUs.median)} | ${r.vsBare.against === r.id ? "1" : fr(r.vsBare.wall)} | ${
          r.vsBare.against === r.id ? "1" : fr(r.vsBare.cpu)
        } | ${r.vsMiddleware ? fr(r.vsMiddleware.wall) : ""} | ${r.vsMiddleware ? fr(r.vsMiddleware.cpu) : ""} |`,
    ),
  ];
  return { lines, budgets, data: { options, rows, samples: Object.fromEntries(samples) } };
}
