import { inspect } from "node:util";
import {
  KeywayConfigError,
  KeywayUnknownOutcomeError,
  ProviderError,
  type SignDebugEvent,
} from "@keyway/auth";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createSgateClient,
  createSgateNotificationHandler,
  operations,
  SGATE_BASE_URL,
  SGATE_SANDBOX_BASE_URL,
  SgateError,
  type SgateNotification,
  sgatePaymentLink,
} from "../src/index.js";
import { randomString, serveFetchHandler, until } from "./helpers.js";

const DOC_KEY = "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI";
const DOC_SECRET = "your secret";
const DOC_MERCHANT = "M448726";

let clock = 1_700_000_000_000;
let sandbox: RunningSandbox;
let base: string;
let origin: string;

beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["sgate"], now: () => clock });
  base = sandbox.urls.sgate!;
  origin = sandbox.providers.sgate!.origin;
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => sandbox.reset());

function docsClient(over: Partial<Parameters<typeof createSgateClient>[0]> = {}) {
  return createSgateClient({ key: DOC_KEY, secret: DOC_SECRET, baseUrl: base, now: () => clock, ...over });
}

describe("createSgateClient", () => {
  it("defaults to production (SGATE_BASE_URL) and names the public sandbox SGATE_SANDBOX_BASE_URL", async () => {
    expect(SGATE_BASE_URL).toBe("https://gateway.sgate.sa/api_v1");
    expect(SGATE_SANDBOX_BASE_URL).toBe("https://sandbox.sgate.sa/api_v1");
    const seen: string[] = [];
    const stub = async (request: Request) => {
      seen.push(request.url);
      return Response.json({ id: DOC_MERCHANT });
    };
    for (const baseUrl of [undefined, SGATE_SANDBOX_BASE_URL]) {
      const client = createSgateClient({
        key: DOC_KEY,
        secret: DOC_SECRET,
        fetch: stub,
        retry: false,
        baseUrl,
      });
      await client.GET("/merchants/{merchantId}", { params: { path: { merchantId: DOC_MERCHANT } } });
    }
    expect(seen).toEqual([
      `https://gateway.sgate.sa/api_v1/merchants/${DOC_MERCHANT}`,
      `https://sandbox.sgate.sa/api_v1/merchants/${DOC_MERCHANT}`,
    ]);
  });

  it("refuses a missing options object before anything else", () => {
    expect(() => createSgateClient(undefined as never)).toThrow(KeywayConfigError);
  });

  it("signs the documented vector exactly (onSign) and the sandbox accepts it", async () => {
    clock = 1672991487_000;
    const events: SignDebugEvent[] = [];
    const client = docsClient({ onSign: (e) => events.push(e) });
    const { data, error } = await client.GET("/merchants/{merchantId}", {
      params: { path: { merchantId: DOC_MERCHANT } },
    });
    expect(error).toBeUndefined();
    expect(data?.id).toBe(DOC_MERCHANT);
    expect(events[0]?.headers["x-auth-signature"]).toBe("daFE250/BIWoJGoZxFAsm6fWWyck1HxVpI6E/EXhYKQ=");
    expect(events[0]?.canonical).toBe(
      "key=zS83UNCPhVTqBxDHACJ30sImZRKAlzQI&method=merchant.detail&signMethod=HmacSHA256&signVersion=1&timestamp=1672991487&uri=%2Fmerchants%2FM448726",
    );
    clock = 1_700_000_000_000;
  });

  it("agrees with the sandbox's independent verifier on every operation (random credentials and clock)", async () => {
    clock = 1_600_000_000_000 + Math.floor(Math.random() * 200_000_000_000);
    const merchantId = `M${randomString(6, "0123456789")}`;
    const key = merchantId + randomString(25);
    const events: SignDebugEvent[] = [];
    const client = createSgateClient({
      key,
      secret: `sandbox-secret-${key}`,
      baseUrl: base,
      now: () => clock,
      onSign: (e) => events.push(e),
    });
    const ok = <T extends { error?: unknown }>(r: T) => {
      expect(r.error).toBeUndefined();
      return r;
    };
    ok(await client.GET("/merchants/{merchantId}", { params: { path: { merchantId } } }));
    const create = async (ref: string) =>
      ok(
        await client.POST("/merchants/{merchantId}/orders", {
          params: { path: { merchantId } },
          body: {
            merchantOrderId: ref,
            amount: `${1 + Math.floor(Math.random() * 500)}.${randomString(2, "0123456789")}`,
            currency: "SAR",
            name: randomString(12),
          },
        }),
      ).data!;
    const a = await create(`card-${randomString(8)}`);
    const card = ok(
      await client.POST("/orders/{orderId}/direct/payment/mastercard/transactions", {
        params: { path: { orderId: a.id } },
        body: {
          cardNumber: "5123450000000008",
          expiryMonth: "1",
          expiryYear: "39",
          nameOnCard: "SGate_Sandbox",
          securityCode: "100",
        },
      }),
    ).data!;
    await fetch(card.redirectURL!, { redirect: "manual" }); // the payer passes 3-D Secure
    ok(await client.GET("/orders/{orderId}", { params: { path: { orderId: a.id } } }));
    ok(
      await client.GET("/transactions/{transactionId}/merchant", {
        params: { path: { transactionId: card.id } },
      }),
    );
    const refund = ok(
      await client.POST("/orders/{orderId}/refunds", {
        params: { path: { orderId: a.id } },
        body: { amount: "1", reason: "test" },
      }),
    ).data!;
    ok(await client.GET("/refunds/{refundId}", { params: { path: { refundId: refund.id } } }));
    const path = { params: { path: { orderId: a.id } } };
    ok(
      await client.PUT("/orders/{orderId}/logistics", {
        ...path,
        body: { value: { trackingURL: "https://t.example/1", trackingNumber: "1" } },
      }),
    );
    ok(
      await client.PUT("/orders/{orderId}/overseasLogistics", {
        ...path,
        body: { value: { trackingURL: "https://t.example/2", trackingNumber: "2" } },
      }),
    );
    ok(await client.PUT("/orders/{orderId}/delivery/status", { ...path, body: { value: "shipping" } }));
    ok(await client.PUT("/orders/{orderId}/afterSale/status", { ...path, body: { value: "applying" } }));
    ok(
      await client.PUT("/orders/{orderId}/shippingEmail", {
        ...path,
        body: {
          title: "t",
          fromName: "f",
          fromAddress: "a@x.example",
          recipientAddress: "b@x.example",
          content: "c",
        },
      }),
    );
    const b = await create(`stc-${randomString(8)}`);
    const header = {
      "user-agent": "Mozilla/5.0",
      "x-auth-uuid": crypto.randomUUID(),
      "x-customer-ip": "203.0.113.9",
    };
    const stc = ok(
      await client.POST("/orders/{orderId}/payment/stcpay/transactions", {
        params: { path: { orderId: b.id }, header },
        body: { ticket: b.ticket, mobile: "548220713" },
      }),
    ).data!;
    const done = ok(
      await client.PUT("/transactions/{transactionId}/stcpay", {
        params: { path: { transactionId: stc.id }, header },
        body: { ticket: b.ticket, OtpValue: "12345" },
      }),
    ).data!;
    expect(done.result).toBe("Approved");
    const signed = new Set(events.map((e) => e.operationId));
    expect([...signed].sort()).toEqual(
      Object.values(operations)
        .map((r) => r.operationId)
        .sort(),
    );
    clock = 1_700_000_000_000;
  });

  it("returns a typed notAllowed SgateError for a wrong secret, without leaking it", async () => {
    const client = docsClient({ secret: "not-the-secret" });
    const { data, error } = await client.GET("/merchants/{merchantId}", {
      params: { path: { merchantId: DOC_MERCHANT } },
    });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(SgateError);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      status: 403,
      code: "notAllowed",
      message: "No access",
      operation: "getMerchant",
      attempts: 1,
    });
    expect(error?.isAuthError).toBe(true);
    expect(error?.reason).toBe("signature error");
    expect(error?.signedValues?.method).toBe("merchant.detail");
    for (const text of [
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
      String(error),
      inspect(client, { depth: 5 }),
    ]) {
      expect(text).not.toContain("not-the-secret");
    }
  });

  it("re-signs a retried request at the new time", async () => {
    const client = docsClient();
    const created = await client.POST("/merchants/{merchantId}/orders", {
      params: { path: { merchantId: DOC_MERCHANT } },
      body: { merchantOrderId: "retry-1", amount: "3", currency: "SAR", name: "n" },
    });
    sandbox.providers.sgate!.faults.inject({
      kind: "status",
      status: 503,
      operationId: "getOrder",
      times: 1,
    });
    const seen: Array<{ ts: string | null; sig: string | null }> = [];
    const retrying = docsClient({
      retry: { baseMs: 1, maxMs: 1 },
      fetch: async (req) => {
        seen.push({ ts: req.headers.get("x-auth-timestamp"), sig: req.headers.get("x-auth-signature") });
        const res = await fetch(req);
        clock += 1500; // time passes between attempts
        return res;
      },
    });
    const { data, error } = await retrying.GET("/orders/{orderId}", {
      params: { path: { orderId: created.data!.id } },
    });
    expect(error).toBeUndefined();
    expect(data?.status).toBe("pending");
    expect(seen).toHaveLength(2);
    expect(Number(seen[1]!.ts) - Number(seen[0]!.ts)).toBeGreaterThanOrEqual(1);
    expect(seen[1]!.sig).not.toBe(seen[0]!.sig);
  });

  it.each(["../M448726", "a/b", "a b", "é", "x?y=1", ".."])(
    "refuses the unsafe path id %j before the wire",
    async (id) => {
      let calls = 0;
      const client = docsClient({
        fetch: async (req) => {
          calls++;
          return fetch(req);
        },
      });
      await expect(
        client.GET("/orders/{orderId}", { params: { path: { orderId: id } } }),
      ).rejects.toBeInstanceOf(KeywayConfigError);
      expect(calls).toBe(0);
    },
  );

  it("never retries a create whose answer was lost, and says how to find out", async () => {
    sandbox.providers.sgate!.faults.inject({ kind: "drop", stage: "after", operationId: "createOrder" });
    let calls = 0;
    const client = docsClient({
      fetch: async (req) => {
        calls++;
        return fetch(req);
      },
    });
    const err = await client
      .POST("/merchants/{merchantId}/orders", {
        params: { path: { merchantId: DOC_MERCHANT } },
        body: { merchantOrderId: "lost-1", amount: "3", currency: "SAR", name: "n" },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    expect((err as KeywayUnknownOutcomeError).hint).toContain("lost-1");
    expect(calls).toBe(1);
  });

  it("corrects a skewed clock from the Date header and re-signs once", async () => {
    sandbox.providers.sgate!.faults.inject({ kind: "skew", seconds: 900, persistent: true });
    const client = docsClient();
    const { data, error } = await client.GET("/merchants/{merchantId}", {
      params: { path: { merchantId: DOC_MERCHANT } },
    });
    expect(error).toBeUndefined();
    expect(data?.id).toBe(DOC_MERCHANT);
    expect(Math.abs(client.clockOffsetMs() - 900_000)).toBeLessThan(2000);
  });

  it("treats a logistics PUT's empty 200 as success with no data", async () => {
    const client = docsClient();
    const order = await client.POST("/merchants/{merchantId}/orders", {
      params: { path: { merchantId: DOC_MERCHANT } },
      body: { merchantOrderId: "put-1", amount: "3", currency: "SAR", name: "n" },
    });
    const res = await client.PUT("/orders/{orderId}/delivery/status", {
      params: { path: { orderId: order.data!.id } },
      body: { value: "delivered" },
    });
    expect(res.error).toBeUndefined();
    expect(res.data).toBeUndefined();
    expect(res.response.status).toBe(200);
  });
});

describe("callback flow end to end", () => {
  it("receives the sandbox's signed callbacks, confirms with SGate and answers COMPLETED", async () => {
    clock = Date.now(); // the sandbox signs callbacks with its clock; the handler checks against its own
    const client = docsClient();
    const received: SgateNotification[] = [];
    const handler = createSgateNotificationHandler({
      client,
      key: DOC_KEY,
      secret: DOC_SECRET,
      now: () => clock,
      onNotification: (n) => {
        received.push(n);
      },
    });
    const hook = await serveFetchHandler(handler);
    try {
      const created = await client.POST("/merchants/{merchantId}/orders", {
        params: { path: { merchantId: DOC_MERCHANT } },
        body: {
          merchantOrderId: "cb-1",
          amount: "40",
          currency: "SAR",
          name: "n",
          notificationURL: `${hook.url}/sgate/notify?shop=7`,
        },
      });
      const order = created.data!;
      const link = sgatePaymentLink(order, { baseUrl: base, returnURL: "https://shop.example/done" });
      expect(
        link.startsWith(
          `${origin}/order/${order.id}?ticket=${order.ticket}&returnURL=https%3A%2F%2Fshop.example%2Fdone`,
        ),
      ).toBe(true);
      const page = await fetch(link);
      expect(page.status).toBe(200);
      const paid = await fetch(`${origin}/order/${order.id}/pay`, {
        method: "POST",
        body: new URLSearchParams({ ticket: order.ticket, method: "mada" }),
      });
      expect(paid.status).toBe(200);
      await until(() => received.length === 1);
      expect(received[0]).toMatchObject({
        type: "payment",
        orderId: order.id,
        signature: "valid",
        key: `${order.id}:payment`,
      });
      expect(received[0]!.order.status).toBe("paid");
      const attempts = async () =>
        (
          (await (await fetch(`${origin}/__sandbox/notifications`)).json()) as {
            attempts: Array<{ completed: boolean; answer: string }>;
          }
        ).attempts;
      await until(async () => (await attempts()).some((a) => a.completed));
      expect((await attempts())[0]?.answer).toBe(`COMPLETED::${order.id}`);

      const refund = await client.POST("/orders/{orderId}/refunds", {
        params: { path: { orderId: order.id } },
        body: { amount: "15", reason: "partial" },
      });
      expect(refund.error).toBeUndefined();
      await until(() => received.length === 2);
      expect(received[1]).toMatchObject({
        type: "refund",
        key: `${order.id}:refund:${order.id}_R1`,
        signature: "valid",
      });
      expect(received[1]!.refund).toMatchObject({ id: `${order.id}_R1`, status: "success", amount: 15 });
    } finally {
      await hook.close();
      clock = 1_700_000_000_000;
    }
  });
});
