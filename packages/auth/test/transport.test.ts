import { describe, expect, it, vi } from "vitest";
import {
  KeywayConfigError,
  KeywayNetworkError,
  KeywayTimeoutError,
  KeywayUnknownOutcomeError,
  type Scheme,
  SignatureVerificationError,
  unwrap,
} from "../src/index.js";
import { bearer } from "../src/schemes/bearer.js";
import { json, netError, TestError, testClient } from "./fixtures.js";

/** A scheme that stamps the attempt's time and a counter, to see signing per attempt. */
function stampScheme() {
  const calls: { attempt: number; now: number; body: string | undefined }[] = [];
  const scheme: Scheme = {
    name: "stamp",
    sign(parts, ctx) {
      const body = parts.body ? new TextDecoder().decode(parts.body) : undefined;
      calls.push({ attempt: ctx.attempt, now: ctx.now(), body });
      return { headers: { "x-stamp": `${ctx.attempt}@${ctx.now()}` } };
    },
  };
  return { scheme, calls };
}

describe("the signed headers' check", () => {
  const BAD = "tok\r\nX-Evil: 1";
  /** A scheme that returns `next()` as its header set on every call. */
  const schemeOf = (next: () => Record<string, string>): Scheme => ({
    name: "custom",
    sign: () => ({ headers: next() }),
  });
  const get = (t: ReturnType<typeof testClient>) =>
    t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
  const refused = async (t: ReturnType<typeof testClient>) => {
    const err = await get(t).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KeywayConfigError);
    expect(String(err)).toMatch(/custom scheme's x-token header holds characters HTTP headers cannot carry/);
    expect(String(err)).not.toContain("X-Evil");
  };

  it("sends a static, frozen header set on every call", async () => {
    const headers = Object.freeze({ "x-token": "tok_1" });
    const t = testClient([], { scheme: schemeOf(() => headers) });
    for (let i = 0; i < 3; i++) await get(t);
    expect(t.sent.map((s) => s.headers["x-token"])).toEqual(["tok_1", "tok_1", "tok_1"]);
  });

  it("refuses a value HTTP cannot carry before the wire, whenever a new header set holds one", async () => {
    let value = "tok_1";
    const t = testClient([], { scheme: schemeOf(() => Object.freeze({ "x-token": value })) });
    await get(t);
    value = BAD;
    await refused(t);
    expect(t.sent).toHaveLength(1);
  });

  it("checks again a header set that is not frozen, though the scheme returns the same object", async () => {
    const headers: Record<string, string> = { "x-token": "tok_1" };
    const t = testClient([], { scheme: schemeOf(() => headers) });
    await get(t);
    headers["x-token"] = BAD;
    await refused(t);
    expect(t.sent).toHaveLength(1);
  });

  it("checks again a frozen header set whose value is a getter (it may answer differently next time)", async () => {
    let value = "tok_1";
    const headers = Object.freeze({
      get "x-token"() {
        return value;
      },
    });
    const t = testClient([], { scheme: schemeOf(() => headers) });
    await get(t);
    value = BAD;
    await refused(t);
    expect(t.sent).toHaveLength(1);
  });
});

describe("signing per attempt", () => {
  it("runs the scheme once per attempt and sends the same body bytes every time", async () => {
    const { scheme, calls } = stampScheme();
    const t = testClient([json(503, { code: "BUSY" }), json(502, {}), json(200, { id: "t1" })], { scheme });
    const r = await t.client.POST("/things", { body: { name: "a", external_id: "ext-1" } });
    expect(r.data).toEqual({ id: "t1" });
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(t.sent).toHaveLength(3);
    expect(new Set(t.sent.map((s) => s.body))).toEqual(new Set(['{"name":"a","external_id":"ext-1"}']));
    expect(calls.every((c) => c.body === '{"name":"a","external_id":"ext-1"}')).toBe(true);
    // each attempt is stamped at its own time: the clock moved by the backoff in between
    expect(t.sent.map((s) => s.headers["x-stamp"])).toEqual([
      `1@${calls[0]!.now}`,
      `2@${calls[0]!.now + 500}`,
      `3@${calls[0]!.now + 1500}`,
    ]);
  });

  it("sets redirect: manual on every attempt, first and rebuilt", async () => {
    const t = testClient([json(500, {}), json(200, {})]);
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(t.sent.map((s) => s.redirect)).toEqual(["manual", "manual"]);
  });

  it("overrides a caller's own redirect option with manual, with and without a body", async () => {
    const t = testClient([]);
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } }, redirect: "follow" });
    await t.client.POST("/things", { body: { name: "n", external_id: "e1" }, redirect: "follow" });
    expect(t.sent.map((s) => s.redirect)).toEqual(["manual", "manual"]);
  });

  it("keeps caller headers and replaces (not duplicates) signed headers on a retry", async () => {
    const t = testClient([json(503, {}), json(200, {})]);
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } }, headers: { "x-trace": "abc" } });
    expect(t.sent[1]!.headers["x-trace"]).toBe("abc");
    expect(t.sent[1]!.headers.authorization).toBe("Bearer tok_123");
  });

  it("applies a scheme's url and body replacement", async () => {
    const scheme: Scheme = {
      name: "swap",
      sign: (parts) => ({ url: `${parts.url}?sig=1`, body: "replaced" }),
    };
    const t = testClient([json(200, {})], { scheme });
    await t.client.POST("/things", { body: { name: "x" } });
    expect(t.sent[0]!.url).toBe("https://api.example.com/v1/things?sig=1");
    expect(t.sent[0]!.body).toBe("replaced");
  });
});

describe("retry policy by x-keyway-retry", () => {
  it("never retries a create without an idempotency key on 5xx", async () => {
    const t = testClient([json(503, { code: "BUSY" }), json(200, {})]);
    const r = await t.client.POST("/things", { body: { name: "no key" } });
    expect(t.sent).toHaveLength(1);
    expect(r.error).toBeInstanceOf(TestError);
    expect(r.error?.status).toBe(503);
  });

  it("retries a create that carries its idempotency key, with the same key", async () => {
    const t = testClient([json(503, {}), json(500, {}), json(201, { ok: true })]);
    const r = await t.client.POST("/things", { body: { name: "k", external_id: "ext-42" } });
    expect(r.data).toEqual({ ok: true });
    expect(t.sent.map((s) => JSON.parse(s.body).external_id)).toEqual(["ext-42", "ext-42", "ext-42"]);
  });

  it("never retries a `never` operation, whatever the status", async () => {
    const t = testClient([json(503, {}), json(200, {})]);
    const r = await t.client.POST("/orders", { body: { sku: "1" } });
    expect(t.sent).toHaveLength(1);
    expect(r.error?.status).toBe(503);
    expect(r.error?.attempts).toBe(1);
  });

  it("retries 408/429/500/502/503/504 only, and stops at maxAttempts", async () => {
    for (const status of [408, 429, 500, 502, 503, 504]) {
      const t = testClient([json(status, {}), json(status, {}), json(status, {}), json(200, {})]);
      const r = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
      expect(t.sent, `status ${status}`).toHaveLength(3);
      expect(r.error?.attempts).toBe(3);
    }
    for (const status of [400, 401, 403, 404, 409, 422, 501]) {
      const t = testClient([json(status, {}), json(200, {})]);
      await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
      expect(t.sent, `status ${status}`).toHaveLength(1);
    }
  });

  it("backs off exponentially with jitter, capped at maxMs", async () => {
    const answers = Array.from({ length: 6 }, () => json(503, {}));
    const t = testClient(answers, { retry: { maxAttempts: 6, baseMs: 100, maxMs: 500 }, jitter: () => 0.5 });
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    // min(500, 100·2^(n-1)) · (1 − 0.25·0.5)
    expect(t.sleeps).toEqual([88, 175, 350, 438, 438]);
  });

  it("honours Retry-After in seconds and as an HTTP date", async () => {
    const t = testClient([json(429, {}, { "retry-after": "3" }), json(200, {})]);
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(t.sleeps).toEqual([3000]);

    const t2 = testClient([]);
    const at = new Date(t2.now() + 7000).toUTCString();
    const t3 = testClient([json(503, {}, { "retry-after": at }), json(200, {})]);
    await t3.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(t3.sleeps[0]).toBeGreaterThanOrEqual(6000);
    expect(t3.sleeps[0]).toBeLessThanOrEqual(7000);
  });

  it("returns the answer instead of waiting past maxRetryAfterMs", async () => {
    const t = testClient([json(429, { code: "SLOW" }, { "retry-after": "3600" }), json(200, {})]);
    const r = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(t.sent).toHaveLength(1);
    expect(t.sleeps).toEqual([]);
    expect(r.error?.code).toBe("SLOW");
  });

  it("lets the provider veto a retry by the answer's content", async () => {
    const t = testClient([json(429, { code: "QUOTA_EXCEEDED" }), json(200, {})], {
      isRetryable: async (res) => ((await res.clone().json()) as { code: string }).code !== "QUOTA_EXCEEDED",
    });
    const r = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(t.sent).toHaveLength(1);
    expect(r.error?.code).toBe("QUOTA_EXCEEDED");
  });

  it("retry: false makes a single attempt", async () => {
    const t = testClient([json(503, {}), json(200, {})], { retry: false });
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(t.sent).toHaveLength(1);
  });
});

describe("no answer", () => {
  it("retries network errors on safe operations, then rejects with KeywayNetworkError", async () => {
    const t = testClient([netError(), netError(), netError()]);
    const p = t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    await expect(p).rejects.toBeInstanceOf(KeywayNetworkError);
    await expect(p).rejects.toMatchObject({ attempts: 3, operation: "getThing", method: "GET" });
    expect(t.sent).toHaveLength(3);
  });

  it("a lost `never` call rejects with KeywayUnknownOutcomeError, with the provider's hint", async () => {
    const t = testClient([netError("ECONNRESET")], {
      unknownOutcome: ({ body, sentAt }) => ({
        hint: "list orders by time",
        details: { sku: (body as { sku: string }).sku, sentAt },
      }),
    });
    const err = await t.client.POST("/orders", { body: { sku: "S1" } }).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    expect(err.hint).toBe("list orders by time");
    expect(err.details).toEqual({ sku: "S1", sentAt: t.now() });
    expect(err.message).toMatch(/may have taken effect/);
    expect(t.sent).toHaveLength(1);
  });

  it("a lost create with an idempotency key is an unknown outcome that says to resend with the same key", async () => {
    const t = testClient([netError(), netError(), netError()]);
    const err = await t.client.POST("/things", { body: { name: "n", external_id: "ext-9" } }).catch((e) => e);
    expect(t.sent).toHaveLength(3);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    expect(err.details).toEqual({ external_id: "ext-9" });
    expect(err.hint).toContain("same external_id (ext-9)");
  });

  it("a refused connection is not an unknown outcome: nothing was sent", async () => {
    const t = testClient([netError("ECONNREFUSED")]);
    await expect(t.client.POST("/orders", { body: { sku: "S1" } })).rejects.toBeInstanceOf(
      KeywayNetworkError,
    );
  });

  it("times out each attempt, retries a safe read, then rejects with KeywayTimeoutError", async () => {
    const hang = () => new Promise<Response>(() => {});
    const t = testClient([hang, hang], { timeoutMs: 20, retry: { maxAttempts: 2 } });
    const err = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } }).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayTimeoutError);
    expect(err).toMatchObject({ attempts: 2, timeoutMs: 20 });
    expect(t.sent).toHaveLength(2);
  });

  it("a deadline never fires early, and at most a tenth of the timeout (one sweep) late", async () => {
    const t = testClient([() => new Promise<Response>(() => {})], { timeoutMs: 200, retry: false });
    const started = performance.now();
    await expect(t.client.GET("/things/{id}", { params: { path: { id: "1" } } })).rejects.toBeInstanceOf(
      KeywayTimeoutError,
    );
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(199);
    expect(elapsed).toBeLessThan(200 + 20 + 100); // one 20 ms sweep, plus scheduling slack on a loaded machine
  });

  it("retries a read whose fetch took the signal and honoured its abort, as the platform's fetch does", async () => {
    const seen: AbortSignal[] = [];
    const t = testClient([], {
      timeoutMs: 20,
      retry: { maxAttempts: 2 },
      fetch: (_req, init) => {
        const signal = init!.signal!;
        seen.push(signal);
        return new Promise<Response>((_, reject) =>
          signal.addEventListener("abort", () => reject(signal.reason), { once: true }),
        );
      },
    });
    const err = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } }).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayTimeoutError);
    expect(err).toMatchObject({ attempts: 2, timeoutMs: 20 });
    expect(seen.map((s) => s.aborted)).toEqual([true, true]);
  });

  it("ends the call when a fetch took the signal but ignores its abort, and drops its late answer", async () => {
    let calls = 0;
    let answer: ((response: Response) => void) | undefined;
    const t = testClient([], {
      timeoutMs: 20,
      fetch: (_req, init) => {
        calls++;
        void init?.signal;
        return new Promise<Response>((resolve) => {
          answer = resolve;
        });
      },
    });
    const err = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } }).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayTimeoutError);
    expect(err).toMatchObject({ attempts: 1 });
    // The call has ended: the late answer is dropped and no retry goes out.
    answer!(new Response("{}", { status: 200, headers: { "content-type": "application/json" } }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(1);
  });

  it("runs no hook for a fetch that settles after the call ended without it", async () => {
    let fail: ((err: Error) => void) | undefined;
    const t = testClient([], {
      timeoutMs: 20,
      fetch: (_req, init) => {
        void init?.signal;
        return new Promise<Response>((_, reject) => {
          fail = reject;
        });
      },
    });
    const seen: unknown[] = [];
    t.client.use({ onError: ({ error }) => void seen.push(error) });
    const err = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } }).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayTimeoutError);
    expect(seen).toEqual([]); // the fetch never settled: the transport, where the hooks run, never resumed
    fail!(new TypeError("fetch failed"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([]);
  });

  it("aborts the signal the inner fetch was given when the deadline passes", async () => {
    let seen: AbortSignal | undefined;
    const t = testClient([], {
      timeoutMs: 15,
      retry: false,
      fetch: (_req, init) => {
        seen = init?.signal ?? undefined;
        return new Promise<Response>(() => {});
      },
    });
    await expect(t.client.GET("/things/{id}", { params: { path: { id: "1" } } })).rejects.toBeInstanceOf(
      KeywayTimeoutError,
    );
    expect(seen?.aborted).toBe(true);
  });

  it("aborts the inner fetch's signal when the caller aborts mid-flight", async () => {
    let seen: AbortSignal | undefined;
    const ac = new AbortController();
    const t = testClient([], {
      fetch: (_req, init) => {
        seen = init?.signal ?? undefined;
        setTimeout(() => ac.abort(new Error("stop")), 5);
        return new Promise<Response>(() => {});
      },
    });
    await expect(
      t.client.GET("/things/{id}", { params: { path: { id: "1" } }, signal: ac.signal }),
    ).rejects.toThrow("stop");
    expect(seen?.aborted).toBe(true);
  });

  it("a timed-out `never` call is an unknown outcome", async () => {
    const t = testClient([() => new Promise<Response>(() => {})], { timeoutMs: 20 });
    await expect(t.client.POST("/orders", { body: { sku: "1" } })).rejects.toBeInstanceOf(
      KeywayUnknownOutcomeError,
    );
  });

  it("honours the caller's signal during backoff", async () => {
    const ac = new AbortController();
    const t = testClient([json(503, {}), json(200, {})], {
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, ms);
          signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
          setTimeout(() => ac.abort(new Error("caller gave up")), 5);
        }),
      retry: { baseMs: 10_000 },
    });
    const started = Date.now();
    await expect(
      t.client.GET("/things/{id}", { params: { path: { id: "1" } }, signal: ac.signal }),
    ).rejects.toThrow("caller gave up");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(t.sent).toHaveLength(1);
  });
});

describe("clock skew", () => {
  it("corrects the client's offset once from Date, re-signs and retries, even for a `never` operation", async () => {
    const { scheme, calls } = stampScheme();
    const t = testClient([], { scheme });
    const serverTime = t.now() + 600_000; // server is 10 minutes ahead
    const clockError = () => json(401, { code: "CLOCK" }, { date: new Date(serverTime).toUTCString() });
    const t2 = testClient([clockError(), json(200, { ok: 1 })], {
      scheme,
      isClockError: async (res) =>
        res.status === 401 && ((await res.clone().json()) as { code: string }).code === "CLOCK",
    });
    const r = await t2.client.POST("/orders", { body: { sku: "1" } });
    expect(r.data).toEqual({ ok: 1 });
    expect(t2.sent).toHaveLength(2);
    expect(calls[1]!.now - calls[0]!.now).toBe(600_000);
    expect(t2.client.clockOffsetMs()).toBe(600_000);
    // later calls use the corrected clock too
    await t2.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(calls[2]!.now).toBe(t2.now() + 600_000);
  });

  it("corrects at most once per call: a second clock error is returned, not looped", async () => {
    const date = new Date(1_800_000_000_000).toUTCString();
    const t = testClient(
      [json(401, { code: "CLOCK" }, { date }), json(401, { code: "CLOCK" }, { date }), json(200, {})],
      {
        isClockError: (res) => res.status === 401,
      },
    );
    const r = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(t.sent).toHaveLength(2);
    expect(r.error?.code).toBe("CLOCK");
  });
});

describe("auth errors", () => {
  it("a 401 asks the scheme once; `retry` re-signs and sends again", async () => {
    let token = "old";
    const onAuthError = vi.fn(() => {
      token = "new";
      return "retry" as const;
    });
    const scheme: Scheme = {
      name: "refresh",
      sign: () => ({ headers: { authorization: `Bearer ${token}` } }),
      onAuthError,
    };
    const t = testClient([json(401, {}), json(401, {}), json(200, {})], { scheme });
    const r = await t.client.POST("/orders", { body: { sku: "1" } });
    expect(onAuthError).toHaveBeenCalledTimes(1);
    expect(t.sent.map((s) => s.headers.authorization)).toEqual(["Bearer old", "Bearer new"]);
    expect(r.error?.status).toBe(401);
  });
});

describe("error contract", () => {
  it("resolves a provider failure with the provider's error class, never throws", async () => {
    const t = testClient([
      json(404, { code: "NOT_FOUND", message: "no such thing" }, { "x-request-id": "r1" }),
    ]);
    const r = await t.client.GET("/things/{id}", { params: { path: { id: "nope" } } });
    expect(r.data).toBeUndefined();
    expect(r.error).toBeInstanceOf(TestError);
    expect(r.error).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
      message: "no such thing",
      operation: "getThing",
      attempts: 1,
    });
    expect(r.response.status).toBe(404);
    expect(() => unwrap(r)).toThrow(TestError);
  });

  it("a 2xx failure envelope becomes an error when the provider says so; select picks the data", async () => {
    const t = testClient(
      [json(200, { success: false, code: "E1" }), json(200, { success: true, data: { x: 1 } })],
      {
        isFailure: (body) => (body as { success: boolean }).success === false,
        select: (body) => (body as { data: unknown }).data,
      },
    );
    const a = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(a.error).toMatchObject({ status: 200, code: "E1" });
    const b = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(b.data).toEqual({ x: 1 });
    expect(unwrap(b)).toEqual({ x: 1 });
  });

  it("an empty or non-JSON 2xx is a success with no data where the spec promises no body", async () => {
    const t = testClient([
      new Response("ok", { status: 200, headers: { "content-type": "text/plain" } }),
      new Response(null, { status: 200 }),
    ]);
    const a = await t.client.PUT("/labels", { body: { label: "x" } });
    expect(a.error).toBeUndefined();
    expect(a.data).toBeUndefined();
    const b = await t.client.PUT("/labels", { body: { label: "x" } });
    expect(b.error).toBeUndefined();
    expect(b.data).toBeUndefined();
  });

  it("a chunked text/plain 2xx (SGate's PUTs) is a success with no data, not a SyntaxError", async () => {
    const chunked = new Response("", {
      status: 200,
      headers: { "content-type": "text/plain; charset=utf-8", "transfer-encoding": "chunked" },
    });
    const t = testClient([chunked]);
    const r = await t.client.PUT("/labels", { body: { label: "x" } });
    expect(r.error).toBeUndefined();
    expect(r.data).toBeUndefined();
    expect(r.response.status).toBe(200);
  });

  it("an empty error body gives an error with undefined body, not ''", async () => {
    const t = testClient([new Response(null, { status: 500 })], { retry: false });
    const r = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(r.error?.body).toBeUndefined();
    expect(r.error?.code).toBe("HTTP_500");
  });

  it("rejects with the error a scheme's open() throws", async () => {
    const scheme: Scheme = {
      name: "sealed",
      sign: () => ({}),
      open: async () => {
        throw new SignatureVerificationError("bad signature");
      },
    };
    const t = testClient([json(200, {})], { scheme });
    await expect(t.client.GET("/things/{id}", { params: { path: { id: "1" } } })).rejects.toBeInstanceOf(
      SignatureVerificationError,
    );
  });

  it("refuses an operation the spec does not have, before the wire", async () => {
    const t = testClient([]);
    // @ts-expect-error not a path of the spec
    await expect(t.client.GET("/nope")).rejects.toBeInstanceOf(KeywayConfigError);
    expect(t.sent).toHaveLength(0);
  });

  it("a scheme's refusal rejects before the wire", async () => {
    const scheme: Scheme = {
      name: "picky",
      sign: () => {
        throw new KeywayConfigError("unsafe path id");
      },
    };
    const t = testClient([], { scheme });
    await expect(t.client.GET("/things/{id}", { params: { path: { id: "a/b" } } })).rejects.toThrow(
      "unsafe path id",
    );
    expect(t.sent).toHaveLength(0);
  });
});

describe("configuration", () => {
  it("refuses plain http except on loopback", () => {
    expect(() => testClient([], { baseUrl: "http://api.example.com/v1" })).toThrow(KeywayConfigError);
    expect(() => testClient([], { baseUrl: "ftp://x" })).toThrow(KeywayConfigError);
    expect(() => testClient([], { baseUrl: "not a url" })).toThrow(KeywayConfigError);
    for (const ok of ["http://127.0.0.1:8080/v1", "http://localhost:1/v1", "http://[::1]:2/v1"]) {
      expect(() => testClient([], { baseUrl: ok })).not.toThrow();
    }
  });

  it("refuses to run in a browser unless told to", () => {
    const g = globalThis as { window?: unknown; document?: unknown };
    g.window = {};
    g.document = {};
    try {
      expect(() => testClient([])).toThrow(/refuse to run in a browser/);
      expect(() => testClient([], { dangerouslyAllowBrowser: true })).not.toThrow();
    } finally {
      delete g.window;
      delete g.document;
    }
  });

  it("refuses an empty or malformed bearer token at construction", () => {
    expect(() => bearer({ token: "" })).toThrow(KeywayConfigError);
    expect(() => bearer({ token: "has space" })).toThrow(KeywayConfigError);
  });

  it("a function token is read per request", async () => {
    let n = 0;
    const t = testClient([json(200, {}), json(200, {})], { scheme: bearer({ token: () => `tok${++n}` }) });
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(t.sent.map((s) => s.headers.authorization)).toEqual(["Bearer tok1", "Bearer tok2"]);
  });
});
