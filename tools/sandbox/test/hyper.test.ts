import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ServedApp, serve } from "../src/core/serve.js";
import { loadSpec } from "../src/core/spec.js";
import { SpecValidator } from "../src/core/validator.js";
import { createHyperSandbox, HYPER_TENANTS, type HyperSandbox } from "../src/hyper/index.js";

const B = HYPER_TENANTS.bursagb!;
const I = HYPER_TENANTS.inovapin!;
let clock = 1_800_000_000_000;
let sandbox: HyperSandbox;
let served: ServedApp;
let validators: Record<"reseller" | "supplier", SpecValidator>;
const url = (tenant: string, path: string) => `${served.url}/tenants/${tenant}${path}`;

beforeAll(async () => {
  sandbox = await createHyperSandbox({
    now: () => clock,
    tokenTtlSeconds: 60,
    callbackRetryDelaysMs: [20, 20, 20],
  });
  served = await serve(sandbox.app);
  // Long pauses on a loaded machine must not race node's 5 s keep-alive close against a reused socket.
  served.server.keepAliveTimeout = 120_000;
  validators = {
    reseller: await SpecValidator.create(loadSpec("hyper/reseller")),
    supplier: await SpecValidator.create(loadSpec("hyper/supplier")),
  };
});
afterAll(() => served.close());
afterEach(() => sandbox.reset());

async function call(
  method: string,
  target: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(target, {
    method,
    headers: { "content-type": "application/json", ...(init.headers ?? {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return {
    status: res.status,
    // biome-ignore lint/suspicious/noExplicitAny: the tests read arbitrary answer fields
    body: (await res.json()) as { success: boolean; message: string; errorCode: unknown; data: any },
  };
}

async function login(tenant = "bursagb", who = B.reseller) {
  const r = await call("POST", url(tenant, "/Login/Customer/Api/Verify"), {
    body: { email: who.email, password: who.password },
  });
  expect(r.status).toBe(200);
  return r.body.data.token as string;
}

describe("Hyper sandbox: authentication", () => {
  it("Generate Token issues an HS256 JWT under the tenant's secret, with the platform's claim names", async () => {
    const r = await call("POST", url("bursagb", "/Login/Customer/Api/Verify"), {
      body: { Email: B.reseller.email, Password: B.reseller.password, CallbackData: "corr-1" },
    });
    expect(r.body).toMatchObject({ success: true, message: "OK", errorCode: null });
    expect(r.body.data.callbackData).toBe("corr-1");
    expect(r.body.data.expiration).toBe(new Date(clock + 60_000).toISOString().replace(".000Z", "Z"));
    expect(decodeProtectedHeader(r.body.data.token)).toEqual({ alg: "HS256", typ: "JWT" });
    const { payload } = await jwtVerify(r.body.data.token, new TextEncoder().encode(B.jwtSecret), {
      currentDate: new Date(clock),
    });
    expect(payload).toMatchObject({ CustomerID: "55724", IsAPI: "1", exp: clock / 1000 + 60 });
  });

  it("refuses a wrong password, and a storefront customer on Generate Token (400)", async () => {
    const bad = await call("POST", url("bursagb", "/Login/Customer/Api/Verify"), {
      body: { email: B.reseller.email, password: "nope" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.success).toBe(false);
    const customer = await call("POST", url("bursagb", "/Login/Customer/Api/Verify"), {
      body: { email: B.customer.email, password: B.customer.password },
    });
    expect(customer.status).toBe(400);
  });

  it("expires tokens on the sandbox clock, and refuses a token without the Bearer prefix", async () => {
    const token = await login();
    const ok = await call("GET", url("bursagb", "/Categories"), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);
    const bare = await call("GET", url("bursagb", "/Customer/Get"), { headers: { authorization: token } });
    expect(bare.status).toBe(401);
    clock += 61_000;
    const late = await call("GET", url("bursagb", "/Customer/Get"), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(late.status).toBe(401);
    expect(late.body.message).toMatch(/expired/);
    expect(sandbox.stats().refusedTokens).toMatchObject({ expired: 1, "no-bearer-prefix": 1 });
  });

  it("setTokenTtl changes the lifetime of tokens issued afterwards", async () => {
    sandbox.setTokenTtl(2);
    const token = await login();
    clock += 3_000;
    const r = await call("GET", url("bursagb", "/Customer/Get"), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(401);
    sandbox.setTokenTtl(60);
  });

  it("a token or a key of another tenant is refused (401; -23 for the key)", async () => {
    const token = await login("bursagb");
    const cross = await call("GET", url("inovapin", "/Customer/Get"), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(cross.status).toBe(401);
    const key = await call("POST", url("inovapin", "/Supplier/Orders/Awaiting"), {
      headers: { apikey: B.supplierKey },
      body: {},
    });
    expect(key.status).toBe(401);
    expect(key.body).toMatchObject({ success: false, errorCode: -23 });
    const own = await call("POST", url("inovapin", "/Supplier/Orders/Awaiting"), {
      headers: { apikey: I.supplierKey },
      body: {},
    });
    expect(own.status).toBe(200);
  });

  it("answers 404 'API integration is disabled' on a tenant with the API switched off", async () => {
    const r = await call("POST", url("closed", "/Login/Customer/Api/Verify"), {
      body: { email: "reseller@closed.test", password: "reseller-pass" },
    });
    expect(r.status).toBe(404);
    expect(r.body.message).toBe("The API integration is disabled for this tenant");
  });

  it("a supplier key cannot call Reseller routes, a reseller token cannot deliver (403)", async () => {
    const token = await login();
    const deliver = await call("POST", url("bursagb", "/Order/deliver"), {
      headers: { authorization: `Bearer ${token}` },
      body: { orderDetailID: 1, status: 1, deliveryData: ["x"] },
    });
    expect(deliver.status).toBe(403);
    const cats = await call("GET", url("bursagb", "/Customer/Get"), { headers: { apikey: B.supplierKey } });
    expect(cats.status).toBe(403);
  });
});

describe("Hyper sandbox: orders, delivery and callbacks", () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ apikey: string | undefined; body: unknown }> = [];
  let failFirst = 0;
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let data = "";
      req.on("data", (c) => {
        data += c;
      });
      req.on("end", () => {
        received.push({ apikey: req.headers.apikey as string | undefined, body: JSON.parse(data) });
        if (failFirst > 0) {
          failFirst--;
          res.writeHead(500).end("busy");
          return;
        }
        res.writeHead(200, { "content-type": "application/json" }).end('{"success":true,"message":"OK"}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hyper/delivery`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it("reseller orders, supplier delivers, the callback is retried until acknowledged; answers are spec-valid", async () => {
    received.length = 0;
    failFirst = 2;
    const reseller = await call("POST", url("bursagb", "/login/customer/api/verify"), {
      body: { email: B.reseller.email, password: B.reseller.password },
    });
    const auth = { authorization: `Bearer ${reseller.body.data.token}` };
    const created = await call("POST", url("bursagb", "/order/Create"), {
      headers: auth,
      body: {
        BasketData: [
          {
            DeliverID: "shop-1-1",
            CustomerStoreProductID: 9001,
            Quantity: 2,
            RequireData: [{ ProductRequireID: 3, Value: "DarkKnight" }],
          },
        ],
        NotifyURL: receiverUrl,
      },
    });
    expect(created.body).toMatchObject({ success: true, data: { orderID: 70001, items: null } });
    const line = created.body.data.details[0];
    expect(line).toMatchObject({ deliverID: "shop-1-1", quantity: 2, price: 251 });
    expect(sandbox.tenants.bursagb!.accounts[0]!.balance).toBe(749);

    const supplier = { apikey: B.supplierKey };
    const awaiting = await call("POST", url("bursagb", "/Supplier/Orders/Awaiting"), {
      headers: supplier,
      body: {},
    });
    expect(awaiting.body.data).toEqual([
      expect.objectContaining({
        orderDetailID: line.orderDetailID,
        requiredData: [{ title: "Character name", value: "DarkKnight" }],
      }),
    ]);
    const delivered = await call("POST", url("bursagb", "/Order/deliver"), {
      headers: supplier,
      body: {
        DeliverID: "shop-1-1",
        OrderDetailID: line.orderDetailID,
        Status: 1,
        DeliveryData: ["AAAA-1", "AAAA-2"],
      },
    });
    expect(delivered.body.data).toMatchObject({ status: 1, deliveryData: ["AAAA-1", "AAAA-2"] });
    await sandbox.callbacksIdle();
    expect(received).toHaveLength(3);
    expect(received.every((r) => r.apikey === B.reseller.callbackKey)).toBe(true);
    expect(received[2]!.body).toEqual({
      DeliverID: "shop-1-1",
      OrderDetailID: line.orderDetailID,
      Status: 1,
      DeliveryData: ["AAAA-1", "AAAA-2"],
      DeliveryNote: null,
    });
    expect(sandbox.callbackAttempts().map((a) => a.acknowledged)).toEqual([false, false, true]);

    const detail = await call("GET", url("bursagb", `/Order/detail/${line.orderDetailID}`), {
      headers: auth,
    });
    expect(detail.body.data).toMatchObject({ status: 1, deliveryData: ["AAAA-1", "AAAA-2"] });
    const again = await call("POST", url("bursagb", "/Supplier/Orders/Awaiting"), {
      headers: supplier,
      body: {},
    });
    expect(again.body.data).toEqual([]);

    const { reseller: reseller2, supplier: supplier2 } = validators;
    for (const [v, op, r] of [
      [reseller2, "generateToken", reseller],
      [reseller2, "createOrder", created],
      [reseller2, "getOrderDetail", detail],
      [supplier2, "listAwaitingOrders", awaiting],
      [supplier2, "deliverOrder", delivered],
    ] as const) {
      expect(v.validateResponse(op, r.status, r.body).issues, op).toEqual([]);
    }
  });

  it("Create Order with an unavailable line: success false, per-line reasons, no order, balance untouched", async () => {
    const token = await login();
    const r = await call("POST", url("bursagb", "/Order/create"), {
      headers: { authorization: `Bearer ${token}` },
      body: {
        basketData: [
          {
            deliverID: "ok-1",
            customerStoreProductID: 9002,
            quantity: 1,
            requireData: [{ productRequireID: 4, value: "p1" }],
          },
          { deliverID: "bad-1", customerStoreProductID: 9003, quantity: 1 },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: false, errorCode: -31 });
    expect(r.body.data.items).toEqual([
      { deliverID: "bad-1", customerStoreProductID: 9003, message: "Out of stock" },
    ]);
    expect(sandbox.tenants.bursagb!.lines).toHaveLength(0);
    expect(sandbox.tenants.bursagb!.accounts[0]!.balance).toBe(B.reseller.balance);
  });

  it("validates requests against the surface's spec (400 with the failing field)", async () => {
    const token = await login();
    const r = await call("POST", url("bursagb", "/Order/create"), {
      headers: { authorization: `Bearer ${token}` },
      body: { basketData: [{ customerStoreProductID: "9001", quantity: 0 }] },
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/basketData\/0/);
  });
});
