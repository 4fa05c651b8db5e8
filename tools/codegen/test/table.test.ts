import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { literal, RUNTIME_EXTENSIONS, runtimeExtensions, tableLiteral } from "../src/table.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Every file under `dir` whose name ends with `ext`, skipping `skip` folders. */
function files(dir: string, ext: string, skip: ReadonlySet<string>): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return skip.has(e.name) ? [] : files(p, ext, skip);
    return e.name.endsWith(ext) ? [p] : [];
  });
}

/** The `x-*` keys found on operations of every spec under specs/. */
function operationExtensions(): Set<string> {
  const keys = new Set<string>();
  for (const file of files(join(root, "specs"), "openapi.yaml", new Set())) {
    const spec = parse(readFileSync(file, "utf8")) as { paths?: Record<string, Record<string, unknown>> };
    for (const item of Object.values(spec.paths ?? {})) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.has(method) || op === null || typeof op !== "object") continue;
        for (const k of Object.keys(op)) if (k.startsWith("x-")) keys.add(k);
      }
    }
  }
  return keys;
}

describe("run-time extensions of the operation table", () => {
  it("keeps the extensions a client reads and drops documentation and x-keyway-retry", () => {
    const op = {
      operationId: "x",
      "x-unverified": true,
      "x-sgate-method": "order.detail",
      "x-keyway-retry": "safe",
      "x-evidence": "https://example.com",
      "x-hiobuy-business-failure": "data",
      "x-hishopping-payload": { in: "body", schema: "#/components/schemas/A" },
    };
    const kept = runtimeExtensions(op);
    expect(kept).toEqual({ "x-hiobuy-business-failure": "data", "x-sgate-method": "order.detail" });
    expect(Object.keys(kept)).toEqual(["x-hiobuy-business-failure", "x-sgate-method"]);
  });

  it("lists every operation extension the packages' source names as a string (else the table would lack it)", () => {
    const specKeys = operationExtensions();
    expect(specKeys.size).toBeGreaterThan(2);
    const sources = files(
      join(root, "packages"),
      ".ts",
      new Set(["generated", "node_modules", "dist", "test"]),
    );
    const read = new Map<string, string[]>();
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/["'](x-[a-z0-9-]+)["']/g)) {
        const k = m[1]!;
        if (specKeys.has(k) && k !== "x-keyway-retry")
          read.set(k, [...(read.get(k) ?? []), file.slice(root.length)]);
      }
    }
    const missing = [...read].filter(([k]) => !Object.hasOwn(RUNTIME_EXTENSIONS, k));
    expect(missing).toEqual([]);
    expect([...read.keys()].sort()).toEqual(Object.keys(RUNTIME_EXTENSIONS).sort());
  });
});

describe("table literal", () => {
  it("writes one row per line, quoting only keys that are not identifiers", () => {
    expect(literal({ a: 1, "x-y": ["s", { b: [] }], c: {} })).toBe(
      '{ a: 1, "x-y": ["s", { b: [] }], c: {} }',
    );
    expect(tableLiteral({ "GET /a": { operationId: "a" }, "POST /b/{id}": { operationId: "b" } })).toBe(
      '{\n  "GET /a": { operationId: "a" },\n  "POST /b/{id}": { operationId: "b" },\n}',
    );
    expect(tableLiteral({})).toBe("{}");
  });

  it("is a literal that evaluates back to the rows", () => {
    const rows = { "GET /a": { operationId: "a", retry: "key:x.y", extensions: { "x-q": 'quote " \\ ' } } };
    expect(new Function(`return ${tableLiteral(rows)};`)()).toEqual(rows);
  });
});
