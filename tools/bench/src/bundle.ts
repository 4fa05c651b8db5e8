/**
 * Bundle size per provider: what a user's bundler ships for one `create…Client` import, with esbuild (minify,
 * ESM, tree shaking on, `openapi-fetch` external as the issue states), measured as minified and gzip bytes
 * (zlib level 9). The same metafile proves tree shaking: the modules of `@keyway/auth` that end up in the
 * bundle, and a search of the output for the code of the schemes the provider does not use. The output's
 * source map attributes every character to the source file it came from, so each file's and each part's
 * (provider code, operation table, auth core, auth scheme) share is reported in gzip bytes too.
 */
import { gzipSync } from "node:zlib";
import { decode } from "@jridgewell/sourcemap-codec";
import { build, type Metafile } from "esbuild";
import { budget, type GroupReport } from "./budget.js";

/** One provider's bundle entry: the package and the factory a user imports. */
export interface BundleEntry {
  readonly provider: string;
  readonly pkg: string;
  readonly factory: string;
  /** Code families this provider uses ({@link MARKERS}); the markers of every other family must be absent. */
  readonly uses: readonly CodeFamily[];
  /** The `@keyway/auth` scheme modules it may carry (`schemes/<name>`); any other one is a tree-shaking leak. */
  readonly schemes: readonly string[];
}

/**
 * Families of code the tree-shaking check searches the output for: the signing code of each crypto family, and
 * the `@keyway/auth` helpers only some schemes use, whose module-level values (a cache, a decoder, a table) a
 * bundler keeps unless they are marked pure.
 */
export type CodeFamily = "aes-gcm" | "hmac" | "oauth1" | "key-cache" | "utf8-decode" | "base64-decode";

/**
 * Strings only a family's code holds (node:crypto and Web Crypto algorithm names, protocol parameters, what a
 * minifier leaves of a helper), never the redaction lists or error texts every bundle carries.
 */
export const MARKERS: Readonly<Record<CodeFamily, readonly string[]>> = {
  "aes-gcm": ['"aes-256-gcm"', '"AES-GCM"', "createCipheriv(", "createDecipheriv("],
  hmac: ['"sha256"', '"SHA-256"', '"HMAC"', "createHmac("],
  oauth1: ['"oauth_nonce"', '"oauth_timestamp"', '"HMAC-SHA1"', '"PLAINTEXT"'],
  /** The prepared-key cache (HMAC and AES-GCM keys): its `toJSON` text. */
  "key-cache": ["KeyCache("],
  /** The strict UTF-8 decoder (decrypted payloads, JWT claims, OAuth 1.0a bodies). */
  "utf8-decode": ["TextDecoder"],
  /** The Web Crypto path's Base64 decoder (the platform's `atob`; a decoding table of its own before). */
  "base64-decode": ["atob(", "Int16Array"],
};

/** The five providers, as a user imports them (Hyper: its Reseller surface). */
export const ENTRIES: readonly BundleEntry[] = [
  { provider: "HIOBuy", pkg: "@keyway/hiobuy", factory: "createHiobuyClient", uses: [], schemes: ["bearer"] },
  {
    provider: "SGate",
    pkg: "@keyway/sgate",
    factory: "createSgateClient",
    uses: ["hmac", "key-cache"],
    schemes: ["sgate"],
  },
  {
    provider: "HiShopping",
    pkg: "@keyway/hishopping",
    factory: "createHishoppingClient",
    uses: ["aes-gcm", "hmac", "key-cache", "utf8-decode", "base64-decode"],
    schemes: ["hishopping"],
  },
  {
    provider: "Appfigures",
    pkg: "@keyway/appfigures",
    factory: "createAppfiguresClient",
    uses: ["oauth1", "hmac", "key-cache", "utf8-decode"],
    schemes: ["oauth1", "basic", "bearer"],
  },
  {
    provider: "Hyper (Reseller)",
    pkg: "@keyway/hyper",
    factory: "createResellerClient",
    uses: ["utf8-decode", "base64-decode"],
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
  /** Each source file's and each part's share of the output (source-map attribution), largest gzip first. */
  readonly sources: readonly Share[];
  /** The parts of the bundle ({@link partOf}), largest gzip first. */
  readonly parts: readonly Share[];
  /** `@keyway/auth` scheme modules in the bundle (e.g. `schemes/bearer.js`). */
  readonly schemeModules: readonly string[];
  /** Scheme modules the provider does not use that are in the bundle (should be empty). */
  readonly foreignModules: readonly string[];
  /** Markers of crypto families the provider does not use that were found in the output (should be empty). */
  readonly foreignMarkers: readonly string[];
}

/** A piece of a bundle: its minified characters and what the gzip of the whole bundle loses without them. */
export interface Share {
  readonly name: string;
  /** Characters of the minified output mapped to it. */
  readonly minBytes: number;
  /** gzip(bundle) − gzip(bundle without its characters): its cost in the compressed bundle. */
  readonly gzipBytes: number;
}

/** The part of a bundle a source file belongs to, by its short path (`hiobuy/src/client.ts`). */
export function partOf(source: string): string {
  if (/^auth\/[^/]+\/core\//.test(source)) return "auth core";
  if (/^auth\/[^/]+\/schemes\//.test(source)) return "auth scheme";
  if (source.startsWith("auth/")) return "auth core";
  if (/\/generated\/(?:[^/]+\/)?operations\.[jt]s$/.test(source)) return "operation table";
  if (/^[^/]+\/(?:src|dist)\//.test(source)) return "provider code";
  return "other";
}

/**
 * For each character of `code`, the index of the source its source-map segment names, or -1 where no source
 * is named (esbuild's own glue: the export statement, helper names). A segment runs to the next one.
 */
export function charOwners(code: string, mappings: string): Int32Array {
  const owners = new Int32Array(code.length).fill(-1);
  const lines = decode(mappings);
  let start = 0;
  code.split("\n").forEach((line, i) => {
    const segments = lines[i] ?? [];
    segments.forEach((seg, j) => {
      const end = j + 1 < segments.length ? segments[j + 1]![0] : line.length;
      if (seg.length >= 4) owners.fill(seg[1]!, start + seg[0], start + end);
    });
    start += line.length + 1;
  });
  return owners;
}

const gzipLength = (text: string) => gzipSync(text, { level: 9 }).byteLength;

/**
 * Shares of the groups `groupOf` makes of the sources (`-1`, esbuild's glue, is its own group "(glue)"):
 * characters, and the marginal gzip cost (the gzip of `code` minus the gzip of `code` without the group).
 */
export function shares(code: string, owners: Int32Array, groupOf: (source: number) => string): Share[] {
  const groups = new Map<string, boolean[]>();
  const names: string[] = [];
  for (let i = 0; i < owners.length; i++) {
    const name = owners[i]! < 0 ? "(glue)" : groupOf(owners[i]!);
    if (!groups.has(name)) {
      groups.set(name, []);
      names.push(name);
    }
  }
  const whole = gzipLength(code);
  return names
    .map((name) => {
      let kept = "";
      let min = 0;
      let runStart = 0;
      for (let i = 0; i <= code.length; i++) {
        const inGroup = i < code.length && (owners[i]! < 0 ? "(glue)" : groupOf(owners[i]!)) === name;
        if (inGroup) min++;
        if (i === code.length || inGroup) {
          kept += code.slice(runStart, i);
          runStart = i + 1;
        }
      }
      return { name, minBytes: min, gzipBytes: whole - gzipLength(kept) };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes || a.name.localeCompare(b.name));
}

/** The part of a module path a reader needs: from the package folder on (`auth/dist/core/client.js`). */
export function shortPath(path: string): string {
  const m = /(?:packages|tools)\/(.+)$/.exec(path.replaceAll("\\", "/"));
  return m?.[1] ?? path;
}

/** Markers of the families `uses` leaves out that occur in `code`. */
export function foreignMarkers(code: string, uses: readonly CodeFamily[]): string[] {
  const found: string[] = [];
  for (const [family, markers] of Object.entries(MARKERS) as [CodeFamily, readonly string[]][]) {
    if (uses.includes(family)) continue;
    for (const m of markers) if (code.includes(m)) found.push(`${family}: ${m}`);
  }
  return found;
}

/** Module contributions of the single output of a metafile, largest first. */
export function contributions(metafile: Metafile): { path: string; bytes: number }[] {
  const outputs = Object.entries(metafile.outputs)
    .filter(([path]) => !path.endsWith(".map"))
    .map(([, v]) => v);
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
    // The packages' dist/ maps lead esbuild on to their TypeScript sources: shares name the file to edit.
    sourcemap: "external",
    sourcesContent: false,
    outdir: "bundle",
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".js"))!;
  const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith(".js.map"))!.text) as {
    sources: string[];
    mappings: string;
  };
  const code = js.contents;
  const text = js.text;
  const owners = charOwners(text, map.mappings);
  const sourceNames = map.sources.map(shortPath);
  const modules = contributions(result.metafile);
  const schemeModules = modules.map((m) => m.path).filter((p) => /^auth\/[^/]+\/schemes\//.test(p));
  return {
    provider: entry.provider,
    platform,
    minBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    modules,
    sources: shares(text, owners, (i) => sourceNames[i]!),
    parts: shares(text, owners, (i) => partOf(sourceNames[i]!)),
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
  const part = (f: BundleFigure, name: string) => {
    const p = f.parts.find((x) => x.name === name);
    return p ? `${kb(p.minBytes).toFixed(1)} / ${kb(p.gzipBytes).toFixed(2)}` : "—";
  };
  const lines = [
    "Bundle per provider: esbuild, `export { create…Client }` from the package's dist/, minified ESM, openapi-fetch external; gzip level 9.",
    "Each part's and file's share, from the output's source map: minified KB / gzip KB, where gzip is what the bundle's gzip loses without it (shares overlap in gzip's dictionary, so they add up to a little less than the whole).",
    "",
    "| provider | platform | min KB | min+gz KB | provider code | operation table | auth core | auth scheme | largest files (gzip KB) | scheme modules | foreign scheme code |",
    "|---|---|---:|---:|---:|---:|---:|---:|---|---|---|",
    ...figures.map((f) => {
      const top = f.sources
        .filter((m) => m.name !== "(glue)")
        .slice(0, 5)
        .map((m) => `${m.name} ${kb(m.gzipBytes).toFixed(2)}`)
        .join(", ");
      const foreign = [...f.foreignModules, ...f.foreignMarkers];
      return `| ${f.provider} | ${f.platform} | ${kb(f.minBytes).toFixed(1)} | ${kb(f.gzipBytes).toFixed(2)} | ${part(f, "provider code")} | ${part(f, "operation table")} | ${part(f, "auth core")} | ${part(f, "auth scheme")} | ${top} | ${f.schemeModules.join(", ") || "none"} | ${foreign.join(", ") || "none"} |`;
    }),
    "",
    "Provider files (browser), minified KB / gzip KB:",
    "",
    "| provider | files |",
    "|---|---|",
    ...figures
      .filter((f) => f.platform === "browser")
      .map((f) => {
        const own = f.sources.filter(
          (m) => partOf(m.name) === "provider code" || partOf(m.name) === "operation table",
        );
        return `| ${f.provider} | ${own.map((m) => `${m.name} ${kb(m.minBytes).toFixed(1)} / ${kb(m.gzipBytes).toFixed(2)}`).join(", ")} |`;
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
