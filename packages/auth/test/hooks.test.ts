import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KeywayConfigError, KeywayNetworkError, type Middleware, type Scheme } from "../src/index.js";
import { json, netError, testClient } from "./fixtures.js";

/**
 * A scheme that signs what a real one signs (method, final URL with query, one caller header, body bytes): the
 * stub recomputes the digest from what actually arrived, as a server verifying a signature would.
 */
const digestOf = (method: string, url: string, trace: string | null, body: string) =>
  createHash("sha256")
    .update(`${method}\n${url}\n${trace ?? ""}\n${body}`)
    .digest("hex");
const digestScheme: Scheme = {
  name: "digest",
  sign(parts) {
    const body = parts.body ? new TextDecoder().decode(parts.body) : "";
    return {
      headers: {
        authorization: "Digest secret-token",
        "x-sig": digestOf(parts.method, parts.url, parts.headers.get("x-trace"), body),
      },
    };
  },
};
const verifies = (s: { method: string; url: string; headers: Record<string, string>; body: string }) =>
  s.headers["x-sig"] === digestOf(s.method, s.url, s.headers["x-trace"] ?? null, s.body);

describe("use(): onRequest runs per attempt, before signing", () => {
  it("signs whatever the hook set (header, query, body), on every attempt", async () => {
    const t = testClient([json(503, {}), json(200, { id: "t1" })], { scheme: digestScheme });
    const seen: { attempt: number; auth: string | null }[] = [];
    t.client.use({
      async onRequest({ request, attempt }) {
        seen.push({ attempt, auth: request.headers.get("authorization") });
        const url = new URL(request.url);
        url.searchParams.set("hook", String(attempt));
        const body = { ...(await request.json()), name: "from-hook" };
        const headers = new Headers(request.headers);
        headers.set("x-trace", `trace-${attempt}`);
        return new Request(url, { method: request.method, headers, body: JSON.stringify(body) });
      },
    });
    const r = await t.client.POST("/things", { body: { name: "a", external_id: "e1" } });
    expect(r.data).toEqual({ id: "t1" });
    expect(t.sent).toHaveLength(2);
    expect(t.sent.map((s) => s.url)).toEqual([
      "https://api.example.com/v1/things?hook=1",
      "https://api.example.com/v1/things?hook=2",
    ]);
    expect(t.sent.map((s) => s.headers["x-trace"])).toEqual(["trace-1", "trace-2"]);
    expect(t.sent.every((s) => JSON.parse(s.body).name === "from-hook")).toBe(true);
    expect(t.sent.every(verifies)).toBe(true);
    // the hook ran before signing: it never saw the credential
    expect(seen).toEqual([
      { attempt: 1, auth: null },
      { attempt: 2, auth: null },
    ]);
  });

  it("cannot override a signed header, nor change the request after signing through a kept reference", async () => {
    let kept: Request | undefined;
    // A scheme that, once it has signed, lets a hook's leftover callback fire (as a timer in a hook could).
    const scheme: Scheme = {
      name: "digest-then-meddle",
      sign(parts, ctx) {
        const signed = digestScheme.sign(parts, ctx);
        kept?.headers.set("x-trace", "after-signing");
        return signed;
      },
    };
    const t = testClient([json(200, {})], { scheme });
    t.client.use({
      onRequest({ request }) {
        kept = request;
        request.headers.set("authorization", "Bearer forged");
        request.headers.set("x-sig", "forged");
        request.headers.set("x-trace", "in-hook");
      },
    });
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(kept?.headers.get("x-trace")).toBe("after-signing");
    expect(t.sent[0]!.headers.authorization).toBe("Digest secret-token");
    expect(t.sent[0]!.headers["x-trace"]).toBe("in-hook");
    expect(verifies(t.sent[0]!)).toBe(true);
  });

  it("refuses a replacement Request with another method or outside the base URL", async () => {
    const t = testClient([json(200, {})]);
    const away: Middleware = { onRequest: () => new Request("https://evil.example/v1/things/1") };
    t.client.use(away);
    await expect(t.client.GET("/things/{id}", { params: { path: { id: "1" } } })).rejects.toThrow(
      KeywayConfigError,
    );
    t.client.eject(away);
    t.client.use({ onRequest: ({ request }) => new Request(request.url, { method: "DELETE" }) });
    await expect(t.client.GET("/things/{id}", { params: { path: { id: "1" } } })).rejects.toThrow(
      /never the method or the origin/,
    );
    expect(t.sent).toHaveLength(0);
  });

  it("use() rejects what is not a hook set; eject() removes one", async () => {
    const t = testClient([json(200, {}), json(200, {})]);
    expect(() => t.client.use({} as Middleware)).toThrow(KeywayConfigError);
    const calls: string[] = [];
    const tag: Middleware = { onRequest: ({ request }) => void request.headers.set("x-tag", "1") };
    const log: Middleware = { onResponse: ({ response }) => void calls.push(String(response.status)) };
    t.client.use(tag, log);
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    t.client.eject(tag, log);
    await t.client.GET("/things/{id}", { params: { path: { id: "2" } } });
    expect(t.sent.map((s) => s.headers["x-tag"])).toEqual(["1", undefined]);
    expect(calls).toEqual(["200"]);
  });
});

describe("use(): onResponse and onError run once per call", () => {
  it("onResponse sees the final answer after retries, in reverse order, and may replace it", async () => {
    const t = testClient([json(503, {}), json(200, { id: "real" })]);
    const order: string[] = [];
    t.client.use(
      { onResponse: ({ response, attempt }) => void order.push(`outer ${response.status} ${attempt}`) },
      {
        onResponse: ({ response }) => {
          order.push(`inner ${response.status}`);
          return json(200, { id: "replaced" });
        },
      },
    );
    const r = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(order).toEqual(["inner 200", "outer 200 2"]);
    expect(r.data).toEqual({ id: "replaced" });
  });

  it("onError runs once on a network error after the retries; a Response becomes the answer", async () => {
    const t = testClient([netError(), netError(), netError()]);
    const errors: unknown[] = [];
    t.client.use({
      onError: ({ error }) => {
        errors.push(error);
        return json(200, { id: "fallback" });
      },
    });
    const r = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(t.sent).toHaveLength(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(KeywayNetworkError);
    expect(r.data).toEqual({ id: "fallback" });
  });

  it("onError may replace the error; returning nothing rethrows the original", async () => {
    const t = testClient([netError(), netError(), netError(), netError(), netError(), netError()]);
    const mine = new Error("mapped");
    const swap: Middleware = { onError: () => mine };
    t.client.use(swap);
    await expect(t.client.GET("/things/{id}", { params: { path: { id: "1" } } })).rejects.toBe(mine);
    t.client.eject(swap);
    t.client.use({ onError: () => undefined });
    await expect(t.client.GET("/things/{id}", { params: { path: { id: "1" } } })).rejects.toThrow(
      KeywayNetworkError,
    );
  });
});

describe("headers option and User-Agent", () => {
  it("sends the User-Agent and default headers on every attempt, under per-call headers", async () => {
    const t = testClient([json(503, {}), json(200, {})], {
      userAgent: "keyway-test/1.2.3",
      headers: { "x-app": "shop", "x-env": "default" },
    });
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } }, headers: { "x-env": "call" } });
    expect(t.sent).toHaveLength(2);
    for (const s of t.sent) {
      expect(s.headers["user-agent"]).toBe("keyway-test/1.2.3");
      expect(s.headers["x-app"]).toBe("shop");
      expect(s.headers["x-env"]).toBe("call");
    }
  });

  it("lets the caller replace or drop the User-Agent, and refuses unsafe default headers", async () => {
    const t = testClient([json(200, {}), json(200, {})], {
      userAgent: "keyway-test/1.2.3",
      headers: { "User-Agent": "my-app/2.0" },
    });
    await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    const none = testClient([json(200, {})], {
      userAgent: "keyway-test/1.2.3",
      headers: { "user-agent": null },
    });
    await none.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(t.sent[0]!.headers["user-agent"]).toBe("my-app/2.0");
    expect(none.sent[0]!.headers["user-agent"]).toBeUndefined();
    expect(() => testClient([], { headers: { "x-bad": "a\r\nb" } })).toThrow(KeywayConfigError);
  });

  it("lets one call replace or drop the User-Agent, and the hooks see the one that will be sent", async () => {
    const seen: (string | null)[] = [];
    const t = testClient([], { userAgent: "keyway-test/1.2.3" });
    t.client.use({ onRequest: ({ request }) => void seen.push(request.headers.get("user-agent")) });
    const get = (headers?: HeadersInit | Record<string, string | null>) =>
      t.client.GET("/things/{id}", { params: { path: { id: "1" } }, ...(headers ? { headers } : {}) });
    await get({ "User-Agent": null });
    await get({ "user-agent": "my-call/1.0" });
    await get(new Headers({ "User-Agent": "my-headers/2.0" }));
    await get();
    const sent = t.sent.map((s) => s.headers["user-agent"]);
    expect(sent).toEqual([undefined, "my-call/1.0", "my-headers/2.0", "keyway-test/1.2.3"]);
    expect(seen).toEqual([null, "my-call/1.0", "my-headers/2.0", "keyway-test/1.2.3"]);
  });
});
