import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createSgateClient,
  createSgateNotificationHandler,
  memoryNotificationStore,
  type SgateNotification,
  type SgateNotificationStore,
} from "../src/index.js";

const KEY = "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI";
const SECRET = "your secret";
const NOW = 1_700_000_000_000;
const ORDER = "M448726T2023010607512700001";

/** Signs a callback the way SGate's docs and its 2021 Node demo do, written here with node:crypto. */
function sign(uri: string, ts = NOW / 1000, secret = SECRET) {
  const opt: Record<string, string> = {
    uri,
    key: KEY,
    timestamp: String(ts),
    signMethod: "HmacSHA256",
    signVersion: "1",
    method: "order.notification",
  };
  const text = Object.keys(opt)
    .map((k) => `${k}=${encodeURIComponent(opt[k]!)}`)
    .sort()
    .join("&");
  return {
    "x-auth-signature": createHmac("sha256", secret).update(text).digest("base64"),
    "x-auth-key": KEY,
    "x-auth-timestamp": String(ts),
    "x-auth-sign-method": "HmacSHA256",
    "x-auth-sign-version": "1",
  };
}

/** A client whose fetch answers from a table of order / refund states (no network). */
function fakeSgate(state: { order: Record<string, unknown> | number; refund?: Record<string, unknown> }) {
  const calls: string[] = [];
  const client = createSgateClient({
    key: KEY,
    secret: SECRET,
    baseUrl: "https://sandbox.sgate.sa/api_v1",
    now: () => NOW,
    retry: false,
    fetch: async (req) => {
      const path = new URL(req.url).pathname;
      calls.push(path);
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
      if (path.startsWith("/api_v1/refunds/")) return json(200, state.refund);
      if (typeof state.order === "number")
        return json(state.order, { code: "notFound", message: "no", data: null });
      return json(200, state.order);
    },
  });
  return { client, calls };
}

const paidOrder = {
  id: ORDER,
  merchantId: "M448726",
  status: "paid",
  amount: 20,
  currency: "SAR",
  refundTimes: 0,
};
const url = (type = "payment", path = "/sgate/notify?shop=1") =>
  `https://merchant.example${path}${path.includes("?") ? "&" : "?"}_orderId=${ORDER}&_type=${type}`;
const get = (u: string, headers: Record<string, string> = {}) => new Request(u, { headers });

function handler(
  over: Partial<Parameters<typeof createSgateNotificationHandler>[0]> & { order?: unknown } = {},
) {
  const received: SgateNotification[] = [];
  const fake = fakeSgate({
    order: (over.order as Record<string, unknown>) ?? paidOrder,
    refund: { id: `${ORDER}_R1`, orderId: ORDER, amount: 5, currency: "SAR", status: "success" },
  });
  const h = createSgateNotificationHandler({
    client: fake.client,
    key: KEY,
    secret: SECRET,
    now: () => NOW,
    onNotification: (n) => {
      received.push(n);
    },
    ...over,
  });
  return { h, received, calls: fake.calls };
}

describe("createSgateNotificationHandler", () => {
  it("verifies signed headers, re-queries, hands over once and answers COMPLETED", async () => {
    const { h, received, calls } = handler();
    const u = url();
    const res = await h(get(u, sign(new URL(u).pathname + new URL(u).search)));
    expect([res.status, await res.text()]).toEqual([200, `COMPLETED::${ORDER}`]);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      type: "payment",
      orderId: ORDER,
      signature: "valid",
      key: `${ORDER}:payment`,
    });
    expect(calls).toEqual([`/api_v1/orders/${ORDER}`]);
    // A repeated callback for the same state is acknowledged without calling the function again.
    const again = await h(get(u));
    expect([again.status, await again.text()]).toEqual([200, `COMPLETED::${ORDER}`]);
    expect(received).toHaveLength(1);
  });

  it("accepts unsigned callbacks (the re-query is the protection)", async () => {
    const { h, received } = handler();
    const res = await h(get(url()));
    expect(res.status).toBe(200);
    expect(received[0]?.signature).toBe("absent");
  });

  it("requeries on a bad signature by default, and rejects in reject mode without calling SGate", async () => {
    const u = url();
    const bad = sign(new URL(u).pathname + new URL(u).search, NOW / 1000, "wrong secret");
    const requery = handler();
    const r1 = await requery.h(get(u, bad));
    expect(r1.status).toBe(200);
    expect(requery.received[0]?.signature).toBe("bad-signature");
    const reject = handler({ onInvalidSignature: "reject" });
    const r2 = await reject.h(get(u, bad));
    expect(r2.status).toBe(401);
    expect(reject.calls).toEqual([]);
    expect(reject.received).toEqual([]);
    const stale = handler({ onInvalidSignature: "reject" });
    const r3 = await stale.h(get(u, sign(new URL(u).pathname + new URL(u).search, NOW / 1000 - 600)));
    expect(r3.status).toBe(401);
  });

  it("verifies against the public path when a proxy rewrote it", async () => {
    const u = url("payment", "/notify");
    const signedFor = `/api/sgate/notify?_orderId=${ORDER}&_type=payment`;
    const plain = handler({ onInvalidSignature: "reject" });
    expect((await plain.h(get(u, sign(signedFor)))).status).toBe(401);
    const prefixed = handler({ onInvalidSignature: "reject", publicPath: "/api/sgate" });
    expect((await prefixed.h(get(u, sign(signedFor)))).status).toBe(200);
    const fn = handler({ onInvalidSignature: "reject", publicPath: () => signedFor });
    expect((await fn.h(get(u, sign(signedFor)))).status).toBe(200);
  });

  it("does not complete what SGate does not confirm", async () => {
    const pending = handler({ order: { ...paidOrder, status: "pending" } });
    const r = await pending.h(get(url()));
    expect(r.status).toBe(409);
    expect(await r.text()).not.toContain("COMPLETED");
    expect(pending.received).toEqual([]);
    const unknown = handler({ order: 404 });
    expect((await unknown.h(get(url()))).status).toBe(404);
    const down = handler({ order: 500 });
    expect((await down.h(get(url()))).status).toBe(502);
    const noRefund = handler();
    expect((await noRefund.h(get(url("refund")))).status).toBe(409);
  });

  it("confirms a refund with refund.detail", async () => {
    const { h, received, calls } = handler({
      order: { ...paidOrder, refundTimes: 1, refundAmount: 5, refundStatus: "partial" },
    });
    const res = await h(get(url("refund")));
    expect(res.status).toBe(200);
    expect(received[0]).toMatchObject({
      type: "refund",
      key: `${ORDER}:refund:${ORDER}_R1`,
      refund: { id: `${ORDER}_R1`, status: "success" },
    });
    expect(calls).toEqual([`/api_v1/orders/${ORDER}`, `/api_v1/refunds/${ORDER}_R1`]);
  });

  it("answers an error (so SGate retries) when the function throws, and processes the retry", async () => {
    let fail = true;
    const seen: string[] = [];
    const { h } = handler({
      onNotification: (n) => {
        seen.push(n.key);
        if (fail) throw new Error("database down");
      },
    });
    const first = await h(get(url()));
    expect(first.status).toBe(500);
    expect(await first.text()).not.toContain("COMPLETED");
    fail = false;
    const retry = await h(get(url()));
    expect([retry.status, await retry.text()]).toEqual([200, `COMPLETED::${ORDER}`]);
    expect(seen).toEqual([`${ORDER}:payment`, `${ORDER}:payment`]);
  });

  it("answers 503 to a concurrent delivery of a state still being processed", async () => {
    let release: () => void = () => {};
    let calls = 0;
    const { h } = handler({
      onNotification: () =>
        new Promise<void>((r) => {
          calls++;
          release = r;
        }),
    });
    const first = h(get(url()));
    await new Promise((r) => setTimeout(r, 10));
    const second = await h(get(url()));
    expect(second.status).toBe(503);
    release();
    expect((await first).status).toBe(200);
    expect(calls).toBe(1);
  });

  it("uses a caller's store (e.g. a database)", async () => {
    const claimed = new Set<string>();
    const store: SgateNotificationStore = {
      claim: async (k) => {
        if (claimed.has(k)) return false;
        claimed.add(k);
        return true;
      },
      release: async (k) => {
        claimed.delete(k);
      },
    };
    const { h, received } = handler({ store });
    await h(get(url()));
    await h(get(url()));
    expect(received).toHaveLength(1);
    expect([...claimed]).toEqual([`${ORDER}:payment`]);
  });

  // SGate's 2021–22 Node SDK README (https://github.com/SGATE-IT/public/blob/HEAD/README.md) documents only
  // `_orderId`, and its OpenCart plugin's callback reads only `$_GET["_orderId"]`
  // (https://github.com/SGATE-IT/opcart-gccpay, upload/catalog/controller/extension/payment/gccpay.php).
  it("handles an older-gateway callback carrying only _orderId, reading the type from the order", async () => {
    const paid = handler();
    const ocUrl = `https://shop.example/index.php?route=extension/payment/gccpay/callback&_orderId=${ORDER}`;
    const res = await paid.h(get(ocUrl));
    expect([res.status, await res.text()]).toEqual([200, `COMPLETED::${ORDER}`]);
    expect(paid.received[0]).toMatchObject({ type: "payment", typeFrom: "order", key: `${ORDER}:payment` });

    const refunded = handler({ order: { ...paidOrder, refundTimes: 1, refundStatus: "partial" } });
    const r = await refunded.h(get(`https://shop.example/notify?_orderId=${ORDER}`));
    expect(r.status).toBe(200);
    expect(refunded.received[0]).toMatchObject({ type: "refund", typeFrom: "order" });
    expect(refunded.calls).toEqual([`/api_v1/orders/${ORDER}`, `/api_v1/refunds/${ORDER}_R1`]);

    const withType = handler();
    await withType.h(get(url()));
    expect(withType.received[0]?.typeFrom).toBe("callback");
  });

  it("refuses malformed callbacks and other methods", async () => {
    const { h } = handler();
    expect((await h(get("https://m.example/n?_orderId=a/b&_type=payment"))).status).toBe(400);
    expect((await h(get(`https://m.example/n?_orderId=${ORDER}&_type=chargeback`))).status).toBe(400);
    expect((await h(get("https://m.example/n"))).status).toBe(400);
    // `~` is refused like in every path id (SGate's samples sign it two ways).
    expect((await h(get("https://m.example/n?_orderId=M1~2&_type=payment"))).status).toBe(400);
    expect((await h(new Request(url(), { method: "POST" }))).status).toBe(405);
    expect((await h(new Request(url(), { method: "HEAD" }))).status).toBe(405);
  });

  it("bounds the in-memory store", () => {
    const s = memoryNotificationStore(2);
    expect([s.claim("a"), s.claim("b"), s.claim("c"), s.claim("a")]).toEqual([true, true, true, true]);
  });
});
