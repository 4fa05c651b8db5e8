/**
 * @keyway/sandbox as a user's test fixture: only the API its README documents, imported by package name, with
 * the provider clients a user would write tests for. One sandbox for this file (the "one sandbox per test file"
 * pattern); the credential-scoped faults below are what lets several files share one instead.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHiobuyClient } from "@keyway/hiobuy";
import { createHishoppingClient, unwrap as unwrapHishopping } from "@keyway/hishopping";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { createSgateClient, unwrap as unwrapSgate } from "@keyway/sgate";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

let sandbox: RunningSandbox<"hiobuy" | "hishopping" | "sgate">;
let startupMs = 0;

// Generous limits: they catch a hang, not a busy machine (start-up is measured and printed below).
beforeAll(async () => {
  const t0 = performance.now();
  sandbox = await startSandbox({
    providers: ["hiobuy", "hishopping", "sgate"],
    options: { sgate: { notificationRetryDelaysMs: [50, 50] } },
  });
  startupMs = performance.now() - t0;
}, 120_000);
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

const DOCS_KEY = { key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI", secret: "your secret" };
const hiobuy = (apiKey: string) => createHiobuyClient({ apiKey, baseUrl: sandbox.urls.hiobuy });
const detail = (apiKey: string) =>
  hiobuy(apiKey).POST("/products/detail", { body: { channel: "1688", product_id: "554456348334" } });

describe("the sandbox as a test fixture", { timeout: 120_000 }, () => {
  it("starts in well under the hook limit (measured time printed)", () => {
    console.log(`sandbox start-up (hiobuy, hishopping, sgate): ${Math.round(startupMs)} ms`);
    expect(startupMs).toBeLessThan(60_000);
  });

  it("types urls and providers per provider", () => {
    expect(sandbox.urls.hiobuy).toBe(`${sandbox.providers.hiobuy.origin}/v1`);
    expect(sandbox.urls.hishopping).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    // @ts-expect-error a typo does not compile
    expect(sandbox.urls.hishoping).toBeUndefined();
  });

  it("a fault scoped to one API key leaves another test's key alone", async () => {
    sandbox.providers.hiobuy.faults.inject({
      kind: "status",
      status: 503,
      credential: "hio_test_file_a",
      persistent: true,
    });
    const b = await detail("hio_test_file_b");
    expect(b.error).toBeUndefined();
    const a = await detail("hio_test_file_a");
    expect(a.response.status).toBe(503);
    expect(sandbox.providers.hiobuy.faults.list()).toHaveLength(1);
  });

  it("skew without `times` lasts until cleared, so a client that corrects its clock succeeds", async () => {
    const fault = sandbox.providers.sgate.faults.inject({ kind: "skew", seconds: 900 });
    const sgate = createSgateClient({ ...DOCS_KEY, baseUrl: sandbox.urls.sgate });
    const merchant = unwrapSgate(
      await sgate.GET("/merchants/{merchantId}", { params: { path: { merchantId: "M448726" } } }),
    );
    expect(merchant.id).toBe("M448726");
    expect(Math.abs(sgate.clockOffsetMs() - 900_000)).toBeLessThan(60_000);
    expect(sandbox.providers.sgate.faults.remove(fault.id)).toBe(true);
  });

  it("state helpers set up a scenario: no credit left → HiShopping 2001", async () => {
    sandbox.providers.hishopping.state.setAvailableCredit(0);
    const hs = createHishoppingClient({
      appId: "hs_app_sandbox",
      secretKey: "sandbox-secret-key-32-bytes-long",
      signKey: "sandbox-sign-key",
      baseUrl: sandbox.urls.hishopping,
    });
    expect(unwrapHishopping(await hs.GET("/credit")).available).toBe("0.00");
    const { error } = await hs.POST("/orders", {
      body: {
        goods_id: "601099512345678",
        sku_id: "17592186044417",
        quantity: 1,
        shipping_address: {
          name: "A",
          phone: "+49 30 1",
          address: "Str. 1",
          city: "Berlin",
          country: "DE",
          postal_code: "10117",
        },
      },
    });
    expect(String(error?.code)).toBe("2001");
  });

  it("sends SGate's signed callback when an order is paid, and logs each attempt", async () => {
    const received: string[] = [];
    const server: Server = createServer((req, res) => {
      received.push(req.url ?? "");
      const orderId = new URL(req.url ?? "/", "http://x").searchParams.get("_orderId");
      res.end(`COMPLETED::${orderId}`);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as AddressInfo).port;
      const sgate = createSgateClient({ ...DOCS_KEY, baseUrl: sandbox.urls.sgate });
      const order = unwrapSgate(
        await sgate.POST("/merchants/{merchantId}/orders", {
          params: { path: { merchantId: "M448726" } },
          body: {
            merchantOrderId: "fixture-1",
            amount: "5",
            currency: "SAR",
            name: "n",
            notificationURL: `http://127.0.0.1:${port}/cb?shop=1`,
          },
        }),
      );
      const paid = await fetch(`${sandbox.providers.sgate.origin}/__sandbox/orders/${order.id}/pay`, {
        method: "POST",
        body: JSON.stringify({ method: "mada" }),
      });
      expect(paid.status).toBe(200);
      await sandbox.providers.sgate.notifier.idle();
      const attempts = sandbox.providers.sgate.notifier.attempts();
      expect(attempts.map((a) => [a.orderId, a.type, a.completed])).toEqual([[order.id, "payment", true]]);
      expect(received[0]).toContain(`_orderId=${order.id}`);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
