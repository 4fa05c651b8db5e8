import { describe, expectTypeOf, it } from "vitest";
import { type components, createHishoppingClient, type HishoppingError } from "../src/index.js";

const hs = createHishoppingClient({
  appId: "a",
  secretKey: "s",
  signKey: "k",
  baseUrl: "http://127.0.0.1:1/api/v1",
});
type S = components["schemas"];

describe("HiShopping client types", () => {
  it("data is the decrypted logical payload, error the typed HishoppingError", async () => {
    const list = await hs.GET("/products", { params: { query: { page: 1, page_size: 20 } } });
    expectTypeOf<NonNullable<typeof list.data>>().toExtend<S["ProductPage"]>();
    expectTypeOf<S["ProductPage"]>().toExtend<NonNullable<typeof list.data>>();
    expectTypeOf(list.error).toEqualTypeOf<HishoppingError | undefined>();
    const order = await hs.POST("/orders", {
      body: {
        goods_id: "1",
        sku_id: "2",
        quantity: 1,
        shipping_address: {
          name: "n",
          phone: "123",
          address: "a",
          city: "c",
          country: "DE",
          postal_code: "1",
        },
      },
    });
    expectTypeOf<NonNullable<typeof order.data>>().toExtend<S["Order"]>();
    expectTypeOf<NonNullable<typeof order.data>["merchant_order_no"]>().toEqualTypeOf<string>();
    expectTypeOf<HishoppingError["code"]>().toExtend<string>();
  });

  it("typed query values: page is a number, unknown paths are refused", () => {
    // @ts-expect-error page is an integer, not a string
    hs.GET("/products", { params: { query: { page: "1" } } });
    // @ts-expect-error not an operation of the spec
    hs.GET("/nope");
  });
});
