import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { KeywayAuthError, KeywayConfigError } from "../src/core/errors.js";
import { checkSecret, emitSign, resolveSecret } from "../src/core/scheme-kit.js";
import { readSecret, type Scheme, type Secret, type SignDebugEvent } from "../src/core/types.js";
import { apiKeyHeader } from "../src/schemes/api-key.js";
import { basicClientKey } from "../src/schemes/basic.js";
import { bearer } from "../src/schemes/bearer.js";
import { hishoppingEnvelope, hishoppingHeaders } from "../src/schemes/hishopping/index.js";
import { jwtSession } from "../src/schemes/jwt.js";
import { oauth1 } from "../src/schemes/oauth1/index.js";
import { sgateHmac } from "../src/schemes/sgate.js";
import { parts, testCtx, testRow } from "./schemes/ctx.js";

const SECRET = "s3cr3t-value-never-printed";
const from = { scheme: "demo", option: "apiToken", operation: "getThing" } as const;

describe("checkSecret", () => {
  it("returns a non-empty string and refuses other values, naming the scheme and the option", () => {
    expect(checkSecret(SECRET, from)).toBe(SECRET);
    for (const bad of [undefined, null, 42, {}, ""]) {
      const err = (() => {
        try {
          checkSecret(bad, from);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(KeywayConfigError);
      expect((err as KeywayConfigError).message).toMatch(/^demo apiToken is (empty|not a string)$/);
      expect((err as KeywayConfigError).operation).toBe("getThing");
    }
  });

  it("accepts an empty string only when allowEmpty is set", () => {
    expect(checkSecret("", { ...from, allowEmpty: true })).toBe("");
    expect(() => checkSecret(42, { ...from, allowEmpty: true })).toThrow(KeywayConfigError);
  });
});

describe("resolveSecret", () => {
  it("reads strings, functions and async functions", async () => {
    await expect(resolveSecret(SECRET, from)).resolves.toBe(SECRET);
    await expect(resolveSecret(() => SECRET, from)).resolves.toBe(SECRET);
    await expect(resolveSecret(async () => SECRET, from)).resolves.toBe(SECRET);
  });

  it("wraps a failing source in KeywayAuthError with the cause, and checks what a source returns", async () => {
    const boom = new Error("vault down");
    for (const source of [
      () => {
        throw boom;
      },
      async () => Promise.reject(boom),
    ]) {
      const err = await resolveSecret(source, from).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KeywayAuthError);
      expect((err as KeywayAuthError).message).toBe("the demo apiToken source failed");
      expect((err as KeywayAuthError).cause).toBe(boom);
      expect((err as KeywayAuthError).operation).toBe("getThing");
    }
    await expect(resolveSecret(async () => "", from)).rejects.toThrow(KeywayConfigError);
    await expect(resolveSecret((() => 7) as unknown as Secret, from)).rejects.toThrow(/not a string/);
  });
});

describe("emitSign", () => {
  it("fills scheme, operation and attempt from the context, and does nothing without a hook", () => {
    const ctx = testCtx({ attempt: 3 });
    emitSign(ctx, "demo", { headers: { a: "b" }, canonical: "c" });
    expect(ctx.events).toEqual([
      { scheme: "demo", operationId: testRow.operationId, attempt: 3, headers: { a: "b" }, canonical: "c" },
    ]);
    expect(() => emitSign({ ...ctx, debug: undefined }, "demo", { headers: {} })).not.toThrow();
  });
});

/** Every scheme (the seven, plus HiShopping's header protocol), each with one secret given as a function, so it is read per request. */
const SCHEMES: Array<{ name: string; make: (secret: Secret) => Scheme; option: RegExp }> = [
  { name: "bearer", make: (s) => bearer({ token: s }), option: /token/ },
  { name: "api-key", make: (s) => apiKeyHeader({ key: s }), option: /key/ },
  {
    name: "basic",
    make: (s) => basicClientKey({ username: "u", password: s, clientKey: "ck_1" }),
    option: /password/,
  },
  {
    name: "oauth1",
    make: (s) => oauth1({ consumerKey: "ck", consumerSecret: s }),
    option: /consumer secret/,
  },
  { name: "sgate-hmac", make: (s) => sgateHmac({ key: "k1", secret: s }), option: /secret/ },
  {
    name: "hishopping-envelope",
    make: (s) => hishoppingEnvelope({ appId: "app", secretKey: "k".repeat(32), signKey: s }),
    option: /signKey/,
  },
  {
    name: "hishopping-headers",
    make: (s) => hishoppingHeaders({ appId: "app", secretKey: "k".repeat(32), signKey: s }),
    option: /signKey/,
  },
  // jwtSession has no Secret option: its token source is `getToken`, with its own refresh rules.
  { name: "jwt", make: (s) => jwtSession({ getToken: async () => readSecret(s) }), option: /getToken/ },
];

const row = { ...testRow, extensions: { ...testRow.extensions, "x-sgate-method": "thing.get" } };
const url = "https://api.example.com/v1/things/1";

describe.each(SCHEMES)("the $name scheme", ({ name, make, option }) => {
  it("emits one debug event with its name, the operation and the attempt, and no secret", async () => {
    const token = "eyJhbGciOiJub25lIn0.eyJleHAiOjk5OTk5OTk5OTl9.c2ln";
    const scheme =
      name === "jwt"
        ? jwtSession({ getToken: async () => token })
        : make(() => (name === "bearer" ? SECRET : SECRET));
    const events: SignDebugEvent[] = [];
    const ctx = testCtx({ row, attempt: 2, baseUrl: "https://api.example.com/v1", events });
    await scheme.sign(parts(url), ctx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ scheme: name, operationId: row.operationId, attempt: 2 });
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });

  it("prints as an opaque object under String, JSON and inspect", () => {
    const scheme = make(() => SECRET);
    expect(String(scheme)).toBe(`[${name} scheme]`);
    expect(inspect(scheme)).toBe(`[${name} scheme]`);
    expect(JSON.parse(JSON.stringify(scheme))).toMatchObject({ scheme: name });
    expect(JSON.stringify(scheme)).not.toContain(SECRET);
  });

  it.runIf(option !== undefined)(
    "rejects a failing secret source with KeywayAuthError naming the option",
    async () => {
      const scheme = make(() => {
        throw new Error(SECRET);
      });
      const err = await Promise.resolve()
        .then(() => scheme.sign(parts(url), testCtx({ row })))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KeywayAuthError);
      expect((err as Error).message).toMatch(option);
      expect((err as Error).message).not.toContain(SECRET);
      expect((err as KeywayAuthError).operation).toBe(row.operationId);
    },
  );
});
