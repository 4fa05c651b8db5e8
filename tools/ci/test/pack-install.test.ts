/**
 * Packages as npm delivers them. Every publishable workspace package is packed once (`pnpm pack`, which applies
 * `publishConfig` and runs `prepack`), the tarballs are checked for what they hold, then installed together with
 * npm into a fresh project outside the workspace. There a consumer is type-checked under `nodenext` and `bundler`
 * with the strictest flags (TypeScript's API, in process), the installed tree is checked against our
 * `engines.node`, the installed sandbox is started cold in a fresh process, and every README quick start runs
 * from the installed `node_modules` against it. Needs built `dist/` (turbo runs every package's `build` first).
 */
import { execFile, execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { RunningSandbox } from "@keyway/sandbox";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineViolations, type NpmLock } from "./pack-install/engines.js";
import { readTarball } from "./pack-install/tarball.js";
import { createChecker } from "./pack-install/typecheck.js";
import { hasQuickStart, QUICK_START_OUTPUT, quickStart } from "./quickstarts.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

interface Manifest {
  name: string;
  version: string;
  files?: string[];
  exports?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Publishable packages of the workspace (as pnpm lists them), with their README's quick start, if any. */
const packages = (
  JSON.parse(
    execFileSync("pnpm", ["ls", "-r", "--depth", "-1", "--json"], { cwd: root, encoding: "utf8" }),
  ) as {
    name: string;
    path: string;
    private?: boolean;
  }[]
)
  .filter((p) => !p.private && p.path !== root)
  .map((p) => {
    const readme = existsSync(join(p.path, "README.md"))
      ? readFileSync(join(p.path, "README.md"), "utf8")
      : "";
    return { name: p.name, dir: p.path, quickStart: hasQuickStart(readme) ? quickStart(readme) : undefined };
  });

function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
  timeout = 600_000,
) {
  return new Promise<{ code: number; out: string; err: string }>((resolve) => {
    execFile(cmd, args, { cwd, env, encoding: "utf8", timeout, maxBuffer: 64 << 20 }, (error, out, err) =>
      resolve({ code: error ? Number(error.code ?? 1) || 1 : 0, out, err }),
    );
  });
}

/** Every string value anywhere in a JSON value (an `exports` map's targets). */
function* leaves(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (value && typeof value === "object") for (const v of Object.values(value)) yield* leaves(v);
}

/** Every key and string anywhere in a JSON value. */
function* strings(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      yield k;
      yield* strings(v);
    }
}

/**
 * A diagnostic in the consumer's own files or in Keyway's declarations. One in another package's declarations
 * (e.g. @hono/node-server's, which name the DOM's `RequestInfo`, absent from a Node-only `lib`) is that
 * package's to fix: it is printed, not failed on.
 */
const isOurs = (diagnostic: string) =>
  diagnostic.includes("node_modules/@keyway/") || !diagnostic.includes("node_modules/");

let work = "";
let project = "";
const tarballs = new Map<string, Map<string, Buffer>>();

// Limits catch a hang, not a busy machine: packing and one npm install take well under a minute when idle.
beforeAll(async () => {
  const unbuilt = packages.filter((p) => !existsSync(join(p.dir, "dist"))).map((p) => p.name);
  // turbo builds tools/ci's workspace dependencies first: a new package belongs in its devDependencies.
  if (unbuilt.length) throw new Error(`not built: ${unbuilt.join(", ")} (run pnpm build)`);
  work = mkdtempSync(join(tmpdir(), "keyway-pack-"));
  const dest = join(work, "tarballs");
  const filters = packages.flatMap((p) => ["--filter", p.name]);
  const packed = await run("pnpm", ["-r", ...filters, "pack", "--pack-destination", dest], root);
  if (packed.code !== 0) throw new Error(`pnpm pack failed:\n${packed.out}\n${packed.err}`);
  const deps: Record<string, string> = {};
  for (const file of readdirSync(dest)) {
    const files = readTarball(readFileSync(join(dest, file)));
    const manifest = JSON.parse(files.get("package.json")!.toString("utf8")) as Manifest;
    tarballs.set(manifest.name, files);
    deps[manifest.name] = `file:${join(dest, file)}`;
  }
  project = join(work, "consumer");
  mkdirSync(project);
  // `overrides`: a package's dependency on another Keyway package is this tarball too, never the registry.
  const pkg = { name: "consumer", private: true, type: "module", dependencies: deps, overrides: deps };
  writeFileSync(join(project, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  const npm = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], project);
  if (npm.code !== 0) throw new Error(`npm install failed:\n${npm.err}`);
}, 900_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(packages)("the tarball of $name", ({ name, dir }) => {
  const files = () => {
    const got = tarballs.get(name);
    if (!got) throw new Error(`${name} was not packed`);
    return [...got.keys()];
  };
  const manifest = () => JSON.parse(tarballs.get(name)!.get("package.json")!.toString("utf8")) as Manifest;

  it("holds only what its manifest's files name, with the LICENSE and README", () => {
    const listed = (manifest().files ?? []).filter((f) => !f.startsWith("!"));
    const allowed = new Set([...listed, "package.json", "README.md", "LICENSE"]);
    expect(files().filter((f) => !allowed.has(f.split("/")[0]!))).toEqual([]);
    expect(files()).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json"]));
    expect(tarballs.get(name)!.get("LICENSE")!.toString("utf8")).toBe(
      readFileSync(join(root, "LICENSE"), "utf8"),
    );
  });

  it("ships no sources, tests, fixtures, vectors or Python, and no map pointing at a missing file", () => {
    const unwanted =
      /(^|\/)(src|tests?|__tests__|fixtures?|vectors)\/|\.(py|test\.[cm]?[jt]s|test-d\.ts)$|\.d\.ts\.map$/;
    expect(
      files().filter((f) => unwanted.test(f) || (/\.[cm]?ts$/.test(f) && !/\.d\.[cm]?ts$/.test(f))),
    ).toEqual([]);
    for (const f of files().filter((x) => x.endsWith(".js.map"))) {
      const map = JSON.parse(tarballs.get(name)!.get(f)!.toString("utf8")) as {
        sources: string[];
        sourcesContent?: unknown[];
      };
      expect(map.sourcesContent?.length, f).toBe(map.sources.length);
    }
  });

  it("publishes no source condition, no workspace: range, and every exports target exists", () => {
    const m = manifest();
    expect([...strings(m)].filter((s) => s === "source" || s.startsWith("workspace:"))).toEqual([]);
    const targets = [...leaves(m.exports)];
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((t) => !files().includes(t.slice(2)))).toEqual([]);
    expect(existsSync(dir)).toBe(true);
  });
});

describe("installed with npm in a fresh project", () => {
  it("every installed dependency runs on the oldest Node our engines admit", () => {
    const ours = (
      JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { engines: { node: string } }
    ).engines.node;
    const lock = JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8")) as NpmLock;
    expect(Object.keys(lock.packages).length).toBeGreaterThan(packages.length);
    expect(engineViolations(lock, ours)).toEqual([]);
  });

  it.each(["nodenext", "bundler"] as const)(
    "a consumer of every entry point type-checks under %s with the strictest flags",
    (mode) => {
      const entries = packages.flatMap(({ name }) =>
        Object.keys(
          (JSON.parse(tarballs.get(name)!.get("package.json")!.toString("utf8")) as Manifest).exports ?? {},
        )
          .filter((k) => k !== "./package.json")
          .map((k) => `${name}${k.slice(1)}`),
      );
      writeFileSync(
        join(project, "entries.ts"),
        entries.map((e, i) => `export * as e${i} from "${e}";\n`).join(""),
      );
      copyFileSync(join(root, "tools/ci/test/pack-install/consumer.ts"), join(project, "consumer.ts"));
      const check = createChecker(project, [join(root, "node_modules/@types")]);
      const strictest = check([join(project, "entries.ts"), join(project, "consumer.ts")], mode);
      const theirs = strictest.filter((d) => !isOurs(d));
      if (theirs.length) console.log(`third-party declarations under ${mode}:\n${theirs.join("\n")}`);
      expect(strictest.filter(isOurs)).toEqual([]);
      // Quick starts are excerpts: they may leave a value unused and read `process.env.X`.
      const snippets = packages.filter((p) => p.quickStart);
      for (const p of snippets) writeFileSync(join(project, `qs-${basename(p.dir)}.ts`), p.quickStart!);
      const relaxed = check(
        snippets.map((p) => join(project, `qs-${basename(p.dir)}.ts`)),
        mode,
        { noUnusedLocals: false, noPropertyAccessFromIndexSignature: false },
      );
      expect(relaxed.filter(isOurs)).toEqual([]);
    },
    300_000,
  );
});

describe("the installed sandbox", () => {
  it("starts every provider cold in a fresh process, from the parsed specs it ships", async () => {
    const fresh = mkdtempSync(join(work, "tmp-"));
    const script =
      "const t = performance.now(); const { startSandbox } = await import('@keyway/sandbox');" +
      "const s = await startSandbox(); console.log(JSON.stringify({ ms: Math.round(performance.now() - t), urls: s.urls }));" +
      "await s.close();";
    const r = await run(process.execPath, ["--input-type=module", "-e", script], project, {
      ...process.env,
      TMPDIR: fresh,
    });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const { ms, urls } = JSON.parse(r.out) as { ms: number; urls: Record<string, string> };
    console.log(`installed sandbox, cold start of every provider (import + start): ${ms} ms`);
    expect(Object.keys(urls).sort()).toEqual(["appfigures", "hiobuy", "hishopping", "hyper", "sgate"]);
    // No spec was parsed: nothing was written to the (fresh) temp directory's spec cache.
    expect(readdirSync(fresh)).toEqual([]);
  }, 120_000);
});

describe("README quick starts, from the installed packages", () => {
  let sandbox: RunningSandbox<"hiobuy" | "hishopping"> | undefined;
  beforeAll(async () => {
    const entry = join(project, "node_modules/@keyway/sandbox/dist/index.js");
    const { startSandbox } = (await import(pathToFileURL(entry).href)) as typeof import("@keyway/sandbox");
    sandbox = await startSandbox({ providers: ["hiobuy", "hishopping"] });
  }, 120_000);
  afterAll(() => sandbox?.close());

  it.each(packages.filter((p) => p.quickStart))(
    "$name's quick start runs against the installed sandbox",
    async ({ name, dir, quickStart: code }) => {
      const file = join(project, `qs-${basename(dir)}.mjs`);
      const js = ts.transpileModule(code!, {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: true,
        },
      }).outputText;
      writeFileSync(file, js);
      const env = {
        ...process.env,
        HIOBUY_API_KEY: "hio_test_pack",
        HIOBUY_BASE_URL: sandbox!.urls.hiobuy,
        HISHOPPING_BASE_URL: sandbox!.urls.hishopping,
      };
      const r = await run(process.execPath, [file], project, env, 120_000);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toMatch(QUICK_START_OUTPUT[name] ?? /\S/);
    },
    150_000,
  );
});
