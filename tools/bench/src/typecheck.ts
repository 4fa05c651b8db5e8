/**
 * Type-check cost of a user file of 20 calls per provider (src/user-file.ts), through the Keyway client and
 * through bare openapi-fetch over the same generated `paths`: one `tsc --extendedDiagnostics` run per file
 * (strict, skipLibCheck, NodeNext), the packages' types resolved from their `dist/*.d.ts` as a user's project
 * does. Instantiations are exact and load-independent; check time is reported for reference.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { budget, type GroupReport } from "./budget.js";
import { userCalls, userFile } from "./user-file.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const root = join(packageDir, "../..");

/** One provider's pair of user files. */
export interface TypecheckTarget {
  readonly provider: string;
  /** Spec path from the repository root. */
  readonly spec: string;
  /** Imports and `const client = …` through Keyway. */
  readonly keyway: string;
  /** Imports and `const client = …` through bare openapi-fetch over the same `paths`. */
  readonly bare: string;
}

const bare = (pkg: string, paths: string, baseUrl: string) =>
  `import createClient from "openapi-fetch";\nimport type { ${paths} as paths } from "${pkg}";\nconst client = createClient<paths>({ baseUrl: "${baseUrl}" });`;

/** The five providers (Hyper: its Reseller surface). */
export const TARGETS: readonly TypecheckTarget[] = [
  {
    provider: "HIOBuy",
    spec: "specs/hiobuy/openapi.yaml",
    keyway: `import { createHiobuyClient } from "@keyway/hiobuy";\nconst client = createHiobuyClient({ apiKey: "hio_live_x" });`,
    bare: bare("@keyway/hiobuy", "paths", "https://api.hiobuy.com/v1"),
  },
  {
    provider: "SGate",
    spec: "specs/sgate/openapi.yaml",
    keyway: `import { createSgateClient } from "@keyway/sgate";\nconst client = createSgateClient({ key: "k", secret: "s" });`,
    bare: bare("@keyway/sgate", "paths", "https://gateway.sgate.sa/api_v1"),
  },
  {
    provider: "HiShopping",
    spec: "specs/hishopping/openapi.yaml",
    keyway: `import { createHishoppingClient } from "@keyway/hishopping";\nconst client = createHishoppingClient({ appId: "a", secretKey: "s", signKey: "k" });`,
    bare: bare("@keyway/hishopping", "paths", "https://hishopping.xyz/api/v1"),
  },
  {
    provider: "Appfigures",
    spec: "specs/appfigures/openapi.yaml",
    keyway: `import { createAppfiguresClient } from "@keyway/appfigures";\nconst client = createAppfiguresClient({ auth: { type: "token", token: "t" } });`,
    bare: bare("@keyway/appfigures", "paths", "https://api.appfigures.com/v2"),
  },
  {
    provider: "Hyper (Reseller)",
    spec: "specs/hyper/reseller/openapi.yaml",
    keyway: `import { createResellerClient } from "@keyway/hyper";\nconst client = createResellerClient({ baseUrl: "https://api.example.com", credentials: { email: "e", password: "p" } });`,
    bare: bare("@keyway/hyper", "ResellerPaths", "https://api.example.com"),
  },
];

/** What `tsc --extendedDiagnostics` said of one file. */
export interface TscFigures {
  readonly instantiations: number;
  readonly types: number;
  readonly checkSeconds: number;
  /** Diagnostics tsc printed (empty when the file type-checks). */
  readonly errors: readonly string[];
}

/** Reads the figures out of `tsc --extendedDiagnostics` output. */
export function parseDiagnostics(out: string): TscFigures {
  const num = (label: string) => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(out);
    if (!m) throw new Error(`tsc printed no "${label}"`);
    return Number(m[1]);
  };
  return {
    instantiations: num("Instantiations"),
    types: num("Types"),
    checkSeconds: num("Check time"),
    errors: out.split("\n").filter((l) => /error TS\d+/.test(l)),
  };
}

/** Type-checks one file on its own with the TypeScript the workspace installs. */
export function tsc(file: string): TscFigures {
  const bin = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  const args = ["--noEmit", "--strict", "--skipLibCheck", "--target", "es2022", "--module", "nodenext"];
  const r = spawnSync(process.execPath, [bin, ...args, "--extendedDiagnostics", file], {
    cwd: packageDir,
    encoding: "utf8",
    timeout: 300_000,
  });
  if (r.error) throw r.error;
  return parseDiagnostics(r.stdout);
}

/** The type-check group: per provider, Keyway ÷ bare instantiations ≤ 1.3. */
export async function runTypecheck(calls = 20): Promise<GroupReport> {
  const dir = join(packageDir, ".typecheck");
  mkdirSync(dir, { recursive: true });
  const results = TARGETS.map((t) => {
    const spec = parse(readFileSync(join(root, t.spec), "utf8")) as Record<string, unknown>;
    const list = userCalls(spec, calls);
    const slug = t.provider
      .toLowerCase()
      .replace(/[^a-z]+/g, "-")
      .replace(/^-|-$/g, "");
    const files = { keyway: join(dir, `${slug}-keyway.ts`), bare: join(dir, `${slug}-bare.ts`) };
    writeFileSync(files.keyway, userFile(t.keyway, list));
    writeFileSync(files.bare, userFile(t.bare, list));
    process.stderr.write(`tsc ${t.provider}\n`);
    return { provider: t.provider, keyway: tsc(files.keyway), bare: tsc(files.bare) };
  });
  const lines = [
    `Type-check cost of a ${calls}-call user file (.typecheck/<provider>-{keyway,bare}.ts): \`tsc --extendedDiagnostics\`, strict, skipLibCheck, NodeNext, types from dist/.`,
    "",
    "| provider | Keyway instantiations | bare instantiations | × bare | Keyway types | bare types | check s (Keyway / bare) | type errors (Keyway / bare) |",
    "|---|---:|---:|---:|---:|---:|---|---|",
    ...results.map(
      (r) =>
        `| ${r.provider} | ${r.keyway.instantiations} | ${r.bare.instantiations} | ${(r.keyway.instantiations / r.bare.instantiations).toFixed(3)} | ${r.keyway.types} | ${r.bare.types} | ${r.keyway.checkSeconds} / ${r.bare.checkSeconds} | ${r.keyway.errors.length} / ${r.bare.errors.length} |`,
    ),
    ...results.flatMap((r) =>
      [...r.keyway.errors, ...r.bare.errors].slice(0, 3).map((e) => `    ${r.provider}: ${e}`),
    ),
  ];
  const budgets = results.map((r) => {
    const clean = r.keyway.errors.length === 0 && r.bare.errors.length === 0;
    const ratio = clean ? r.keyway.instantiations / r.bare.instantiations : Number.POSITIVE_INFINITY;
    return budget(
      `${r.provider}: type-check instantiations of a ${calls}-call file`,
      ratio,
      1.3,
      "× bare openapi-fetch",
    );
  });
  return { lines, budgets, data: results };
}
