import { describe, expectTypeOf, it } from "vitest";
import { unwrap } from "../src/index.js";
import { type TestError, testClient } from "./fixtures.js";

describe("KeywayClient types", () => {
  const { client } = testClient([]);

  it("types data from the spec and error as the provider's class", async () => {
    const r = await client.GET("/things/{id}", { params: { path: { id: "1" } } });
    if (r.error) {
      expectTypeOf(r.error).toEqualTypeOf<TestError>();
      expectTypeOf(r.data).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(r.data).toEqualTypeOf<Record<string, unknown>>();
    }
    expectTypeOf(unwrap(r)).toEqualTypeOf<Record<string, unknown>>();
  });

  it("rejects unknown paths, wrong methods, missing params and wrong bodies", () => {
    // @ts-expect-error not a path
    void client.GET("/nope");
    // @ts-expect-error /things has no GET
    void client.GET("/things");
    // @ts-expect-error path param required
    void client.GET("/things/{id}", {});
    // @ts-expect-error body field has the wrong type
    void client.POST("/things", { body: { name: 1 } });
    // @ts-expect-error body required
    void client.POST("/orders", {});
    void client.POST("/orders", { body: { sku: "x" } });
  });
});
