/** The clients and the callback handler against the Hyper sandbox (real HS256 JWTs, tenants, callbacks). */
import { inspect } from "node:util";
import { KeywayUnknownOutcomeError } from "@keyway/auth";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createDeliveryCallbackHandler,
  createResellerClient,
  createStorefrontClient,
  createSupplierClient,
  type HyperDelivery,
  HyperError,
  unwrap,
} from "../src/index.js";
import { serveFetchHandler, until } from "./helpers.js";

// The sandbox's documented credentials (tools/sandbox/README.md, "Hyper").
const RESELLER = { email: "reseller@bursagb.test", password: "reseller-pass" };
const BUYER = { email: "buyer@bursagb.test", password: "buyer-pass" };
const RESELLER_CALLBACK_KEY = `ak_test_${"b0a1".repeat(8)}`;
const SUPPLIER_KEY = `ak_test_${"b5e3".repeat(8)}`;
const INOVAPIN_SUPPLIER_KEY = `ak_test_${"15e3".repeat(8)}`;

let clock = 1_800_000_000_000;
let sandbox: RunningSandbox;
let origin: string;
let bursagb: string;
let inovapin: string;

beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hyper"], now: () => clock });
  const hyper = sandbox.providers.hyper!;
  origin = hyper.origin;
  bursagb = sandbox.urls.hyper!;
  inovapin = `${origin}/tenants/inovapin`;
});
afterAll(() => sandbox?.close());
afterEach(async () => {
  sandbox.reset();
  await setTtl(300);
});

async function setTtl(seconds: number) {
  const r = await fetch(`${origin}/__sandbox/hyper/token-ttl`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ seconds }),
  });
  expect(r.status).toBe(200);
}
async function logins(): Promise<number> {
  const r = (await (await fetch(`${origin}/__sandbox/hyper/stats`)).json()) as {
    logins: Record<string, number>;
  };
  return r.logins.bursagb ?? 0;
}

const reseller = (over: Partial<Parameters<typeof createResellerClient>[0]> = {}) =>
  createResellerClient({ baseUrl: bursagb, credentials: RESELLER, now: () => clock, ...over });

describe("Reseller JWT session against the sandbox", () => {
  it("one login for 20 concurrent calls; a new one once the token is about to expire", async () => {
    await setTtl(120);
    const client = reseller();
    const first = await Promise.all(Array.from({ length: 20 }, () => client.GET("/Categories")));
    expect(first.every((r) => r.data?.success === true)).toBe(true);
    expect(await logins()).toBe(1);
    clock += 100_000; // 20 s left: inside the default 30 s refresh margin
    const second = await Promise.all(Array.from({ length: 20 }, () => client.GET("/Customer/Get")));
    expect(second.every((r) => r.data?.data.email === RESELLER.email)).toBe(true);
    expect(await logins()).toBe(2);
  });

  it("a token that expired server-side is refreshed once on the 401, the call succeeds", async () => {
    await setTtl(60);
    // The client's clock runs 2 minutes behind the sandbox's, so it still trusts an expired token.
    const client = reseller({ now: () => clock - 120_000 });
    expect((await client.GET("/Categories")).error).toBeUndefined();
    clock += 61_000;
    const results = await Promise.all(Array.from({ length: 20 }, () => client.GET("/Categories")));
    expect(results.every((r) => r.error === undefined)).toBe(true);
    expect(await logins()).toBe(2);
  });

  it("a Storefront customer logs in through the customer login and reads their profile", async () => {
    const client = createStorefrontClient({ baseUrl: bursagb, credentials: BUYER, now: () => clock });
    const me = unwrap(await client.GET("/Customer/Get"));
    expect(me.data.email).toBe(BUYER.email);
  });
});

describe("Supplier ApiKey against the sandbox", () => {
  it("a key of another tenant gets a typed -23 HyperError; the key is in no printout", async () => {
    const client = createSupplierClient({ baseUrl: bursagb, apiKey: INOVAPIN_SUPPLIER_KEY, retry: false });
    const { error } = await client.POST("/Supplier/Orders/Awaiting", { body: {} });
    expect(error).toBeInstanceOf(HyperError);
    expect(error).toMatchObject({
      status: 401,
      code: "-23",
      errorCode: -23,
      operation: "listAwaitingOrders",
    });
    for (const text of [
      String(error),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      inspect(client),
    ]) {
      expect(text).not.toContain(INOVAPIN_SUPPLIER_KEY);
    }
    const own = createSupplierClient({ baseUrl: inovapin, apiKey: INOVAPIN_SUPPLIER_KEY });
    expect((await own.POST("/Supplier/Orders/Awaiting", { body: {} })).data?.data).toEqual([]);
  });
});

describe("two-sided order flow with the delivery callback", () => {
  it("reseller orders, supplier delivers, the verified callback arrives once; the order reads delivered", async () => {
    const deliveries: HyperDelivery[] = [];
    const handler = createDeliveryCallbackHandler({
      apiKey: RESELLER_CALLBACK_KEY,
      onDelivery: (d) => void deliveries.push(d),
    });
    const receiver = await serveFetchHandler(handler);
    try {
      const client = reseller();
      const supplier = createSupplierClient({ baseUrl: bursagb, apiKey: SUPPLIER_KEY });
      const order = unwrap(
        await client.POST("/Order/create", {
          body: {
            basketData: [
              {
                deliverID: "shop-42-1",
                customerStoreProductID: 9002,
                quantity: 1,
                requireData: [{ productRequireID: 4, value: "5123456789" }],
              },
            ],
            notifyURL: `${receiver.url}/hyper/delivery`,
          },
        }),
      );
      const line = order.data.details![0]!;
      const awaiting = unwrap(await supplier.POST("/Supplier/Orders/Awaiting", { body: {} }));
      expect(awaiting.data.map((a) => a.deliverID)).toEqual(["shop-42-1"]);
      unwrap(
        await supplier.POST("/Order/deliver", {
          body: {
            deliverID: "shop-42-1",
            orderDetailID: line.orderDetailID,
            status: 1,
            deliveryData: ["UC-0001"],
          },
        }),
      );
      await until(() => deliveries.length === 1, 30_000);
      expect(deliveries[0]).toMatchObject({ deliverID: "shop-42-1", status: 1, deliveryData: ["UC-0001"] });
      const detail = unwrap(
        await client.GET("/Order/detail/{orderDetailID}", {
          params: { path: { orderDetailID: line.orderDetailID } },
        }),
      );
      expect(detail.data.status).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it("Create Order with an unavailable line resolves with typed per-line reasons and creates nothing", async () => {
    const client = reseller();
    const before = unwrap(await client.GET("/Customer/Get")).data.balance;
    const { data, error } = await client.POST("/Order/create", {
      body: {
        basketData: [
          {
            deliverID: "a-1",
            customerStoreProductID: 9002,
            quantity: 1,
            requireData: [{ productRequireID: 4, value: "1" }],
          },
          { deliverID: "a-2", customerStoreProductID: 9003, quantity: 1 },
        ],
      },
    });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(HyperError);
    expect(error?.status).toBe(200);
    expect(error?.lines).toEqual([
      { deliverID: "a-2", customerStoreProductID: 9003, message: "Out of stock", raw: expect.any(Object) },
    ]);
    expect(unwrap(await client.POST("/Order/customer/list", { body: {} })).data).toEqual([]);
    expect(unwrap(await client.GET("/Customer/Get")).data.balance).toBe(before);
  });

  it("a Create Order whose answer is lost (sandbox drops it after creating) rejects naming the deliverIDs", async () => {
    const hyper = sandbox.providers.hyper!;
    hyper.faults.inject({ kind: "drop", operationId: "createOrder", stage: "after" });
    const client = reseller();
    const err = await client
      .POST("/Order/create", {
        body: {
          basketData: [
            {
              deliverID: "lost-1",
              customerStoreProductID: 9002,
              quantity: 1,
              requireData: [{ productRequireID: 4, value: "1" }],
            },
          ],
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    expect((err as KeywayUnknownOutcomeError).details).toMatchObject({ deliverIDs: ["lost-1"] });
    // The hint's lookup finds it: the order was created once, and not sent again.
    const orders = unwrap(await client.POST("/Order/customer/list", { body: {} })).data;
    expect(orders.map((o) => o.deliverID)).toEqual(["lost-1"]);
  });

  it("a status fault answers the platform's envelope, resolved as a HyperError", async () => {
    sandbox.providers.hyper!.faults.inject({ kind: "status", status: 403, operationId: "listCategories" });
    const { error } = await reseller().GET("/Categories");
    expect(error).toBeInstanceOf(HyperError);
    expect(error).toMatchObject({ status: 403, code: "-403" });
  });
});
