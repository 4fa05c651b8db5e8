/**
 * The bench's groups by name, each a function returning its tables and budgets (src/budget.ts). src/main.ts
 * runs each selected group in a process of its own (src/isolate.ts, src/group-child.ts).
 */
import { fileURLToPath } from "node:url";
import { type GroupReport, medianBudget } from "./budget.js";
import { runBuild } from "./build.js";
import { runBundle } from "./bundle.js";
import { runOverhead } from "./overhead.js";
import { measureSigning, SIGNING_LIMIT, signingPairs, signingTable } from "./signing.js";
import { runThroughput, THROUGHPUT_DEFAULTS, type ThroughputOptions } from "./throughput.js";
import { runTypecheck } from "./typecheck.js";

/** The timing options of `pnpm bench` (`--rounds`, `--time-ms`, `--batch`). */
export interface BenchOptions {
  readonly rounds: number;
  readonly timeMs: number;
  readonly batch: number;
  /**
   * `signing` only: its rounds and time per side. Its tight loops need longer slices than the overhead group's
   * batches (see tools/bench/README.md, "How it measures"); `--rounds`/`--time-ms` given explicitly set both.
   */
  readonly signing: { readonly rounds: number; readonly timeMs: number };
  /** `throughput` only: measured rounds (`--tput-rounds`) and calls per side per round (`--tput-calls`). */
  readonly throughput?: Partial<Pick<ThroughputOptions, "rounds" | "calls">>;
}

/** Every group, in the order `pnpm bench` runs them. */
export const GROUP_NAMES = ["overhead", "signing", "bundle", "throughput", "typecheck", "build"] as const;

/** A group's name. */
export type GroupName = (typeof GROUP_NAMES)[number];

/** Whether `name` is a group. */
export const isGroup = (name: string): name is GroupName => (GROUP_NAMES as readonly string[]).includes(name);

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** Runs one group in this process. */
export async function runGroup(name: GroupName, options: BenchOptions): Promise<GroupReport> {
  switch (name) {
    case "overhead":
      return runOverhead(options);
    case "signing": {
      const rows = await measureSigning(signingPairs(), options.signing);
      return {
        lines: signingTable(rows),
        budgets: rows.flatMap((r) => [
          medianBudget(`${r.label}: wall`, r.wall, SIGNING_LIMIT, "× raw node:crypto"),
          medianBudget(`${r.label}: CPU`, r.cpu, SIGNING_LIMIT, "× raw node:crypto"),
        ]),
        data: rows,
      };
    }
    case "bundle":
      return runBundle(packageDir);
    case "throughput":
      return runThroughput({ ...THROUGHPUT_DEFAULTS, ...options.throughput });
    case "typecheck":
      return runTypecheck();
    case "build":
      return runBuild();
  }
}
