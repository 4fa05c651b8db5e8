/**
 * SGate's own public code, its request builders and response readers written again here from what they do,
 * run against our sandbox both as they are (plain fetch, each sample's own signing) and through our client;
 * both must agree.
 *
 * - https://github.com/SGATE-IT/gccpay-client-demo: demo/python/gccpay.py (urlencode of the sorted pairs),
 *   demo/php/gccpay.php (ksort + http_build_query), demo/java/GCCPayDemo.java (TreeMap, URLEncoder on uri
 *   only, `yyyy-MM-dd HH:mm:ss.SSS` expiry, integer amount); all create orders with `notificationURL: ""`.
 * - https://github.com/SGATE-IT/woo-gccpay: woo-gccpay.php (process_payment: numeric sku / productId /
 *   customer uuid; process_refund: `reason` as typed, often ""; the payment-page and iframe links).
 * - https://github.com/SGATE-IT/opcart-gccpay: upload/catalog/controller/extension/payment/gccpay.php (the
 *   GET form to the cashier root; the callback reads only `_orderId` and answers `COMPLETED::<id>`).
 */
import { createHmac } from "node:crypto";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { components } from "../src/generated/index.js";
import { createSgateClient, createSgateNotificationHandler } from "../src/index.js";

const KEY = "M246810officialDemosKeyAbCdE1234";
const SECRET = `sandbox-secret-${KEY}`;
const MERCHANT = KEY.slice(0, 7);
let clock = Date.parse("2026-11-24T10:00:00Z");
let sandbox: RunningSandbox;
let api: string;
let origin: string;

beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["sgate"], now: () => clock });
  api = sandbox.urls.sgate!;
  origin = new URL(api).origin;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  clock = Date.parse("2026-11-24T10:00:00Z");
});

const client = () =>
  createSgateClient({ key: KEY, secret: SECRET, baseUrl: api, now: () => clock, retry: false });

type Sample = "python" | "php" | "java";

/** PHP's urlencode / Python's quote_plus: RFC 1738 form encoding (`~` → %7E in PHP only; ids hold none). */
const formEncode = (v: string) =>
  encodeURIComponent(v)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");

/** Each sample's canonical string (gccpay.py submitToGCCPay, gccpay.php submitToGCCPay, generateSignStr). */
function canonical(sample: Sample, uri: string, method: string, timestamp: string): string {
  const pairs: Record<string, string> = {
    key: KEY,
    method,
    signMethod: "HmacSHA256",
    signVersion: "1",
    timestamp,
    uri,
  };
  const names = Object.keys(pairs).sort();
  if (sample === "java") {
    // URLEncoder on uri only, the other values raw.
    return names.map((n) => `${n}=${n === "uri" ? formEncode(pairs[n]!) : pairs[n]}`).join("&");
  }
  return names.map((n) => `${n}=${formEncode(pairs[n]!)}`).join("&");
}

/** The demos' submitToGCCPay: sign, set the x-auth-* headers, GET or POST JSON. */
async function demoCall(sample: Sample, verb: "GET" | "POST", uri: string, method: string, params?: unknown) {
  const timestamp = String(Math.floor(clock / 1000));
  const sign = createHmac("sha256", SECRET)
    .update(canonical(sample, uri, method, timestamp))
    .digest("base64");
  const res = await fetch(`${api}${uri}`, {
    method: verb,
    headers: {
      "Content-Type": "application/json",
      "x-auth-signature": sign,
      "x-auth-key": KEY,
      "x-auth-timestamp": timestamp,
      "x-auth-sign-method": "HmacSHA256",
      "x-auth-sign-version": "1",
      ...(sample === "php" ? {} : { "x-auth-uuid": crypto.randomUUID() }),
    },
    body: verb === "POST" ? JSON.stringify(params) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** strftime('%Y-%m-%dT%H:%M:%S.000Z', now + 15 days), as the Python and PHP demos build it. */
const pyExpiry = () => `${new Date(clock + 15 * 86_400_000).toISOString().slice(0, 19)}.000Z`;
/** SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSS"), the Java demo's expiry. */
const javaExpiry = () => new Date(clock + 15 * 86_400_000).toISOString().slice(0, 23).replace("T", " ");

const payInSandbox = (orderId: string) =>
  fetch(`${origin}/__sandbox/orders/${orderId}/pay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ method: "mada", outcome: "approved" }),
  });

describe("SGATE-IT/gccpay-client-demo (Python, PHP, Java) against the sandbox", () => {
  for (const sample of ["python", "php", "java"] as const) {
    it(`${sample}: merchant detail, create with notificationURL "", order detail — and the client reads the same`, async () => {
      const merchant = await demoCall(sample, "GET", `/merchants/${MERCHANT}`, "merchant.detail");
      expect(merchant.status).toBe(200);
      expect(merchant.body.id).toBe(MERCHANT);

      const params = {
        merchantOrderId: `${sample.toUpperCase()}${Math.floor(clock / 1000)}`,
        amount: sample === "java" ? 200 : 10.03,
        currency: "SAR",
        name: "Order Desc ",
        notificationURL: "",
        expiredAt: sample === "java" ? javaExpiry() : pyExpiry(),
      };
      const created = await demoCall(
        sample,
        "POST",
        `/merchants/${MERCHANT}/orders`,
        "merchant.addOrder",
        params,
      );
      expect(created.status).toBe(200);
      // What the demos read: id (for getOrderInfo) and ticket (for the cashier).
      expect(created.body).toMatchObject({ merchantOrderId: params.merchantOrderId, status: "pending" });
      expect(typeof created.body.id).toBe("string");
      expect(String(created.body.ticket)).toMatch(/^[A-Za-z0-9]{64}$/);
      expect(created.body.notificationURL).toBe("");

      const detail = await demoCall(sample, "GET", `/orders/${created.body.id}`, "order.detail");
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ id: created.body.id, status: "pending", notificationURL: "" });

      const typed = await client().GET("/orders/{orderId}", {
        params: { path: { orderId: String(created.body.id) } },
      });
      expect(typed.error).toBeUndefined();
      expect(typed.data).toEqual(detail.body);
    });
  }

  it('our client creates the same order the demos create (notificationURL "")', async () => {
    const { data, error } = await client().POST("/merchants/{merchantId}/orders", {
      params: { path: { merchantId: MERCHANT } },
      body: {
        merchantOrderId: "KW-DEMO-1",
        amount: "10.03",
        currency: "SAR",
        name: "Order Desc",
        notificationURL: "",
      },
    });
    expect(error).toBeUndefined();
    expect(data?.notificationURL).toBe("");
  });
});

describe("SGATE-IT/woo-gccpay against the sandbox", () => {
  it('process_payment\'s body (numeric sku, productId, uuid), its cashier links, process_refund with reason ""', async () => {
    const wcOrder = 8180;
    const body: components["schemas"]["CreateOrderRequest"] = {
      merchantOrderId: `${wcOrder}_${Math.floor(clock / 1000)}`,
      amount: "25.00",
      currency: "SAR",
      name: `User: 2,Order:${wcOrder}`,
      notificationURL: `https://shop.example/checkout/order-pay/${wcOrder}/?order_id=${wcOrder}&wc-api=woo_gccpay_background`,
      expiredAt: `${new Date(clock + 86_400_000).toISOString().slice(0, 19)}.000Z`,
      products: [
        {
          name: "Light line",
          type: "physical",
          quantity: 2,
          isPreSale: false,
          estimatedDeliveryAt: "2023-07-01T10:11:12Z",
          location: "SA",
          price: "12.50",
          sku: 0,
          productId: 8170,
          amount: "25.00",
          avatar: "https://shop.example/light.png",
          description: "",
          showURL: "https://shop.example/product/light-line/",
        },
      ],
      customer: {
        mobile: "966512345678",
        email: "buyer@example.com",
        nickname: "buyer",
        uuid: 2,
        level: "1",
        address: "Riyadh",
        registeredAt: "2023-01-01 10:11:12",
      },
      referenceURL: encodeURIComponent(`https://shop.example/checkout/order-received/${wcOrder}/`),
    };
    const created = await demoCall("php", "POST", `/merchants/${MERCHANT}/orders`, "merchant.addOrder", body);
    expect(created.status).toBe(200);
    const id = String(created.body.id);
    const ticket = String(created.body.ticket);
    // The same body through our client (typed: numeric ids allowed).
    const typed = await client().POST("/merchants/{merchantId}/orders", {
      params: { path: { merchantId: MERCHANT } },
      body: { ...body, merchantOrderId: `${body.merchantOrderId}-kw` },
    });
    expect(typed.error).toBeUndefined();

    // The plugin's links: payment page at the cashier root, iframe at embed/mastercard/ (trailing slash).
    const returnURL = encodeURIComponent(`https://shop.example/?order_id=${wcOrder}&wc-api=woo_gccpay`);
    const pagePay = await fetch(`${origin}/?orderId=${id}&ticket=${ticket}&returnURL=${returnURL}`);
    expect(pagePay.status).toBe(200);
    expect(await pagePay.text()).toContain("User: 2,Order:8180");
    const iframe = await fetch(
      `${origin}/embed/mastercard/?orderId=${id}&ticket=${ticket}&payerInfo=required&language=en&returnURL=${returnURL}`,
    );
    expect(iframe.status).toBe(200);
    const wrongTicket = await fetch(`${origin}/?orderId=${id}&ticket=${"x".repeat(64)}`);
    expect(wrongTicket.status).toBe(403);

    expect((await payInSandbox(id)).status).toBeLessThan(300);
    const refund = await demoCall("php", "POST", `/orders/${id}/refunds`, "order.refund", {
      amount: "10.00",
      reason: "",
      merchantRefundId: `${wcOrder}_refund_${Math.floor(clock / 1000)}`,
    });
    expect(refund.status).toBe(200);
    expect(refund.body).toMatchObject({ orderId: id, status: expect.any(String) });
    // What process_refund reads: id and status.
    expect(String(refund.body.id)).toBe(`${id}_R1`);
    const typedRefund = await client().POST("/orders/{orderId}/refunds", {
      params: { path: { orderId: id } },
      body: { amount: "5.00", reason: "" },
    });
    expect(typedRefund.error).toBeUndefined();
  });
});

describe("SGATE-IT/opcart-gccpay against the sandbox", () => {
  it("the cashier GET form, then a callback with only _orderId answered COMPLETED::<id> once paid", async () => {
    const created = await demoCall("php", "POST", `/merchants/${MERCHANT}/orders`, "merchant.addOrder", {
      merchantOrderId: `12_${Math.floor(clock / 1000)}`,
      amount: 105,
      currency: "SAR",
      name: "User: 0,Order:12",
      notificationURL: "https://shop.example/index.php?route=extension/payment/gccpay/callback",
      expiredAt: pyExpiry(),
    });
    const id = String(created.body.id);
    // <form action="{gccpay_url}" method="GET"> with orderId, ticket, returnURL.
    const form = new URLSearchParams({
      orderId: id,
      ticket: String(created.body.ticket),
      returnURL: "https://shop.example/index.php?route=checkout/success",
    });
    expect((await fetch(`${origin}/?${form}`)).status).toBe(200);

    const handler = createSgateNotificationHandler({
      client: client(),
      key: KEY,
      secret: SECRET,
      now: () => clock,
      onNotification: () => {},
    });
    const callback = `https://shop.example/index.php?route=extension/payment/gccpay/callback&_orderId=${id}`;
    const early = await handler(new Request(callback));
    expect(early.status).toBe(409); // not paid yet: SGate is asked to come back
    await payInSandbox(id);
    const done = await handler(new Request(callback));
    expect([done.status, await done.text()]).toEqual([200, `COMPLETED::${id}`]);
  });
});
