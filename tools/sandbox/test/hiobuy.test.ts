import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ServedApp, serve } from "../src/core/serve.js";
import { formatIssues } from "../src/core/validator.js";
import { createHiobuySandbox, type HiobuySandbox } from "../src/hiobuy/index.js";

// A controllable sandbox clock (orders progress paid → seller_shipped → inbound with it).
let clock = Date.UTC(2026, 6, 1, 8, 0, 0);
let hio: HiobuySandbox;
let served: ServedApp;
let seen = 0;

const KEY = "hio_test_demo";
const RECEIVER = {
  name: "张三",
  mobile: "13800000000",
  province: "广东省",
  city: "广州市",
  district: "白云区",
  address: "石井街道 HIOBuy 仓库 A-12",
};

interface Answer {
  status: number;
  body: Record<string, unknown> & {
    error?: { code: string; message: string; request_id: string; category: string };
  };
  headers: Headers;
}

/**
 * Calls the served sandbox with plain fetch and checks EVERY answer against the spec: documented status, body
 * schema, declared headers, and x-request-id equal to the body's request_id.
 */
async function call(method: string, path: string, body?: unknown, key: string | null = KEY): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${served.url}/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Answer["body"];
  const rid = json.error?.request_id ?? json.request_id;
  expect(rid).toMatch(/^req_/);
  expect(res.headers.get("x-request-id")).toBe(rid);
  const operationId = hio.validator.match(method, path.split("?")[0]!);
  if (operationId) {
    const v = hio.validator.validateResponse(operationId, res.status, json, res.headers);
    expect(
      v.valid,
      `${method} ${path} → ${res.status} drifted from the spec:\n${formatIssues(v.issues)}\n${JSON.stringify(json)}`,
    ).toBe(true);
    seen += 1;
  }
  return { status: res.status, body: json, headers: res.headers };
}
const post = (path: string, body: unknown, key?: string | null) => call("POST", path, body, key);

beforeAll(async () => {
  hio = await createHiobuySandbox({ now: () => clock });
  served = await serve(hio.app);
});
afterAll(async () => {
  await served.close();
  expect(seen).toBeGreaterThan(30);
});
beforeEach(() => hio.reset());

describe("auth", () => {
  it("401 INVALID_API_KEY for a missing, malformed or unknown key", async () => {
    for (const key of [null, "sk_live_123", "hio_prod_abc", "hio_test_", "hio_test_has space"]) {
      const r = await post("/products/detail", { channel: "1688", product_id: "554456348334" }, key);
      expect([r.status, r.body.error?.code, r.body.error?.category]).toEqual([
        401,
        "INVALID_API_KEY",
        "AUTH_ERROR",
      ]);
    }
  });
  it("accepts hio_test_ and hio_live_ keys", async () => {
    for (const key of ["hio_test_abc", "hio_live_abc"]) {
      expect(
        (await post("/products/detail", { channel: "1688", product_id: "554456348334" }, key)).status,
      ).toBe(200);
    }
  });
  it("401 CHANNEL_NOT_AUTHORIZED for a channel the key has not authorized", async () => {
    const r = await post(
      "/products/detail",
      { channel: "1688", product_id: "554456348334" },
      "hio_test_no1688_x",
    );
    expect([r.status, r.body.error?.code]).toEqual([401, "CHANNEL_NOT_AUTHORIZED"]);
    expect(
      (await post("/products/detail", { channel: "taobao", mi_id: "7305532157826" }, "hio_test_no1688_x"))
        .status,
    ).toBe(200);
  });
  it("403 FULFILLMENT_MODE_NOT_SUPPORTED for a self-fulfillment key on /fulfillment/*", async () => {
    const r = await call("GET", "/fulfillment/shipping/channels", undefined, "hio_test_self_x");
    expect([r.status, r.body.error?.code]).toEqual([403, "FULFILLMENT_MODE_NOT_SUPPORTED"]);
    expect((await call("GET", "/fulfillment/shipping/channels", undefined, KEY)).status).toBe(200);
  });
  it("403 INSUFFICIENT_SCOPE for writes with a read-only key", async () => {
    const r = await post(
      "/orders/create",
      {
        channel: "1688",
        receiver: RECEIVER,
        lines: [{ offer_id: "554456348334", spec_id: "554456348334-1", quantity: 2 }],
      },
      "hio_test_ro_x",
    );
    expect([r.status, r.body.error?.code]).toEqual([403, "INSUFFICIENT_SCOPE"]);
  });
});

describe("validation", () => {
  it("400 VALIDATION_ERROR from the spec for a wrong type", async () => {
    const r = await post("/products/search", { channel: "1688", keyword: "bottle", page: "one" });
    expect([r.status, r.body.error?.code, r.body.error?.category]).toEqual([
      400,
      "VALIDATION_ERROR",
      "VALIDATION_ERROR",
    ]);
    expect(r.body.error?.message).toMatch(/page/);
  });
  it("400 UNSUPPORTED_CHANNEL, UNSUPPORTED_FIELD (currency on product routes)", async () => {
    expect((await post("/products/detail", { channel: "amazon", product_id: "1" })).body.error?.code).toBe(
      "UNSUPPORTED_CHANNEL",
    );
    expect(
      (await post("/products/detail", { channel: "1688", product_id: "1", currency: "USD" })).body.error
        ?.code,
    ).toBe("UNSUPPORTED_FIELD");
  });
  it("404 NOT_FOUND for the sb_prod_not_found magic id", async () => {
    const r = await post("/products/detail", { channel: "1688", product_id: "sb_prod_not_found" });
    expect([r.status, r.body.error?.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("rate limits and quotas", () => {
  it("429 RATE_LIMIT_EXCEEDED with Retry-After after N requests a minute (rl<N> keys)", async () => {
    const key = "hio_test_rl2_x";
    for (let i = 0; i < 2; i++)
      expect((await post("/products/detail", { channel: "1688", product_id: "1" }, key)).status).toBe(200);
    const r = await post("/products/detail", { channel: "1688", product_id: "1" }, key);
    expect([r.status, r.body.error?.code, r.body.error?.category]).toEqual([
      429,
      "RATE_LIMIT_EXCEEDED",
      "RATE_LIMIT_ERROR",
    ]);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    clock += 60_000;
    expect((await post("/products/detail", { channel: "1688", product_id: "1" }, key)).status).toBe(200);
  });
  it("429 QUOTA_EXCEEDED without Retry-After when the daily channel quota is used; x-quota-* headers", async () => {
    const key = "hio_test_quota2_x";
    const first = await post("/products/detail", { channel: "1688", product_id: "1" }, key);
    expect(first.headers.get("x-quota-channel")).toBe("1688");
    expect(first.headers.get("x-quota-billable-units")).toBe("1");
    expect(first.headers.get("x-quota-remaining-day")).toBe("1");
    await post("/products/detail", { channel: "1688", product_id: "1" }, key);
    const r = await post("/products/detail", { channel: "1688", product_id: "1" }, key);
    expect([r.status, r.body.error?.code]).toEqual([429, "QUOTA_EXCEEDED"]);
    expect(r.headers.get("retry-after")).toBeNull();
    // per channel: taobao still has quota
    expect((await post("/products/detail", { channel: "taobao", mi_id: "1" }, key)).status).toBe(200);
  });
});

describe("products", () => {
  it("detail is deterministic and carries variants", async () => {
    const a = await post("/products/detail", { channel: "1688", product_id: "554456348334" });
    const b = await post("/products/detail", { channel: "1688", product_id: "554456348334" });
    const product = a.body.product as { id: string; variants: Array<{ sku_id: string }> };
    expect(product.id).toBe("1688_554456348334");
    expect(product.variants.length).toBeGreaterThan(1);
    expect(b.body.product).toEqual(a.body.product);
  });
  it("search pages, parse resolves links", async () => {
    const s = await post("/products/search", { channel: "1688", keyword: "bottle", page: 2, page_size: 5 });
    expect([s.body.page, s.body.page_size, (s.body.items as unknown[]).length]).toEqual([2, 5, 5]);
    const p = await post("/products/parse", { url: "https://detail.1688.com/offer/554456348334.html" });
    expect((p.body.product as { id: string }).id).toBe("1688_554456348334");
  });
});

describe("orders", () => {
  const line = { offer_id: "554456348334", spec_id: "554456348334-1", quantity: 2 };
  it("preview reports unavailable_lines for the sb_ord_unavailable scenario", async () => {
    const r = await post("/orders/preview", {
      channel: "1688",
      receiver: RECEIVER,
      lines: [line, { offer_id: "sb_ord_unavailable", spec_id: "x", quantity: 1 }],
    });
    expect(r.status).toBe(200);
    expect(r.body.unavailable_lines).toEqual([expect.objectContaining({ offer_id: "sb_ord_unavailable" })]);
    expect((r.body.total as { payment: { amount: number } }).payment.amount).toBeGreaterThan(0);
  });
  it("create → pay → detail → progress → cancel refused; cancel before pay works", async () => {
    const created = await post("/orders/create", {
      channel: "1688",
      receiver: RECEIVER,
      lines: [line],
      external_order_id: "ext-1",
    });
    expect(created.status).toBe(200);
    const orderId = created.body.order_id as string;
    expect(created.body.status).toBe("wait_payment");
    const paid = await post("/orders/pay", { channel: "1688", order_id: orderId });
    expect(paid.body.status).toBe("paid");
    let detail = await post("/orders/detail", { channel: "1688", order_id: orderId });
    expect((detail.body.order as { status: string }).status).toBe("paid");
    clock += 6_000;
    detail = await post("/orders/detail", { channel: "1688", order_id: orderId });
    expect(detail.body.order).toMatchObject({ status: "inbound", parcel_nos: [`PCL${orderId}`] });
    const cancel = await post("/orders/cancel", { channel: "1688", order_id: orderId });
    expect([cancel.status, cancel.body.success]).toEqual([200, false]);

    const other = await post("/orders/create", { channel: "1688", receiver: RECEIVER, lines: [line] });
    const c2 = await post("/orders/cancel", { channel: "1688", order_id: other.body.order_id });
    expect(c2.body.status).toBe("cancelled");
    const payCancelled = await post("/orders/pay", { channel: "1688", order_id: other.body.order_id });
    expect([payCancelled.status, payCancelled.body.success]).toEqual([200, false]);
  });
  it("a repeated external_order_id creates a second order (no dedupe, like the real API)", async () => {
    const body = { channel: "1688", receiver: RECEIVER, lines: [line], external_order_id: "same" };
    const a = await post("/orders/create", body);
    const b = await post("/orders/create", body);
    expect(a.body.order_id).not.toBe(b.body.order_id);
    expect(hio.state.orders.size).toBe(2);
  });
  it("unknown order → 404 NOT_FOUND; pay declined scenario → 200 success:false", async () => {
    expect((await post("/orders/detail", { channel: "1688", order_id: "999" })).body.error?.code).toBe(
      "NOT_FOUND",
    );
    const o = await post("/orders/create", { channel: "1688", receiver: RECEIVER, lines: [line] });
    const r = await post("/orders/pay", {
      channel: "1688",
      order_id: o.body.order_id,
      sandbox_trigger: "sb_ord_pay_declined",
    });
    expect([r.status, r.body.success]).toEqual([200, false]);
  });
  it("sandbox_trigger is refused on live keys", async () => {
    const r = await post(
      "/products/detail",
      { channel: "1688", product_id: "1", sandbox_trigger: "sb_plat_internal_error" },
      "hio_live_x",
    );
    expect([r.status, r.body.error?.code]).toEqual([400, "UNSUPPORTED_FIELD"]);
  });
});

describe("fulfillment", () => {
  async function inboundParcel(): Promise<string> {
    const o = await post("/orders/create", {
      channel: "1688",
      receiver: RECEIVER,
      lines: [{ offer_id: "554456348334", spec_id: "554456348334-1", quantity: 2 }],
    });
    await post("/orders/pay", { channel: "1688", order_id: o.body.order_id });
    clock += 6_000;
    return `PCL${o.body.order_id}`;
  }
  // InternationalReceiver in the spec: name, phone, country_code, city, address_line1 required.
  const intl = {
    name: "Jane Doe",
    phone: "+44 20 7946 0000",
    country_code: "GB",
    city: "London",
    postal_code: "SW1A 1AA",
    address_line1: "10 Downing Street",
  };
  const cny = (amount: number) => ({ amount, currency: "CNY" });
  /** A well-formed `total` for requests that must fail before the price is compared. */
  const anyTotal = { freight: cny(0), services: cny(0), discount: cny(0), payment: cny(0) };
  /** Previews the shipment, then creates it with the preview's `total` (the spec requires `total`). */
  async function createShipment(req: Record<string, unknown>): Promise<Answer> {
    const preview = await post("/fulfillment/shipments/preview", req);
    expect(preview.status).toBe(200);
    return post("/fulfillment/shipments/create", { ...req, total: preview.body.total });
  }

  it("quotes include an unavailable channel with a reason object, a null total and transit time", async () => {
    const r = await post("/fulfillment/shipping/quotes", {
      destination: { country_code: "US" },
      weight_kg: 1.2,
    });
    const quotes = r.body.quotes as Array<{
      available: boolean;
      quote_status: string;
      unavailable_reason?: { code: string; message: string } | null;
    }>;
    expect(quotes.some((q) => q.available)).toBe(true);
    expect(quotes).toContainEqual(
      expect.objectContaining({
        available: false,
        quote_status: "UNAVAILABLE",
        unavailable_reason: { code: expect.any(String), message: expect.any(String) },
        total: null,
        transit_time: null,
      }),
    );
  });
  it("shipment create is idempotent by external_shipment_id; pay debits the wallet", async () => {
    const parcel = await inboundParcel();
    const req = {
      parcel_nos: [parcel],
      receiver: intl,
      shipping_channel_code: "HIO-STANDARD",
      external_shipment_id: "shp-ext-1",
    };
    const a = await createShipment(req);
    const b = await createShipment(req);
    expect(a.status).toBe(200);
    expect(a.body.status).toBe("wait_payment");
    expect(b.body.shipment_id).toBe(a.body.shipment_id);
    expect(hio.state.shipments.size).toBe(1);
    const before = (await call("GET", "/fulfillment/balance")).body.balance as {
      available: { amount: number };
    };
    const paid = await post("/fulfillment/shipments/pay", { shipment_id: a.body.shipment_id });
    expect(paid.body.status).toBe("paid");
    const after = (await call("GET", "/fulfillment/balance")).body.balance as {
      available: { amount: number };
    };
    expect(after.available.amount).toBeLessThan(before.available.amount);
    const detail = await post("/fulfillment/shipments/detail", { shipment_id: a.body.shipment_id });
    expect(detail.body.shipment).toMatchObject({ status: "paid", external_shipment_id: "shp-ext-1" });
  });
  it("create refuses a total that no longer matches the preview", async () => {
    const parcel = await inboundParcel();
    const r = await post("/fulfillment/shipments/create", {
      parcel_nos: [parcel],
      receiver: intl,
      shipping_channel_code: "HIO-STANDARD",
      total: { ...anyTotal, payment: cny(1) },
    });
    expect([r.status, r.body.error?.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(hio.state.shipments.size).toBe(0);
  });
  it("PARCEL_NOT_FOUND, INVALID_SHIPPING_CHANNEL, INSUFFICIENT_BALANCE", async () => {
    const badParcel = { parcel_nos: ["PCL0"], receiver: intl, shipping_channel_code: "HIO-STANDARD" };
    const badPreview = await post("/fulfillment/shipments/preview", badParcel);
    expect([badPreview.status, badPreview.body.error?.code]).toEqual([404, "PARCEL_NOT_FOUND"]);
    const bad = await post("/fulfillment/shipments/create", { ...badParcel, total: anyTotal });
    expect([bad.status, bad.body.error?.code]).toEqual([404, "PARCEL_NOT_FOUND"]);
    const parcel = await inboundParcel();
    const badCh = await post("/fulfillment/shipments/create", {
      parcel_nos: [parcel],
      receiver: intl,
      shipping_channel_code: "NOPE",
      total: anyTotal,
    });
    expect([badCh.status, badCh.body.error?.code]).toEqual([400, "INVALID_SHIPPING_CHANNEL"]);
    const s = await createShipment({
      parcel_nos: [parcel],
      receiver: intl,
      shipping_channel_code: "HIO-EXPRESS",
    });
    expect(s.status).toBe(200);
    const pay = await post("/fulfillment/shipments/pay", {
      shipment_id: s.body.shipment_id,
      sandbox_trigger: "sb_ful_insufficient_balance",
    });
    expect([pay.status, pay.body.error?.code]).toEqual([402, "INSUFFICIENT_BALANCE"]);
  });
  it("tracking events for a paid shipment", async () => {
    const parcel = await inboundParcel();
    const s = await createShipment({
      parcel_nos: [parcel],
      receiver: intl,
      shipping_channel_code: "HIO-STANDARD",
    });
    const unpaid = await post("/fulfillment/shipments/logistics/trace", { shipment_id: s.body.shipment_id });
    expect(unpaid.body.events).toEqual([]);
    await post("/fulfillment/shipments/pay", { shipment_id: s.body.shipment_id });
    clock += 3 * 86_400_000;
    const t = await call("GET", `/fulfillment/tracking?sn=${s.body.shipment_id}`);
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({
      status: "SIGNED",
      shipping_channel: { code: "HIO-STANDARD", name: expect.any(String) },
    });
    const codes = (t.body.timeline as Array<{ code: string }>).map((e) => e.code);
    expect(codes).toEqual(["SHIPMENT_DISPATCHED", "DISTRIBUTION_CENTER_SORTED", "SHIPMENT_SIGNED"]);
    const trace = await post("/fulfillment/shipments/logistics/trace", { shipment_id: s.body.shipment_id });
    const events = trace.body.events as Array<{ status: string }>;
    expect(events.map((e) => e.status)).toEqual(["warehouse_outbound", "in_transit", "delivered"]);
    const missing = await call("GET", "/fulfillment/tracking?sn=NO-SUCH-SN");
    expect([missing.status, missing.body.error?.code]).toEqual([404, "NOT_FOUND"]);
  });
  it("freight estimates: international by weight and attributes, domestic by basket", async () => {
    const attrs = await call("GET", "/fulfillment/shipments/item-attributes");
    const codes = (attrs.body.items as Array<{ code: string }>).map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(["general", "battery"]));
    const plain = await post("/fulfillment/shipments/freight/estimate", {
      destination: { country_code: "GB" },
      weight_kg: 1,
      attributes: ["general"],
    });
    const battery = await post("/fulfillment/shipments/freight/estimate", {
      destination: { country_code: "GB" },
      weight_kg: 1,
      attributes: ["battery"],
    });
    const channelsOf = (a: Answer) =>
      (a.body.quotes as Array<{ shipping_channel_code: string }>).map((q) => q.shipping_channel_code);
    expect(channelsOf(plain)).toContain("HIO-EXPRESS");
    expect(channelsOf(battery)).not.toContain("HIO-EXPRESS");
    const unknown = await post("/fulfillment/shipments/freight/estimate", {
      destination: { country_code: "GB" },
      weight_kg: 1,
      attributes: ["plutonium"],
    });
    expect([unknown.status, unknown.body.error?.code]).toEqual([400, "VALIDATION_ERROR"]);
    const domestic = await post("/products/freight/estimate", {
      channel: "1688",
      receiver: RECEIVER,
      lines: [{ offer_id: "554456348334", spec_id: "554456348334-1", quantity: 2 }],
    });
    expect(domestic.status).toBe(200);
    expect((domestic.body.estimate as { freight: { amount: number } }).freight.amount).toBeGreaterThan(0);
    expect(domestic.headers.get("x-quota-channel")).toBe("1688");
  });
});

describe("faults through the HIOBuy app", () => {
  it("a status fault answers HIOBuy's error shape", async () => {
    hio.faults.inject({ kind: "status", status: 503, retryAfter: 1 });
    const r = await post("/products/detail", { channel: "1688", product_id: "1" });
    expect([r.status, r.body.error?.code, r.headers.get("retry-after")]).toEqual([
      503,
      "INTERNAL_ERROR",
      "1",
    ]);
  });
});
