import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseSpecText } from "./spec-cache.js";

/** A parsed OpenAPI document (3.0 or 3.1), as plain JSON data. */
export type OpenApiDocument = {
  openapi: string;
  info?: Record<string, unknown>;
  servers?: Array<{ url: string; [k: string]: unknown }>;
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
  [k: string]: unknown;
};

/** Options of {@link specPath} / {@link loadSpec}. */
export interface SpecLocateOptions {
  /**
   * Directory that holds `<provider>/openapi.yaml`. Default: `$KEYWAY_SPECS_DIR`, else the first `specs/`
   * folder found walking up from this module (works from the workspace source and from a packed copy that
   * ships `specs/`), else walking up from `process.cwd()`.
   */
  specsDir?: string;
}

/** Thrown when a provider's spec cannot be found or parsed. */
export class SpecNotFoundError extends Error {
  override readonly name = "SpecNotFoundError";
  /** The provider whose spec was looked up. */
  readonly provider: string;
  /** Every file path that was tried. */
  readonly tried: string[];
  constructor(provider: string, tried: string[]) {
    super(`OpenAPI spec for "${provider}" not found; tried:\n  ${tried.join("\n  ")}`);
    this.provider = provider;
    this.tried = tried;
  }
}

function walkUp(from: string, provider: string, tried: string[]): string | undefined {
  let dir = resolve(from);
  for (let i = 0; i < 12; i++) {
    const candidate = join(dir, "specs", provider, "openapi.yaml");
    tried.push(candidate);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/**
 * Absolute path of `specs/<provider>/openapi.yaml`.
 * @throws {SpecNotFoundError} when no candidate exists.
 */
export function specPath(provider: string, options: SpecLocateOptions = {}): string {
  // `provider`, or `provider/surface` for a provider with one spec per surface (specs/hyper/reseller/…).
  if (!/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)?$/.test(provider))
    throw new SpecNotFoundError(provider, []);
  const tried: string[] = [];
  const dir = options.specsDir ?? process.env.KEYWAY_SPECS_DIR;
  if (dir) {
    const candidate = resolve(dir, provider, "openapi.yaml");
    tried.push(candidate);
    if (existsSync(candidate)) return candidate;
    throw new SpecNotFoundError(provider, tried);
  }
  const found =
    walkUp(dirname(fileURLToPath(import.meta.url)), provider, tried) ??
    walkUp(process.cwd(), provider, tried);
  if (!found) throw new SpecNotFoundError(provider, tried);
  return found;
}

const cache = new Map<string, OpenApiDocument>();

/**
 * Reads and parses `specs/<provider>/openapi.yaml` (see {@link specPath} for the lookup). Each call returns a
 * fresh deep copy, so callers may mutate it (openapi-backend dereferences in place).
 * @throws {SpecNotFoundError} when the file is missing or is not an OpenAPI document.
 */
export function loadSpec(provider: string, options: SpecLocateOptions = {}): OpenApiDocument {
  const file = specPath(provider, options);
  let doc = cache.get(file);
  if (!doc) {
    const parsed = parseSpecText(readFileSync(file, "utf8"));
    if (
      !parsed ||
      typeof parsed !== "object" ||
      typeof (parsed as { openapi?: unknown }).openapi !== "string"
    ) {
      throw new SpecNotFoundError(provider, [`${file} (not an OpenAPI document)`]);
    }
    doc = parsed as OpenApiDocument;
    cache.set(file, doc);
  }
  return structuredClone(doc);
}
