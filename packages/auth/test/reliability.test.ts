/**
 * Every call ends, and a create that may have reached the server says so: stalled and cut bodies on a real
 * loopback socket, the caller's signal at every stage, lost attempts followed by failures, and 2xx answers
 * without the body the spec promises.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  KeywayNetworkError,
  KeywayResponseError,
  KeywayTimeoutError,
  KeywayUnknownOutcomeError,
} from "../src/index.js";
import { json, netError, TestError, testClient } from "./fixtures.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let base = "";
const server = createServer((req, res) => handler(req, res));

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Headers arrive, the body never finishes. */
const stall: Handler = (req, res) => {
  req.resume();
  res.writeHead(200, { "content-type": "application/json", "content-length": "64" });
  res.write('{"id":');
};
/** Headers and half a body arrive, then the connection is cut. */
const cut: Handler = (req, res) => {
  req.resume();
  res.writeHead(200, { "content-type": "application/json", "content-length": "64" });
  res.write('{"id":', () => res.destroy());
};

/** A client that talks to the loopback server with the platform's fetch. */
function real(overrides: Parameters<typeof testClient>[1] = {}) {
  return testClient([], { baseUrl: base, fetch: (req, init) => globalThis.fetch(req, init), ...overrides });
}
const getThing = { params: { path: { id: "1" } } };

describe("a stalled body", () => {
  it("times out with timeoutMs set: the deadline covers the body read", async () => {
    handler = stall;
    const t = real({ timeoutMs: 100, retry: false });
    const err = await t.client.GET("/things/{id}", getThing).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayTimeoutError);
    expect(err).toMatchObject({ attempts: 1, timeoutMs: 100, operation: "getThing" });
  });

  it("ends when the caller's signal fires after the headers, with no client timeout", async () => {
    handler = stall;
    const t = real({ timeoutMs: 0, retry: false });
    const err = await t.client
      .GET("/things/{id}", { ...getThing, signal: AbortSignal.timeout(150) })
      .catch((e) => e);
    expect((err as Error).name).toBe("TimeoutError");
  });

  it("ends when the caller's signal fires after the headers, with the default timeout", async () => {
    handler = stall;
    const t = real({ retry: false });
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error("caller gave up")), 150);
    await expect(t.client.GET("/things/{id}", { ...getThing, signal: ac.signal })).rejects.toThrow(
      "caller gave up",
    );
  });

  it("times out even through an inner fetch that never reads the signal", async () => {
    const t = testClient([], {
      timeoutMs: 100,
      retry: false,
      fetch: async () =>
        new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"a":')) }), {
          status: 200,
          headers: { "content-type": "application/json" },
        }),
    });
    await expect(t.client.GET("/things/{id}", getThing)).rejects.toBeInstanceOf(KeywayTimeoutError);
  });

  it("on a `key:` create is an unknown outcome carrying the key", async () => {
    handler = stall;
    const t = real({ timeoutMs: 100, retry: false });
    const err = await t.client.POST("/things", { body: { name: "n", external_id: "ext-7" } }).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    expect(err.details).toEqual({ external_id: "ext-7" });
    expect(err.hint).toContain("same external_id (ext-7)");
  });
});

describe("the deadline's signal, shared by the attempts of one sweep interval", () => {
  it("aborts a stalled request on the wire and leaves the calls that ended, and a stream read later, whole", async () => {
    let stalledClosed!: () => void;
    const closed = new Promise<void>((resolve) => (stalledClosed = resolve));
    const rest = '"tail"}';
    handler = (req, res) => {
      req.resume();
      if (req.url === "/v1/things/1") {
        res.on("close", stalledClosed); // never answers: only the client's abort ends it
      } else if (req.url === "/v1/things/2") {
        res.writeHead(200, { "content-type": "application/json" }).end('{"id":"2"}');
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"id":"3","more":');
        setTimeout(() => res.end(rest), 200); // after the stalled call's deadline and its abort
      }
    };
    const t = real({ timeoutMs: 60, retry: false });
    // Started together: one sweep interval, so the first two share the deadline's signal.
    const stalled = t.client.GET("/things/{id}", getThing).catch((e) => e);
    const [ended, streamed] = await Promise.all([
      t.client.GET("/things/{id}", { params: { path: { id: "2" } } }),
      t.client.GET("/things/{id}", { params: { path: { id: "3" } }, parseAs: "stream" }),
    ]);
    expect(ended.data).toEqual({ id: "2" });
    expect(await stalled).toBeInstanceOf(KeywayTimeoutError);
    await closed;
    expect(await new Response(streamed.data as ReadableStream).text()).toBe(`{"id":"3","more":${rest}`);
  });

  it("ends a read the server never answers on the wire, then retries it: the platform's fetch honours the abort", async () => {
    let requests = 0;
    let firstClosed!: () => void;
    const closed = new Promise<void>((resolve) => (firstClosed = resolve));
    handler = (req, res) => {
      req.resume();
      if (++requests === 1)
        res.on("close", firstClosed); // never answers
      else res.writeHead(200, { "content-type": "application/json" }).end('{"id":"1"}');
    };
    const t = real({ timeoutMs: 60, retry: { maxAttempts: 2 } });
    const { data, error } = await t.client.GET("/things/{id}", getThing);
    expect(error).toBeUndefined();
    expect(data).toEqual({ id: "1" });
    expect(requests).toBe(2);
    await closed; // the first attempt's socket was closed by its abort
  });
});

describe("a body cut mid-way", () => {
  it("on a read is a KeywayNetworkError, not a raw TypeError", async () => {
    handler = cut;
    const t = real({ retry: false });
    const err = await t.client.GET("/things/{id}", getThing).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayNetworkError);
  });

  it("on a `key:` create is an unknown outcome carrying the key", async () => {
    handler = cut;
    const t = real({ retry: false });
    const err = await t.client.POST("/things", { body: { name: "n", external_id: "ext-8" } }).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    expect(err.details).toEqual({ external_id: "ext-8" });
  });
});

describe("a create whose earlier attempt was lost", () => {
  it("ends as an unknown outcome with the key when the later attempts fail", async () => {
    const t = testClient([netError(), json(503, { code: "BUSY" }), json(503, { code: "BUSY" })]);
    const err = await t.client.POST("/things", { body: { name: "n", external_id: "ext-1" } }).catch((e) => e);
    expect(t.sent).toHaveLength(3);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    expect(err.details).toEqual({ external_id: "ext-1" });
    expect(err.hint).toContain("same external_id (ext-1)");
    expect(err.cause).toBeInstanceOf(TestError);
    expect(err.cause.status).toBe(503);
  });

  it("also after a timed-out attempt", async () => {
    const t = testClient([() => new Promise<Response>(() => {}), json(429, { code: "SLOW" })], {
      timeoutMs: 30,
      retry: { maxAttempts: 2 },
    });
    const err = await t.client.POST("/things", { body: { name: "n", external_id: "ext-2" } }).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    expect(err.details).toEqual({ external_id: "ext-2" });
  });

  it("a failure with nothing lost stays the provider's error", async () => {
    const t = testClient([json(503, {}), json(503, {}), json(503, {})]);
    const r = await t.client.POST("/things", { body: { name: "n", external_id: "ext-3" } });
    expect(r.error).toBeInstanceOf(TestError);
  });
});

describe("the caller's signal on a create", () => {
  it("firing after a `never` create was sent is an unknown outcome with the provider's lookup", async () => {
    const ac = new AbortController();
    const t = testClient([], {
      fetch: () => {
        setTimeout(() => ac.abort(new DOMException("gave up", "TimeoutError")), 5);
        return new Promise<Response>(() => {});
      },
      unknownOutcome: ({ body }) => ({
        hint: "look it up by sku",
        details: { sku: (body as { sku: string }).sku },
      }),
    });
    const err = await t.client.POST("/orders", { body: { sku: "S9" }, signal: ac.signal }).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
    expect(err.details).toEqual({ sku: "S9" });
    expect(err.hint).toBe("look it up by sku");
    expect((err.cause as Error).name).toBe("TimeoutError");
  });

  it("already aborted before anything was sent rejects with the caller's reason", async () => {
    const t = testClient([]);
    const err = await t.client
      .POST("/orders", { body: { sku: "S9" }, signal: AbortSignal.abort(new Error("not now")) })
      .catch((e) => e);
    expect(err).toEqual(new Error("not now"));
    expect(t.sent).toHaveLength(0);
  });
});

describe("a 2xx without the body the spec promises", () => {
  const unreadable = () => [
    new Response(null, { status: 200 }),
    new Response(null, { status: 204 }),
    new Response("<html>ok</html>", { status: 200, headers: { "content-type": "text/html" } }),
    new Response("done", { status: 201, headers: { "content-type": "text/plain" } }),
    json(200, null),
    new Response('{"id":', { status: 200, headers: { "content-type": "application/json" } }),
  ];

  it("on a read is a KeywayResponseError that says so", async () => {
    for (const answer of unreadable()) {
      const t = testClient([answer]);
      const err = await t.client.GET("/things/{id}", getThing).catch((e) => e);
      expect(err, String(answer.status)).toBeInstanceOf(KeywayResponseError);
      expect(err.message).toMatch(/without a readable JSON body/);
    }
  });

  it("on a create is an unknown outcome", async () => {
    for (const answer of unreadable()) {
      const t = testClient([answer]);
      const err = await t.client
        .POST("/things", { body: { name: "n", external_id: "ext-4" } })
        .catch((e) => e);
      expect(err).toBeInstanceOf(KeywayUnknownOutcomeError);
      expect(err.details).toEqual({ external_id: "ext-4" });
    }
  });
});

describe("secrets echoed by a provider", () => {
  it("never reach error.body, its message, JSON or inspect output", async () => {
    const { inspect } = await import("node:util");
    const token = "sk_live_Zq81Echo9Secret";
    const echo = (req: Request) =>
      json(400, {
        code: "BAD",
        message: `bad request with Authorization: ${req.headers.get("authorization")}`,
        request: { headers: Object.fromEntries(req.headers), [token]: [token, { deep: `x${token}y` }] },
      });
    const t = testClient([echo], { scheme: (await import("../src/schemes/bearer.js")).bearer({ token }) });
    const r = await t.client.GET("/things/{id}", getThing);
    expect(r.error).toBeInstanceOf(TestError);
    for (const text of [JSON.stringify(r.error?.body), r.error?.message, inspect(r.error, { depth: 9 })]) {
      expect(text).not.toContain(token);
    }
    expect(JSON.stringify(r.error?.body)).toContain("Bearer [redacted]");
  });
});
