/**
 * Unit coverage of a spec: a field whose value counts seconds must say so with `x-unit` (`seconds`, or
 * `unix-seconds` for a point in time), which the generated types then show on hover (hover.ts). A field is a
 * schema property, a parameter or a header; it counts seconds when its name is one that does by convention
 * (`Retry-After`, `X-RateLimit-Reset`, `expires_in`, `ttl`, `max-age`, `…_seconds`) or its description says
 * "seconds". Its unit may sit on the field, on its `schema`, or on the schema or header a `$ref` names.
 * @module
 */

type Json = Record<string, unknown>;

/** Field names that count seconds by convention (RFC 9110 `Retry-After`, RFC 6749 `expires_in`, …). */
const SECONDS_NAME =
  /^(?:retry-after|(?:x-)?rate-?limit-reset|expires[_-]?in|ttl|max-age|timeout)$|[_-]seconds?$|[a-z]Seconds?$/i;
/** A description that says the value is in seconds ("Unix seconds", "seconds to wait", "in seconds"). */
const SECONDS_TEXT = /\bseconds\b/i;

/** Keys whose values are data (examples, defaults, enums) or extensions, never fields. */
const DATA_KEYS = new Set(["example", "examples", "default", "const", "enum"]);

/** A key as a JSON Pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
const pointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** The object a local `$ref` (`#/components/…`) points at, or `undefined`. */
function resolve(spec: Json, ref: unknown): Json | undefined {
  if (typeof ref !== "string" || !ref.startsWith("#/")) return undefined;
  let node: unknown = spec;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) ? node[key] : undefined;
  }
  return isObject(node) ? node : undefined;
}

/** Whether a field, its schema, or what either's `$ref` names (one level) carries `x-unit`. */
function hasUnit(spec: Json, field: Json): boolean {
  const schema = isObject(field.schema) ? field.schema : undefined;
  return [field, schema, resolve(spec, field.$ref), resolve(spec, schema?.$ref)].some(
    (node) => node !== undefined && Object.hasOwn(node, "x-unit"),
  );
}

/**
 * The JSON pointers of the fields of `spec` that count seconds but carry no `x-unit` (empty when every one
 * does). A field that is only a `$ref` is judged where it points.
 */
export function unitlessSecondsFields(spec: Json): string[] {
  const found: string[] = [];
  const check = (field: Json, name: string, where: string) => {
    if (Object.keys(field).length === 1 && "$ref" in field) return;
    const description = typeof field.description === "string" ? field.description : "";
    if (!SECONDS_NAME.test(name) && !SECONDS_TEXT.test(description)) return;
    if (!hasUnit(spec, field)) found.push(where);
  };
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${where}/${i}`);
      return;
    }
    if (!isObject(node)) return;
    // A parameter (an apiKey security scheme has `name` and `in` too, but is no field).
    if (typeof node.name === "string" && typeof node.in === "string" && node.type !== "apiKey")
      check(node, node.name, where);
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-") || DATA_KEYS.has(key)) continue;
      if ((key === "properties" || key === "headers") && isObject(value)) {
        for (const [name, field] of Object.entries(value)) {
          const at = `${where}/${key}/${pointer(name)}`;
          if (isObject(field)) check(field, name, at);
          walk(field, at);
        }
      } else {
        walk(value, `${where}/${pointer(key)}`);
      }
    }
  };
  walk(spec, "");
  return found;
}
