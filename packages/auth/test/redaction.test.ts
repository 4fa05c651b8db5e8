import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  redactAuthorization,
  redactHeaders,
  redactQueryParams,
  redactUrl,
  SECRET_HEADERS,
} from "../src/core/redact.js";
import { REDACTED, type Scheme, type SignDebugEvent } from "../src/core/types.js";
import { apiKeyHeader } from "../src/schemes/api-key.js";
import { basicClientKey } from "../src/schemes/basic.js";
import { jwtSession } from "../src/schemes/jwt.js";
import { oauth1 } from "../src/schemes/oauth1/index.js";
import { parts, testCtx } from "./schemes/ctx.js";

describe("redact.ts helpers", () => {
  it("redactAuthorization keeps the scheme word only", () => {
    expect(redactAuthorization("Bearer eyJhbGciOi.x.y")).toBe(`Bearer ${REDACTED}`);
    expect(redactAuthorization("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")).toBe(`Basic ${REDACTED}`);
    expect(redactAuthorization('OAuth oauth_consumer_key="k", oauth_signature="s%26"')).toBe(
      `OAuth ${REDACTED}`,
    );
    expect(redactAuthorization("ak_live_8f3b1c0e5a4d4f2c9b1e7d6c5a4b3c2d")).toBe(REDACTED);
    expect(redactAuthorization("")).toBe(REDACTED);
  });

  it("redactHeaders redacts credential headers by name (any case) and copies the rest", () => {
    const headers = new Headers({
      Authorization: "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
      "X-Client-Key": "ck_1",
      ApiKey: "ak_1",
      "Content-Type": "application/json",
    });
    expect(redactHeaders(headers)).toEqual({
      authorization: `Basic ${REDACTED}`,
      "x-client-key": REDACTED,
      apikey: REDACTED,
      "content-type": "application/json",
    });
    expect(redactHeaders({ "X-Sig": "abc", Accept: "*/*" }, ["x-SIG"])).toEqual({
      "x-sig": REDACTED,
      accept: "*/*",
    });
    expect(redactHeaders([["Cookie", "a=b"]])).toEqual({ cookie: REDACTED });
    expect(SECRET_HEADERS).toContain("authorization");
  });

  it("redactQueryParams replaces only the named values and keeps every other byte", () => {
    expect(
      redactQueryParams("https://api.appfigures.com/v2/reviews?q=a%20b+c&client_key=k1&count=5#top"),
    ).toBe(`https://api.appfigures.com/v2/reviews?q=a%20b+c&client_key=${REDACTED}&count=5#top`);
    expect(redactQueryParams("/p?Client_Key=1&client%5Fkey=2&x=client_key")).toBe(
      `/p?Client_Key=${REDACTED}&client%5Fkey=${REDACTED}&x=client_key`,
    );
    expect(redactQueryParams("/p?sig=abc&sig&other=1", ["sig"])).toBe(
      `/p?sig=${REDACTED}&sig=${REDACTED}&other=1`,
    );
    expect(redactQueryParams("https://x.test/no-query")).toBe("https://x.test/no-query");
    expect(redactQueryParams("/p?bad=%E0%A4%A&%zz=1", ["%zz"])).toBe(`/p?bad=%E0%A4%A&%zz=${REDACTED}`);
  });

  it("redactUrl also hides user-info and takes extra names", () => {
    expect(redactUrl("https://user:pw@x.test/a?token=t&keep=1&sig=s", ["sig"])).toBe(
      `https://${REDACTED}@x.test/a?token=${REDACTED}&keep=1&sig=${REDACTED}`,
    );
    expect(redactUrl("https://x.test/a@b?c=d")).toBe("https://x.test/a@b?c=d");
  });

  it("no value of a redacted query parameter survives (property)", () => {
    const value = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/);
    fc.assert(
      fc.property(
        value,
        fc.array(fc.tuple(fc.constantFrom("a", "b", "q"), fc.stringMatching(/^[a-z]{0,6}$/)), {
          maxLength: 5,
        }),
        (secret, others) => {
          const query = [
            ...others.map(([n, v]) => `${n}=${v}`),
            `client_key=${secret}`,
            ...others.map(([n]) => n),
          ].join("&");
          const redacted = redactQueryParams(`https://x.test/p?${query}`);
          expect(redacted).not.toContain(secret);
          expect(redacted.replace(`client_key=${REDACTED}`, `client_key=${secret}`)).toBe(
            `https://x.test/p?${query}`,
          );
        },
      ),
    );
  });
});

/** A random secret long and random enough never to appear by accident. */
const secretArb = fc.stringMatching(/^[A-Za-z0-9]{16,32}$/);

/** Every way an object can print itself. */
const renderings = (value: unknown) => [
  String(value),
  `${value}`,
  JSON.stringify(value) ?? "",
  inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
  inspect({ nested: { value } }, { depth: Number.POSITIVE_INFINITY }),
];

function expectHidden(texts: string[], secrets: string[]) {
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
}

/** Signs once (filling caches), then checks the scheme object and the debug events. */
async function checkScheme(scheme: Scheme, secrets: string[], url = "https://x.test/p?a=1") {
  const events: SignDebugEvent[] = [];
  const ctx = testCtx({ events });
  await scheme.sign(parts(url), ctx);
  await scheme.sign(parts(url), testCtx({ events, attempt: 2 }));
  expectHidden([...renderings(scheme), JSON.stringify(events), inspect(events, { depth: null })], secrets);
  expect(events).toHaveLength(2);
}

/** The error a failing call rejects with, rendered every way. */
async function errorTexts(run: () => unknown): Promise<string[]> {
  let caught: unknown;
  try {
    await run();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(Error);
  const err = caught as Error;
  return [
    err.message,
    String(err),
    JSON.stringify(err),
    inspect(err, { depth: Number.POSITIVE_INFINITY }),
    err.stack ?? "",
  ];
}

describe("scheme objects never reveal secrets (toString, JSON.stringify, util.inspect, debug events, errors)", () => {
  it("apiKeyHeader", async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, async (key) => {
        await checkScheme(apiKeyHeader({ key }), [key]);
        await checkScheme(apiKeyHeader({ key: async () => key }), [key]);
        const bad = apiKeyHeader({ key: () => `${key} with space` });
        expectHidden(await errorTexts(() => bad.sign(parts("https://x.test/"), testCtx())), [key]);
        expectHidden(await errorTexts(() => apiKeyHeader({ key: `${key}\n` })), [key]);
      }),
      { numRuns: 40 },
    );
  });

  it("basicClientKey (header and query modes)", async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb,
        secretArb,
        fc.constantFrom("header", "query") as fc.Arbitrary<"header" | "query">,
        async (password, clientKey, clientKeyIn) => {
          const encoded = Buffer.from(`user:${password}`).toString("base64");
          const secrets = [password, clientKey, encoded];
          await checkScheme(basicClientKey({ username: "user", password, clientKey, clientKeyIn }), secrets);
          await checkScheme(
            basicClientKey({
              username: "user",
              password: () => password,
              clientKey: () => clientKey,
              clientKeyIn,
            }),
            secrets,
          );
          const bad = basicClientKey({ username: "user", password: () => `${password}\u0000`, clientKey });
          expectHidden(await errorTexts(() => bad.sign(parts("https://x.test/"), testCtx())), secrets);
          expectHidden(
            await errorTexts(() => basicClientKey({ username: "u", password, clientKey: `${clientKey} x` })),
            secrets,
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it("jwtSession (cached token)", async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, async (secret) => {
        const claims = Buffer.from(JSON.stringify({ sub: secret, exp: 2_000_000_000 })).toString("base64url");
        const token = `eyJhbGciOiJIUzI1NiJ9.${claims}.${secret}`;
        await checkScheme(jwtSession({ getToken: async () => ({ token, expiresAt: 2_000_000_000_000 }) }), [
          secret,
        ]);
        const bad = jwtSession({ getToken: () => `${token} trailing` });
        expectHidden(await errorTexts(() => bad.sign(parts("https://x.test/"), testCtx())), [secret]);
      }),
      { numRuns: 40 },
    );
  });

  it("oauth1 (HMAC-SHA1 and PLAINTEXT: consumer secret, token secret, PLAINTEXT signature)", async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb,
        secretArb,
        fc.constantFrom("HMAC-SHA1", "PLAINTEXT") as fc.Arbitrary<"HMAC-SHA1" | "PLAINTEXT">,
        async (consumerSecret, tokenSecret, signatureMethod) => {
          const secrets = [consumerSecret, tokenSecret];
          const options = { consumerKey: "ck", consumerSecret, token: "tok", tokenSecret, signatureMethod };
          await checkScheme(oauth1(options), secrets);
          await checkScheme(
            oauth1({
              ...options,
              consumerSecret: () => consumerSecret,
              tokenSecret: async () => tokenSecret,
            }),
            secrets,
          );
          const bad = oauth1({ ...options, consumerSecret: () => Promise.reject(new Error("vault down")) });
          expectHidden(await errorTexts(() => bad.sign(parts("https://x.test/"), testCtx())), secrets);
          const conflicting = oauth1(options);
          expectHidden(
            await errorTexts(() => conflicting.sign(parts("https://x.test/?oauth_signature=1"), testCtx())),
            secrets,
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
