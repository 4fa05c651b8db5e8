import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import * as errors from "../src/core/errors.js";
import { describeCause, formatError } from "../src/core/errors.js";
import { KeywayNetworkError } from "../src/index.js";
import { json, TestError, testClient } from "./fixtures.js";

/** A port nothing listens on: a server bound to port 0, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("String(error)", () => {
  it("names class, code, status, operation and request id of a provider error", () => {
    const error = new TestError({
      status: 404,
      code: "PRODUCT_NOT_FOUND",
      message: "Product not found.",
      requestId: "req_7f3a",
      attempts: 1,
      body: {},
      operation: "getProductDetail",
    });
    expect(String(error)).toBe(
      "TestError [PRODUCT_NOT_FOUND] 404 on getProductDetail (request id req_7f3a): Product not found.",
    );
    expect(`${error}`).toBe(String(error));
  });

  it("reads `Name: message` for every error class, with the operation when the message lacks it", () => {
    for (const [name, Class] of Object.entries(errors)) {
      if (typeof Class !== "function" || !(Class.prototype instanceof Error)) continue;
      const made = Reflect.construct(Class, [
        "went wrong",
        { operation: "getThing", timeoutMs: 1, attempts: 1, sentAt: 0, hint: "" },
      ]) as Error;
      if (made instanceof errors.ProviderError) continue; // its constructor takes one init object (above)
      expect(String(made)).toBe(`${name} on getThing: went wrong`);
    }
  });

  it("shows a real connection failure's code and address, the way undici reports it", async () => {
    const port = await closedPort();
    const { client } = testClient([], {
      baseUrl: `http://127.0.0.1:${port}/v1`,
      fetch: undefined,
      retry: false,
    });
    const failure = await client.GET("/things/{id}", { params: { path: { id: "1" } } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(KeywayNetworkError);
    expect(String(failure)).toBe(
      `KeywayNetworkError: GET /things/{id} (getThing): network error after 1 attempt(s): fetch failed (ECONNREFUSED 127.0.0.1:${port})`,
    );
    expect(String(failure)).not.toContain("tok_123");
  });

  it("describes a cause by code and message, keeping only the origin of any URL", () => {
    const tls = Object.assign(new Error("unable to verify the first certificate"), {
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    expect(describeCause(new TypeError("fetch failed", { cause: tls }))).toBe(
      "UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate",
    );
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND api.example.com"), { code: "ENOTFOUND" });
    expect(describeCause(dns)).toBe("ENOTFOUND api.example.com");
    const leaky = new Error("redirected to https://api.example.com/v1/x?api_key=sk_live_secret#frag");
    expect(describeCause(leaky)).toBe("redirected to https://api.example.com");
    expect(describeCause(new Error("fetch failed"), "x: fetch failed")).toBeUndefined();
    const wrapped = new errors.KeywayNetworkError("x: fetch failed", { attempts: 1 }, { cause: leaky });
    expect(String(wrapped)).toBe(
      "KeywayNetworkError: x: fetch failed (redirected to https://api.example.com)",
    );
    expect(formatError({ name: "E", message: "m", code: "C", status: 500 })).toBe("E [C] 500: m");
  });

  it("shows a provider error returned by a call in the same form", async () => {
    const { client } = testClient([
      json(404, { code: "NOT_FOUND", message: "No such thing." }, { "x-request-id": "r1" }),
    ]);
    const { error } = await client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(String(error)).toBe("TestError [NOT_FOUND] 404 on getThing: No such thing.");
  });
});

describe("console.log(client)", () => {
  it("shows provider, base URL and non-secret options, never the token", () => {
    const { client } = testClient([], { provider: "Example", describe: { region: "eu" } });
    const shown = inspect(client);
    expect(shown).toBe(
      "KeywayClient {\n" +
        "  provider: 'Example',\n" +
        "  baseUrl: 'https://api.example.com/v1',\n" +
        "  scheme: 'bearer',\n" +
        "  timeoutMs: 60000,\n" +
        "  retry: { maxAttempts: 3, baseMs: 500, maxMs: 8000, maxRetryAfterMs: 60000 },\n" +
        "  fetch: 'custom',\n" +
        "  region: 'eu'\n" +
        "}",
    );
    expect(JSON.parse(JSON.stringify(client))).toEqual({
      provider: "Example",
      baseUrl: "https://api.example.com/v1",
      scheme: "bearer",
      timeoutMs: 60000,
      retry: { maxAttempts: 3, baseMs: 500, maxMs: 8000, maxRetryAfterMs: 60000 },
      fetch: "custom",
      region: "eu",
    });
    for (const text of [shown, JSON.stringify(client), inspect(client, { showHidden: true, depth: 9 })]) {
      expect(text).not.toContain("tok_123");
    }
  });

  it("falls back to the scheme's name when no provider is given", () => {
    const { client } = testClient([]);
    expect(client.toJSON().provider).toBe("bearer");
  });
});
