/**
 * Refused before the wire: unsafe path parameters, header values `Headers` would reject, bodies JSON cannot
 * carry, broken credential sources; and a redirect never carries the credentials to another origin.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPathParams } from "../src/core/guard.js";
import { KeywayConfigError, type OperationRow, type Scheme } from "../src/index.js";
import { bearer } from "../src/schemes/bearer.js";
import { TestError, testClient } from "./fixtures.js";

describe("path parameters", () => {
  it.each([
    [".", '"."'],
    ["..", '".."'],
    ["", '""'],
    [{ toString: () => "x" }, "object"],
    [undefined, "undefined"],
    [null, "null"],
    [Number.NaN, "number"],
    ["\uD800", JSON.stringify("\uD800")],
  ])("refuses %j before the wire, naming the parameter", async (value, shown) => {
    const t = testClient([]);
    const err = await t.client
      .GET("/things/{id}", { params: { path: { id: value as string } } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(KeywayConfigError);
    expect(err.message).toContain("params.path.id");
    expect(err.message).toContain(shown);
    expect(t.sent).toHaveLength(0);
  });

  it("sends ordinary ids, numbers and ids that need escaping", async () => {
    const t = testClient([]);
    for (const id of ["abc", 42, "a/b", "...", ".x"]) {
      await t.client.GET("/things/{id}", { params: { path: { id: id as string } } });
    }
    expect(t.sent.map((s) => new URL(s.url).pathname)).toEqual([
      "/v1/things/abc",
      "/v1/things/42",
      "/v1/things/a%2Fb",
      "/v1/things/...",
      "/v1/things/.x",
    ]);
  });
});

describe("path templates", () => {
  const row = (path: string) => ({ method: "GET", path, operationId: "op", retry: "safe" }) as OperationRow;
  const all = { x: "1", y: "2", z: "3", w: "4" };

  it("checks every parameter of a template, RFC 6570 prefixes and the explode mark stripped, on every call", () => {
    const r = row("/a/{x}/b{.y}{;z}/{w*}");
    expect(() => checkPathParams(r, all)).not.toThrow();
    // The names are parsed once per template; the values are checked on every call.
    for (const name of ["x", "y", "z", "w"]) {
      expect(() => checkPathParams(r, { ...all, [name]: ".." })).toThrow(`params.path.${name} of GET /a/`);
    }
    expect(() => checkPathParams(r, all)).not.toThrow();
  });

  it("keeps templates apart that share a prefix, and asks nothing of a path without parameters", () => {
    expect(() => checkPathParams(row("/a/{x}"), { x: "1" })).not.toThrow();
    expect(() => checkPathParams(row("/a/{x}/{y}"), { x: "1" })).toThrow("params.path.y");
    expect(() => checkPathParams(row("/a"), undefined)).not.toThrow();
  });
});

describe("inputs that would be raw TypeErrors", () => {
  it.each([
    ["CR LF", "a\r\nx-evil: 1"],
    ["NUL", "a\u0000b"],
    ["non-Latin-1", "ключ"],
  ])("a header parameter with %s is a KeywayConfigError naming it", async (_what, value) => {
    const t = testClient([]);
    const err = await t.client
      .GET("/things/{id}", { params: { path: { id: "1" } }, headers: { "x-trace": value } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(KeywayConfigError);
    expect(err.message).toContain("headers.x-trace");
    expect(err.message).not.toContain(value);
    expect(t.sent).toHaveLength(0);
  });

  it("checks each value of a repeated header: numbers pass as openapi-fetch sends them, CR LF is refused", async () => {
    const t = testClient([]);
    const init = (values: unknown[]) => ({
      params: { path: { id: "1" } },
      headers: { "x-trace": values as string[] },
    });
    await t.client.GET("/things/{id}", init([1, "two"]));
    expect(t.sent[0]?.headers["x-trace"]).toBe("1, two");
    const err = await t.client.GET("/things/{id}", init([1, "a\r\nx-evil: 1"])).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayConfigError);
    expect(err.message).toContain("headers.x-trace");
    expect(t.sent).toHaveLength(1);
  });

  it("a credential read per request with CR LF is a KeywayConfigError, not a TypeError", async () => {
    const t = testClient([], { scheme: bearer({ token: () => "tok\r\nx-evil: 1" }) });
    const err = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } }).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayConfigError);
    expect(err.message).not.toContain("x-evil");
    expect(t.sent).toHaveLength(0);
  });

  it("a scheme that throws a plain error is a KeywayConfigError with the cause kept", async () => {
    const scheme: Scheme = {
      name: "broken",
      sign: () => {
        throw new TypeError("boom");
      },
    };
    const t = testClient([], { scheme });
    const err = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } }).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayConfigError);
    expect(err.cause).toEqual(new TypeError("boom"));
  });

  it("a BigInt or circular body is a KeywayConfigError naming the body", async () => {
    const circular: Record<string, unknown> = { name: "c" };
    circular.self = circular;
    for (const body of [{ name: "b", n: 10n }, circular]) {
      const t = testClient([]);
      const err = await t.client.POST("/things", { body: body as { name: string } }).catch((e) => e);
      expect(err).toBeInstanceOf(KeywayConfigError);
      expect(err.message).toMatch(/^body of POST \/things cannot be serialised/);
      expect(t.sent).toHaveLength(0);
    }
  });

  it("accepts a URL object as baseUrl, and refuses other non-strings", () => {
    const t = testClient([], { baseUrl: new URL("https://api.example.com/v1/") });
    expect(t.client).toBeDefined();
    expect(() => testClient([], { baseUrl: 42 as unknown as string })).toThrow(KeywayConfigError);
    expect(() => testClient([], { baseUrl: undefined as unknown as string })).toThrow(/baseUrl/);
  });
});

describe("redirects", () => {
  const seen: { host: string; authorization: string | undefined }[] = [];
  const other = createServer((req: IncomingMessage, res) => {
    seen.push({ host: "other", authorization: req.headers.authorization });
    res.writeHead(200, { "content-type": "application/json" }).end('{"id":"stolen"}');
  });
  const origin = createServer((req, res) => {
    seen.push({ host: "origin", authorization: req.headers.authorization });
    const to = `http://127.0.0.1:${(other.address() as AddressInfo).port}/v1/things/1`;
    res.writeHead(307, { location: to }).end();
  });
  let base = "";
  beforeAll(async () => {
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
    await new Promise<void>((r) => origin.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(origin.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    for (const s of [origin, other]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  it("are never followed, whatever the caller passes: the credentials stay on the base URL's origin", async () => {
    for (const [redirect, timeoutMs] of [
      ["follow", 0],
      ["follow", 5000],
      [undefined, 0],
    ] as const) {
      seen.length = 0;
      const t = testClient([], {
        baseUrl: base,
        timeoutMs,
        fetch: (req, init) => globalThis.fetch(req, init),
      });
      const r = await t.client.GET("/things/{id}", {
        params: { path: { id: "1" } },
        ...(redirect ? { redirect } : {}),
      });
      expect(seen).toEqual([{ host: "origin", authorization: "Bearer tok_123" }]);
      expect(r.data).toBeUndefined();
      expect(r.error).toBeInstanceOf(TestError);
      expect(r.error?.status).toBe(307);
    }
  });
});
