/**
 * The Ajv setup of the spec validator: JSON Schema 2020-12 with `ajv-formats` and the OpenAPI formats, plus
 * the helpers that feed it dereferenced schemas.
 * @module
 */
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv and ajv-formats are CommonJS; under NodeNext their default import is the module object.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ??
  Ajv2020Module) as unknown as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as typeof addFormatsModule.default;
/** An Ajv 2020-12 instance. */
export type AjvInstance = InstanceType<typeof Ajv2020>;

const OAS_FORMATS: Record<string, { type: "number" | "string"; validate: (v: never) => boolean }> = {
  int32: { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: "number", validate: (n: number) => Number.isInteger(n) },
  float: { type: "number", validate: (n: number) => Number.isFinite(n) },
  double: { type: "number", validate: (n: number) => Number.isFinite(n) },
  byte: {
    type: "string",
    // Character class plus a length check: a repeated group overflows V8's regex stack on multi-MB strings.
    validate: (s: string) => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s),
  },
  binary: { type: "string", validate: () => true },
  password: { type: "string", validate: () => true },
};

/** A new Ajv 2020-12 instance with `ajv-formats` and the OpenAPI formats (`int32`, `byte`, …). */
export function newAjv(opts: Record<string, unknown> = {}): AjvInstance {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, logger: false, ...opts });
  addFormats(ajv);
  for (const [name, format] of Object.entries(OAS_FORMATS)) ajv.addFormat(name, format as never);
  return ajv;
}

/** The path segments of a JSON pointer (`#/a/b~1c` → `["a", "b/c"]`). */
export function decodePointer(pointer: string): string[] {
  if (pointer === "" || pointer === "#") return [];
  return pointer
    .replace(/^#?\//, "")
    .split("/")
    .map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Replaces object cycles (from dereferencing recursive schemas) with local `$ref`s, like openapi-backend does. */
export function decycle(value: unknown): unknown {
  const seen = new WeakMap<object, string>();
  const walk = (v: unknown, path: string): unknown => {
    if (!v || typeof v !== "object") return v;
    const prior = seen.get(v);
    if (prior !== undefined) return { $ref: prior };
    seen.set(v, path);
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}/${i}`));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      out[k] = walk(x, `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    return out;
  };
  return walk(value, "#");
}
