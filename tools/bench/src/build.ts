/**
 * Build time: what a user waits for when nothing changed (`pnpm build` with every turbo task a cache hit),
 * split into its layers (node, pnpm, turbo) so a miss says which one costs the time, and a cold
 * `codegen` + `build` of each package (turbo `--force`, no cache read). Runs the real commands from the
 * repository root; writes only what `pnpm build` writes (src/generated/ rewritten with the same text, dist/).
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { budget, type GroupReport } from "./budget.js";
import { median } from "./measure.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
};

/**
 * `env` without `NODE_EXTRA_CA_CERTS`: Node reads and parses that certificate file when it starts, in every
 * process (`pnpm build` starts two: pnpm and turbo's launcher), so the build layers are also timed without it
 * on a machine that sets it.
 */
const envNoExtraCa = (() => {
  const { NODE_EXTRA_CA_CERTS: _dropped, ...rest } = env;
  return rest;
})();

/** Runs `cmd args` in the repository root; resolves with its wall time in ms; throws on a non-zero exit. */
export function timed(
  cmd: string,
  args: readonly string[],
  timeoutMs = 600_000,
  withEnv: NodeJS.ProcessEnv = env,
): number {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, env: withEnv, encoding: "utf8", timeout: timeoutMs });
  const ms = performance.now() - started;
  if (r.error) throw r.error;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return ms;
}

/** The median of `n` timed runs (after the caller has warmed whatever cache the command reads). */
export function medianOf(
  n: number,
  cmd: string,
  args: readonly string[],
  withEnv: NodeJS.ProcessEnv = env,
): { median: number; runs: number[] } {
  const runs = Array.from({ length: n }, () => timed(cmd, args, 600_000, withEnv));
  return { median: median(runs), runs };
}

/** The publishable packages whose build the cold figures report, in dependency order. */
export const PACKAGES = [
  "@keyway/auth",
  "@keyway/hiobuy",
  "@keyway/sgate",
  "@keyway/hishopping",
  "@keyway/appfigures",
  "@keyway/hyper",
] as const;

/** Warm `pnpm build` (budget ≤ 1 s) and its layers; cold codegen + build per package. */
export async function runBuild(runs = 5): Promise<GroupReport> {
  // Fill turbo's cache (a first build of everything can take many minutes on a loaded machine), then every
  // timed run below is a full cache hit.
  timed("pnpm", ["build"], 3_600_000);
  const turbo = turboBins();
  const layers = {
    "`pnpm build` (turbo run build, every task cached)": medianOf(runs, "pnpm", ["build"]),
    "`pnpm exec turbo run build` (no pnpm script layer)": medianOf(runs, "pnpm", [
      "exec",
      "turbo",
      "run",
      "build",
    ]),
    "turbo's node launcher: `node turbo/bin/turbo run build`": medianOf(runs, process.execPath, [
      turbo.launcher,
      "run",
      "build",
    ]),
    "turbo native binary: `turbo run build`": medianOf(runs, turbo.native, ["run", "build"]),
    "turbo native binary: `turbo --version`": medianOf(runs, turbo.native, ["--version"]),
    "pnpm alone: `pnpm --version`": medianOf(runs, "pnpm", ["--version"]),
    "node alone: `node -e 0`": medianOf(runs, process.execPath, ["-e", "0"]),
    ...(env.NODE_EXTRA_CA_CERTS
      ? {
          "`pnpm build` with `NODE_EXTRA_CA_CERTS` unset (this machine sets it)": medianOf(
            runs,
            "pnpm",
            ["build"],
            envNoExtraCa,
          ),
          "node alone with `NODE_EXTRA_CA_CERTS` unset": medianOf(
            runs,
            process.execPath,
            ["-e", "0"],
            envNoExtraCa,
          ),
        }
      : {}),
  };
  const cold = PACKAGES.map((pkg) => {
    const codegen = pkg === "@keyway/auth" ? undefined : timed("pnpm", ["--filter", pkg, "run", "codegen"]);
    const build = timed("pnpm", ["--filter", pkg, "run", "build"]);
    return { pkg, codegen, build };
  });
  const warm = layers["`pnpm build` (turbo run build, every task cached)"].median;
  const s = (ms: number | undefined) => (ms === undefined ? "—" : (ms / 1000).toFixed(2));
  const lines = [
    `Warm build: median of ${runs} runs from the repository root after one run that fills turbo's cache (wall seconds).`,
    "",
    "| command | median s | runs s |",
    "|---|---:|---|",
    ...Object.entries(layers).map(([k, v]) => `| ${k} | ${s(v.median)} | ${v.runs.map(s).join(", ")} |`),
    "",
    "Cold, per package, no cache: `pnpm --filter <pkg> run codegen` then `run build` (tsc), one run each.",
    "",
    "| package | codegen s | build s |",
    "|---|---:|---:|",
    ...cold.map((c) => `| ${c.pkg} | ${s(c.codegen)} | ${s(c.build)} |`),
  ];
  return {
    lines,
    budgets: [budget("Warm `pnpm build` (every turbo task cached)", warm / 1000, 1, "s")],
    data: { layers, cold },
  };
}

/** turbo's JS launcher (what `pnpm exec turbo` runs) and the native binary it starts. */
function turboBins(): { launcher: string; native: string } {
  const fromRoot = createRequire(join(root, "package.json"));
  const launcher = fromRoot.resolve("turbo/bin/turbo");
  const arch = process.arch === "x64" ? "64" : process.arch;
  const exe = process.platform === "win32" ? "turbo.exe" : "turbo";
  const native = createRequire(fromRoot.resolve("turbo/package.json")).resolve(
    `@turbo/${process.platform}-${arch}/bin/${exe}`,
  );
  return { launcher, native };
}
