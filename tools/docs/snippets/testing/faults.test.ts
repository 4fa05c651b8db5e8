import { createHiobuyClient } from "@keyway/hiobuy";
import { createHishoppingClient, unwrap as unwrapHishopping } from "@keyway/hishopping";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { createSgateClient, unwrap as unwrapSgate } from "@keyway/sgate";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";

let sandbox: RunningSandbox<"hiobuy" | "hishopping" | "sgate">;
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hiobuy", "hishopping", "sgate"] });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const detail = { channel: "1688", product_id: "554456348334" } as const;

// #region scoped
it("fails one operation twice with 503, then lets the client's retry through", async () => {
  const { faults } = sandbox.providers.hiobuy;
  faults.inject({ kind: "status", status: 503, operationId: "productDetail", times: 2 });
  const hiobuy = createHiobuyClient({
    apiKey: "hio_test_faults",
    baseUrl: sandbox.urls.hiobuy,
    retry: { maxAttempts: 3, baseMs: 10, maxMs: 50 },
  });
  const { data, error } = await hiobuy.POST("/products/detail", { body: detail });
  expect(error).toBeUndefined();
  expect(data?.product.id).toBe("1688_554456348334");
  expect(faults.list()).toEqual([]); // both uses consumed
});
// #endregion

// #region drop-after
it("loses the answer of a create that went through: the retry with the same key gets the same order", async () => {
  sandbox.providers.hishopping.faults.inject({ kind: "drop", stage: "after", operationId: "createOrder" });
  const hs = createHishoppingClient({
    appId: "hs_app_sandbox",
    secretKey: "sandbox-secret-key-32-bytes-long",
    signKey: "sandbox-sign-key",
    baseUrl: sandbox.urls.hishopping,
    retry: { maxAttempts: 3, baseMs: 10, maxMs: 50 },
  });
  const before = unwrapHishopping(await hs.GET("/credit")).available;
  const order = unwrapHishopping(
    await hs.POST("/orders", {
      body: {
        merchant_order_no: "shop-drop-1",
        goods_id: "601099512345678",
        sku_id: "17592186044417",
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
    }),
  );
  expect(order.merchant_order_no).toBe("shop-drop-1");
  const after = unwrapHishopping(await hs.GET("/credit")).available;
  expect(Number(before) - Number(after)).toBeCloseTo(4.2); // charged once: 3.20 + the 1.00 fee
});
// #endregion

// #region skew
it("shifts the sandbox clock 15 minutes: the client corrects its own from the Date header", async () => {
  const skew = sandbox.providers.sgate.faults.inject({ kind: "skew", seconds: 900 });
  const sgate = createSgateClient({
    key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI",
    secret: "your secret",
    baseUrl: sandbox.urls.sgate,
  });
  const merchant = unwrapSgate(
    await sgate.GET("/merchants/{merchantId}", { params: { path: { merchantId: "M448726" } } }),
  );
  expect(merchant.id).toBe("M448726");
  expect(Math.abs(sgate.clockOffsetMs() - 900_000)).toBeLessThan(60_000);
  expect(sandbox.providers.sgate.faults.remove(skew.id)).toBe(true); // a skew stays until removed
});
// #endregion

// #region http
it("takes faults over HTTP too, from another process (the origin's /__sandbox routes)", async () => {
  const origin = sandbox.providers.hiobuy.origin;
  const injected = await fetch(`${origin}/__sandbox/faults`, {
    method: "POST",
    body: JSON.stringify({ kind: "status", status: 429, retryAfter: 1, credential: "hio_test_http" }),
  });
  expect(injected.status).toBeLessThan(300);
  const { faults } = (await (await fetch(`${origin}/__sandbox/faults`)).json()) as { faults: unknown[] };
  expect(faults).toHaveLength(1);
  await fetch(`${origin}/__sandbox/reset`, { method: "POST" }); // faults and state back to the start
  expect(sandbox.providers.hiobuy.faults.list()).toEqual([]);
});
// #endregion
