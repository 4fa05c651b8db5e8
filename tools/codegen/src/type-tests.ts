/**
 * The generated type test of a spec (`packages/<provider>/test/generated/[<surface>/]operations.test-d.ts`): for
 * every operation, one call per call form, with `data` asserted equal to the spec's 2xx body and `error` to the
 * provider's error class (vitest's `expectTypeOf`). `pnpm codegen` writes it from the spec, so a new operation is
 * covered without anyone remembering to; `pnpm codegen --check` fails when it is stale.
 *
 * The expected `data` is read from the spec itself: a 2xx body that is a `$ref` (or a `oneOf`/`anyOf` of `$ref`s)
 * is named as `components["schemas"][…]`, not through openapi-fetch's types, so a slip in the client's typing
 * (the wrong status, a lost branch, `any`) fails the test. Inline bodies fall back to `operationTypes[…]`.
 * @module
 */
import { type GeneratedFile, resolvePointer } from "./generate.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Json = Record<string, unknown>;

/** The types a provider package exports that its type test names. */
export interface TypeTestTarget {
  /** The client type, e.g. `HiobuyClient` (`ResellerClient` for Hyper's Reseller surface). */
  readonly client: string;
  /** The provider's error class, e.g. `HiobuyError`. */
  readonly error: string;
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The client and error type names of a spec unit, by the packages' naming rule: `<Provider>Client` and
 * `<Provider>Error`; a surface of a multi-surface provider has `<Surface>Client` and the provider's error.
 */
export function typeTestTarget(unit: string): TypeTestTarget {
  const [provider, surface] = unit.split("/") as [string, string | undefined];
  return { client: `${pascal(surface ?? provider)}Client`, error: `${pascal(provider)}Error` };
}

/**
 * What a provider's client does to `data` beyond openapi-fetch, as its spec marks it. HIOBuy's client picks
 * the standard or the upstream variant of a 2xx `oneOf` by the body's `response_format`, and keeps a 200
 * business failure (`success: false`) out of `data` unless the operation says
 * `x-hiobuy-business-failure: data` (docs/providers/hiobuy.md, "Responses and errors").
 */
interface DataRules {
  /** A `oneOf` member whose `response_format` is `const: upstream` is the upstream variant. */
  readonly upstream: boolean;
  /** The operation extension naming whether a `success: const false` member is `error` (default) or `data`. */
  readonly businessFailure?: string;
}

const RULES: Readonly<Record<string, DataRules>> = {
  hiobuy: { upstream: true, businessFailure: "x-hiobuy-business-failure" },
};

/** The schema at `node`, following one local `$ref`. */
function deref(spec: Json, node: unknown): Json | undefined {
  const ref = (node as Json | undefined)?.$ref;
  return (typeof ref === "string" ? resolvePointer(spec, ref) : node) as Json | undefined;
}

/** Whether `schema` (or one of its `allOf` parts) has property `name` with `const` `value`. */
function hasConst(spec: Json, schema: Json | undefined, name: string, value: unknown): boolean {
  const property = deref(spec, (schema?.properties as Json | undefined)?.[name]);
  if (property && property.const === value) return true;
  return ((schema?.allOf ?? []) as unknown[]).some((part) => hasConst(spec, deref(spec, part), name, value));
}

/** Whether `schema` (or one of its `allOf` parts) declares property `name`. */
function hasProperty(spec: Json, schema: Json | undefined, name: string): boolean {
  if (schema?.properties && Object.hasOwn(schema.properties as Json, name)) return true;
  return ((schema?.allOf ?? []) as unknown[]).some((part) => hasProperty(spec, deref(spec, part), name));
}

/** One member of a 2xx body: its type expression and which HIOBuy variant it is. */
interface Member {
  readonly type: string;
  readonly upstream: boolean;
  readonly failure: boolean;
}

const schemaName = (ref: string) => /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1]?.replaceAll("~1", "/");

/** The members of every 2xx body of `op`: named schemas where the spec names them, else the generated type. */
function successMembers(spec: Json, op: Json, rules: DataRules | undefined): Member[] {
  const responses = (op.responses ?? {}) as Json;
  const members: Member[] = [];
  for (const code of Object.keys(responses).filter((c) => /^2(\d\d|XX)$/i.test(c))) {
    const content = (deref(spec, responses[code])?.content ?? {}) as Json;
    const media = Object.keys(content);
    if (media.length === 0) members.push({ type: "undefined", upstream: false, failure: false });
    for (const type of media) {
      const schema = (content[type] as Json).schema as Json | undefined;
      const parts = (schema?.oneOf ?? schema?.anyOf) as Json[] | undefined;
      const refs = parts ?? (schema ? [schema] : []);
      const named = refs.map((p) => (typeof p.$ref === "string" ? schemaName(p.$ref) : undefined));
      if (refs.length > 0 && named.every((n) => n !== undefined)) {
        refs.forEach((part, i) => {
          const resolved = deref(spec, part);
          members.push({
            type: `S[${JSON.stringify(named[i])}]`,
            upstream: rules?.upstream === true && hasConst(spec, resolved, "response_format", "upstream"),
            failure: rules?.businessFailure !== undefined && hasConst(spec, resolved, "success", false),
          });
        });
      } else {
        const status = /^\d+$/.test(code) ? code : JSON.stringify(code);
        const t = `Ops[${JSON.stringify(op.operationId)}]["responses"][${status}]["content"][${JSON.stringify(type)}]`;
        members.push({ type: t, upstream: false, failure: false });
      }
    }
  }
  return members;
}

const union = (members: readonly Member[]) => [...new Set(members.map((m) => m.type))].join(" | ") || "never";

/** Whether a call of `op` may omit `init`: no path parameter, no required parameter, no required body. */
function initOptional(spec: Json, item: Json, op: Json): boolean {
  const params = [...((item.parameters ?? []) as unknown[]), ...((op.parameters ?? []) as unknown[])];
  const required = params.some((p) => {
    const param = deref(spec, p);
    return param?.in === "path" || param?.required === true;
  });
  return !required && deref(spec, op.requestBody)?.required !== true;
}

/** Whether the JSON request body of `op` has a `response_format` property. */
function takesFormat(spec: Json, op: Json): boolean {
  const content = (deref(spec, op.requestBody)?.content ?? {}) as Json;
  return Object.values(content).some((c) =>
    hasProperty(spec, deref(spec, (c as Json).schema), "response_format"),
  );
}

/** The lines of one operation's test: each call form, its `error` and its `data` asserted. */
function operationTest(spec: Json, path: string, method: string, op: Json, rules?: DataRules): string[] {
  const failureIsData = rules?.businessFailure !== undefined && op[rules.businessFailure] === "data";
  const members = successMembers(spec, op, rules).filter((m) => failureIsData || !m.failure);
  const standard = union(members.filter((m) => !m.upstream));
  const init = `Init<${JSON.stringify(path)}, ${JSON.stringify(method)}>`;
  const call = (arg: string) =>
    `client.${method.toUpperCase()}(${JSON.stringify(path)}${arg ? `, ${arg}` : ""})`;
  const forms: [string, string][] = [];
  if (initOptional(spec, (spec.paths as Json)[path] as Json, op)) forms.push(["", standard]);
  if (rules?.upstream && takesFormat(spec, op)) {
    forms.push([`value<NoFormat<${init}>>()`, standard]);
    forms.push([`value<WithFormat<${init}, "standard">>()`, standard]);
    forms.push([`value<WithFormat<${init}, "upstream">>()`, union(members.filter((m) => m.upstream))]);
    forms.push([`value<WithFormat<${init}, S["ResponseFormat"]>>()`, union(members)]);
  } else {
    forms.push([`value<${init}>()`, standard]);
  }
  const lines = [
    `  it(${JSON.stringify(`${op.operationId} (${method.toUpperCase()} ${path})`)}, async () => {`,
  ];
  forms.forEach(([arg, data], i) => {
    const r = `r${i}`;
    lines.push(
      `    const ${r} = await ${call(arg)};`,
      `    if (${r}.error) expectTypeOf(${r}.error).toEqualTypeOf<Err>();`,
      `    else expectTypeOf(${r}.data).branded.toEqualTypeOf<${data}>();`,
    );
  });
  lines.push("  });");
  return lines;
}

/** Renders the type test of one spec unit (`provider` or `provider/surface`). */
export function renderTypeTests(unit: string, spec: Json): GeneratedFile {
  const target = typeTestTarget(unit);
  const rules = RULES[unit.split("/")[0]!];
  const up = "../".repeat(unit.split("/").length + 1);
  const surface = unit.split("/").slice(1).join("/");
  const generated = `${up}src/generated/${surface ? `${surface}/` : ""}index.js`;
  const body: string[] = [];
  const paths = (spec.paths ?? {}) as Record<string, Json>;
  for (const path of Object.keys(paths).sort()) {
    for (const method of METHODS) {
      const op = paths[path]?.[method] as Json | undefined;
      if (op) body.push(...operationTest(spec, path, method, op, rules));
    }
  }
  const text = body.join("\n");
  const uses = (name: string) => new RegExp(`\\b${name}\\b`).test(text);
  const head = [
    `// Generated by tools/codegen from specs/${unit}/openapi.yaml. Do not edit: run \`pnpm codegen\`.`,
    `// Every operation's \`data\` and \`error\` types, in each call form (with \`init\`, and without it where it`,
    `// is optional), asserted against the spec's 2xx bodies and the provider's error class.`,
    `import type { MaybeOptionalInit } from "openapi-fetch";`,
    `import { describe, expectTypeOf, it } from "vitest";`,
    `import type { ${[...new Set([target.client, target.error])].join(", ")} } from "${up}src/index.js";`,
    `import type { ${["components", ...(uses("Ops") ? ["operationTypes"] : []), "paths"].join(", ")} } from "${generated}";`,
    "",
    `declare const client: ${target.client};`,
    `/** A value of type \`T\`: a type test is compiled, never run. */`,
    `declare function value<T>(): T;`,
    `type Err = ${target.error};`,
    `type S = components["schemas"];`,
    ...(uses("Ops") ? [`type Ops = operationTypes;`] : []),
    `/** The \`init\` of a JSON call (\`parseAs\` left out: it changes \`data\`). */`,
    `type Init<P extends keyof paths, M extends keyof paths[P]> = Omit<NonNullable<MaybeOptionalInit<paths[P], M>>, "parseAs">;`,
    ...(uses("WithFormat")
      ? [
          `/** \`I\` without the body's \`response_format\`. */`,
          `type NoFormat<I> = I extends { body: infer B } ? Omit<I, "body"> & { body: Omit<B, "response_format"> } : never;`,
          `/** \`I\` with the body's \`response_format\` set to \`F\`. */`,
          `type WithFormat<I, F> = I extends { body: infer B }`,
          `  ? Omit<I, "body"> & { body: Omit<B, "response_format"> & { response_format: F } }`,
          `  : never;`,
        ]
      : []),
    "",
    `describe(${JSON.stringify(`${unit}: data and error of every operation`)}, () => {`,
  ];
  return { name: "operations.test-d.ts", text: `${[...head, text, "});"].join("\n")}\n` };
}
