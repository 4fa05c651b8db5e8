import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackOrigin } from "../src/core/cors.js";
import { type RunningSandbox, startSandbox } from "../src/index.js";

let sandbox: RunningSandbox<"hiobuy">;
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hiobuy"] });
});
afterAll(() => sandbox.close());

const detail = (headers: Record<string, string>) =>
  fetch(`${sandbox.urls.hiobuy}/products/detail`, {
    method: "POST",
    headers: { authorization: "Bearer hio_test_cors", "content-type": "application/json", ...headers },
    body: JSON.stringify({ channel: "1688", product_id: "554456348334" }),
  });

describe("CORS for loopback pages", () => {
  it("answers a loopback page's preflight with the requested headers, Authorization included", async () => {
    const res = await fetch(`${sandbox.urls.hiobuy}/products/detail`, {
      method: "OPTIONS",
      headers: {
        origin: "http://127.0.0.1:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
    expect(res.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("lets a loopback page read the answer and every header (Date included)", async () => {
    const res = await detail({ origin: "http://localhost:8080" });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:8080");
    expect(res.headers.get("access-control-expose-headers")).toBe("*");
    expect(res.headers.get("date")).toBeTruthy();
    expect(await res.json()).toHaveProperty("product");
  });

  it("adds nothing for another origin or a request without one (the server still answers)", async () => {
    for (const headers of [{ origin: "https://example.com" }, {}] as Record<string, string>[]) {
      const res = await detail(headers);
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      await res.body?.cancel();
    }
    const preflight = await fetch(`${sandbox.urls.hiobuy}/products/detail`, {
      method: "OPTIONS",
      headers: { origin: "https://example.com", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    await preflight.body?.cancel();
  });

  it("takes only http(s) pages on 127.0.0.1, localhost and [::1] as loopback", () => {
    for (const o of [
      "http://127.0.0.1:1",
      "http://localhost",
      "https://localhost:8443",
      "http://[::1]:3000",
    ]) {
      expect(isLoopbackOrigin(o)).toBe(true);
    }
    for (const o of [
      undefined,
      "",
      "null",
      "http://127.0.0.2",
      "http://localhost.example.com",
      "file://",
      "ws://127.0.0.1",
    ]) {
      expect(isLoopbackOrigin(o)).toBe(false);
    }
  });
});
