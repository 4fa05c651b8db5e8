import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeywayAuthError, KeywayConfigError } from "../../src/core/errors.js";
import { REDACTED, type SignResult } from "../../src/core/types.js";
import { basicClientKey, basicCredentials } from "../../src/schemes/basic.js";
import { parts, testCtx } from "./ctx.js";

describe("basicCredentials (RFC 7617)", () => {
  it("RFC 7617 §2 example, also Appfigures' own: Aladdin / open sesame", () => {
    expect(basicCredentials("Aladdin", "open sesame")).toBe("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  });

  it('RFC 7617 §2.1 charset="UTF-8" example: test / 123£ (the pound sign is C2 A3)', () => {
    expect(basicCredentials("test", "123£")).toBe("Basic dGVzdDoxMjPCow==");
  });

  it("allows a colon in the password (only the first colon splits) but refuses one in the user-id", () => {
    // base64("user:pa:ss") written out by hand: dXNlcjpwYTpzcw==
    expect(basicCredentials("user", "pa:ss")).toBe("Basic dXNlcjpwYTpzcw==");
    expect(() => basicCredentials("us:er", "x")).toThrow(KeywayConfigError);
    expect(() => basicClientKey({ username: "a:b", password: "p", clientKey: "k" })).toThrow(
      /colon.*RFC 7617/,
    );
  });

  it("refuses control characters (RFC 7617 §2)", () => {
    expect(() => basicCredentials("a\nb", "x")).toThrow(KeywayConfigError);
    expect(() => basicCredentials("ab", "x\u0000")).toThrow(KeywayConfigError);
  });

  it("round-trips Unicode users and passwords (decode(encode(u, p)) = (u, p))", () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: RFC 7617 forbids control characters; skip them
    const noCtl = (s: string) => !/[\u0000-\u001f\u007f-\u009f]/.test(s);
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }).filter((u) => !u.includes(":") && noCtl(u)),
        fc.string({ unit: "grapheme" }).filter(noCtl),
        (user, pass) => {
          const header = basicCredentials(user, pass);
          expect(header.startsWith("Basic ")).toBe(true);
          const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
          const at = decoded.indexOf(":");
          expect([decoded.slice(0, at), decoded.slice(at + 1)]).toEqual([user, pass]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("basicClientKey", () => {
  it("sends Basic and X-Client-Key, as in Appfigures' example request", async () => {
    const ctx = testCtx();
    const scheme = basicClientKey({
      username: "Aladdin",
      password: "open sesame",
      clientKey: "your-client-key",
    });
    const result = await scheme.sign(parts("https://api.appfigures.com/v2/"), ctx);
    expect(result).toEqual({
      headers: { authorization: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "x-client-key": "your-client-key" },
    });
    expect(ctx.events).toEqual([
      {
        scheme: "basic",
        operationId: "getThing",
        attempt: 1,
        headers: { authorization: `Basic ${REDACTED}`, "x-client-key": REDACTED },
      },
    ]);
  });

  it("query mode appends client_key, percent-encoded, keeping the query as sent", async () => {
    const ctx = testCtx();
    const scheme = basicClientKey({
      username: "Aladdin",
      password: "open sesame",
      clientKey: "k+y/=&",
      clientKeyIn: "query",
    });
    const a = await scheme.sign(parts("https://api.appfigures.com/v2/products/mine"), ctx);
    expect(a.url).toBe("https://api.appfigures.com/v2/products/mine?client_key=k%2By%2F%3D%26");
    expect(a.headers).toEqual({ authorization: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==" });
    const b = await scheme.sign(
      parts("https://api.appfigures.com/v2/reviews?q=a%20b&client_key=old&count=5"),
      ctx,
    );
    expect(b.url).toBe("https://api.appfigures.com/v2/reviews?q=a%20b&count=5&client_key=k%2By%2F%3D%26");
    expect(new URL(b.url!).searchParams.getAll("client_key")).toEqual(["k+y/=&"]);
    expect(ctx.events.map((e) => e.url)).toEqual([
      `https://api.appfigures.com/v2/products/mine?client_key=${REDACTED}`,
      `https://api.appfigures.com/v2/reviews?q=a%20b&count=5&client_key=${REDACTED}`,
    ]);
    expect(JSON.stringify(ctx.events)).not.toContain("k%2By");
    expect(scheme.redactUrl(b.url!)).toBe(
      `https://api.appfigures.com/v2/reviews?q=a%20b&count=5&client_key=${REDACTED}`,
    );
  });

  it("static credentials sign synchronously, the same headers every time", () => {
    const scheme = basicClientKey({ username: "Aladdin", password: "open sesame", clientKey: "ck_test" });
    const first = scheme.sign(parts("https://api.appfigures.com/v2/"), testCtx());
    const second = scheme.sign(parts("https://api.appfigures.com/v2/"), testCtx());
    expect("then" in first).toBe(false);
    expect(second).toBe(first);
    expect((first as SignResult).headers).toEqual({
      authorization: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
      "x-client-key": "ck_test",
    });
  });

  it("reads function secrets per request", async () => {
    let pass = "one";
    const scheme = basicClientKey({ username: "u", password: () => pass, clientKey: async () => "ck" });
    const first = await scheme.sign(parts("https://x.test/"), testCtx());
    pass = "two";
    const second = await scheme.sign(parts("https://x.test/"), testCtx());
    expect(first.headers?.authorization).toBe(`Basic ${Buffer.from("u:one").toString("base64")}`);
    expect(second.headers?.authorization).toBe(`Basic ${Buffer.from("u:two").toString("base64")}`);
  });

  it("a failing secret source is a KeywayAuthError; a bad static key a KeywayConfigError", async () => {
    const scheme = basicClientKey({
      username: "u",
      password: () => Promise.reject(new Error("vault down")),
      clientKey: "ck",
    });
    await expect(Promise.resolve(scheme.sign(parts("https://x.test/"), testCtx()))).rejects.toBeInstanceOf(
      KeywayAuthError,
    );
    expect(() => basicClientKey({ username: "u", password: "p", clientKey: "" })).toThrow(KeywayConfigError);
    expect(() => basicClientKey({ username: "u", password: "p", clientKey: "a b" })).toThrow(
      KeywayConfigError,
    );
    expect(() =>
      basicClientKey({ username: "u", password: "p", clientKey: "k", clientKeyIn: "body" as "query" }),
    ).toThrow(KeywayConfigError);
  });

  it("never prints the credentials", () => {
    const scheme = basicClientKey({ username: "Aladdin", password: "open sesame", clientKey: "ck_secret_1" });
    for (const text of [String(scheme), JSON.stringify(scheme), inspect(scheme, { depth: 10 })]) {
      expect(text).not.toMatch(/open sesame|ck_secret_1|QWxhZGRpbjpvcGVuIHNlc2FtZQ/);
    }
  });
});
