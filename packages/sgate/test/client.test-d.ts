import { describe, expectTypeOf, it } from "vitest";
import { type components, createSgateClient, type SgateError, type SgateErrorCode } from "../src/index.js";

const sgate = createSgateClient({ key: "k", secret: "s" });

describe("SGate client types", () => {
  it("types bodies, path params and the error", async () => {
    const r = await sgate.POST("/merchants/{merchantId}/orders", {
      params: { path: { merchantId: "M448726" } },
      body: { merchantOrderId: "a", amount: "1.00", currency: "SAR", name: "n" },
    });
    if (r.error) {
      expectTypeOf(r.error).toEqualTypeOf<SgateError>();
      expectTypeOf(r.error.code).toEqualTypeOf<SgateErrorCode>();
    } else {
      expectTypeOf(r.data.ticket).toEqualTypeOf<string>();
    }
    await sgate.POST("/merchants/{merchantId}/orders", {
      params: { path: { merchantId: "M1" } },
      // @ts-expect-error currency is an enum
      body: { merchantOrderId: "a", amount: "1", currency: "EUR", name: "n" },
    });
    await sgate.POST("/merchants/{merchantId}/orders", {
      params: { path: { merchantId: "M1" } },
      // @ts-expect-error amount is a decimal string (sgateAmount(12.5) gives "12.50"), never a float
      body: { merchantOrderId: "a", amount: 12.5, currency: "SAR", name: "n" },
    });
    await sgate.POST("/orders/{orderId}/refunds", {
      params: { path: { orderId: "o" } },
      // @ts-expect-error a refund's amount too
      body: { amount: 5, reason: "" },
    });
    type Product = components["schemas"]["Product"];
    // @ts-expect-error a line item's price is an Amount string too
    const price: Product["price"] = 12.5;
    // @ts-expect-error and so is its amount (line total)
    const lineTotal: Product["amount"] = 25;
    expectTypeOf<Product["amount"]>().toEqualTypeOf<components["schemas"]["Amount"]>();
    expectTypeOf([price, lineTotal]).toEqualTypeOf<string[]>();
    // @ts-expect-error the path parameter is required
    await sgate.GET("/orders/{orderId}", {});
    // @ts-expect-error not an SGate interface
    await sgate.GET("/payee/custom/list");
    const put = await sgate.PUT("/orders/{orderId}/delivery/status", {
      params: { path: { orderId: "o" } },
      body: { value: "delivered" },
    });
    expectTypeOf(put.data).toEqualTypeOf<undefined>();
  });
});
