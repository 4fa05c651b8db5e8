import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate } from "../src/generate.js";
import { annotateSpec, HoverError } from "../src/hover.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");

describe("annotateSpec", () => {
  const spec = {
    paths: {
      "/x": {
        get: { operationId: "getX", summary: "Get x", "x-unverified": "the path is inferred", responses: {} },
      },
    },
    components: {
      schemas: {
        Money: {
          type: "object",
          description: "CNY money.",
          properties: {
            amount: { type: "integer", description: "Amount in fen.", "x-unit": "fen" },
            ttl: { type: "integer", "x-unit": "seconds", "x-unverified": true },
            default: { type: "string", "x-unverified": true },
          },
          example: { amount: 1, "x-unverified": true },
        },
      },
    },
  };

  it("appends the unit and the unverified note to the description, creating it when absent", () => {
    const out = annotateSpec(spec) as typeof spec;
    const props = out.components.schemas.Money.properties as Record<string, { description?: string }>;
    expect(props.amount!.description).toBe(
      "Amount in fen.\n\nUnit: fen (integer CNY minor units; 1 yuan = 100 fen).",
    );
    expect(props.ttl!.description).toBe(
      "Unit: seconds.\n\nUnverified: inferred, not confirmed by the provider; check it at onboarding.",
    );
    // a property named `default` is a name, not the `default` keyword
    expect(props.default!.description).toMatch(/^Unverified: /);
    expect((out.paths["/x"].get as { description?: string }).description).toBe(
      "Unverified: the path is inferred",
    );
    expect(out.components.schemas.Money.description).toBe("CNY money.");
  });

  it("leaves examples alone and does not touch its input", () => {
    const before = structuredClone(spec);
    const out = annotateSpec(spec) as typeof spec;
    expect(out.components.schemas.Money.example).toEqual({ amount: 1, "x-unverified": true });
    expect(spec).toEqual(before);
  });

  it("refuses an x-unit that is not a non-empty string, naming where", () => {
    const bad = { components: { schemas: { A: { type: "integer", "x-unit": 100 } } } };
    expect(() => annotateSpec(bad)).toThrow(HoverError);
    expect(() => annotateSpec(bad)).toThrow("/components/schemas/A: x-unit must be a non-empty string");
  });
});

describe("hover text in the generated types", () => {
  it("an x-unverified operation's JSDoc says so (fixture)", async () => {
    const files = await generate("mini", readFileSync(join(here, "fixtures/mini.yaml"), "utf8"));
    const types = files.find((f) => f.name === "openapi.ts")!.text;
    expect(types).toMatch(
      /\/\*\* @description Unverified: inferred[^\n]*\*\/\n\s*get: operations\["getThing"\]/,
    );
  });

  it("each member of `operations` carries its operation's route, summary, notes and @deprecated", async () => {
    const spec = [
      "openapi: 3.1.0",
      "info: { title: T, version: '1' }",
      "paths:",
      "  /old:",
      "    get:",
      "      operationId: getOld",
      "      summary: An old read",
      "      description: 'Closes with */ on purpose.'",
      "      deprecated: true",
      "      x-unverified: true",
      "      x-keyway-retry: safe",
      "      responses: { '204': { description: none } }",
    ].join("\n");
    const types = (await generate("t", spec)).find((f) => f.name === "openapi.ts")!.text;
    const start = types.indexOf("export interface operations");
    const doc = types.slice(start, types.indexOf("getOld:", start));
    expect(doc).toContain("* An old read (`GET /old`)");
    expect(doc).toContain("* @description Closes with *\\/ on purpose.");
    expect(doc).toContain("* Unverified: inferred");
    expect(doc).toContain("* @deprecated");
  });

  it("the editor shows the unit and the unverified note on a field a user types (TS quickinfo)", () => {
    const generated = join(root, "packages/hiobuy/src/generated/openapi.ts");
    const user = join(root, "packages/hiobuy/hover-probe.ts");
    const source = [
      `import type { components } from "./src/generated/openapi.js";`,
      `declare const money: components["schemas"]["Money"];`,
      `declare const created: components["schemas"]["OrderCreateResponse"];`,
      `money.amount;`,
      `created.order_id;`,
    ].join("\n");
    const files = new Map([
      [user, source],
      [generated, readFileSync(generated, "utf8")],
    ]);
    const options: ts.CompilerOptions = {
      module: ts.ModuleKind.NodeNext,
      strict: true,
      noEmit: true,
      types: [],
    };
    const service = ts.createLanguageService({
      getCompilationSettings: () => options,
      getScriptFileNames: () => [user],
      getScriptVersion: () => "1",
      getScriptSnapshot: (name) => {
        const text = files.get(name) ?? (ts.sys.fileExists(name) ? ts.sys.readFile(name) : undefined);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => root,
      getDefaultLibFileName: ts.getDefaultLibFilePath,
      fileExists: (name) => files.has(name) || ts.sys.fileExists(name),
      readFile: (name) => files.get(name) ?? ts.sys.readFile(name),
    });
    const hover = (text: string) => {
      const info = service.getQuickInfoAtPosition(user, source.indexOf(text) + text.length - 1);
      return [
        ts.displayPartsToString(info?.documentation),
        ...(info?.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`),
      ].join("\n");
    };
    expect(hover("money.amount")).toContain("Unit: fen (integer CNY minor units; 1 yuan = 100 fen).");
    expect(service.getSemanticDiagnostics(user)).toEqual([]);
    const onType = service.getQuickInfoAtPosition(user, source.indexOf("OrderCreateResponse") + 2);
    const typeDoc = ts.displayPartsToString(onType?.documentation);
    const tags = (onType?.tags ?? []).map((t) => ts.displayPartsToString(t.text)).join("\n");
    expect(`${typeDoc}\n${tags}`).toContain("Unverified: inferred");
  });

  it("every x-unit and x-unverified in the specs reaches the generated text", () => {
    for (const unit of ["hiobuy", "hishopping", "appfigures", "sgate"]) {
      const spec = readFileSync(join(root, `specs/${unit}/openapi.yaml`), "utf8");
      const types = readFileSync(join(root, `packages/${unit}/src/generated/openapi.ts`), "utf8");
      const units = (spec.match(/^\s*x-unit: /gm) ?? []).length;
      expect(parse(spec)).toBeTypeOf("object");
      expect((types.match(/Unit: /g) ?? []).length, unit).toBeGreaterThanOrEqual(units);
      if (/x-unverified: true/.test(spec)) expect(types, unit).toContain("Unverified: inferred");
    }
  });
});
