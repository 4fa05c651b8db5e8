/**
 * What the operation table carries of an operation's `x-*` extensions: only those a client reads at run
 * time. The rest (`x-evidence`, `x-unverified`, HiShopping's `x-hishopping-payload`, …) document the spec
 * for readers, Redocly and the sandbox, which read the spec itself; `x-keyway-retry` is already the row's
 * `retry`. Keeping them out keeps every provider's bundle to what its code uses
 * (docs/architecture.md#generated-code).
 */

/**
 * The `x-*` operation extensions a Keyway client reads from its row at run time, and who reads them.
 * A package that starts reading another one adds it here (a test in tools/codegen fails until it does).
 */
export const RUNTIME_EXTENSIONS: Readonly<Record<string, string>> = {
  "x-hiobuy-business-failure": "@keyway/hiobuy: whether a 200 with success: false is an error",
  "x-sgate-method": "@keyway/auth/sgate: the method name SGate signs",
};

/** The operation's run-time extensions (see {@link RUNTIME_EXTENSIONS}), sorted by name so output is stable. */
export function runtimeExtensions(op: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(op).sort()) if (Object.hasOwn(RUNTIME_EXTENSIONS, k)) out[k] = op[k];
  return out;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON value as a compact TypeScript literal: `{ key: value }`, keys quoted only where they must be. */
export function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(
      ([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${literal(v)}`,
    );
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  return JSON.stringify(value);
}

/** The operation table's object literal: one row per line, in the order of `rows` (codegen sorts it). */
export function tableLiteral(rows: Readonly<Record<string, unknown>>): string {
  const lines = Object.entries(rows).map(([key, row]) => `  ${JSON.stringify(key)}: ${literal(row)},\n`);
  return lines.length ? `{\n${lines.join("")}}` : "{}";
}
