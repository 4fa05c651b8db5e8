import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { KeywayAuthError, KeywayConfigError } from "../../src/core/errors.js";
import { REDACTED } from "../../src/core/types.js";
import { apiKeyHeader } from "../../src/schemes/api-key.js";
import { parts, testCtx } from "./ctx.js";

// Hyper's documented example key (providers/source/hyper-authentication.txt, "Sending the key").
const KEY = "ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d";

describe("apiKeyHeader", () => {
  it("sends the key in the ApiKey header, as in Hyper's example request", async () => {
    const ctx = testCtx();
    const result = await apiKeyHeader({ key: KEY }).sign(parts("https://h.test/Supplier/Products/List"), ctx);
    expect(result).toEqual({ headers: { apikey: KEY } });
    expect(result.url).toBeUndefined();
    expect(ctx.events).toEqual([
      { scheme: "api-key", operationId: "getThing", attempt: 1, headers: { apikey: REDACTED } },
    ]);
  });

  it("uses a custom header name", async () => {
    const result = await apiKeyHeader({ key: "k1", header: "X-Api-Key" }).sign(
      parts("https://h.test/"),
      testCtx(),
    );
    expect(result.headers).toEqual({ "x-api-key": "k1" });
  });

  it("reads a function key on every request (rotation)", async () => {
    let current = "key-1";
    const scheme = apiKeyHeader({ key: async () => current });
    expect((await scheme.sign(parts("https://h.test/"), testCtx())).headers).toEqual({ apikey: "key-1" });
    current = "key-2";
    expect((await scheme.sign(parts("https://h.test/"), testCtx())).headers).toEqual({ apikey: "key-2" });
  });

  it("refuses an empty or whitespace key, a bad header name, and what validate refuses", async () => {
    expect(() => apiKeyHeader({ key: "" })).toThrow(KeywayConfigError);
    expect(() => apiKeyHeader({ key: "ak_live_x\r\nX-Evil: 1" })).toThrow(KeywayConfigError);
    expect(() => apiKeyHeader({ key: "k", header: "Api Key" })).toThrow(KeywayConfigError);
    const validate = (k: string) => {
      if (!/^ak_(live|test)_[0-9a-f]{32}$/.test(k)) throw new KeywayConfigError("not a Hyper key");
    };
    expect(() => apiKeyHeader({ key: "sk_live_123", validate })).toThrow("not a Hyper key");
    expect(() => apiKeyHeader({ key: KEY, validate })).not.toThrow();
    const dynamic = apiKeyHeader({ key: () => " secret-with-space" });
    const err = await Promise.resolve(dynamic.sign(parts("https://h.test/"), testCtx())).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayConfigError);
    expect(String(err.message)).not.toContain("secret-with-space");
  });

  it("turns a failing key source into KeywayAuthError", async () => {
    const scheme = apiKeyHeader({
      key: () => {
        throw new Error("vault down");
      },
    });
    const err = await Promise.resolve(scheme.sign(parts("https://h.test/"), testCtx())).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayAuthError);
    expect(err.operation).toBe("getThing");
    expect(err.cause).toBeInstanceOf(Error);
  });

  it("never prints the key", () => {
    const scheme = apiKeyHeader({ key: KEY });
    for (const text of [
      String(scheme),
      JSON.stringify(scheme),
      inspect(scheme, { depth: 10, showHidden: true }),
    ]) {
      expect(text).not.toContain(KEY);
    }
  });
});
