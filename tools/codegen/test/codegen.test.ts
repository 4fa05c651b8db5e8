import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkPointers, generate, operationRows, SpecError } from "../src/generate.js";
import { runCodegen } from "../src/run.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = readFileSync(join(here, "fixtures/mini.yaml"), "utf8");
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const cli = join(here, "../src/cli.ts");

/** The codegen run, in this process (what the CLI prints, and its exit code). */
async function run(args: string[]) {
  const root = args[args.indexOf("--root") + 1]!;
  const providers = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--root");
  const r = await runCodegen({ root, providers, check: args.includes("--check") });
  return { code: r.code, out: [...r.out, ...r.err].join("\n") };
}

function tempRepo() {
  const root = mkdtempSync(join(tmpdir(), "keyway-codegen-"));
  mkdirSync(join(root, "specs/mini"), { recursive: true });
  mkdirSync(join(root, "packages/mini/src"), { recursive: true });
  cpSync(join(here, "fixtures/mini.yaml"), join(root, "specs/mini/openapi.yaml"));
  return root;
}

describe("operation table", () => {
  it("keys rows by METHOD + template and writes only what a client reads (no method, path or default fields)", async () => {
    const { parse } = await import("yaml");
    const rows = operationRows(parse(fixture));
    expect(Object.keys(rows)).toEqual(["POST /things", "GET /things/{id}"]);
    // mixed requirements (one public operation): every row says its own, the global one inherited
    expect(rows["GET /things/{id}"]).toEqual({
      operationId: "getThing",
      retry: "safe",
      responseBody: true,
      security: [{ bearer: [] }],
    });
    // a 201 without content promises no body: no responseBody field
    expect(rows["POST /things"]).toEqual({
      operationId: "createThing",
      retry: "key:external_id",
      security: [],
    });
  });

  it("leaves security out when every operation shares one non-empty requirement, and keeps run-time extensions", async () => {
    const { parse } = await import("yaml");
    const spec = parse(fixture);
    delete spec.paths["/things"].post.security;
    spec.paths["/things"].post["x-sgate-method"] = "thing.create";
    const rows = operationRows(spec);
    expect(rows["GET /things/{id}"]).toEqual({ operationId: "getThing", retry: "safe", responseBody: true });
    expect(rows["POST /things"]).toEqual({
      operationId: "createThing",
      retry: "key:external_id",
      extensions: { "x-sgate-method": "thing.create" },
    });
    // every operation public: `security: []` is information, so it stays
    spec.security = [];
    expect(operationRows(spec)["GET /things/{id}"]?.security).toEqual([]);
  });

  it("refuses an operation without x-keyway-retry or operationId, and duplicates", async () => {
    const { parse } = await import("yaml");
    const spec = parse(fixture);
    delete spec.paths["/things"].post["x-keyway-retry"];
    expect(() => operationRows(spec)).toThrow(/POST \/things: x-keyway-retry/);
    const spec2 = parse(fixture);
    delete spec2.paths["/things"].post.operationId;
    expect(() => operationRows(spec2)).toThrow(SpecError);
    const spec3 = parse(fixture);
    spec3.paths["/things"].post.operationId = "getThing";
    expect(() => operationRows(spec3)).toThrow(/duplicate operationId getThing/);
  });

  it("refuses a document that is not OpenAPI 3.1", async () => {
    await expect(generate("mini", fixture.replace("openapi: 3.1.0", "openapi: 3.0.3"))).rejects.toThrow(
      SpecError,
    );
  });

  it("generates types, the table and an index, byte-stable across runs", async () => {
    const a = await generate("mini", fixture);
    const b = await generate("mini", fixture);
    expect(a.map((f) => f.name)).toEqual(["openapi.ts", "operations.ts", "index.ts"]);
    expect(a).toEqual(b);
    expect(a[0]!.text).toContain('"/things/{id}": {');
    expect(a[1]!.text).toContain('export type OperationId = "createThing" | "getThing";');
    expect(a[1]!.text).toContain(
      '  "GET /things/{id}": { operationId: "getThing", retry: "safe", responseBody: true, security: [{ bearer: [] }] },\n',
    );
  });
});

describe("optional fields with defaults", () => {
  it("keeps a property with a `default` optional unless the schema requires it", async () => {
    const spec = `openapi: 3.1.0
info: { title: Paged, version: "1" }
paths:
  /items:
    get:
      operationId: listItems
      x-keyway-retry: safe
      parameters:
        - { name: page, in: query, schema: { type: integer, default: 1 } }
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [channel]
              properties:
                channel: { type: string, default: "1688" }
                page_size: { type: integer, default: 20 }
      responses: { "200": { description: ok } }
`;
    const [types] = await generate("paged", spec);
    expect(types!.text).toContain("page?: number;");
    expect(types!.text).toContain("page_size?: number;");
    expect(types!.text).toContain("channel: string;");
  });
});

describe("pointer check", () => {
  const base = () => ({
    openapi: "3.1.0",
    paths: {
      "/a": {
        get: {
          "x-payload": { schema: "#/components/schemas/Query" },
          responses: {
            "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/A" } } } },
          },
        },
      },
    },
    components: { schemas: { A: { type: "object" }, Query: { type: "object" } } },
  });

  it("counts pointers in x-* extensions as references", () => {
    expect(() => checkPointers(base())).not.toThrow();
  });

  it("refuses a dangling pointer, in a $ref or in an extension", () => {
    const a = base();
    a.paths["/a"].get["x-payload"].schema = "#/components/schemas/Missing";
    expect(() => checkPointers(a)).toThrow(/#\/components\/schemas\/Missing does not resolve/);
    const b = base();
    b.paths["/a"].get.responses["200"].content["application/json"].schema.$ref = "#/components/schemas/Nope";
    expect(() => checkPointers(b)).toThrow(/Nope does not resolve/);
  });

  it("refuses a schema nothing points at", () => {
    const a = base();
    (a.components.schemas as Record<string, unknown>).Orphan = { type: "string" };
    expect(() => checkPointers(a)).toThrow(/Orphan is never referenced/);
  });
});

// In-process runs (openapi-typescript takes a second or two each); the limits catch a hang, not slowness.
describe("codegen --check", { timeout: 120_000 }, () => {
  it("passes when current, fails naming the stale file after a spec edit", async () => {
    const root = tempRepo();
    expect((await run(["--root", root])).code).toBe(0);
    const ok = await run(["--root", root, "--check"]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("1 spec(s) current");

    const spec = join(root, "specs/mini/openapi.yaml");
    writeFileSync(
      spec,
      readFileSync(spec, "utf8").replace("operationId: getThing", "operationId: fetchThing"),
    );
    const stale = await run(["--root", root, "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.out).toContain("packages/mini/src/generated/operations.ts is stale");
  });

  it("fails on a hand edit and on a stray file in src/generated", async () => {
    const root = tempRepo();
    await run(["--root", root]);
    const types = join(root, "packages/mini/src/generated/openapi.ts");
    writeFileSync(types, `${readFileSync(types, "utf8")}// edited\n`);
    writeFileSync(join(root, "packages/mini/src/generated/extra.ts"), "export {};\n");
    const r = await run(["--root", root, "--check"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("openapi.ts is stale");
    expect(r.out).toContain("extra.ts is not generated by the spec");
  });
});

describe("codegen, a provider with one spec per surface", { timeout: 120_000 }, () => {
  function surfacesRepo() {
    const root = mkdtempSync(join(tmpdir(), "keyway-codegen-"));
    for (const surface of ["alpha", "beta"]) {
      mkdirSync(join(root, "specs/multi", surface), { recursive: true });
      cpSync(join(here, "fixtures/mini.yaml"), join(root, "specs/multi", surface, "openapi.yaml"));
    }
    return root;
  }

  it("writes src/generated/<surface>/ per specs/<provider>/<surface>/openapi.yaml and checks each", async () => {
    const root = surfacesRepo();
    const r = await run(["--root", root, "multi"]);
    expect(r.code).toBe(0);
    for (const surface of ["alpha", "beta"]) {
      const table = readFileSync(join(root, `packages/multi/src/generated/${surface}/operations.ts`), "utf8");
      expect(table).toContain(`from specs/multi/${surface}/openapi.yaml`);
    }
    const ok = await run(["--root", root, "--check"]);
    expect(ok.out).toContain("2 spec(s) current");
    expect(ok.code).toBe(0);

    const beta = join(root, "specs/multi/beta/openapi.yaml");
    writeFileSync(
      beta,
      readFileSync(beta, "utf8").replace("operationId: getThing", "operationId: fetchThing"),
    );
    const stale = await run(["--root", root, "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.out).toContain("packages/multi/src/generated/beta/operations.ts is stale");
    expect(stale.out).not.toContain("generated/alpha/");
  });

  it("exits 2 for a provider without any spec", async () => {
    const root = surfacesRepo();
    expect((await run(["--root", root, "nothing"])).code).toBe(2);
  });
});

// The one process-level test: the CLI wires arguments, output streams and the exit code to runCodegen.
describe("cli", { timeout: 120_000 }, () => {
  it("prints to stderr and exits 1 when a generated file is stale", () => {
    const root = tempRepo();
    const r = spawnSync(process.execPath, [tsx, cli, "--root", root, "--check"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("packages/mini/src/generated/openapi.ts is stale");
    expect(r.stdout).toBe("");
  });
});
