import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { KeywayAuthError, KeywayConfigError } from "../../src/core/errors.js";
import { REDACTED, type SignContext, type SignResult } from "../../src/core/types.js";
import { jwtExpiresAt, jwtSession } from "../../src/schemes/jwt.js";
import { json, testClient } from "../fixtures.js";
import { parts, testCtx } from "./ctx.js";

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** An unsigned-looking HS256 JWT with the given claims (the scheme never verifies signatures). */
const jwt = (claims: Record<string, unknown>, sig = "c2ln") =>
  `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url(claims)}.${sig}`;

const T0 = 1_700_000_000_000;

/** A mutable clock and a context factory bound to it. */
function clock(start = T0) {
  let now = start;
  return {
    ctx: () => testCtx({ now: () => now }),
    advance: (ms: number) => {
      now += ms;
    },
    get now() {
      return now;
    },
  };
}

const url = "https://api.hyperteknoloji.com.tr/Customer/Get";
/** What `sign` returned for each context, as the transport keeps it for `onAuthError`. */
const signedFor = new WeakMap<SignContext, SignResult>();
const auth = async (s: ReturnType<typeof jwtSession>, ctx = testCtx()) => {
  const signed = await s.sign(parts(url), ctx);
  signedFor.set(ctx, signed);
  return signed.headers?.authorization;
};
/** A 401 for the attempt `ctx`, handed over as the transport does (with what `sign` returned for it). */
const refused = (
  s: ReturnType<typeof jwtSession>,
  ctx: SignContext,
  response = new Response(null, { status: 401 }),
) => s.onAuthError(response, ctx, signedFor.get(ctx));

describe("jwtExpiresAt", () => {
  it("reads exp from the RFC 7519 §3.1 example token (exp 1300819380), without verifying it", () => {
    const rfc7519 =
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    expect(jwtExpiresAt(rfc7519)).toBe(1_300_819_380_000);
    expect(jwtExpiresAt(rfc7519.replace(/\.[^.]+$/, ".tampered"))).toBe(1_300_819_380_000);
  });

  it("is undefined for anything that is not a readable JWT with a numeric exp", () => {
    for (const token of [
      "opaque-token",
      "a.b",
      "a.b.c.d.e",
      `${b64url({ alg: "none" })}.%%%.x`,
      `${b64url({ alg: "none" })}.${Buffer.from("not json").toString("base64url")}.x`,
      jwt({ sub: "1" }),
      jwt({ exp: "1300819380" }),
      `${b64url({})}.${b64url([1, 2])}.x`,
    ]) {
      expect(jwtExpiresAt(token)).toBeUndefined();
    }
  });
});

describe("jwtSession", () => {
  it("caches the token: one getToken call for many requests, Bearer prefix, redacted debug event", async () => {
    const token = jwt({ CustomerID: "55724", exp: T0 / 1000 + 3600 });
    const reasons: string[] = [];
    const scheme = jwtSession({
      getToken: async ({ reason }) => {
        reasons.push(reason);
        return token;
      },
    });
    const c = clock();
    const ctx = c.ctx();
    expect(await auth(scheme, ctx)).toBe(`Bearer ${token}`);
    c.advance(60_000);
    expect(await auth(scheme, c.ctx())).toBe(`Bearer ${token}`);
    expect(reasons).toEqual(["initial"]);
    expect(ctx.events).toEqual([
      {
        scheme: "jwt",
        operationId: "getThing",
        attempt: 1,
        headers: { authorization: `Bearer ${REDACTED}` },
      },
    ]);
  });

  it("refreshes shortly before exp (refreshMarginMs, measured with ctx.now)", async () => {
    const c = clock();
    const tokens = [jwt({ exp: T0 / 1000 + 3600 }), jwt({ exp: T0 / 1000 + 7200 })];
    const reasons: string[] = [];
    const scheme = jwtSession({
      refreshMarginMs: 30_000,
      getToken: ({ reason }) => {
        reasons.push(reason);
        return tokens[reasons.length - 1]!;
      },
    });
    expect(await auth(scheme, c.ctx())).toBe(`Bearer ${tokens[0]}`);
    c.advance(3_600_000 - 30_001); // 30.001 s before exp: still cached
    expect(await auth(scheme, c.ctx())).toBe(`Bearer ${tokens[0]}`);
    c.advance(2); // 29.999 s before exp: refresh
    expect(await auth(scheme, c.ctx())).toBe(`Bearer ${tokens[1]}`);
    expect(reasons).toEqual(["initial", "expiring"]);
  });

  it("uses the earlier of expiresAt (Hyper's ISO-8601 Expiration) and the exp claim", async () => {
    const c = clock();
    let calls = 0;
    const scheme = jwtSession({
      refreshMarginMs: 1_000,
      getToken: () => {
        calls++;
        return { token: jwt({ exp: T0 / 1000 + 3600 }), expiresAt: new Date(T0 + 60_000).toISOString() };
      },
    });
    await auth(scheme, c.ctx());
    c.advance(58_999);
    await auth(scheme, c.ctx());
    expect(calls).toBe(1);
    c.advance(2);
    await auth(scheme, c.ctx());
    expect(calls).toBe(2);
  });

  it("caps the margin at half the lifetime, and does not refetch an already-expired token on every call", async () => {
    const c = clock();
    let calls = 0;
    const scheme = jwtSession({
      refreshMarginMs: 30_000,
      freshTokenMs: 10_000,
      getToken: () => {
        calls++;
        return calls === 1 ? jwt({ exp: T0 / 1000 + 20 }) : jwt({ exp: T0 / 1000 - 5 });
      },
    });
    await auth(scheme, c.ctx()); // lifetime 20 s: refresh at 10 s, not at -10 s
    c.advance(9_999);
    await auth(scheme, c.ctx());
    expect(calls).toBe(1);
    c.advance(1);
    await auth(scheme, c.ctx()); // second token is already expired when it arrives
    expect(calls).toBe(2);
    c.advance(9_999);
    await auth(scheme, c.ctx());
    await auth(scheme, c.ctx());
    expect(calls).toBe(2);
    c.advance(1);
    await auth(scheme, c.ctx());
    expect(calls).toBe(3);
  });

  it("401 → drops the token and answers retry once; the new token refused again → fail", async () => {
    const c = clock();
    const tokens = ["t1", "t2", "t3"].map((sub) => jwt({ sub, exp: T0 / 1000 + 3600 }));
    const reasons: string[] = [];
    const scheme = jwtSession({
      getToken: ({ reason }) => {
        reasons.push(reason);
        return tokens[reasons.length - 1]!;
      },
    });
    const unauthorized = new Response(null, { status: 401 });
    c.advance(0);
    const first = c.ctx();
    expect(await auth(scheme, first)).toBe(`Bearer ${tokens[0]}`);
    expect(refused(scheme, first, unauthorized)).toBe("retry");
    expect(refused(scheme, first, unauthorized)).toBe("fail"); // once per signed attempt
    const second = c.ctx();
    expect(await auth(scheme, second)).toBe(`Bearer ${tokens[1]}`);
    expect(reasons).toEqual(["initial", "rejected"]);
    c.advance(9_999);
    expect(refused(scheme, second, unauthorized)).toBe("fail"); // fresh token refused: a new login will not help
    const third = c.ctx();
    expect(await auth(scheme, third)).toBe(`Bearer ${tokens[1]}`); // not dropped
    c.advance(1);
    expect(refused(scheme, third, unauthorized)).toBe("retry"); // old enough to have expired for real
    expect(await auth(scheme, c.ctx())).toBe(`Bearer ${tokens[2]}`);
    expect(refused(scheme, testCtx(), unauthorized)).toBe("fail"); // a ctx it never signed
  });

  it("signs synchronously, with one result per token, while the cached token is fresh", async () => {
    let n = 0;
    const scheme = jwtSession({ getToken: () => jwt({ n: ++n, exp: T0 / 1000 + 3600 }) });
    const c = clock();
    const first = await scheme.sign(parts(url), c.ctx()); // the first call fetches the token: a promise
    const again = scheme.sign(parts(url), c.ctx());
    expect("then" in again).toBe(false);
    expect(again).toBe(first);
    c.advance(3_600_000 - 30_000); // the refresh margin: a new token is fetched, asynchronously
    const refreshed = scheme.sign(parts(url), c.ctx());
    expect("then" in refreshed).toBe(true);
    expect((await refreshed).headers?.authorization).not.toBe(first.headers?.authorization);
    expect(n).toBe(2);
  });

  it("tells the refused token by the result handed back, not by which attempt came last", async () => {
    let n = 0;
    const scheme = jwtSession({ getToken: () => jwt({ n: ++n, exp: T0 / 1000 + 3600 }) });
    const c = clock();
    const old = c.ctx();
    await auth(scheme, old);
    scheme.invalidate();
    const current = c.ctx();
    const token2 = await auth(scheme, current);
    c.advance(20_000);
    // The earlier attempt's 401 (token 1) does not drop token 2.
    expect(refused(scheme, old)).toBe("retry");
    expect(await auth(scheme, c.ctx())).toBe(token2);
    // A result this scheme never handed out is not its to judge.
    expect(
      scheme.onAuthError(new Response(null, { status: 401 }), c.ctx(), {
        headers: { authorization: token2! },
      }),
    ).toBe("fail");
    expect(n).toBe(2);
  });

  it("a 401 on an already-replaced token retries without dropping the new one", async () => {
    let n = 0;
    const scheme = jwtSession({ getToken: () => jwt({ n: ++n, exp: T0 / 1000 + 3600 }) });
    const c = clock();
    const a = c.ctx();
    const b = c.ctx();
    await auth(scheme, a);
    await auth(scheme, b);
    c.advance(20_000);
    expect(refused(scheme, a)).toBe("retry");
    const fresh = await auth(scheme, c.ctx());
    expect(refused(scheme, b)).toBe("retry");
    expect(await auth(scheme, c.ctx())).toBe(fresh);
    expect(n).toBe(2);
  });

  it("single flight: 10 concurrent requests share one getToken call", async () => {
    let calls = 0;
    let release: (v: string) => void = () => {};
    const scheme = jwtSession({
      getToken: () => {
        calls++;
        return new Promise<string>((resolve) => {
          release = resolve;
        });
      },
    });
    const c = clock();
    const all = Promise.all(Array.from({ length: 10 }, () => auth(scheme, c.ctx())));
    await new Promise((r) => setTimeout(r, 5));
    const token = jwt({ exp: T0 / 1000 + 3600 });
    release(token);
    expect(await all).toEqual(Array(10).fill(`Bearer ${token}`));
    expect(calls).toBe(1);
  });

  it("a failing getToken is a KeywayAuthError without the token, and is not cached", async () => {
    const secret = jwt({ exp: T0 / 1000 + 3600 }, "SECRETSIGNATURE");
    let fail = true;
    const scheme = jwtSession({
      getToken: async () => {
        if (fail) throw new Error("login answered 400");
        return secret;
      },
    });
    const c = clock();
    const results = await Promise.allSettled([auth(scheme, c.ctx()), auth(scheme, c.ctx())]);
    for (const r of results) {
      expect(r.status).toBe("rejected");
      const err = (r as PromiseRejectedResult).reason;
      expect(err).toBeInstanceOf(KeywayAuthError);
      expect(err.operation).toBe("getThing");
      expect((err.cause as Error).message).toBe("login answered 400");
    }
    fail = false;
    expect(await auth(scheme, c.ctx())).toBe(`Bearer ${secret}`);
  });

  it("refuses a getToken value that is not a token, without echoing it", async () => {
    for (const bad of ["has space SECRET", "", { token: 42 }, null, { token: "line\nbreak-SECRET" }]) {
      const scheme = jwtSession({ getToken: () => bad as string });
      const err = await auth(scheme).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KeywayAuthError);
      expect(String(err)).not.toContain("SECRET");
      expect(inspect(err)).not.toContain("SECRET");
    }
  });

  it("keeps using a still-valid token when a proactive refresh fails", async () => {
    const c = clock();
    const token = jwt({ exp: T0 / 1000 + 3600 });
    let calls = 0;
    const scheme = jwtSession({
      getToken: () => {
        if (++calls > 1) throw new Error("login down");
        return token;
      },
    });
    await auth(scheme, c.ctx());
    c.advance(3_600_000 - 10_000);
    expect(await auth(scheme, c.ctx())).toBe(`Bearer ${token}`);
    c.advance(10_000); // expired now: the failure surfaces
    await expect(auth(scheme, c.ctx())).rejects.toBeInstanceOf(KeywayAuthError);
  });

  it("uses a malformed (non-JWT) token as is, with no proactive refresh, until a 401", async () => {
    const c = clock();
    let calls = 0;
    const scheme = jwtSession({ getToken: () => `opaque-${++calls}` });
    const ctx = c.ctx();
    expect(await auth(scheme, ctx)).toBe("Bearer opaque-1");
    c.advance(10 * 365 * 86_400_000);
    expect(await auth(scheme, c.ctx())).toBe("Bearer opaque-1");
    expect(refused(scheme, ctx)).toBe("retry");
    expect(await auth(scheme, c.ctx())).toBe("Bearer opaque-2");
  });

  it("custom header and prefix; invalidate(); option checks", async () => {
    let n = 0;
    const scheme = jwtSession({ getToken: () => `tok${++n}`, header: "X-Auth-Token", prefix: "" });
    const ctx = testCtx();
    expect((await scheme.sign(parts(url), ctx)).headers).toEqual({ "x-auth-token": "tok1" });
    expect(ctx.events[0]?.headers).toEqual({ "x-auth-token": REDACTED });
    scheme.invalidate();
    expect((await scheme.sign(parts(url), ctx)).headers).toEqual({ "x-auth-token": "tok2" });
    expect(() => jwtSession({ getToken: () => "x", header: "bad header" })).toThrow(KeywayConfigError);
    expect(() => jwtSession({ getToken: () => "x", refreshMarginMs: -1 })).toThrow(KeywayConfigError);
    expect(() => jwtSession({} as never)).toThrow(KeywayConfigError);
  });

  it("never prints the cached token", async () => {
    const token = jwt({ exp: T0 / 1000 + 3600 }, "PRIVATE");
    const scheme = jwtSession({ getToken: () => token });
    await auth(scheme);
    for (const text of [
      String(scheme),
      JSON.stringify(scheme),
      inspect(scheme, { depth: 10, showHidden: true }),
    ]) {
      expect(text).not.toContain("PRIVATE");
    }
  });

  it("through the transport: 401 → one new login and a retry; 401 twice → the 401 is returned, no loop", async () => {
    let n = 0;
    // testClient's clock is fixed at 1_700_000_000_000 (= T0).
    const getToken = () => jwt({ n: ++n, exp: T0 / 1000 + 3600 });
    const ok = testClient([json(401, { message: "expired" }), json(200, { id: "1" })], {
      scheme: jwtSession({ getToken }),
    });
    const res = await ok.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(res.data).toEqual({ id: "1" });
    expect(ok.sent.map((s) => s.headers.authorization)).toEqual([
      `Bearer ${jwt({ n: 1, exp: T0 / 1000 + 3600 })}`,
      `Bearer ${jwt({ n: 2, exp: T0 / 1000 + 3600 })}`,
    ]);

    n = 0;
    const bad = testClient([json(401, { message: "no" }), json(401, { message: "no" })], {
      scheme: jwtSession({ getToken }),
    });
    const res2 = await bad.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(res2.error?.status).toBe(401);
    expect(bad.sent).toHaveLength(2);
    expect(n).toBe(2);
  });
});
