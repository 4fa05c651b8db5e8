/**
 * Hover text for the generated types. openapi-typescript writes a schema's, parameter's or operation's
 * `summary`, `description` and `deprecated` as JSDoc, but drops every `x-*` key. Two of ours matter where a user
 * types a field: `x-unverified` (an inference, not confirmed by the provider) and `x-unit` (what a number
 * counts: fen, yuan, seconds, …). {@link annotateSpec} folds them into a copy of the spec's `description`s
 * before openapi-typescript runs, so the editor shows "Unverified" and the unit on the field itself.
 * @module
 */

type Json = Record<string, unknown>;

/** Thrown for an `x-unit` that is not a non-empty string. */
export class HoverError extends Error {
  override name = "HoverError";
}

/** How a known `x-unit` reads in hover text; any other unit is shown as written. */
const UNITS: Readonly<Record<string, string>> = {
  fen: "fen (integer CNY minor units; 1 yuan = 100 fen)",
  yuan: "yuan (CNY major units, a decimal)",
  seconds: "seconds",
  "unix-seconds": "seconds since the Unix epoch",
  milliseconds: "milliseconds",
  minor: "minor units of the currency (integer)",
  major: "major units of the currency (a decimal)",
};

/** The hover line an `x-unverified` value gives (`true`, or a string saying what is unconfirmed). */
export function unverifiedLine(value: unknown): string | undefined {
  if (value === true) return "Unverified: inferred, not confirmed by the provider; check it at onboarding.";
  if (typeof value === "string" && value.trim()) return `Unverified: ${value.trim()}`;
  return undefined;
}

/** The hover line an `x-unit` value gives. */
export function unitLine(value: unknown, where: string): string {
  if (typeof value !== "string" || !value.trim()) {
    throw new HoverError(`${where}: x-unit must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return `Unit: ${UNITS[value] ?? value}.`;
}

/** Keys whose values are data (examples, defaults, enums), never schema, parameter or operation objects. */
const DATA_KEYS = new Set(["example", "examples", "default", "const", "enum"]);
/** Keys whose values map names to objects: there, `default` or `x-…` is a name, not a keyword. */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "paths",
  "schemas",
  "parameters",
  "headers",
]);

/**
 * A copy of `spec` in which every object with `x-unverified` or `x-unit` carries the matching line at the end of
 * its `description` (created when absent). Examples, defaults and `x-*` values are left as they are.
 * @throws {HoverError} for an `x-unit` that is not a non-empty string.
 */
export function annotateSpec(spec: Json): Json {
  const walk = (node: unknown, where: string, names = false): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${where}/${i}`));
    if (node === null || typeof node !== "object") return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      const data = !names && (key.startsWith("x-") || DATA_KEYS.has(key));
      out[key] = data ? value : walk(value, `${where}/${key}`, !names && NAME_MAPS.has(key));
    }
    if (names) return out;
    const lines = [
      ...(Object.hasOwn(out, "x-unit") ? [unitLine(out["x-unit"], where || "#")] : []),
      ...(Object.hasOwn(out, "x-unverified") ? [unverifiedLine(out["x-unverified"])].filter(Boolean) : []),
    ];
    if (lines.length > 0) {
      const before = typeof out.description === "string" ? out.description.trimEnd() : "";
      out.description = [before, ...lines].filter(Boolean).join("\n\n");
    }
    return out;
  };
  return walk(spec, "") as Json;
}
