/**
 * Runs the matrix: starts the sandbox once on the host, writes the probe's input (vectors read from the
 * repository, the sandbox URLs), runs the probe on each runtime in turn (bounded) and returns one column each.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSandbox } from "@keyway/sandbox";
import { build } from "esbuild";
import type { ProbeInput, ProbeReport, ProbeVectors } from "../probe/types.js";
import { bundleForBrowser, runInChromium } from "./browser.js";
import { locateRuntimes, probeArgs, RUNTIME_IDS, type RuntimeId } from "./runtimes.js";
import { runBounded } from "./spawn.js";
import type { Column } from "./table.js";

/** tools/matrix (this file is two levels down, in src/runner or dist/runner). */
export const PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** The repository root: the nearest directory above this package with a pnpm-workspace.yaml. */
function repoRoot(): string {
  let dir = PACKAGE_DIR;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("tools/matrix: no pnpm-workspace.yaml above this package");
    dir = up;
  }
  return dir;
}

/** The vector files the auth and provider tests read, from the repository (never from the code under test). */
export function loadVectors(root = repoRoot()): ProbeVectors {
  const read = (rel: string) => JSON.parse(readFileSync(join(root, rel), "utf8"));
  return {
    crypto: read("packages/auth/test/vectors/hmac-gcm.json"),
    oauth1: read("specs/appfigures/vectors/vectors.json"),
    sgate: read("specs/sgate/vectors/vectors.json"),
    hishopping: read("specs/hishopping/vectors/vectors.json"),
  };
}

/**
 * Compiles src/probe/*.ts to plain ESM in dist/probe (esbuild, one file each, imports kept: the packages
 * resolve from node_modules at run time, to their dist). Done on every run, so the probe is never stale;
 * types are checked by the package's `typecheck`. Returns the output directory.
 */
export async function compileProbe(): Promise<string> {
  const src = join(PACKAGE_DIR, "src/probe");
  const outdir = join(PACKAGE_DIR, "dist/probe");
  await build({
    entryPoints: readdirSync(src)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => join(src, f)),
    outdir,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
  });
  return outdir;
}

/** Options of {@link runMatrix}. */
export interface MatrixOptions {
  /** Which runtimes, in table order (default: all). */
  readonly runtimes?: readonly RuntimeId[];
  /** Limit of one runtime's whole probe run, start-up included (default 120 s: catches a hang, not slowness). */
  readonly timeoutMs?: number;
  /** Called as each column completes (progress). */
  readonly onColumn?: (column: Column) => void;
}

/** The last line of `stdout` that parses as a report. */
function parseReport(stdout: string): ProbeReport | undefined {
  const line = stdout.trim().split("\n").at(-1);
  try {
    const report = JSON.parse(line ?? "") as ProbeReport;
    return Array.isArray(report.checks) ? report : undefined;
  } catch {
    return undefined;
  }
}

/** The environment of a child runtime: the host's, without NODE_OPTIONS (a `--conditions=source` would load TS). */
function childEnv(): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _, ...env } = process.env;
  return env;
}

/** Runs the probe on each runtime against one sandbox and returns the columns, in order. */
export async function runMatrix(options: MatrixOptions = {}): Promise<Column[]> {
  const wanted = new Set(options.runtimes ?? RUNTIME_IDS);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const runtimes = locateRuntimes().filter((r) => wanted.has(r.id));
  const probe = join(await compileProbe(), "cli.js");

  const sandbox = await startSandbox();
  const dir = await mkdtemp(join(tmpdir(), "keyway-matrix-"));
  const columns: Column[] = [];
  try {
    const input: ProbeInput = { vectors: loadVectors(), urls: sandbox.urls };
    const inputFile = join(dir, "input.json");
    await writeFile(inputFile, JSON.stringify(input));
    for (const rt of runtimes) {
      const base = { label: rt.label, expectedPath: rt.expectedPath };
      let column: Column;
      if ("missing" in rt.binary) {
        column = { ...base, status: "missing", reason: rt.binary.missing };
      } else if (rt.id === "chromium") {
        try {
          const bundle = await bundleForBrowser(join(dirname(probe), "browser.js"));
          column = {
            ...base,
            status: "ran",
            report: await runInChromium(rt.binary.path, bundle, input, timeoutMs),
          };
        } catch (e) {
          column = { ...base, status: "error", reason: e instanceof Error ? e.message : String(e) };
        }
      } else {
        const run = await runBounded(rt.binary.path, probeArgs(rt.id, probe, inputFile, [repoRoot(), dir]), {
          timeoutMs,
          cwd: PACKAGE_DIR,
          env: childEnv(),
        });
        const report = parseReport(run.stdout);
        const why = run.spawnError ?? (run.timedOut ? `killed after ${timeoutMs} ms` : `exit ${run.code}`);
        column = report
          ? { ...base, status: "ran", report }
          : { ...base, status: "error", reason: `${why}: ${run.stderr.trim().slice(-600)}` };
      }
      columns.push(column);
      options.onColumn?.(column);
    }
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
  return columns;
}
