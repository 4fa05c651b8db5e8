import { createAppfiguresClient } from "@keyway/appfigures";
import { createHiobuyClient } from "@keyway/hiobuy";
import { createHishoppingClient } from "@keyway/hishopping";
import { createResellerClient } from "@keyway/hyper";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";

let sandbox: RunningSandbox<"hiobuy" | "hishopping" | "hyper" | "appfigures">;
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hiobuy", "hishopping", "hyper", "appfigures"] });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

// #region hiobuy
it("HIOBuy: the key's flags and the magic ids choose the answer", async () => {
  const client = (apiKey: string) =>
    createHiobuyClient({ apiKey, baseUrl: sandbox.urls.hiobuy, retry: false });
  const detail = (apiKey: string, product_id: string) =>
    client(apiKey).POST("/products/detail", { body: { channel: "1688", product_id } });
  const no1688 = await detail("hio_test_no1688_mine", "554456348334"); // the 1688 channel not authorized
  expect([no1688.response.status, no1688.error?.code]).toEqual([401, "CHANNEL_NOT_AUTHORIZED"]);
  const missing = await detail("hio_test_mine", "sb_prod_not_found");
  expect([missing.response.status, missing.error?.code]).toEqual([404, "NOT_FOUND"]);
});
// #endregion

// #region hishopping
it("HiShopping: state helpers drain the credit line or a SKU's stock", async () => {
  const hs = createHishoppingClient({
    appId: "hs_app_sandbox",
    secretKey: "sandbox-secret-key-32-bytes-long",
    signKey: "sandbox-sign-key",
    baseUrl: sandbox.urls.hishopping,
  });
  const order = (sku_id: string) =>
    hs.POST("/orders", {
      body: {
        goods_id: "601099512345678",
        sku_id,
        quantity: 1,
        shipping_address: {
          name: "Zoë Müller",
          phone: "+49 30 1234567",
          address: "Friedrichstraße 1",
          city: "Berlin",
          country: "DE",
          postal_code: "10117",
        },
      },
    });
  const { state } = sandbox.providers.hishopping;
  state.setStock("17592186044418", 0);
  expect(String((await order("17592186044418")).error?.code)).toBe("3002"); // out of stock
  state.setAvailableCredit(0);
  expect(String((await order("17592186044417")).error?.code)).toBe("2001"); // insufficient credit
});
// #endregion

// #region hyper
it("Hyper: product 9003 is out of stock, so Create Order answers success: false", async () => {
  const reseller = createResellerClient({
    baseUrl: sandbox.urls.hyper,
    credentials: { email: "reseller@bursagb.test", password: "reseller-pass" },
  });
  const { error } = await reseller.POST("/Order/create", {
    body: { basketData: [{ deliverID: "shop-oos-1", customerStoreProductID: 9003, quantity: 1 }] },
  });
  expect(String(error?.code)).toBe("-31"); // nothing ordered, nothing charged
});
// #endregion

// #region appfigures
it("Appfigures: a token without the operation's scope answers 403", async () => {
  const af = createAppfiguresClient({
    auth: { type: "token", token: "pat_kw_demo_public" }, // public:read only
    baseUrl: sandbox.urls.appfigures,
  });
  const { error } = await af.GET("/reports/sales", { params: { query: {} } });
  expect([error?.status, error?.kind]).toEqual([403, "insufficient-scope"]);
  expect(error?.message).toMatch(/requires the private:read scope/);
});
// #endregion
