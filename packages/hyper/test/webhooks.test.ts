import { describe, expect, it } from "vitest";
import {
  createDeliveryCallbackHandler,
  createProductUpdateHandler,
  type HyperDelivery,
  parseDeliveryCallback,
} from "../src/index.js";

const KEY = "ak_test_0123456789abcdef0123456789abcdef";

function post(body: unknown, headers: Record<string, string> = { apikey: KEY }) {
  return new Request("http://127.0.0.1/hyper/delivery", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const delivered = {
  DeliverID: "shop-1-1",
  OrderDetailID: 55501,
  Status: 1,
  DeliveryData: ["AAAA-BBBB"],
  DeliveryNote: null,
};

describe("createDeliveryCallbackHandler", () => {
  it("acknowledges a valid callback with {success:true,message:'OK'} after the function resolved", async () => {
    const order: string[] = [];
    const handler = createDeliveryCallbackHandler({
      apiKey: KEY,
      onDelivery: async (d) => {
        await new Promise((r) => setTimeout(r, 20));
        order.push(`handled ${d.orderDetailID}`);
      },
    });
    const res = await handler(post(delivered));
    order.push("answered");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true, message: "OK" });
    expect(order).toEqual(["handled 55501", "answered"]);
  });

  it("refuses a wrong or missing Apikey with 401 / errorCode -23 and never calls the function", async () => {
    const seen: HyperDelivery[] = [];
    const handler = createDeliveryCallbackHandler({
      apiKey: () => KEY,
      onDelivery: (d) => void seen.push(d),
    });
    const variants: Record<string, string>[] = [
      { apikey: `${KEY}x` },
      { apikey: KEY.slice(0, -1) },
      {},
      { apikey: "" },
    ];
    for (const headers of variants) {
      const res = await handler(post(delivered, headers));
      expect(res.status).toBe(401);
      const body = (await res.json()) as { success: boolean; errorCode: number };
      expect(body).toMatchObject({ success: false, errorCode: -23 });
      expect(JSON.stringify(body)).not.toContain(KEY);
    }
    expect(seen).toHaveLength(0);
  });

  it("accepts the header name in any case (Apikey, APIKEY)", async () => {
    const seen: HyperDelivery[] = [];
    const handler = createDeliveryCallbackHandler({ apiKey: KEY, onDelivery: (d) => void seen.push(d) });
    expect((await handler(post(delivered, { Apikey: KEY }))).status).toBe(200);
    expect((await handler(post({ ...delivered, Status: 2 }, { APIKEY: KEY }))).status).toBe(200);
    expect(seen.map((d) => d.status)).toEqual([1, 2]);
  });

  it("handles a replayed callback once and acknowledges every copy", async () => {
    const seen: HyperDelivery[] = [];
    const handler = createDeliveryCallbackHandler({ apiKey: KEY, onDelivery: (d) => void seen.push(d) });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await handler(post(delivered))).status);
    expect(answers).toEqual([200, 200, 200]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      deliverID: "shop-1-1",
      orderDetailID: 55501,
      status: 1,
      delivered: true,
      deliveryData: ["AAAA-BBBB"],
      deliveryNote: null,
      key: "55501:1",
    });
    // A new state of the same line is a new callback.
    expect((await handler(post({ ...delivered, Status: 0, DeliveryData: null }))).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it("answers 500 when the function throws, and processes the platform's retry", async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const handler = createDeliveryCallbackHandler({
      apiKey: KEY,
      onDelivery: () => {
        calls++;
        if (calls === 1) throw new Error("database down");
      },
      onError: (e) => errors.push(e),
    });
    expect((await handler(post(delivered))).status).toBe(500);
    expect((await handler(post(delivered))).status).toBe(200);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it("answers 503 to a copy that arrives while the first is still being processed", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let calls = 0;
    let started: () => void = () => {};
    const inside = new Promise<void>((r) => {
      started = r;
    });
    const handler = createDeliveryCallbackHandler({
      apiKey: KEY,
      onDelivery: async () => {
        calls++;
        started();
        await gate;
      },
    });
    const first = handler(post(delivered));
    await inside; // the first copy is being processed
    expect((await handler(post(delivered))).status).toBe(503);
    release();
    expect((await first).status).toBe(200);
    expect(calls).toBe(1);
  });

  it("refuses malformed bodies (400), other methods (405) and oversized bodies (413)", async () => {
    const handler = createDeliveryCallbackHandler({ apiKey: KEY, onDelivery: () => {}, maxBodyBytes: 200 });
    expect((await handler(post("not json"))).status).toBe(400);
    expect((await handler(post([delivered]))).status).toBe(400);
    expect((await handler(post({ ...delivered, Status: 4 }))).status).toBe(400);
    expect((await handler(post({ ...delivered, OrderDetailID: "55501" }))).status).toBe(400);
    expect((await handler(post({ ...delivered, DeliveryData: [1, 2] }))).status).toBe(400);
    expect((await handler(post({ ...delivered, DeliveryNote: "x".repeat(500) }))).status).toBe(413);
    const get = new Request("http://127.0.0.1/hyper/delivery", { headers: { apikey: KEY } });
    expect((await handler(get)).status).toBe(405);
  });
});

describe("parseDeliveryCallback", () => {
  it("reads the docs' PascalCase and live camelCase alike; a note may be a string or a list", () => {
    const camel = parseDeliveryCallback({
      deliverID: "a",
      orderDetailID: 7,
      status: 3,
      deliveryNote: ["removed by supplier"],
    });
    expect(camel).toMatchObject({ deliverID: "a", orderDetailID: 7, status: 3, delivered: false });
    expect(typeof camel !== "string" && camel.deliveryNote).toEqual(["removed by supplier"]);
    const pascal = parseDeliveryCallback({ OrderDetailID: 8, Status: 1, DeliveryNote: "GB sent to X" });
    expect(pascal).toMatchObject({ deliverID: null, deliveryData: null, deliveryNote: "GB sent to X" });
  });
});

describe("createProductUpdateHandler", () => {
  it("checks the key, hands over the raw body once per distinct update", async () => {
    const seen: unknown[] = [];
    const handler = createProductUpdateHandler({ apiKey: KEY, onProductUpdate: (u) => void seen.push(u) });
    const body = { ProductID: 501, CustomerStoreProductID: 9001, SalePrice: 130, TotalStock: 3, Status: 1 };
    expect((await handler(post(body, { apikey: "wrong" }))).status).toBe(401);
    expect((await handler(post(body))).status).toBe(200);
    expect(
      (
        await handler(
          post({ TotalStock: 3, Status: 1, SalePrice: 130, CustomerStoreProductID: 9001, ProductID: 501 }),
        )
      ).status,
    ).toBe(200);
    expect((await handler(post({ ...body, TotalStock: 2 }))).status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ productID: 501, customerStoreProductID: 9001 });
  });
});
