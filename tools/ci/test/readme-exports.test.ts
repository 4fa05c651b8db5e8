/**
 * Every export the docs name exists. For each README.md (root, packages/*, tools/*) and docs/**\/*.md:
 *
 * - each ```ts / ```js block's `import { a, type b } from "@keyway/x[/sub]"` must name exports of that entry
 *   point (a value import a value export; a type import any export), read from the package's `source` entry
 *   with the TypeScript compiler API, in process;
 * - in a README's prose, each inline `createSomething(…)` or `SomethingError` must be exported by the package
 *   the README documents (any of its entry points), by a `@keyway` module its code blocks import, or by a
 *   `@keyway/…` module named in inline code in the same paragraph ("`KeywayTimeoutError` (from `@keyway/auth`)");
 *   the root README may name anything any workspace package exports.
 */
import * as nodeCrypto from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** One `import` of a `@keyway` module found in a code block. */
export interface DocImport {
  readonly module: string;
  readonly name: string;
  readonly typeOnly: boolean;
}

const CODE_LANGS = new Set(["ts", "typescript", "tsx", "mts", "js", "javascript", "jsx", "mjs"]);

/** The fenced code blocks of a Markdown text whose language is TypeScript or JavaScript. */
export function codeBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  for (const m of markdown.matchAll(/^```([A-Za-z]*)[^\n]*\n([\s\S]*?)^```/gm)) {
    if (CODE_LANGS.has((m[1] ?? "").toLowerCase())) blocks.push(m[2] ?? "");
  }
  return blocks;
}

/** The named (and default) imports and re-exports of `@keyway/*` modules in one code block. */
export function keywayImports(code: string): DocImport[] {
  const file = ts.createSourceFile("block.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const out: DocImport[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const module = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (!module.startsWith("@keyway/") || !clause) continue;
      if (clause.name) out.push({ module, name: "default", typeOnly: clause.isTypeOnly });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          const name = (el.propertyName ?? el.name).text;
          out.push({ module, name, typeOnly: clause.isTypeOnly || el.isTypeOnly });
        }
      }
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      statement.moduleSpecifier.text.startsWith("@keyway/") &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const el of statement.exportClause.elements) {
        out.push({
          module: statement.moduleSpecifier.text,
          name: (el.propertyName ?? el.name).text,
          typeOnly: statement.isTypeOnly || el.isTypeOnly,
        });
      }
    }
  }
  return out;
}

/** A name prose claims is an export, with the `@keyway` modules its paragraph names in inline code. */
export interface ProseName {
  readonly name: string;
  readonly modules: readonly string[];
}

/** Inline-code names in prose (fenced blocks removed) that claim to be exports: `createX(…)`, `XError`. */
export function proseNames(markdown: string): ProseName[] {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, "");
  const out: ProseName[] = [];
  const seen = new Set<string>();
  for (const paragraph of prose.split(/\n\s*\n/)) {
    const spans = [...paragraph.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? "");
    const modules = spans.filter((t) => /^@keyway\/[\w./-]+$/.test(t));
    for (const span of spans) {
      const lead = /^([A-Za-z_$][\w$]*)(?:\(|$)/.exec(span)?.[1];
      if (!lead || !/^(create[A-Z][\w$]*|[A-Z][\w$]*Error)$/.test(lead)) continue;
      if (lead in globalThis || lead in nodeCrypto) continue; // SyntaxError, TypeError, createHmac, …
      const key = `${lead} ${modules.join(" ")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name: lead, modules });
    }
  }
  return out;
}

/** A workspace package: its name, directory and `exports` map entry points (subpath → source file). */
interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly entries: ReadonlyMap<string, string>;
}

function workspacePackages(): Map<string, WorkspacePackage> {
  const out = new Map<string, WorkspacePackage>();
  for (const group of ["packages", "tools"]) {
    for (const d of readdirSync(join(root, group), { withFileTypes: true })) {
      const manifest = join(root, group, d.name, "package.json");
      if (!d.isDirectory() || !existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name: string; exports?: unknown };
      const entries = new Map<string, string>();
      const exportsMap = (pkg.exports ?? {}) as Record<string, unknown>;
      for (const [subpath, target] of Object.entries(exportsMap)) {
        const source =
          typeof target === "object" && target !== null ? (target as { source?: unknown }).source : undefined;
        if (typeof source === "string") entries.set(subpath, join(root, group, d.name, source));
      }
      out.set(pkg.name, { name: pkg.name, dir: join(root, group, d.name), entries });
    }
  }
  return out;
}

/** One export of an entry point: whether it can be used as a value (a type-only re-export cannot). */
type ExportKinds = ReadonlyMap<string, { readonly value: boolean }>;

/** Reads every entry point's exports with one TypeScript program (binding only, no emit). */
function readExports(packages: Map<string, WorkspacePackage>): Map<string, ExportKinds> {
  const files = [...packages.values()].flatMap((p) => [...p.entries.values()]);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ["source"],
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const out = new Map<string, ExportKinds>();
  for (const pkg of packages.values()) {
    for (const [subpath, file] of pkg.entries) {
      const source = program.getSourceFile(file);
      const moduleSymbol = source && checker.getSymbolAtLocation(source);
      const kinds = new Map<string, { value: boolean }>();
      for (const symbol of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
        kinds.set(symbol.getName(), { value: isValueExport(checker, symbol) });
      }
      out.set(subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, kinds);
    }
  }
  return out;
}

/** Whether an export is usable as a value: no `export type` along its alias chain, and a value at its end. */
function isValueExport(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  let s = symbol;
  for (let depth = 0; s.flags & ts.SymbolFlags.Alias && depth < 32; depth++) {
    const typeOnly = s.declarations?.some(
      (d) =>
        (ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly)) ||
        (ts.isImportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly)),
    );
    if (typeOnly) return false;
    const next = checker.getImmediateAliasedSymbol(s);
    if (!next || next === s) break;
    s = next;
  }
  return (s.flags & ts.SymbolFlags.Value) !== 0;
}

/** Every Markdown file the check covers, relative to the repository root. */
function docFiles(): string[] {
  const files = ["README.md"];
  for (const group of ["packages", "tools"]) {
    for (const d of readdirSync(join(root, group), { withFileTypes: true })) {
      if (d.isDirectory() && existsSync(join(root, group, d.name, "README.md")))
        files.push(`${group}/${d.name}/README.md`);
    }
  }
  const walk = (dir: string) => {
    if (!existsSync(join(root, dir))) return;
    for (const d of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (d.isDirectory()) walk(`${dir}/${d.name}`);
      else if (d.name.endsWith(".md")) files.push(`${dir}/${d.name}`);
    }
  };
  walk("docs");
  return files.sort();
}

let cache: { packages: Map<string, WorkspacePackage>; exports: Map<string, ExportKinds> } | undefined;
function workspace() {
  if (!cache) {
    const packages = workspacePackages();
    cache = { packages, exports: readExports(packages) };
  }
  return cache;
}

/** The problems with one document's imports and prose names (empty when every name exists). */
function problems(file: string, markdown = readFileSync(join(root, file), "utf8")): string[] {
  const { packages, exports } = workspace();
  const imports = codeBlocks(markdown).flatMap(keywayImports);
  const found: string[] = [];
  for (const imp of imports) {
    const entry = exports.get(imp.module);
    if (!entry) {
      found.push(`imports ${imp.module}, which no workspace package exports`);
      continue;
    }
    const kind = entry.get(imp.name);
    if (!kind) found.push(`imports { ${imp.name} } from ${imp.module}, which does not export it`);
    else if (!imp.typeOnly && !kind.value)
      found.push(`imports { ${imp.name} } from ${imp.module} as a value, but it is exported as a type only`);
  }
  if (file.endsWith("README.md") && !file.startsWith("docs/")) {
    const own = [...packages.values()].find((p) => relative(root, p.dir) === dirname(file));
    const allowed = new Set<string>();
    const modules =
      file === "README.md"
        ? [...exports.keys()]
        : [
            ...[...exports.keys()].filter((m) => own && (m === own.name || m.startsWith(`${own.name}/`))),
            ...imports.map((i) => i.module),
          ];
    for (const m of modules) for (const name of exports.get(m)?.keys() ?? []) allowed.add(name);
    // A package with no entry point (a private tool such as tools/bench) exports nothing, so its prose can only
    // claim exports of the `@keyway` modules a paragraph names; other create…/…Error names (a profile's
    // `createHmac`) are not claims.
    const importable = !own || own.entries.size > 0;
    for (const { name, modules: named } of proseNames(markdown)) {
      if (!importable && named.length === 0) continue;
      if (allowed.has(name) || named.some((m) => exports.get(m)?.has(name))) continue;
      found.push(`names \`${name}\` in prose, which ${own?.name ?? "no workspace package"} does not export`);
    }
  }
  return found;
}

describe("the extractors", () => {
  it("read named, type-only, default and re-exported @keyway imports from ts and js blocks only", () => {
    const md = [
      "```ts",
      'import { a, type B as C } from "@keyway/x";',
      'import type { D } from "@keyway/x/sub";',
      'import e from "@keyway/y";',
      'import { f } from "./local.js";',
      'export { g } from "@keyway/z";',
      "```",
      "```sh",
      'import { nope } from "@keyway/x"',
      "```",
      "```js",
      'import { h } from "@keyway/x";',
      "```",
    ].join("\n");
    expect(codeBlocks(md).flatMap(keywayImports)).toEqual([
      { module: "@keyway/x", name: "a", typeOnly: false },
      { module: "@keyway/x", name: "B", typeOnly: true },
      { module: "@keyway/x/sub", name: "D", typeOnly: true },
      { module: "@keyway/y", name: "default", typeOnly: false },
      { module: "@keyway/z", name: "g", typeOnly: false },
      { module: "@keyway/x", name: "h", typeOnly: false },
    ]);
  });

  it("take create…() and …Error names from prose, not from code blocks, methods or built-ins", () => {
    const md = [
      "Use `createThing({ a })`, catch `ThingError`, not `client.createOther()` or `SyntaxError`.",
      "`create<Provider>Client()` is a pattern, `createdAt` a field.",
      "",
      "`OtherError` (from `@keyway/auth`).",
      "```ts",
      "createHidden();",
      "```",
    ].join("\n");
    expect(proseNames(md)).toEqual([
      { name: "createThing", modules: [] },
      { name: "ThingError", modules: [] },
      { name: "OtherError", modules: ["@keyway/auth"] },
    ]);
  });
});

describe("every export the docs name exists", () => {
  // One TypeScript program over every entry point; the limit catches a hang, not a busy machine.
  beforeAll(() => void workspace(), 180_000);
  it.each(docFiles())("%s", (file) => {
    expect(problems(file)).toEqual([]);
  });

  it("the check itself flags a missing export, a type imported as a value, an unknown module and prose", () => {
    const md = [
      "Catch `KeywayTimeoutError`; build with `createNothingAtAll()`.",
      "",
      "`KeywayAuthError` and `createHishoppingClient()` (from `@keyway/auth`).",
      "```ts",
      'import { unwrap, noSuchExport } from "@keyway/auth";',
      'import { paths, type components } from "@keyway/hiobuy";',
      'import { x } from "@keyway/not-a-package";',
      "```",
    ].join("\n");
    expect(problems("packages/sgate/README.md", md)).toEqual([
      "imports { noSuchExport } from @keyway/auth, which does not export it",
      "imports { paths } from @keyway/hiobuy as a value, but it is exported as a type only",
      "imports @keyway/not-a-package, which no workspace package exports",
      "names `createNothingAtAll` in prose, which @keyway/sgate does not export",
      "names `createHishoppingClient` in prose, which @keyway/sgate does not export",
    ]);
  });

  it("a private tool's prose names claims only where a paragraph names a @keyway module", () => {
    const md = [
      "The profile's top frames: `createCipherBase` and `createAbortSignal`.",
      "",
      "`createHmac(` from `node:crypto` is not `@keyway/auth`'s.",
      "",
      "`createNothingAtAll()` from `@keyway/auth`.",
    ].join("\n");
    expect(problems("tools/bench/README.md", md)).toEqual([
      "names `createNothingAtAll` in prose, which @keyway/bench does not export",
    ]);
  });
});
