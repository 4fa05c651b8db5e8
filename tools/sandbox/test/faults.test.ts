import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandboxApp, readRequestParts, type SandboxApp } from "../src/core/app.js";
import { SandboxError } from "../src/core/errors.js";
import { FaultController, FaultSpecError } from "../src/core/faults.js";
import { type ServedApp, serve } from "../src/core/serve.js";
import { loadSpec } from "../src/core/spec.js";
import { SpecValidator } from "../src/core/validator.js";
import type { ProviderName } from "../src/providers.js";
import { registerProvider, startSandbox, UnknownProviderError } from "../src/start.js";
import { FIXTURE_SPECS } from "./helpers.js";

/** A tiny provider on the fixture spec: counts handled requests, echoes its clock. */
async function createMini(now?: () => number): Promise<SandboxApp & { handled: () => number }> {
  const validator = await SpecValidator.create(loadSpec("mini", { specsDir: FIXTURE_SPECS }), {
    basePath: "/v1",
  });
  let handled = 0;
  const sb = createSandboxApp({
    name: "mini",
    basePath: "/v1",
    validator,
    now,
    faultError: ({ status, code }) => new SandboxError(status, { error: { code: code ?? `HTTP_${status}` } }),
    faultKinds: {
      "corrupt-body": async ({ fault, c, next }) => {
        await next();
        const text = await c.res.text();
        return new Response(text.replace(/"/g, String(fault.params?.with ?? "'")), c.res);
      },
    },
    onReset: () => {
      handled = 0;
    },
    credentialOf: (c) => c.req.header("x-key"),
  });
  sb.app.post("/v1/things", async (c) => {
    const parts = await readRequestParts(c, "/v1");
    const r = validator.validateRequest(parts);
    if (!r.valid) return c.json({ error: { code: "VALIDATION_ERROR" } }, 400);
    handled += 1;
    return c.json({ id: `t_${handled}`, name: "x", count: handled, now: c.var.sandbox.now() });
  });
  return Object.assign(sb, { handled: () => handled });
}

const NEW = { name: "a", count: 1 };
let mini: Awaited<ReturnType<typeof createMini>>;
let served: ServedApp;
const callAs = (key?: string) =>
  fetch(`${served.url}/v1/things`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { "x-key": key } : {}) },
    body: JSON.stringify(NEW),
  });
const call = (path = "/v1/things", body: unknown = NEW) =>
  fetch(served.url + path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  mini = await createMini();
  served = await serve(mini.app);
});
afterAll(() => served.close());
beforeEach(() => mini.reset());

describe("serve", () => {
  it("binds 127.0.0.1 on a free port", () => {
    const addr = served.server.address();
    expect(addr).toMatchObject({ address: "127.0.0.1", port: served.port });
    expect(served.port).toBeGreaterThan(0);
    expect(served.url).toBe(`http://127.0.0.1:${served.port}`);
  });
  it("stamps a Date header from the sandbox clock", async () => {
    const fixed = Date.UTC(2030, 0, 2, 3, 4, 5);
    const m = await createMini(() => fixed);
    const s = await serve(m.app);
    try {
      const res = await fetch(`${s.url}/v1/things`, { method: "POST", body: JSON.stringify(NEW) });
      expect(res.headers.get("date")).toBe("Wed, 02 Jan 2030 03:04:05 GMT");
      expect((await res.json()).now).toBe(fixed);
    } finally {
      await s.close();
    }
  });
});

describe("faults", () => {
  it("drop destroys the connection without an answer (before the handler)", async () => {
    mini.faults.inject({ kind: "drop" });
    await expect(call()).rejects.toThrow();
    expect(mini.handled()).toBe(0);
    expect((await call()).status).toBe(200);
  });
  it("drop with stage after lets the handler run, then loses the answer", async () => {
    mini.faults.inject({ kind: "drop", stage: "after" });
    await expect(call()).rejects.toThrow();
    expect(mini.handled()).toBe(1);
  });
  it("delay waits before answering normally", async () => {
    mini.faults.inject({ kind: "delay", ms: 300 });
    const t0 = performance.now();
    const res = await call();
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
    // Consumed: the next request is not delayed (checked on the queue, not the clock, so load cannot flake it).
    expect(mini.faults.list()).toEqual([]);
    expect((await call()).status).toBe(200);
  });
  it("status answers the provider's error body with Retry-After, count-bounded", async () => {
    mini.faults.inject({ kind: "status", status: 429, retryAfter: 2, code: "RATE_LIMITED", times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await call();
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("2");
      expect(await res.json()).toEqual({ error: { code: "RATE_LIMITED" } });
    }
    expect((await call()).status).toBe(200);
    expect(mini.handled()).toBe(1);
  });
  it("status with an explicit body and headers", async () => {
    mini.faults.inject({ kind: "status", status: 503, body: { down: true }, headers: { "x-extra": "1" } });
    const res = await call();
    expect([res.status, res.headers.get("x-extra"), await res.json()]).toEqual([503, "1", { down: true }]);
  });
  it("skew shifts the Date header and the provider clock until removed", async () => {
    const fault = mini.faults.inject({ kind: "skew", seconds: 3600 });
    for (let i = 0; i < 2; i++) {
      const res = await call();
      const date = Date.parse(res.headers.get("date") ?? "");
      expect(Math.abs(date - (Date.now() + 3600_000))).toBeLessThan(60_000);
      expect(Math.abs((await res.json()).now - (Date.now() + 3600_000))).toBeLessThan(60_000);
    }
    expect(mini.faults.remove(fault.id)).toBe(true);
    const plain = Date.parse((await call()).headers.get("date") ?? "");
    expect(Math.abs(plain - Date.now())).toBeLessThan(60_000);
  });
  it("skew with times is consumed like any other fault", async () => {
    mini.faults.inject({ kind: "skew", seconds: -3600, times: 1 });
    const skewed = Date.parse((await call()).headers.get("date") ?? "");
    expect(Math.abs(skewed - (Date.now() - 3600_000))).toBeLessThan(60_000);
    const plain = Date.parse((await call()).headers.get("date") ?? "");
    expect(Math.abs(plain - Date.now())).toBeLessThan(60_000);
  });
  it("a fault scoped to a credential hits only requests made with it", async () => {
    mini.faults.inject({ kind: "status", status: 503, credential: "key-a", persistent: true });
    expect((await callAs("key-b")).status).toBe(200);
    expect((await callAs()).status).toBe(200);
    expect((await callAs("key-a")).status).toBe(503);
    expect((await callAs("key-a")).status).toBe(503);
    expect(() => mini.faults.inject({ kind: "drop", credential: 7 as never })).toThrow(FaultSpecError);
  });
  it("persistent faults apply until removed", async () => {
    const f = mini.faults.inject({ kind: "status", status: 500, persistent: true });
    for (let i = 0; i < 3; i++) expect((await call()).status).toBe(500);
    expect(mini.faults.remove(f.id)).toBe(true);
    expect((await call()).status).toBe(200);
  });
  it("matches by operationId / method / path only", async () => {
    mini.faults.inject({ kind: "status", status: 500, operationId: "getThing" });
    expect((await call()).status).toBe(200);
    const res = await fetch(`${served.url}/v1/things/t_1`);
    expect(res.status).toBe(500);
    mini.faults.inject({ kind: "status", status: 502, path: "/other" });
    expect((await call()).status).toBe(200);
    expect(mini.faults.list()).toHaveLength(1);
  });
  it("custom provider kinds run their hook around the handler", async () => {
    mini.faults.inject({ kind: "corrupt-body", params: { with: "#" } });
    const text = await (await call()).text();
    expect(text).toMatch(/^\{#id#:#t_1#/);
  });
  it("rejects invalid fault specs", () => {
    const fc = new FaultController(["x"]);
    expect(() => fc.inject({ kind: "explode" })).toThrow(FaultSpecError);
    expect(() => fc.inject({ kind: "delay" })).toThrow(/ms/);
    expect(() => fc.inject({ kind: "status", status: 42 })).toThrow(/status/);
    expect(() => fc.inject({ kind: "skew", seconds: Number.NaN })).toThrow(/seconds/);
    expect(() => fc.inject({ kind: "drop", times: 0 })).toThrow(/times/);
    expect(fc.inject({ kind: "x" }).id).toMatch(/^flt_/);
  });
});

describe("HTTP control routes", () => {
  const control = (path: string, init?: RequestInit) => fetch(`${served.url}/__sandbox${path}`, init);
  it("inject, list, clear and reset from another process", async () => {
    const res = await control("/faults", {
      method: "POST",
      body: JSON.stringify([{ kind: "status", status: 503 }, { kind: "drop" }]),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).faults.map((f: { kind: string }) => f.kind)).toEqual(["status", "drop"]);
    expect((await (await control("/faults")).json()).faults).toHaveLength(2);
    expect((await call()).status).toBe(503);
    expect(await (await control("/faults", { method: "DELETE" })).json()).toEqual({ cleared: 1 });
    await call();
    expect(mini.handled()).toBe(1);
    expect((await control("/reset", { method: "POST" })).status).toBe(200);
    expect(mini.handled()).toBe(0);
  });
  it("answers 400 for an invalid fault", async () => {
    const res = await control("/faults", { method: "POST", body: JSON.stringify({ kind: "nope" }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/unknown fault kind/);
    expect((await control("/faults", { method: "POST", body: "{" })).status).toBe(400);
  });
});

describe("startSandbox", () => {
  it("starts registered providers at their base path and closes them", async () => {
    registerProvider({ name: "mini-test", basePath: "/v1", create: () => createMini() });
    // A provider registered at run time is not among the typed names (augment SandboxProviders to type it).
    const name = "mini-test" as ProviderName;
    const sb = await startSandbox({ providers: [name] });
    try {
      expect(sb.urls[name]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const res = await fetch(`${sb.urls[name]}/things`, {
        method: "POST",
        body: JSON.stringify(NEW),
      });
      expect(res.status).toBe(200);
    } finally {
      await sb.close();
    }
    await expect(fetch(`${sb.urls[name]}/things`)).rejects.toThrow();
  });
  it("refuses unknown providers", async () => {
    await expect(startSandbox({ providers: ["zzz" as ProviderName] })).rejects.toThrow(UnknownProviderError);
  });
});
