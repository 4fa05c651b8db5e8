import { inspect } from "node:util";
import { KeywayConfigError, KeywayUnknownOutcomeError } from "@keyway/auth";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHiobuyClient, HiobuyError } from "../src/index.js";

let sandbox: RunningSandbox;
let baseUrl: string;
let clock = Date.parse("2026-11-24T10:00:00Z");
const KEY = "hio_test_keyway_client_tests";

beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hiobuy"], now: () => clock });
  baseUrl = sandbox.urls.hiobuy!;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const faults = () => sandbox.providers.hiobuy!.faults;

/** A client whose inner fetch records every attempt's body. */
function recordingClient(
  apiKey = KEY,
  extra: Parameters<typeof createHiobuyClient>[0] extends infer O ? Partial<O> : never = {},
) {
  const sent: { path: string; body: string; auth: string | null }[] = [];
  const client = createHiobuyClient({
    apiKey,
    baseUrl,
    retry: { baseMs: 1, maxMs: 5 },
    fetch: async (req, init) => {
      sent.push({
        path: new URL(req.url).pathname,
        body: await req.clone().text(),
        auth: req.headers.get("authorization"),
      });
      return fetch(req, init);
    },
    ...extra,
  });
  return { client, sent };
}

const receiver = {
  name: "Li Wei",
  mobile: "13800138000",
  province: "浙江省",
  city: "金华市",
  district: "义乌市",
  address: "福田街道 3 号",
};
const line = { offer_id: "554456348334", spec_id: "554456348334-1", quantity: 2 };

describe("calls and data", () => {
  it("gets a product detail, typed from the spec", async () => {
    const { client } = recordingClient();
    const { data, error, response } = await client.POST("/products/detail", {
      body: { channel: "1688", product_id: "554456348334", language: "en" },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.product.id).toContain("554456348334");
    expect(data?.request_id).toBe(response.headers.get("x-request-id"));
  });

  it("an order preview's success:false with unavailable_lines stays data (x-hiobuy-business-failure: data)", async () => {
    const { client } = recordingClient();
    const r = await client.POST("/orders/preview", {
      body: { channel: "1688", receiver, lines: [line, { ...line, offer_id: "sb_ord_unavailable_1" }] },
    });
    expect(r.error).toBeUndefined();
    expect(r.data?.unavailable_lines?.length).toBeGreaterThan(0);
  });
});

describe("errors", () => {
  it("a key HIOBuy does not know → 401 INVALID_API_KEY as HiobuyError with the request id", async () => {
    // well-formed for the client, unknown to the sandbox (its keys are at most 128 characters)
    const { client } = recordingClient(`hio_test_${"a".repeat(140)}`);
    const { error, response } = await client.POST("/products/detail", {
      body: { channel: "1688", product_id: "1" },
    });
    expect(error).toBeInstanceOf(HiobuyError);
    expect(error).toMatchObject({ status: 401, code: "INVALID_API_KEY", category: "AUTH_ERROR" });
    expect(error?.requestId).toMatch(/^req_/);
    expect(error?.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("a channel the key has not authorized → 401 CHANNEL_NOT_AUTHORIZED", async () => {
    const { client } = recordingClient("hio_test_no1688_k");
    const { error, response } = await client.POST("/products/detail", {
      body: { channel: "1688", product_id: "1" },
    });
    expect(error).toBeInstanceOf(HiobuyError);
    expect(error).toMatchObject({
      status: 401,
      code: "CHANNEL_NOT_AUTHORIZED",
      category: "AUTH_ERROR",
      businessFailure: false,
    });
    expect(error?.requestId).toBe(response.headers.get("x-request-id"));
    expect(error?.operation).toBe("productDetail");
    expect(error?.attempts).toBe(1);
  });

  it("a self-fulfillment key on /fulfillment → 403 FULFILLMENT_MODE_NOT_SUPPORTED", async () => {
    const { client } = recordingClient("hio_test_self_k");
    const { error } = await client.GET("/fulfillment/balance");
    expect(error).toMatchObject({ status: 403, code: "FULFILLMENT_MODE_NOT_SUPPORTED" });
  });

  it("a 200 success:false on an order route is a HiobuyError (business failure)", async () => {
    const { client } = recordingClient();
    const created = await client.POST("/orders/create", {
      body: { channel: "1688", receiver, lines: [line] },
    });
    expect(created.error).toBeUndefined();
    const { error } = await client.POST("/orders/pay", {
      body: { channel: "1688", order_id: created.data!.order_id, sandbox_trigger: "sb_ord_pay_declined" },
    });
    expect(error).toBeInstanceOf(HiobuyError);
    expect(error).toMatchObject({ status: 200, code: "PAYMENT_DECLINED", businessFailure: true });
    expect(error?.requestId).toMatch(/^req_/);
  });
});

describe("retries", () => {
  it("retries RATE_LIMIT_EXCEEDED honouring Retry-After, then succeeds", async () => {
    faults().inject({
      kind: "status",
      status: 429,
      code: "RATE_LIMIT_EXCEEDED",
      retryAfter: 0,
      operationId: "productDetail",
    });
    const { client, sent } = recordingClient();
    const r = await client.POST("/products/detail", {
      body: { channel: "1688", product_id: "554456348334" },
    });
    expect(r.error).toBeUndefined();
    expect(sent).toHaveLength(2);
  });

  it("never retries the daily QUOTA_EXCEEDED", async () => {
    const { client, sent } = recordingClient();
    const r = await client.POST("/products/detail", {
      body: { channel: "1688", product_id: "554456348334", sandbox_trigger: "sb_plat_quota_exceeded" },
    });
    expect(sent).toHaveLength(1);
    expect(r.error).toMatchObject({ status: 429, code: "QUOTA_EXCEEDED" });
  });

  it("retries INTERNAL_ERROR on reads", async () => {
    faults().inject({ kind: "status", status: 500, operationId: "productDetail", times: 2 });
    const { client, sent } = recordingClient();
    const r = await client.POST("/products/detail", {
      body: { channel: "1688", product_id: "554456348334" },
    });
    expect(r.error).toBeUndefined();
    expect(sent).toHaveLength(3);
  });

  it("never retries an order create on 5xx", async () => {
    faults().inject({ kind: "status", status: 503, operationId: "orderCreate" });
    const { client, sent } = recordingClient();
    const r = await client.POST("/orders/create", { body: { channel: "1688", receiver, lines: [line] } });
    expect(sent).toHaveLength(1);
    expect(r.error?.status).toBe(503);
  });

  it("generates external_order_id when absent and keeps the caller's", async () => {
    const { client, sent } = recordingClient();
    await client.POST("/orders/create", { body: { channel: "1688", receiver, lines: [line] } });
    await client.POST("/orders/create", {
      body: { channel: "1688", receiver, lines: [line], external_order_id: "mine-1" },
    });
    expect(JSON.parse(sent[0]!.body).external_order_id).toMatch(/^ko_[0-9a-f]{24}$/);
    expect(JSON.parse(sent[1]!.body).external_order_id).toBe("mine-1");
  });

  it("a shipment create is retried with the same generated external_shipment_id, and is idempotent", async () => {
    const { client, sent } = recordingClient();
    // an inbound parcel: create and pay an order, then let the sandbox clock move past inbound
    const order = await client.POST("/orders/create", { body: { channel: "1688", receiver, lines: [line] } });
    await client.POST("/orders/pay", { body: { channel: "1688", order_id: order.data!.order_id } });
    clock += 10_000;
    const detail = await client.POST("/orders/detail", {
      body: { channel: "1688", order_id: order.data!.order_id },
    });
    const parcels = detail.data?.order.parcel_nos ?? [];
    expect(parcels.length).toBeGreaterThan(0);

    const quotes = await client.POST("/fulfillment/shipping/quotes", {
      body: { destination: { country_code: "US" }, weight_kg: 1.2 },
    });
    const channel = quotes.data?.quotes.find((q) => q.available)?.channel.code;
    expect(channel).toBeDefined();
    const shipment = {
      parcel_nos: parcels,
      receiver: {
        name: "Jane Doe",
        phone: "+14155550100",
        country_code: "US",
        state: "CA",
        city: "San Francisco",
        postal_code: "94107",
        address_line1: "500 Howard St",
      },
      shipping_channel_code: channel!,
    };
    const preview = await client.POST("/fulfillment/shipments/preview", { body: shipment });
    expect(preview.error).toBeUndefined();
    faults().inject({ kind: "status", status: 503, operationId: "shipmentCreate" });
    sent.length = 0;
    const created = await client.POST("/fulfillment/shipments/create", {
      body: { ...shipment, total: preview.data!.total },
    });
    expect(created.error).toBeUndefined();
    expect(sent).toHaveLength(2);
    const ids = sent.map((s) => JSON.parse(s.body).external_shipment_id);
    expect(ids[0]).toMatch(/^ks_[0-9a-f]{24}$/);
    expect(ids[1]).toBe(ids[0]);
  });
});

describe("lost answers", () => {
  it("a dropped order create rejects with KeywayUnknownOutcomeError pointing at orders/list, and the order is findable there", async () => {
    faults().inject({ kind: "drop", operationId: "orderCreate", stage: "after" });
    const { client, sent } = recordingClient();
    const err = await client
      .POST("/orders/create", {
        body: { channel: "1688", receiver, lines: [line], external_order_id: "po-lost-1" },
      })
      .catch((e) => e);
    expect(sent).toHaveLength(1);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    expect(err.message).toContain("may have been created");
    expect(err.message).toContain("po-lost-1");
    expect(err.hint).toContain("/orders/list");
    expect(err.details).toMatchObject({ external_order_id: "po-lost-1", channel: "1688" });
    const listed = await client.POST("/orders/list", { body: { channel: "1688", page: 1, page_size: 50 } });
    expect(listed.data?.items.some((o) => o.external_order_id === "po-lost-1")).toBe(true);
  });
});

describe("the key", () => {
  it("refuses an empty or malformed key before the wire, without echoing it", async () => {
    for (const apiKey of ["", "sk_live_123", "hio_prod_abc", "hio_test_has space"]) {
      const err = (() => {
        try {
          createHiobuyClient({ apiKey, baseUrl });
        } catch (e) {
          return e as Error;
        }
      })();
      expect(err, apiKey).toBeInstanceOf(KeywayConfigError);
      if (apiKey) expect(err?.message).not.toContain(apiKey);
    }
  });

  it("a function key is checked per request", async () => {
    const client = createHiobuyClient({ apiKey: () => "nope", baseUrl });
    await expect(
      client.POST("/products/detail", { body: { channel: "1688", product_id: "1" } }),
    ).rejects.toBeInstanceOf(KeywayConfigError);
  });

  it("refuses plain http to anything but loopback", () => {
    expect(() => createHiobuyClient({ apiKey: KEY, baseUrl: "http://api.hiobuy.com/v1" })).toThrow(
      KeywayConfigError,
    );
  });

  it("String(error) names code, status, operation and request id; console.log(client) the provider and URL", async () => {
    const secretKey = "hio_test_readable_S3CRETKEY0123456789";
    const client = createHiobuyClient({ apiKey: secretKey, baseUrl, timeoutMs: 5000 });
    const { error } = await client.POST("/products/detail", {
      body: { channel: "1688", product_id: "sb_prod_not_found" },
    });
    expect(error).toBeInstanceOf(HiobuyError);
    expect(error?.requestId).toMatch(/^req_/);
    expect(String(error)).toBe(
      `HiobuyError [NOT_FOUND] 404 on productDetail (request id ${error?.requestId}): Product not found.`,
    );
    expect(inspect(client)).toBe(
      "KeywayClient {\n" +
        "  provider: 'HIOBuy',\n" +
        `  baseUrl: '${baseUrl.replace(/\/+$/, "")}',\n` +
        "  scheme: 'bearer',\n" +
        "  timeoutMs: 5000,\n" +
        "  retry: { maxAttempts: 3, baseMs: 500, maxMs: 8000, maxRetryAfterMs: 60000 }\n" +
        "}",
    );
    expect(inspect(client) + String(error) + JSON.stringify(client)).not.toContain("S3CRETKEY");
  });

  it("never shows the key in errors, inspect, JSON or toString", async () => {
    const secretKey = "hio_test_no1688_S3CRETKEY0123456789";
    const client = createHiobuyClient({ apiKey: secretKey, baseUrl });
    const { error } = await client.POST("/products/detail", { body: { channel: "1688", product_id: "1" } });
    expect(error).toBeInstanceOf(HiobuyError);
    const shown = [
      inspect(client, { depth: 10, showHidden: true }),
      JSON.stringify(client),
      String(client),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      String(error),
      error?.message,
      error?.url,
    ].join("\n");
    expect(shown).not.toContain("S3CRETKEY");
  });
});
