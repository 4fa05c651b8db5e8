import { describe, expectTypeOf, it } from "vitest";
import {
  createResellerClient,
  createStorefrontClient,
  createSupplierClient,
  type HyperDelivery,
  type HyperDeliveryStatus,
  type HyperError,
  type HyperErrorCode,
  type HyperFailedLine,
} from "../src/index.js";

const baseUrl = "https://api.example.test";
const reseller = createResellerClient({ baseUrl, token: "a.b.c" });
const supplier = createSupplierClient({ baseUrl, apiKey: "ak_test_x" });
const storefront = createStorefrontClient({ baseUrl, getToken: () => "a.b.c" });

describe("Hyper client types", () => {
  it("types the envelope, bodies and the error of each surface", async () => {
    const r = await reseller.POST("/Order/create", {
      body: { basketData: [{ deliverID: "d", customerStoreProductID: 1, quantity: 1 }] },
    });
    if (r.error) {
      expectTypeOf(r.error).toEqualTypeOf<HyperError>();
      expectTypeOf(r.error.code).toEqualTypeOf<HyperErrorCode>();
      expectTypeOf(r.error.lines).toEqualTypeOf<readonly HyperFailedLine[]>();
    } else {
      expectTypeOf(r.data.success).toEqualTypeOf<boolean>();
      expectTypeOf(r.data.data.orderID).toEqualTypeOf<number | null | undefined>();
    }
    await reseller.POST("/Order/create", {
      // @ts-expect-error quantity is required
      body: { basketData: [{ customerStoreProductID: 1 }] },
    });
    const line = await reseller.GET("/Order/detail/{orderDetailID}", {
      params: { path: { orderDetailID: 1 } },
    });
    if (!line.error) expectTypeOf(line.data.data.status).toEqualTypeOf<0 | 1 | 2 | 3>();
    await supplier.POST("/Order/deliver", {
      // @ts-expect-error status is 0–3
      body: { orderDetailID: 1, status: 4 },
    });
  });

  it("keeps each surface to its own routes", async () => {
    // @ts-expect-error a Supplier client has no Reseller routes
    await supplier.GET("/Customer/Get");
    // @ts-expect-error a Reseller client cannot deliver
    await reseller.POST("/Order/deliver", { body: { orderDetailID: 1, status: 1 } });
    // @ts-expect-error the API-customer login is not a Storefront route
    await storefront.POST("/Login/Customer/Api/Verify", { body: { email: "e", password: "p" } });
  });

  it("types the delivery callback", () => {
    expectTypeOf<HyperDelivery["status"]>().toEqualTypeOf<HyperDeliveryStatus>();
    expectTypeOf<HyperDelivery["deliveryData"]>().toEqualTypeOf<readonly string[] | null>();
  });
});
