import { describe, expectTypeOf, it } from "vitest";
import { type KeywayClient, unwrap } from "../src/index.js";
import { type TestError, testClient } from "./fixtures.js";

/** A path whose body has a literal union, in openapi-typescript's shape. */
interface PayPaths {
  "/pay": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { "application/json": { currency: "SAR" | "KWD" } } };
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } };
      };
    };
  };
}
declare const payClient: KeywayClient<PayPaths, TestError>;

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

  it("parseAs narrows data, with or without a body", async () => {
    const text = await client.POST("/things", { body: { name: "n" }, parseAs: "text" });
    if (!text.error) expectTypeOf(text.data).toEqualTypeOf<string>();
    const blob = await client.GET("/things/{id}", { params: { path: { id: "1" } }, parseAs: "blob" });
    if (!blob.error) expectTypeOf(blob.data).toEqualTypeOf<Blob>();
    const stream = await client.POST("/orders", { body: { sku: "x" }, parseAs: "stream" });
    if (!stream.error) expectTypeOf(stream.data).toEqualTypeOf<Response["body"]>();
    const json = await client.POST("/orders", { body: { sku: "x" }, parseAs: "json" });
    if (!json.error) expectTypeOf(json.data).toEqualTypeOf<Record<string, unknown>>();
    if (text.error) expectTypeOf(text.error).toEqualTypeOf<TestError>();
  });

  it("parseAs narrows data when the body holds a literal union (Init is not inferred then)", async () => {
    const r = await payClient.POST("/pay", { body: { currency: "SAR" }, parseAs: "text" });
    if (!r.error) expectTypeOf(r.data).toEqualTypeOf<string>();
    const j = await payClient.POST("/pay", { body: { currency: "KWD" } });
    if (!j.error) expectTypeOf(j.data).toEqualTypeOf<{ id: string }>();
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
