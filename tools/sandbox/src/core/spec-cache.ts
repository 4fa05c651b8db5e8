/**
 * Parsed specs as JSON, keyed by the SHA-256 of their YAML text: parsing HIOBuy's spec with `yaml` takes most
 * of a second (several on a busy machine), reading its JSON copy a few milliseconds. Two places hold copies:
 * `spec-cache/` in the package, written by `pnpm pack` (so a fresh install starts without parsing), and the OS
 * temp directory, filled by the first process that parses a spec (the workspace, or a `KEYWAY_SPECS_DIR` of
 * your own). The key is the text's hash, so an edited spec is never answered from a stale copy.
 * Not exported from the package index: `scripts/cache-specs.mjs` imports it from `dist/`.
 * @module
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's own copies: `<package>/spec-cache/`, from `dist/core/` or `src/core/` alike. */
const SHIPPED = fileURLToPath(new URL("../../spec-cache/", import.meta.url));

/** Copies written by earlier processes. */
const TEMP = join(tmpdir(), "keyway-sandbox-specs");

/** The file name a spec's parsed copy is kept under: `<sha256 of the YAML text>.json`. */
export function specCacheName(yamlText: string): string {
  return `${createHash("sha256").update(yamlText).digest("hex")}.json`;
}

/** `yaml` is loaded on the first parse only: a cached start never pays for the module. */
function parseYamlText(text: string): unknown {
  const { parse } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return parse(text);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined; // absent or unreadable: the next place is tried
  }
}

/**
 * Parses a spec's YAML text through the cache: the package's copy, then the temp directory's, else `yaml`
 * (and the result is written to the temp directory; a directory that cannot be written is simply not used).
 */
export function parseSpecText(text: string): unknown {
  const name = specCacheName(text);
  const cached = readJson(join(SHIPPED, name)) ?? readJson(join(TEMP, name));
  if (cached !== undefined) return cached;
  const parsed = parseYamlText(text);
  try {
    mkdirSync(TEMP, { recursive: true });
    const tmp = join(TEMP, `${name}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(parsed));
    renameSync(tmp, join(TEMP, name));
  } catch {
    // read-only or full temp directory: every start parses the YAML
  }
  return parsed;
}

/**
 * Writes the parsed copy of every `openapi.yaml` under `specsDir` (at any depth) into `outDir`, for the
 * package's `spec-cache/`.
 * @returns the names of the files written, sorted.
 */
export function precomputeSpecCache(specsDir: string, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const entry of readdirSync(specsDir, { recursive: true, encoding: "utf8" })) {
    if (!/(^|[\\/])openapi\.yaml$/.test(entry)) continue;
    const text = readFileSync(join(specsDir, entry), "utf8");
    const name = specCacheName(text);
    writeFileSync(join(outDir, name), JSON.stringify(parseYamlText(text)));
    written.push(name);
  }
  return written.sort();
}
