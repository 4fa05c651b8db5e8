import { describe, expectTypeOf, it } from "vitest";
import type { components, HiobuyClient, HiobuyError } from "../src/index.js";

declare const client: HiobuyClient;
type S = components["schemas"];

describe("HiobuyClient types", () => {
  it("data is the standard shape unless the call asks for upstream", async () => {
    const std = await client.POST("/products/detail", { body: { channel: "1688", product_id: "1" } });
    if (!std.error) expectTypeOf(std.data).toEqualTypeOf<S["ProductDetailResponse"]>();
    else expectTypeOf(std.error).toEqualTypeOf<HiobuyError>();

    const up = await client.POST("/products/detail", {
      body: { channel: "1688", product_id: "1", response_format: "upstream" },
    });
    if (!up.error) expectTypeOf(up.data).toEqualTypeOf<S["UpstreamResponse"]>();

    const explicit = await client.POST("/products/detail", {
      body: { channel: "1688", product_id: "1", response_format: "standard" },
    });
    if (!explicit.error) expectTypeOf(explicit.data).toEqualTypeOf<S["ProductDetailResponse"]>();
  });

  it("a call without init types data and error like the same call with {}", async () => {
    const bare = await client.GET("/fulfillment/balance");
    const empty = await client.GET("/fulfillment/balance", {});
    expectTypeOf(bare).toEqualTypeOf(empty);
    if (!bare.error) expectTypeOf(bare.data).toEqualTypeOf<S["FulfillmentBalanceResponse"]>();
    else expectTypeOf(bare.error).toEqualTypeOf<HiobuyError>();
    if (!empty.error) expectTypeOf(empty.data).toEqualTypeOf<S["FulfillmentBalanceResponse"]>();
    else expectTypeOf(empty.error).toEqualTypeOf<HiobuyError>();
    expectTypeOf(bare.data).toEqualTypeOf<S["FulfillmentBalanceResponse"] | undefined>();
    expectTypeOf(bare.error).toEqualTypeOf<HiobuyError | undefined>();
  });

  it("parseAs types data, also when the body holds literal unions", async () => {
    const text = await client.POST("/orders/pay", {
      body: { channel: "1688", order_id: "1" },
      parseAs: "text",
    });
    if (!text.error) expectTypeOf(text.data).toEqualTypeOf<string>();
    else expectTypeOf(text.error).toEqualTypeOf<HiobuyError>();
    const blob = await client.GET("/fulfillment/balance", { parseAs: "blob" });
    if (!blob.error) expectTypeOf(blob.data).toEqualTypeOf<Blob>();
  });

  it("response_format is refused on an operation whose body has none", () => {
    void client.POST("/orders/pay", {
      // @ts-expect-error /orders/pay has no response_format
      body: { channel: "1688", order_id: "o", response_format: "upstream" },
    });
  });

  it("a ResponseFormat variable gives both shapes", async () => {
    const format = "standard" as S["ResponseFormat"];
    const r = await client.POST("/products/detail", {
      body: { channel: "1688", product_id: "1", response_format: format },
    });
    if (!r.error) expectTypeOf(r.data).toEqualTypeOf<S["ProductDetailResponse"] | S["UpstreamResponse"]>();
  });

  it("a business failure is never data on an error-mode operation, but stays data on a data-mode one", async () => {
    const created = await client.POST("/orders/create", {
      body: {
        channel: "1688",
        receiver: { name: "a", mobile: "1", province: "p", city: "c", address: "x" },
        lines: [],
      },
    });
    if (!created.error) expectTypeOf(created.data).toEqualTypeOf<S["OrderCreateResponse"]>();
    const preview = await client.POST("/orders/preview", {
      body: {
        channel: "1688",
        receiver: { name: "a", mobile: "1", province: "p", city: "c", address: "x" },
        lines: [],
      },
    });
    if (!preview.error) expectTypeOf(preview.data.success).toEqualTypeOf<boolean>();
  });

  it("keeps openapi-fetch's checks on paths and bodies", () => {
    // @ts-expect-error unknown body field
    void client.POST("/products/detail", { body: { channel: "1688", product_id: "1", prodct: "x" } });
    // @ts-expect-error wrong channel
    void client.POST("/products/detail", { body: { channel: "amazon", product_id: "1" } });
    // @ts-expect-error body required
    void client.POST("/products/detail", {});
    // @ts-expect-error not a path
    void client.POST("/products/nope", { body: {} });
    void client.GET("/fulfillment/balance");
  });
});
