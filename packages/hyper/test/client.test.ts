import { inspect } from "node:util";
import { KeywayAuthError, KeywayConfigError, KeywayUnknownOutcomeError } from "@keyway/auth";
import { describe, expect, it } from "vitest";
import {
  createPaymentClient,
  createResellerClient,
  createStorefrontClient,
  createSupplierClient,
  HyperError,
  resellerOperations,
  supplierOperations,
} from "../src/index.js";

const BASE = "https://api.example-tenant.test";
const EMAIL = "api@example.com";
const PASSWORD = "pw-7f3e9a";

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
/** A JWT-shaped token (the client reads `exp` without verifying; the fake server checks by value). */
const jwt = (n: number, expSeconds: number) =>
  `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ CustomerID: String(n), exp: expSeconds })}.c2ln${n}`;

const ok = (data: unknown) =>
  new Response(JSON.stringify({ success: true, message: "OK", errorCode: null, data }), {
    headers: { "content-type": "application/json" },
  });
const fail = (status: number, message: string, errorCode: number, data: unknown = null) =>
  new Response(JSON.stringify({ success: false, message, errorCode, data }), {
    status,
    headers: { "content-type": "application/json" },
  });

/** A fake Hyper tenant: logs in, issues tokens of `lifetimeMs` on the shared clock, checks them by value. */
function fakeTenant(opts: { lifetimeMs?: number; alwaysRefuse?: boolean } = {}) {
  const state = {
    clock: 1_800_000_000_000,
    logins: 0,
    authHeaders: [] as string[],
    issued: new Map<string, number>(),
    requests: [] as Request[],
  };
  const lifetime = opts.lifetimeMs ?? 60_000;
  const fetch = async (request: Request) => {
    state.requests.push(request);
    const path = new URL(request.url).pathname;
    if (path === "/Login/Customer/Api/Verify" || path === "/Login/Customer/Verify") {
      const body = (await request.json()) as { email?: string; password?: string };
      if (request.headers.has("authorization")) return fail(400, "do not send Authorization", -1);
      if (body.email !== EMAIL || body.password !== PASSWORD) return fail(400, "Invalid credentials", -2);
      state.logins++;
      await new Promise((r) => setTimeout(r, 10));
      const exp = state.clock + lifetime;
      const token = jwt(state.logins, Math.floor(exp / 1000));
      state.issued.set(token, exp);
      return ok({ token, expiration: new Date(exp).toISOString() });
    }
    const auth = request.headers.get("authorization") ?? "";
    state.authHeaders.push(auth);
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : undefined;
    const exp = token ? state.issued.get(token) : undefined;
    if (opts.alwaysRefuse || exp === undefined || exp <= state.clock) return fail(401, "Unauthorized", -401);
    if (path === "/Categories") return ok([{ productCategoryID: 1, categoryName: "Games", parentID: null }]);
    if (path === "/Order/create") {
      const body = (await request.json()) as {
        basketData: { deliverID: string; customerStoreProductID: number }[];
      };
      const bad = body.basketData.filter((l) => l.customerStoreProductID === 404);
      if (bad.length) {
        return fail(200, "Some basket items are not available", -31, {
          orderID: null,
          details: null,
          items: bad.map((l) => ({ ...l, message: "Out of stock" })),
        });
      }
      return ok({ orderID: 1, details: [], items: null });
    }
    return fail(404, "no route", -404);
  };
  return { state, fetch };
}

function reseller(t: ReturnType<typeof fakeTenant>, over: Record<string, unknown> = {}) {
  return createResellerClient({
    baseUrl: BASE,
    credentials: { email: EMAIL, password: () => PASSWORD },
    fetch: t.fetch,
    now: () => t.state.clock,
    retry: false,
    ...over,
  });
}

describe("JWT session (Reseller)", () => {
  it("logs in once for 20 concurrent calls and always sends the Bearer prefix", async () => {
    const t = fakeTenant();
    const client = reseller(t);
    const results = await Promise.all(Array.from({ length: 20 }, () => client.GET("/Categories")));
    expect(results.every((r) => r.data?.data[0]?.categoryName === "Games")).toBe(true);
    expect(t.state.logins).toBe(1);
    expect(t.state.authHeaders).toHaveLength(20);
    expect(t.state.authHeaders.every((h) => /^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/.test(h))).toBe(true);
    // The login itself is public: sent without Authorization.
    const login = t.state.requests.find((r) => r.url.endsWith("/Login/Customer/Api/Verify"));
    expect(login?.headers.has("authorization")).toBe(false);
  });

  it("refreshes before expiry (one login for 20 concurrent calls near the end of the token's life)", async () => {
    const t = fakeTenant({ lifetimeMs: 60_000 });
    const client = reseller(t);
    await client.GET("/Categories");
    t.state.clock += 45_000; // inside the 30 s refresh margin
    await Promise.all(Array.from({ length: 20 }, () => client.GET("/Categories")));
    expect(t.state.logins).toBe(2);
    t.state.clock += 10_000;
    await client.GET("/Categories");
    expect(t.state.logins).toBe(2);
  });

  it("refreshes once on a 401 (token revoked server-side) with one login for 20 concurrent calls", async () => {
    const t = fakeTenant({ lifetimeMs: 3_600_000 });
    const client = reseller(t);
    await client.GET("/Categories");
    t.state.issued.clear(); // the server forgets every token
    const results = await Promise.all(Array.from({ length: 20 }, () => client.GET("/Categories")));
    expect(results.every((r) => r.error === undefined)).toBe(true);
    expect(t.state.logins).toBe(2);
  });

  it("does not loop on a persistent 401: one login, one retry, then a typed HyperError", async () => {
    const t = fakeTenant({ alwaysRefuse: true });
    const client = reseller(t);
    const { error } = await client.GET("/Categories");
    expect(error).toBeInstanceOf(HyperError);
    expect(error?.status).toBe(401);
    expect(error?.isAuthError).toBe(true);
    expect(t.state.authHeaders).toHaveLength(2);
    expect(t.state.logins).toBe(2);
    const again = await client.GET("/Categories");
    expect(again.error?.status).toBe(401);
    expect(t.state.authHeaders.length).toBeLessThanOrEqual(4);
  });

  it("a static token that is refused gives one retry with the same token, then the 401", async () => {
    const t = fakeTenant();
    const client = createResellerClient({
      baseUrl: BASE,
      token: "abc.def.ghi",
      fetch: t.fetch,
      retry: false,
    });
    const { error } = await client.GET("/Categories");
    expect(error?.status).toBe(401);
    expect(t.state.authHeaders).toEqual(["Bearer abc.def.ghi", "Bearer abc.def.ghi"]);
  });

  it("wrong credentials reject with KeywayAuthError carrying the login's HyperError; the password never shows", async () => {
    const t = fakeTenant();
    const client = reseller(t, { credentials: { email: EMAIL, password: "wrong-password-123" } });
    const err = await client.GET("/Categories").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeywayAuthError);
    const cause = (err as Error).cause as HyperError;
    expect(cause).toBeInstanceOf(HyperError);
    expect(cause.code).toBe("-2");
    for (const text of [String(err), inspect(err, { depth: 5 }), JSON.stringify(cause), inspect(client)]) {
      expect(text).not.toContain("wrong-password-123");
    }
  });

  it("sends h-region-code on every call when regionCode is set (login included)", async () => {
    const t = fakeTenant();
    const client = reseller(t, { regionCode: "DE" });
    await client.GET("/Categories");
    expect(t.state.requests.map((r) => r.headers.get("h-region-code"))).toEqual(["DE", "DE"]);
  });

  it("with regionCode, a token revoked server-side is still refreshed once on the 401", async () => {
    const t = fakeTenant({ lifetimeMs: 3_600_000 });
    const client = reseller(t, { regionCode: "DE" });
    await client.GET("/Categories");
    t.state.issued.clear(); // the server forgets every token
    const { error } = await client.GET("/Categories");
    expect(error).toBeUndefined();
    expect(t.state.logins).toBe(2);
    expect(t.state.requests.every((r) => r.headers.get("h-region-code") === "DE")).toBe(true);
  });

  it("refuses bad options before the wire", () => {
    const t = fakeTenant();
    expect(() => createResellerClient({ baseUrl: "", token: "a" })).toThrow(KeywayConfigError);
    expect(() => createResellerClient({ baseUrl: BASE })).toThrow(
      /exactly one of token, getToken or credentials/,
    );
    expect(() =>
      createResellerClient({ baseUrl: BASE, token: "a", credentials: { email: "e", password: "p" } }),
    ).toThrow(KeywayConfigError);
    expect(() => createResellerClient({ baseUrl: BASE, token: "a", regionCode: "tr" })).toThrow(/regionCode/);
    expect(() => createSupplierClient({ baseUrl: BASE } as never)).toThrow(/apiKey is required/);
    expect(() => createPaymentClient({ baseUrl: "http://example.com", apiKey: "k" })).toThrow(
      KeywayConfigError,
    );
    expect(() => reseller(t)).not.toThrow();
  });

  it("the Storefront client logs in through its own (customer) login route", async () => {
    const t = fakeTenant();
    const client = createStorefrontClient({
      baseUrl: BASE,
      credentials: { email: EMAIL, password: PASSWORD },
      fetch: t.fetch,
      now: () => t.state.clock,
    });
    const { data } = await client.GET("/Categories");
    expect(data?.success).toBe(true);
    expect(t.state.requests[0]?.url).toBe(`${BASE}/Login/Customer/Verify`);
  });
});

describe("Create Order", () => {
  it("a line that cannot be ordered resolves with HyperError carrying typed per-line reasons", async () => {
    const t = fakeTenant();
    const client = reseller(t);
    const { data, error } = await client.POST("/Order/create", {
      body: {
        basketData: [
          { deliverID: "d-1", customerStoreProductID: 9001, quantity: 1 },
          { deliverID: "d-2", customerStoreProductID: 404, quantity: 1 },
        ],
      },
    });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(HyperError);
    expect(error).toMatchObject({ status: 200, code: "-31", errorCode: -31, businessFailure: true });
    expect(error?.operation).toBe("createOrder");
    expect(error?.lines).toHaveLength(1);
    expect(error?.lines[0]).toMatchObject({
      deliverID: "d-2",
      customerStoreProductID: 404,
      message: "Out of stock",
    });
  });

  it("is never retried, and a lost answer rejects with KeywayUnknownOutcomeError naming the deliverIDs", async () => {
    const t = fakeTenant();
    let creates = 0;
    const client = reseller(t, {
      retry: { maxAttempts: 3, baseMs: 1, maxMs: 1 },
      fetch: async (request: Request) => {
        if (new URL(request.url).pathname === "/Order/create") {
          creates++;
          throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
        }
        return t.fetch(request);
      },
    });
    const err = await client
      .POST("/Order/create", {
        body: { basketData: [{ deliverID: "shop-77-1", customerStoreProductID: 9001, quantity: 1 }] },
      })
      .catch((e: unknown) => e);
    expect(creates).toBe(1);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    const lost = err as KeywayUnknownOutcomeError;
    expect(lost.message).toContain("shop-77-1");
    expect(lost.hint).toContain("/Order/customer/list");
    expect(lost.details).toMatchObject({ deliverIDs: ["shop-77-1"] });
  });
});

describe("ApiKey clients (Supplier, Payment)", () => {
  const KEY = "ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d";
  const apiKeyTenant = () => {
    const headers: Headers[] = [];
    const fetch = async (request: Request) => {
      headers.push(request.headers);
      if (request.headers.get("apikey") !== KEY) return fail(401, "Invalid ApiKey", -23);
      return ok([]);
    };
    return { headers, fetch };
  };

  it("sends the ApiKey header and reads a function key per request", async () => {
    const t = apiKeyTenant();
    let reads = 0;
    const client = createSupplierClient({
      baseUrl: BASE,
      apiKey: () => {
        reads++;
        return KEY;
      },
      fetch: t.fetch,
    });
    const { data, error } = await client.POST("/Supplier/Orders/Awaiting", { body: {} });
    expect(error).toBeUndefined();
    expect(data?.data).toEqual([]);
    await client.POST("/Supplier/Products/List", { body: {} });
    expect(reads).toBe(2);
    expect(t.headers[0]?.get("apikey")).toBe(KEY);
    expect(t.headers[0]?.has("authorization")).toBe(false);
  });

  it("a key from another tenant resolves with a typed -23 HyperError that never prints the key", async () => {
    const t = apiKeyTenant();
    const other = "ak_live_00000000000000000000000000000000";
    const client = createPaymentClient({ baseUrl: BASE, apiKey: other, fetch: t.fetch, retry: false });
    const { error } = await client.GET("/Payment/Status/{paymentID}", {
      params: { path: { paymentID: "p-1" } },
    });
    expect(error).toBeInstanceOf(HyperError);
    expect(error).toMatchObject({ status: 401, code: "-23", errorCode: -23, isAuthError: true });
    for (const text of [
      String(error),
      error?.stack ?? "",
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      inspect(client, { depth: 10 }),
      JSON.stringify(client),
    ]) {
      expect(text).not.toContain(other);
    }
  });
});

describe("a lost create on the ApiKey surfaces", () => {
  const KEY = "ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d";
  const lose = async () => {
    throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
  };

  it("Supplier: Deliver Order says how to see whether the delivery was recorded", async () => {
    const client = createSupplierClient({ baseUrl: BASE, apiKey: KEY, fetch: lose });
    const err = await client
      .POST("/Order/deliver", {
        body: { deliverID: "shop-1001-1", orderDetailID: 55501, status: 1, deliveryData: ["XXXX-YYYY-ZZZZ"] },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    const lost = err as KeywayUnknownOutcomeError;
    expect(lost.hint).toContain("POST /Supplier/Orders/Awaiting: if order line 55501 is no longer listed");
    expect(lost.details).toMatchObject({ orderDetailID: 55501, deliverID: "shop-1001-1" });
  });

  it("Payment: Notify Payment points at the payment's status", async () => {
    const client = createPaymentClient({ baseUrl: BASE, apiKey: KEY, fetch: lose });
    const err = await client
      .POST("/Payment/Notify", {
        body: { paymentID: "pay-9001", customerID: 55724, amount: 250, currency: "TRY", status: "paid" },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    const lost = err as KeywayUnknownOutcomeError;
    expect(lost.hint).toContain("GET /Payment/Status/pay-9001");
    expect(lost.details).toMatchObject({ paymentID: "pay-9001" });
  });
});

describe("operation tables", () => {
  it("carry the spec's retry classes: reads safe, Create Order and Deliver Order never", () => {
    expect(resellerOperations["POST /Order/create"].retry).toBe("never");
    expect(resellerOperations["GET /Categories"].retry).toBe("safe");
    expect(resellerOperations["POST /Login/Customer/Api/Verify"].security).toEqual([]);
    expect(supplierOperations["POST /Order/deliver"].retry).toBe("never");
  });
});
