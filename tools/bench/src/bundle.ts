/**
 * Bundle size per provider: what a user's bundler ships for one `create…Client` import, with esbuild (minify,
 * ESM, tree shaking on, `openapi-fetch` external as the issue states), measured as minified and gzip bytes
 * (zlib level 9). The same metafile proves tree shaking: the modules of `@keyway/auth` that end up in the
 * bundle, and a search of the output for the code of the schemes the provider does not use.
 */
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { budget, type GroupReport } from "./budget.js";

/** One provider's bundle entry: the package and the factory a user imports. */
export interface BundleEntry {
  readonly provider: string;
  readonly pkg: string;
  readonly factory: string;
  /** Crypto families this provider signs with; the markers of every other family must be absent. */
  readonly uses: readonly SchemeFamily[];
  /** The `@keyway/auth` scheme modules it may carry (`schemes/<name>`); any other one is a tree-shaking leak. */
  readonly schemes: readonly string[];
}

/** Families of signing code the tree-shaking check searches the output for. */
export type SchemeFamily = "aes-gcm" | "hmac" | "oauth1";

/**
 * Strings only a family's code holds (node:crypto and Web Crypto algorithm names, protocol parameters),
 * never the redaction lists or error texts every bundle carries.
 */
export const MARKERS: Readonly<Record<SchemeFamily, readonly string[]>> = {
  "aes-gcm": ['"aes-256-gcm"', '"AES-GCM"', "createCipheriv(", "createDecipheriv("],
  hmac: ['"sha256"', '"SHA-256"', '"HMAC"', "createHmac("],
  oauth1: ['"oauth_nonce"', '"oauth_timestamp"', '"HMAC-SHA1"', '"PLAINTEXT"'],
};

/** The five providers, as a user imports them (Hyper: its Reseller surface). */
export const ENTRIES: readonly BundleEntry[] = [
  { provider: "HIOBuy", pkg: "@keyway/hiobuy", factory: "createHiobuyClient", uses: [], schemes: ["bearer"] },
  {
    provider: "SGate",
    pkg: "@keyway/sgate",
    factory: "createSgateClient",
    uses: ["hmac"],
    schemes: ["sgate"],
  },
  {
    provider: "HiShopping",
    pkg: "@keyway/hishopping",
    factory: "createHishoppingClient",
    uses: ["aes-gcm", "hmac"],
    schemes: ["hishopping"],
  },
  {
    provider: "Appfigures",
    pkg: "@keyway/appfigures",
    factory: "createAppfiguresClient",
    uses: ["oauth1", "hmac"],
    schemes: ["oauth1", "basic", "bearer"],
  },
  {
    provider: "Hyper (Reseller)",
    pkg: "@keyway/hyper",
    factory: "createResellerClient",
    uses: [],
    schemes: ["jwt"],
  },
];

/** One bundle's figures. */
export interface BundleFigure {
  readonly provider: string;
  readonly platform: "browser" | "node";
  readonly minBytes: number;
  readonly gzipBytes: number;
  /** Bytes each input module contributes to the minified output, largest first (zero-byte inputs left out). */
  readonly modules: readonly { readonly path: string; readonly bytes: number }[];
  /** `@keyway/auth` scheme modules in the bundle (e.g. `schemes/bearer.js`). */
  readonly schemeModules: readonly string[];
  /** Scheme modules the provider does not use that are in the bundle (should be empty). */
  readonly foreignModules: readonly string[];
  /** Markers of crypto families the provider does not use that were found in the output (should be empty). */
  readonly foreignMarkers: readonly string[];
}

/** The part of a module path a reader needs: from the package folder on (`auth/dist/core/client.js`). */
export function shortPath(path: string): string {
  const m = /(?:packages|tools)\/(.+)$/.exec(path.replaceAll("\\", "/"));
  return m?.[1] ?? path;
}

/** Markers of the families `uses` leaves out that occur in `code`. */
export function foreignMarkers(code: string, uses: readonly SchemeFamily[]): string[] {
  const found: string[] = [];
  for (const [family, markers] of Object.entries(MARKERS) as [SchemeFamily, readonly string[]][]) {
    if (uses.includes(family)) continue;
    for (const m of markers) if (code.includes(m)) found.push(`${family}: ${m}`);
  }
  return found;
}

/** Module contributions of the single output of a metafile, largest first. */
export function contributions(metafile: Metafile): { path: string; bytes: number }[] {
  const outputs = Object.values(metafile.outputs);
  if (outputs.length !== 1) throw new Error(`expected one output, got ${outputs.length}`);
  return Object.entries(outputs[0]!.inputs)
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([path, v]) => ({ path: shortPath(path), bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
}

/** Bundles `export { factory } from "pkg"` from `resolveDir` (so the workspace's `dist/` resolves) and measures it. */
export async function measureBundle(
  entry: BundleEntry,
  platform: "browser" | "node",
  resolveDir: string,
): Promise<BundleFigure> {
  const result = await build({
    stdin: { contents: `export { ${entry.factory} } from "${entry.pkg}";\n`, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform,
    target: "es2022",
    external: ["openapi-fetch"],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  const text = new TextDecoder().decode(code);
  const modules = contributions(result.metafile);
  const schemeModules = modules.map((m) => m.path).filter((p) => /^auth\/[^/]+\/schemes\//.test(p));
  return {
    provider: entry.provider,
    platform,
    minBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    modules,
    schemeModules,
    foreignModules: schemeModules.filter((p) => !entry.schemes.some((s) => p.includes(`/schemes/${s}`))),
    foreignMarkers: foreignMarkers(text, entry.uses),
  };
}

/** The size limit per provider bundle, gzip bytes (issue 14: ≤ 4 KB min+gz). */
export const BUNDLE_LIMIT_KB = 4;

const kb = (bytes: number) => bytes / 1024;

/**
 * Bundles every provider for `browser` (Web Crypto, the larger path, what edge runtimes and browsers ship)
 * and `node` (`node:crypto` external) and reports: sizes, the operation table's and the largest modules'
 * share, and the tree-shaking check. Budgets: browser min+gz per provider, and zero foreign scheme code.
 */
export async function runBundle(resolveDir: string): Promise<GroupReport> {
  const figures: BundleFigure[] = [];
  for (const entry of ENTRIES) {
    for (const platform of ["browser", "node"] as const)
      figures.push(await measureBundle(entry, platform, resolveDir));
  }
  const lines = [
    "Bundle per provider: esbuild, `export { create…Client }` from the package's dist/, minified ESM, openapi-fetch external; gzip level 9.",
    "",
    "| provider | platform | min KB | min+gz KB | operation table (min KB) | largest modules (min KB) | scheme modules | foreign scheme code |",
    "|---|---|---:|---:|---:|---|---|---|",
    ...figures.map((f) => {
      const table = f.modules.filter((m) => m.path.includes("/generated/")).reduce((n, m) => n + m.bytes, 0);
      const top = f.modules
        .filter((m) => !m.path.includes("/generated/"))
        .slice(0, 4)
        .map((m) => `${m.path} ${kb(m.bytes).toFixed(1)}`)
        .join(", ");
      const foreign = [...f.foreignModules, ...f.foreignMarkers];
      return `| ${f.provider} | ${f.platform} | ${kb(f.minBytes).toFixed(1)} | ${kb(f.gzipBytes).toFixed(2)} | ${kb(table).toFixed(1)} | ${top} | ${f.schemeModules.join(", ") || "none"} | ${foreign.join(", ") || "none"} |`;
    }),
  ];
  const budgets = figures
    .filter((f) => f.platform === "browser")
    .flatMap((f) => [
      budget(`${f.provider} bundle (browser, min+gz)`, kb(f.gzipBytes), BUNDLE_LIMIT_KB, "KB"),
      budget(
        `${f.provider} bundle: foreign scheme modules and crypto markers (browser + node)`,
        figures
          .filter((g) => g.provider === f.provider)
          .reduce((n, g) => n + g.foreignModules.length + g.foreignMarkers.length, 0),
        0,
        "found",
      ),
    ]);
  return { lines, budgets, data: figures };
}
