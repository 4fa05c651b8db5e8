/**
 * `node dist/profile.js <file.cpuprofile> [top]`: summarises a V8 CPU profile (`node --cpu-prof`) by where
 * the time went: self time per package or Node internal area, then the top functions. This is how the
 * "Profiles" notes in the README are read.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
/** The parts of a `.cpuprofile` this reads. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The area a script URL belongs to: a workspace package, an npm package, a Node internal module, or V8. */
export function area(url: string): string {
  if (url === "") return "(V8: gc, idle, program)";
  const ws = /\/(packages|tools)\/([^/]+)\//.exec(url);
  if (ws && !url.includes("/node_modules/")) return `@keyway/${ws[2]}`;
  const pkg = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  const internal = /^node:internal\/(deps\/)?([^/]+)/.exec(url);
  if (internal) return `node:${internal[2]}`;
  return url.startsWith("node:") ? url : "(other)";
}

/** Self time (ms) per area and per function, largest first. */
export function summarise(profile: CpuProfile): { areas: [string, number][]; functions: [string, number][] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const a = area(n.callFrame.url);
    areas.set(a, (areas.get(a) ?? 0) + ms);
    const name = `${n.callFrame.functionName || "(anonymous)"} ${a}:${n.callFrame.lineNumber + 1}`;
    fns.set(name, (fns.get(name) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1]);
  return { areas: sorted(areas), functions: sorted(fns) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, top = "15"] = process.argv.slice(2);
  if (!file) throw new Error("usage: node dist/profile.js <file.cpuprofile> [top]");
  const { areas, functions } = summarise(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
  const total = areas.reduce((n, [, ms]) => n + ms, 0);
  const pct = (ms: number) => `${((100 * ms) / total).toFixed(1)} %`;
  console.log(`total ${total.toFixed(0)} ms of samples\n\n| area | self ms | share |\n|---|---:|---:|`);
  for (const [a, ms] of areas.slice(0, Number(top))) console.log(`| ${a} | ${ms.toFixed(0)} | ${pct(ms)} |`);
  console.log("\n| function | self ms | share |\n|---|---:|---:|");
  for (const [f, ms] of functions.slice(0, Number(top)))
    console.log(`| ${f} | ${ms.toFixed(0)} | ${pct(ms)} |`);
}
