/**
 * Hover text for the generated types. openapi-typescript writes a schema's, parameter's or operation's
 * `summary`, `description` and `deprecated` as JSDoc, but drops every `x-*` key. Two of ours matter where a user
 * types a field: `x-unverified` (an inference, not confirmed by the provider) and `x-unit` (what a number
 * counts: fen, yuan, seconds, …). {@link annotateSpec} folds them into a copy of the spec's `description`s
 * before openapi-typescript runs, so the editor shows "Unverified" and the unit on the field itself.
 * {@link documentOperations} gives the members of the generated `operations` interface, which openapi-typescript
 * leaves bare, the JSDoc of their operation.
 * @module
 */
import ts from "typescript";

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

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** The JSDoc lines of one operation: summary and route, description, `@deprecated`. */
function operationDoc(method: string, path: string, op: Json): string[] {
  const route = `\`${method.toUpperCase()} ${path}\``;
  const lines = [typeof op.summary === "string" ? `${op.summary.trim()} (${route})` : route];
  if (typeof op.description === "string" && op.description.trim()) {
    lines.push(...`@description ${op.description.trim()}`.split("\n"));
  }
  if (op.deprecated === true) lines.push("@deprecated");
  return lines.map((line) => line.replaceAll("*/", "*\\/"));
}

/**
 * Adds to each member of the `operations` interface in `ast` (openapi-typescript's output for `spec`, already
 * through {@link annotateSpec}) the JSDoc of its operation, so hovering `operationTypes["getOrder"]` shows the
 * route, summary, description, "Unverified" and `@deprecated` like the `paths` members do.
 */
export function documentOperations(ast: readonly ts.Node[], spec: Json): void {
  const docs = new Map<string, string[]>();
  for (const [path, item] of Object.entries((spec.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item?.[method] as Json | undefined;
      if (typeof op?.operationId === "string") docs.set(op.operationId, operationDoc(method, path, op));
    }
  }
  const operations = ast.find(
    (node): node is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(node) && node.name.text === "operations",
  );
  for (const member of operations?.members ?? []) {
    const name =
      member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
        ? member.name.text
        : "";
    const lines = docs.get(name);
    if (!lines) continue;
    const text = `*\n${lines.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n `;
    ts.addSyntheticLeadingComment(member, ts.SyntaxKind.MultiLineCommentTrivia, text, true);
  }
}
