import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCodegen } from "../src/run.js";
import { renderTypeTests, typeTestTarget } from "../src/type-tests.js";

const here = dirname(fileURLToPath(import.meta.url));
const mini = parse(readFileSync(join(here, "fixtures/mini.yaml"), "utf8")) as Record<string, unknown>;

/** The generated lines of the `it` block named `name`. */
function block(text: string, name: string): string {
  const start = text.indexOf(`  it(${JSON.stringify(name)}`);
  expect(start, `no test named ${name}`).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf("\n  });", start));
}

const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A HIOBuy-shaped spec: a read with a `response_format` body, an order route, and a preview. */
const hiobuyLike = {
  openapi: "3.1.0",
  paths: {
    "/products/detail": {
      post: {
        operationId: "productDetail",
        requestBody: { required: true, content: { "application/json": { schema: ref("DetailRequest") } } },
        responses: { "200": json({ oneOf: [ref("Detail"), ref("Upstream")] }) },
      },
    },
    "/orders/pay": {
      post: {
        operationId: "orderPay",
        requestBody: { required: true, content: { "application/json": { schema: ref("PayRequest") } } },
        responses: { "200": json({ oneOf: [ref("Paid"), ref("BusinessFailure")] }) },
      },
    },
    "/orders/preview": {
      post: {
        operationId: "orderPreview",
        "x-hiobuy-business-failure": "data",
        responses: { "200": json({ oneOf: [ref("Preview"), ref("BusinessFailure")] }) },
      },
    },
  },
  components: {
    schemas: {
      DetailRequest: { type: "object", properties: { response_format: ref("ResponseFormat") } },
      PayRequest: { type: "object", properties: { order_id: { type: "string" } } },
      ResponseFormat: { enum: ["standard", "upstream"] },
      Detail: { type: "object" },
      Paid: { type: "object" },
      Preview: { type: "object" },
      Upstream: { type: "object", properties: { response_format: { const: "upstream" } } },
      BusinessFailure: { type: "object", properties: { success: { const: false } } },
    },
  },
};

describe("generated type tests", () => {
  it("names the client and error types by the packages' rule", () => {
    expect(typeTestTarget("hiobuy")).toEqual({ client: "HiobuyClient", error: "HiobuyError" });
    expect(typeTestTarget("hyper/reseller")).toEqual({ client: "ResellerClient", error: "HyperError" });
  });

  it("has one test per operation, asserting error and data, with init and (where optional) without", () => {
    const { name, text } = renderTypeTests("mini", mini);
    expect(name).toBe("operations.test-d.ts");
    expect(text).toContain('import type { MiniClient, MiniError } from "../../src/index.js";');
    const get = block(text, "getThing (GET /things/{id})");
    // the path parameter makes init required: one call form
    expect(get).not.toContain('client.GET("/things/{id}")');
    expect(get).toContain('client.GET("/things/{id}", value<Init<"/things/{id}", "get">>())');
    expect(get).toContain("expectTypeOf(r0.error).toEqualTypeOf<Err>()");
    // an inline 2xx body is named through the generated operation types
    expect(get).toContain(
      'toEqualTypeOf<Ops["getThing"]["responses"][200]["content"]["application/json"]>()',
    );
    const post = block(text, "createThing (POST /things)");
    // no required parameter or body: both call forms; a 201 without content types data as undefined
    expect(post).toContain('client.POST("/things");');
    expect(post).toContain('client.POST("/things", value<Init<"/things", "post">>())');
    expect(post.match(/toEqualTypeOf<undefined>\(\)/g)).toHaveLength(2);
  });

  it("a surface imports from its own generated folder, one level deeper", () => {
    const { text } = renderTypeTests("hyper/reseller", mini);
    expect(text).toContain('import type { ResellerClient, HyperError } from "../../../src/index.js";');
    expect(text).toContain('from "../../../src/generated/reseller/index.js";');
  });

  it("HIOBuy: data per response_format, and a business failure only where the operation keeps it as data", () => {
    const { text } = renderTypeTests("hiobuy", hiobuyLike);
    const detail = block(text, "productDetail (POST /products/detail)");
    expect(detail).toContain('value<NoFormat<Init<"/products/detail", "post">>>()');
    expect(detail).toMatch(/WithFormat<[^\n]*"standard">>\(\)\);\n.*\n.*toEqualTypeOf<S\["Detail"\]>/);
    expect(detail).toMatch(/WithFormat<[^\n]*"upstream">>\(\)\);\n.*\n.*toEqualTypeOf<S\["Upstream"\]>/);
    expect(detail).toMatch(
      /S\["ResponseFormat"\]>>\(\)\);\n.*\n.*toEqualTypeOf<S\["Detail"\] \| S\["Upstream"\]>/,
    );
    const pay = block(text, "orderPay (POST /orders/pay)");
    expect(pay).toContain('toEqualTypeOf<S["Paid"]>()');
    expect(pay).not.toContain("BusinessFailure");
    expect(pay).not.toContain("Format");
    const preview = block(text, "orderPreview (POST /orders/preview)");
    expect(preview).toContain('toEqualTypeOf<S["Preview"] | S["BusinessFailure"]>()');
  });

  it("another provider's spec gets no HIOBuy rule", () => {
    const { text } = renderTypeTests("sgate", hiobuyLike);
    expect(block(text, "orderPay (POST /orders/pay)")).toContain('<S["Paid"] | S["BusinessFailure"]>()');
    expect(text).not.toContain("WithFormat");
  });
});

describe("codegen writes and checks the type test", { timeout: 120_000 }, () => {
  it("writes test/generated/operations.test-d.ts; --check names it when stale or edited", async () => {
    const root = mkdtempSync(join(tmpdir(), "keyway-codegen-"));
    mkdirSync(join(root, "specs/mini"), { recursive: true });
    cpSync(join(here, "fixtures/mini.yaml"), join(root, "specs/mini/openapi.yaml"));
    expect((await runCodegen({ root })).code).toBe(0);
    const file = join(root, "packages/mini/test/generated/operations.test-d.ts");
    expect(readFileSync(file, "utf8")).toContain("getThing (GET /things/{id})");
    expect((await runCodegen({ root, check: true })).code).toBe(0);

    writeFileSync(file, `${readFileSync(file, "utf8")}// edited\n`);
    writeFileSync(join(root, "packages/mini/test/generated/stray.test-d.ts"), "export {};\n");
    const r = await runCodegen({ root, check: true });
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "codegen --check: packages/mini/test/generated/operations.test-d.ts is stale (run `pnpm codegen`)",
    );
    expect(r.err).toContain(
      "codegen --check: packages/mini/test/generated/stray.test-d.ts is not generated by the spec",
    );
  });
});
