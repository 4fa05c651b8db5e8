/**
 * Writes the "20-call user file" of the type-check budget from a spec: the same calls, in the same order,
 * once through a Keyway client and once through bare openapi-fetch over the same generated `paths`. Each
 * call's init is built from the spec (request body examples, required parameters from their schemas), so the
 * file type-checks the way a user's code does, literal objects included.
 */

type Json = Record<string, unknown>;
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

/** Follows a local `$ref` (`#/components/…`) until the node is not a reference. */
export function deref(spec: Json, node: unknown): Json {
  let n = node as Json;
  for (let i = 0; i < 32 && typeof n?.$ref === "string"; i++) {
    n = (n.$ref as string)
      .slice(2)
      .split("/")
      .reduce<unknown>(
        (o, k) => (o as Json | undefined)?.[k.replaceAll("~1", "/").replaceAll("~0", "~")],
        spec,
      ) as Json;
  }
  return n ?? {};
}

/** A value the schema accepts: its example, default, const or first enum member, else one built from its type. */
export function sample(spec: Json, node: unknown, depth = 0): unknown {
  const s = deref(spec, node);
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (depth > 8) return null;
  const parts = (s.allOf ?? []) as unknown[];
  if (parts.length > 0) return Object.assign({}, ...parts.map((p) => sample(spec, p, depth + 1)));
  const alt = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
  if (alt?.length) return sample(spec, alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      const props = (s.properties ?? {}) as Json;
      const out: Json = {};
      for (const k of (s.required ?? []) as string[]) out[k] = sample(spec, props[k] ?? {}, depth + 1);
      return out;
    }
    case "array":
      return (s.minItems as number | undefined) ? [sample(spec, s.items, depth + 1)] : [];
    case "integer":
    case "number":
      return (s.minimum as number | undefined) ?? 1;
    case "boolean":
      return true;
    case "string":
      return s.format === "date-time" ? "2026-01-01T00:00:00Z" : s.format === "date" ? "2026-01-01" : "x";
    default:
      return "x";
  }
}

/** One call of the user file. */
export interface UserCall {
  readonly method: string;
  readonly path: string;
  /** The init object's TypeScript text, or `undefined` when the operation needs none. */
  readonly init: string | undefined;
}

/** The init of one operation: required path, query and header parameters, and the JSON body's example. */
export function initOf(spec: Json, pathItem: Json, op: Json): string | undefined {
  const params: Record<string, Json> = {};
  const all = [...((pathItem.parameters ?? []) as unknown[]), ...((op.parameters ?? []) as unknown[])];
  for (const raw of all) {
    const p = deref(spec, raw);
    if (p.in === "cookie" || (p.in !== "path" && p.required !== true)) continue;
    const where = p.in as string;
    params[where] = { ...params[where], [p.name as string]: p.example ?? sample(spec, p.schema) };
  }
  const init: Json = {};
  if (Object.keys(params).length > 0) init.params = params;
  const body = deref(spec, op.requestBody);
  const content = (body.content ?? {}) as Json;
  const type = Object.keys(content)[0];
  if (type && body.required === true) {
    const media = content[type] as Json;
    const named = Object.values((media.examples ?? {}) as Json)[0];
    init.body =
      media.example ?? (named !== undefined ? deref(spec, named).value : sample(spec, media.schema));
  }
  return Object.keys(init).length > 0 ? JSON.stringify(init) : undefined;
}

/** `n` calls over the spec's operations in path order (repeating from the start when it has fewer). */
export function userCalls(spec: Json, n: number): UserCall[] {
  const ops: UserCall[] = [];
  const paths = (spec.paths ?? {}) as Record<string, Json>;
  for (const path of Object.keys(paths).sort()) {
    const item = paths[path]!;
    for (const m of METHODS) {
      const op = item[m] as Json | undefined;
      if (op) ops.push({ method: m.toUpperCase(), path, init: initOf(spec, item, op) });
    }
  }
  if (ops.length === 0) throw new Error("the spec has no operations");
  return Array.from({ length: n }, (_, i) => ops[i % ops.length]!);
}

/**
 * The user file: `setup` (imports and the client as `client`), then each call awaited and narrowed
 * (`error` thrown, `data` used), the way a caller writes it.
 */
export function userFile(setup: string, calls: readonly UserCall[]): string {
  const lines = [setup, "const sink: unknown[] = [];", ""];
  calls.forEach((c, i) => {
    const args = c.init === undefined ? "" : `, ${c.init}`;
    lines.push(`const r${i} = await client.${c.method}(${JSON.stringify(c.path)}${args});`);
    lines.push(`if (r${i}.error) throw new Error(String(r${i}.error));`);
    lines.push(`sink.push(r${i}.data);`);
  });
  lines.push("", "export { sink };", "");
  return lines.join("\n");
}
