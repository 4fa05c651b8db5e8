/**
 * The runtimes of the matrix and where their binaries are: the host Node (the one running the runner), Node 22
 * and 24 from the npm `node` package, Bun and Deno from npm (all four installed by @keyway/matrix-runtimes,
 * tools/matrix/runtimes), and Debian's Chromium.
 */
import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Every runtime the matrix knows, in table order. */
export const RUNTIME_IDS = ["node20", "node22", "node24", "bun", "deno", "chromium"] as const;
/** A runtime of the matrix. */
export type RuntimeId = (typeof RUNTIME_IDS)[number];
/** What CI runs (`pnpm test` through this package's `test`): the oldest and newest Node, and Chromium. */
export const CI_RUNTIMES: readonly RuntimeId[] = ["node20", "node24", "chromium"];

/** A runtime's column header, binary and the crypto path @keyway/auth must choose there. */
export interface RuntimeInfo {
  readonly id: RuntimeId;
  /** Column header. */
  readonly label: string;
  /** `node` for `node:crypto` (Node, Bun, Deno), `web` for Web Crypto (browsers). */
  readonly expectedPath: "node" | "web";
  /** Absolute path of the executable, or why there is none. */
  readonly binary: { readonly path: string } | { readonly missing: string };
}

/** Debian's chromium, as .ci/run installs it (override with `CHROMIUM_PATH`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function executable(path: string, missing: string): RuntimeInfo["binary"] {
  try {
    accessSync(path, constants.X_OK);
    return { path };
  } catch {
    return { missing };
  }
}

/** node_modules of @keyway/matrix-runtimes, where the npm runtimes are installed. */
function runtimesModules(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve("@keyway/matrix-runtimes/package.json");
    return join(dirname(pkg), "node_modules");
  } catch {
    return undefined;
  }
}

/** Where each runtime is on this machine; a runtime that is not installed says why. */
export function locateRuntimes(): RuntimeInfo[] {
  const modules = runtimesModules();
  const npm = (rel: string, pkg: string) =>
    modules
      ? executable(
          join(modules, rel),
          `${pkg} is not installed (pnpm install; its install script must be allowed in pnpm.onlyBuiltDependencies)`,
        )
      : { missing: "@keyway/matrix-runtimes is not installed (pnpm install)" };
  const hostMajor = process.versions.node.split(".")[0];
  return [
    {
      id: "node20",
      label: `node ${hostMajor} (host)`,
      expectedPath: "node",
      binary: { path: process.execPath },
    },
    { id: "node22", label: "node 22", expectedPath: "node", binary: npm("node22/bin/node", "node@22") },
    { id: "node24", label: "node 24", expectedPath: "node", binary: npm("node24/bin/node", "node@24") },
    { id: "bun", label: "bun", expectedPath: "node", binary: npm("bun/bin/bun.exe", "bun") },
    { id: "deno", label: "deno", expectedPath: "node", binary: npm("deno/deno", "deno") },
    {
      id: "chromium",
      label: "chromium",
      expectedPath: "web",
      binary: executable(CHROMIUM, `${CHROMIUM} not found (apt-get install chromium, or set CHROMIUM_PATH)`),
    },
  ];
}

/**
 * The command line that runs the probe script on a child-process runtime. Deno gets only what the probe
 * needs: reading `readable` (the repository, where the probe and node_modules are, and the input file's
 * directory) and the network on 127.0.0.1.
 */
export function probeArgs(
  id: Exclude<RuntimeId, "chromium">,
  probe: string,
  input: string,
  readable: readonly string[],
): string[] {
  if (id === "deno")
    return ["run", `--allow-read=${readable.join(",")}`, "--allow-net=127.0.0.1", probe, input];
  return [probe, input];
}
