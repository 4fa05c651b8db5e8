/**
 * Faulty creates against the sandbox, for every client: a seeded, shuffled mix of drops before and after
 * processing, 503s, 429 + Retry-After, stalls, truncated bodies, and a lost attempt followed by 503s. The
 * resources are then counted on the server: no duplicate, no create reported as a plain failure that exists,
 * and every unknown outcome says how to recover.
 */

import { createAppfiguresClient } from "@keyway/appfigures";
import { KeywayUnknownOutcomeError } from "@keyway/auth";
import { createHiobuyClient } from "@keyway/hiobuy";
import { createHishoppingClient } from "@keyway/hishopping";
import { createResellerClient } from "@keyway/hyper";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { createSgateClient } from "@keyway/sgate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Creates per client: each recipe appears N / 7 times. */
const N = 21;
const TIMEOUT_MS = 300;
const STALL_MS = 900;

type Recipe = "drop-before" | "drop-after" | "503" | "429" | "stall" | "truncated" | "lost-then-503";
const RECIPES: Recipe[] = ["drop-before", "drop-after", "503", "429", "stall", "truncated", "lost-then-503"];

/** A seeded shuffle (mulberry32), so a failing mix can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The sandbox faults a recipe queues for the create's operation (each affects one request). */
function faultsFor(recipe: Recipe, operationId: string) {
  switch (recipe) {
    case "drop-before":
      return [{ kind: "drop", stage: "before", operationId }];
    case "drop-after":
      return [{ kind: "drop", stage: "after", operationId }];
    case "503":
      return [{ kind: "status", status: 503, operationId }];
    case "429":
      return [{ kind: "status", status: 429, retryAfter: 1, operationId }];
    case "stall":
      return [{ kind: "delay", ms: STALL_MS, stage: "after", operationId }];
    case "lost-then-503":
      return [
        { kind: "drop", stage: "after", operationId },
        { kind: "status", status: 503, operationId },
        { kind: "status", status: 503, operationId },
      ];
    default:
      return [];
  }
}

/** An inner fetch that, when armed, cuts the next answer's body after its first bytes (the server handled it). */
function truncating() {
  let armed = false;
  const fetch = async (req: Request, init?: RequestInit) => {
    const res = await globalThis.fetch(req, init);
    if (!armed) return res;
    armed = false;
    const text = await res.text();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(text.slice(0, Math.max(1, text.length >> 1))));
        c.error(new TypeError("terminated"));
      },
    });
    return new Response(body, { status: res.status, headers: res.headers });
  };
  return { fetch, arm: () => (armed = true) };
}

interface Tally {
  creates: number;
  succeeded: number;
  failed: number;
  unknown: number;
  found: number;
  duplicates: number;
  failedButExists: number;
  unknownWithoutRecovery: number;
}

/** Runs N creates with the recipe mix; `count(ref)` is the server's count of resources for a reference. */
async function run(
  name: string,
  inject: (faults: object[]) => void,
  operationId: string,
  create: (ref: string, i: number) => Promise<{ error?: unknown }>,
  arm: () => void,
  count: (ref: string) => Promise<number> | number,
  seed: number,
): Promise<Tally> {
  const mix = shuffled(
    Array.from({ length: N }, (_, i) => RECIPES[i % RECIPES.length]!),
    seed,
  );
  const outcomes: { ref: string; kind: "ok" | "failed" | "unknown"; err?: unknown }[] = [];
  for (const [i, recipe] of mix.entries()) {
    const ref = `rel${seed}x${i}`;
    inject(faultsFor(recipe, operationId));
    if (recipe === "truncated") arm();
    try {
      const r = await create(ref, i);
      outcomes.push({ ref, kind: r.error ? "failed" : "ok", err: r.error });
    } catch (err) {
      if (!(err instanceof KeywayUnknownOutcomeError)) throw err;
      outcomes.push({ ref, kind: "unknown", err });
    }
  }
  // Stalled requests are still handled by the server after the client gave up: let them land.
  await new Promise((r) => setTimeout(r, STALL_MS + 200));
  const tally: Tally = {
    creates: N,
    succeeded: 0,
    failed: 0,
    unknown: 0,
    found: 0,
    duplicates: 0,
    failedButExists: 0,
    unknownWithoutRecovery: 0,
  };
  for (const o of outcomes) {
    const n = await count(o.ref);
    tally.found += n;
    if (n > 1) tally.duplicates += n - 1;
    if (o.kind === "ok") tally.succeeded++;
    if (o.kind === "failed") {
      tally.failed++;
      if (n > 0) tally.failedButExists++;
    }
    if (o.kind === "unknown") {
      tally.unknown++;
      const e = o.err as KeywayUnknownOutcomeError;
      const says = e.hint.length > 0 && (Object.keys(e.details).length > 0 || /look|query|GET/i.test(e.hint));
      if (!says) tally.unknownWithoutRecovery++;
    }
  }
  console.log(`[faults] ${name}: ${JSON.stringify(tally)}`);
  return tally;
}

function check(t: Tally) {
  expect(t.duplicates).toBe(0);
  expect(t.failedButExists).toBe(0);
  expect(t.unknownWithoutRecovery).toBe(0);
  expect(t.succeeded + t.failed + t.unknown).toBe(t.creates);
}

let sandbox: RunningSandbox<"hiobuy" | "sgate" | "hishopping" | "hyper" | "appfigures">;
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hiobuy", "sgate", "hishopping", "hyper", "appfigures"] });
});
afterAll(() => sandbox.close());

const retry = { baseMs: 5, maxMs: 20, maxRetryAfterMs: 5_000 };

describe("faulty creates, counted on the server", () => {
  it("HIOBuy orders/create (`never`)", async () => {
    const t = truncating();
    const apiKey = "hio_test_reliability_orders";
    const client = createHiobuyClient({
      apiKey,
      baseUrl: sandbox.urls.hiobuy,
      timeoutMs: TIMEOUT_MS,
      retry,
      fetch: t.fetch,
    });
    const receiver = {
      name: "Li Wei",
      mobile: "13800138000",
      province: "浙江省",
      city: "杭州市",
      district: "西湖区",
      address: "文三路 1 号",
    };
    const line = { offer_id: "554456348334", spec_id: "554456348334-1", quantity: 1 };
    const orders = () => [...sandbox.providers.hiobuy.state.orders.values()];
    const tally = await run(
      "hiobuy",
      (f) => sandbox.providers.hiobuy.faults.inject(f as never),
      "orderCreate",
      (ref) =>
        client.POST("/orders/create", {
          body: { channel: "1688", receiver, lines: [line], external_order_id: ref },
        }),
      t.arm,
      (ref) => orders().filter((o) => o.external_order_id === ref).length,
      1,
    );
    check(tally);
  });

  it("SGate createOrder (`never`)", async () => {
    const t = truncating();
    const client = createSgateClient({
      key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI",
      secret: "your secret",
      baseUrl: sandbox.urls.sgate,
      timeoutMs: TIMEOUT_MS,
      retry,
      fetch: t.fetch,
    });
    const tally = await run(
      "sgate",
      (f) => sandbox.providers.sgate.faults.inject(f as never),
      "createOrder",
      (ref) =>
        client.POST("/merchants/{merchantId}/orders", {
          params: { path: { merchantId: "M448726" } },
          body: { merchantOrderId: ref, amount: "12.50", currency: "SAR", name: "coins" },
        }),
      t.arm,
      (ref) => sandbox.providers.sgate.state.allOrders().filter((o) => o.merchantOrderId === ref).length,
      2,
    );
    check(tally);
  });

  it("HiShopping createOrder (`key:merchant_order_no`)", async () => {
    const t = truncating();
    const client = createHishoppingClient({
      appId: "hs_app_sandbox",
      secretKey: "sandbox-secret-key-32-bytes-long",
      signKey: "sandbox-sign-key",
      baseUrl: sandbox.urls.hishopping,
      timeoutMs: TIMEOUT_MS,
      retry,
      fetch: t.fetch,
    });
    const address = {
      name: "Ada Lovelace",
      phone: "+44 20 7946 0000",
      address: "12 St James's Square",
      city: "London",
      country: "GB",
      postal_code: "SW1Y 4JH",
    };
    const lookup = createHishoppingClient({
      appId: "hs_app_sandbox",
      secretKey: "sandbox-secret-key-32-bytes-long",
      signKey: "sandbox-sign-key",
      baseUrl: sandbox.urls.hishopping,
    });
    const tally = await run(
      "hishopping",
      (f) => sandbox.providers.hishopping.faults.inject(f as never),
      "createOrder",
      (ref) =>
        client.POST("/orders", {
          body: {
            merchant_order_no: ref,
            goods_id: "601099512345678",
            sku_id: "17592186044417",
            quantity: 1,
            shipping_address: address,
          },
        }),
      t.arm,
      async (ref) => {
        const r = await lookup.GET("/orders/merchant/{merchant_order_no}", {
          params: { path: { merchant_order_no: ref } },
        });
        return r.data ? 1 : 0;
      },
      3,
    );
    // Orders are idempotent by merchant_order_no: a duplicate would show as credit charged twice.
    const credit = await lookup.GET("/credit");
    const charged = Math.round(Number(credit.data?.used) * 100);
    const perOrder = 320 + 100; // 3.20 goods + 1.00 fee
    console.log(`[faults] hishopping: credit charged for ${charged / perOrder} orders, found ${tally.found}`);
    expect(charged).toBe(tally.found * perOrder);
    check(tally);
  });
  it("Hyper Reseller Order/create (`never`)", async () => {
    const t = truncating();
    const client = createResellerClient({
      baseUrl: sandbox.urls.hyper,
      credentials: { email: "reseller@bursagb.test", password: "reseller-pass" },
      timeoutMs: TIMEOUT_MS,
      retry,
      fetch: t.fetch,
    });
    // Log in before the faults start, so each fault hits the create it is meant for.
    const warm = await client.GET("/Categories");
    expect(warm.error).toBeUndefined();
    const tenant = sandbox.providers.hyper.tenants.bursagb!;
    const tally = await run(
      "hyper",
      (f) => sandbox.providers.hyper.faults.inject(f as never),
      "createOrder",
      (ref) =>
        client.POST("/Order/create", {
          body: {
            basketData: [
              {
                deliverID: ref,
                customerStoreProductID: 9002,
                quantity: 1,
                requireData: [{ productRequireID: 4, value: "1" }],
              },
            ],
          },
        }),
      t.arm,
      (ref) => tenant.lines.filter((l) => l.deliverID === ref).length,
      4,
    );
    check(tally);
  });
  it("Appfigures POST /external_accounts (`never`)", async () => {
    const t = truncating();
    const client = createAppfiguresClient({
      auth: { type: "token", token: "pat_kw_demo_full" },
      baseUrl: sandbox.urls.appfigures,
      timeoutMs: TIMEOUT_MS,
      retry,
      fetch: t.fetch,
    });
    const state = sandbox.providers.appfigures.state;
    const tally = await run(
      "appfigures",
      (f) => sandbox.providers.appfigures.faults.inject(f as never),
      "createExternalAccount",
      (ref) =>
        client.POST("/external_accounts", {
          body: { nickname: ref, username: `${ref}@example.com`, password: "store-password", store: "apple" },
        }),
      t.arm,
      (ref) => state.externalAccounts.filter((a) => a.nickname === ref).length,
      5,
    );
    check(tally);
  });
});
