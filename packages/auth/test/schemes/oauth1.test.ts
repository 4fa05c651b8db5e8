import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeywayAuthError, KeywayConfigError } from "../../src/core/errors.js";
import { REDACTED } from "../../src/core/types.js";
import {
  accessTokenRequest,
  authorizeUrl,
  baseStringUri,
  normalizeParameters,
  type OAuth1Options,
  oauth1,
  parseTokenResponse,
  requestTokenRequest,
  signatureBaseString,
} from "../../src/schemes/oauth1/index.js";
import { parts, testCtx } from "./ctx.js";

/** Parses `OAuth a="b", c="d"` into a map (values left encoded, as on the wire). */
function headerParams(header: string): Record<string, string> {
  expect(header.startsWith("OAuth ")).toBe(true);
  const out: Record<string, string> = {};
  for (const m of header.slice(6).matchAll(/([A-Za-z0-9_%.~-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

/** A context whose clock reads `seconds` and whose nonce option returns `nonce`. */
const at = (seconds: number) => testCtx({ now: () => seconds * 1000 });
const fixedNonce = (nonce: string) => () => nonce;

// RFC 5849 §1.2 ("Example") client credentials.
const PHOTOS = { consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44" };

describe("RFC 5849 §1.2 worked example (HMAC-SHA1)", () => {
  it("temporary credentials request: POST https://photos.example.net/initiate → 74KNZJeDHnMBp0EMJ9ZHt/XKycU=", async () => {
    const req = await requestTokenRequest({
      ...PHOTOS,
      url: "https://photos.example.net/initiate",
      callback: "http://printer.example.com/ready",
      realm: "Photos",
      now: () => 137131200 * 1000,
      nonce: fixedNonce("wIjqoS"),
    });
    expect(req.method).toBe("POST");
    expect(req.url).toBe("https://photos.example.net/initiate");
    // The header exactly as the RFC prints it, up to parameter order.
    expect(headerParams(req.headers.authorization!)).toEqual({
      realm: "Photos",
      oauth_consumer_key: "dpf43f3p2l4k3l03",
      oauth_signature_method: "HMAC-SHA1",
      oauth_timestamp: "137131200",
      oauth_nonce: "wIjqoS",
      oauth_callback: "http%3A%2F%2Fprinter.example.com%2Fready",
      oauth_signature: "74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D",
    });
    expect(req.headers.authorization!.startsWith('OAuth realm="Photos", ')).toBe(true);
  });

  it("token request with the verifier: POST https://photos.example.net/token → gKgrFCywp7rO0OXSjdot/IHF7IU=", async () => {
    const req = await accessTokenRequest({
      ...PHOTOS,
      url: "https://photos.example.net/token",
      token: "hh5s93j4hdidpola",
      tokenSecret: "hdhd0244k9j7ao03",
      verifier: "hfdp7dh39dks9884",
      realm: "Photos",
      now: () => 137131201 * 1000,
      nonce: fixedNonce("walatlh"),
    });
    expect(headerParams(req.headers.authorization!)).toEqual({
      realm: "Photos",
      oauth_consumer_key: "dpf43f3p2l4k3l03",
      oauth_token: "hh5s93j4hdidpola",
      oauth_signature_method: "HMAC-SHA1",
      oauth_timestamp: "137131201",
      oauth_nonce: "walatlh",
      oauth_verifier: "hfdp7dh39dks9884",
      oauth_signature: "gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D",
    });
  });

  it("protected resource: GET http://photos.example.net/photos?file=vacation.jpg&size=original → MdpQcU8iPSUjWoN/UDMsK2sui9I=", async () => {
    const ctx = at(137131202);
    const scheme = oauth1({
      ...PHOTOS,
      token: "nnch734d00sl2jdk",
      tokenSecret: "pfkkdhi9sl3r4s00",
      realm: "Photos",
      nonce: fixedNonce("chapoH"),
    });
    const signed = await scheme.sign(
      parts("http://photos.example.net/photos?file=vacation.jpg&size=original"),
      ctx,
    );
    expect(headerParams(signed.headers!.authorization!)).toEqual({
      realm: "Photos",
      oauth_consumer_key: "dpf43f3p2l4k3l03",
      oauth_token: "nnch734d00sl2jdk",
      oauth_signature_method: "HMAC-SHA1",
      oauth_timestamp: "137131202",
      oauth_nonce: "chapoH",
      oauth_signature: "MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D",
    });
    // Base string cross-checked with Python's stdlib hmac, which reproduces the RFC's signature from it.
    expect(ctx.events[0]!.canonical).toBe(
      "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal",
    );
    expect(ctx.events[0]!.headers.authorization).toContain(`oauth_signature="${REDACTED}"`);
  });

  it("token answers of §1.2 parse into credentials", () => {
    const temp = parseTokenResponse(
      "oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao03&oauth_callback_confirmed=true",
    );
    expect([temp.token, temp.tokenSecret, temp.callbackConfirmed]).toEqual([
      "hh5s93j4hdidpola",
      "hdhd0244k9j7ao03",
      true,
    ]);
    const final = parseTokenResponse(
      new TextEncoder().encode("oauth_token=nnch734d00sl2jdk&oauth_token_secret=pfkkdhi9sl3r4s00"),
    );
    expect([final.token, final.tokenSecret, final.callbackConfirmed]).toEqual([
      "nnch734d00sl2jdk",
      "pfkkdhi9sl3r4s00",
      false,
    ]);
  });
});

describe("OAuth Core 1.0 Appendix A.5 (the pre-RFC spec, often mislabelled RFC 5849)", () => {
  it("GET photos with oauth_version=1.0 → tR3+Ty81lMeYAr/Fid0kMTYa/WM= (A.5.1 base string, A.5.2 signature)", async () => {
    // https://oauth.net/core/1.0/#sig_base_example — the same credentials as RFC 5849 §1.2, another nonce and
    // timestamp, and oauth_version. RFC 5849 §1.2 itself uses MdpQcU8i… (tested above).
    const ctx = at(1191242096);
    const scheme = oauth1({
      ...PHOTOS,
      token: "nnch734d00sl2jdk",
      tokenSecret: "pfkkdhi9sl3r4s00",
      version: true,
      nonce: fixedNonce("kllo9940pd9333jh"),
    });
    const signed = await scheme.sign(
      parts("http://photos.example.net/photos?file=vacation.jpg&size=original"),
      ctx,
    );
    expect(ctx.events[0]!.canonical).toBe(
      "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal",
    );
    expect(headerParams(signed.headers!.authorization!).oauth_signature).toBe(
      "tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D",
    );
  });
});

describe("RFC 5849 §3.4.1 signature base string example", () => {
  // POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b, Host example.com, body c2&a3=2+q (form-encoded).
  const url = "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b";
  const request = parts(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "c2&a3=2+q",
  });
  const expectedBase =
    "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7";
  // §3.4.1.3.2: the normalized parameters string.
  const expectedNormalized =
    "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7";

  it("the scheme produces the RFC's base string exactly (§3.4.1.1)", async () => {
    const ctx = at(137131201);
    const scheme = oauth1({
      consumerKey: "9djdj82h48djs9d2",
      consumerSecret: "j49sk3j29djd",
      token: "kkk9d7dh3k39sjv7",
      tokenSecret: "dh893hdasih9",
      realm: "Example",
      nonce: fixedNonce("7d8f3e4a"),
    });
    const signed = await scheme.sign(request, ctx);
    expect(ctx.events[0]!.canonical).toBe(expectedBase);
    // The RFC prints oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D", which does not match its own base string
    // and secrets (a known inconsistency of the example). HMAC-SHA1 of the base string above under
    // "j49sk3j29djd&dh893hdasih9", computed independently with Python's stdlib
    // (base64(hmac.new(key, base, sha1).digest())), is r6/TJjbCOr97/+UU0NsvSne7s5g=.
    expect(headerParams(signed.headers!.authorization!).oauth_signature).toBe(
      "r6%2FTJjbCOr97%2F%2BUU0NsvSne7s5g%3D",
    );
    expect(signed.headers!.authorization!.startsWith('OAuth realm="Example", ')).toBe(true);
  });

  it("signatureBaseString and normalizeParameters agree with §3.4.1.1 and §3.4.1.3.2", () => {
    const oauthParams: Array<[string, string]> = [
      ["oauth_consumer_key", "9djdj82h48djs9d2"],
      ["oauth_token", "kkk9d7dh3k39sjv7"],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "137131201"],
      ["oauth_nonce", "7d8f3e4a"],
    ];
    const base = signatureBaseString({
      method: "post",
      url,
      contentType: "application/x-www-form-urlencoded; charset=utf-8",
      body: "c2&a3=2+q",
      oauthParams,
    });
    expect(base).toBe(expectedBase);
    expect(decodeURIComponent(base.split("&")[2]!)).toBe(expectedNormalized);
    // §3.4.1.3.1 lists the decoded parameters; normalizing them gives §3.4.1.3.2's string.
    const decoded: Array<[string, string]> = [
      ["b5", "=%3D"],
      ["a3", "a"],
      ["c@", ""],
      ["a2", "r b"],
      ...oauthParams,
      ["c2", ""],
      ["a3", "2 q"],
    ];
    expect(normalizeParameters(decoded)).toBe(expectedNormalized);
    // `c%40` sorts before `c2`: sorting is on the encoded name ("%" is 0x25, "2" is 0x32).
    expect(expectedNormalized.indexOf("c%40=")).toBeLessThan(expectedNormalized.indexOf("c2="));
  });

  it("a non-form body is not signed", () => {
    const json = signatureBaseString({
      method: "POST",
      url: "http://example.com/request",
      contentType: "application/json",
      body: '{"a3":"x"}',
      oauthParams: [],
    });
    expect(json).toBe("POST&http%3A%2F%2Fexample.com%2Frequest&");
  });
});

describe("Twitter's 'Creating a signature' example (query + form body, oauth_version)", () => {
  it("reproduces tnnArxj06cWHq44gCs1OSKk/jLY= and the exact header", async () => {
    const ctx = at(1318622958);
    const scheme = oauth1({
      consumerKey: "xvz1evFS4wEEPTGEFPHBog",
      consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
      token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
      tokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
      version: true,
      nonce: fixedNonce("kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
    });
    const signed = await scheme.sign(
      parts("https://api.twitter.com/1/statuses/update.json?include_entities=true", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21",
      }),
      ctx,
    );
    expect(ctx.events[0]!.canonical).toBe(
      "POST&https%3A%2F%2Fapi.twitter.com%2F1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521",
    );
    expect(signed.headers!.authorization).toBe(
      'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature="tnnArxj06cWHq44gCs1OSKk%2FjLY%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"',
    );
  });
});

describe("base string rules", () => {
  it("§3.4.1.2 base string URI: lower-case scheme and host, default port dropped, path as sent", () => {
    expect(baseStringUri("http://EXAMPLE.COM:80/r%20v/X?id=123")).toBe("http://example.com/r%20v/X");
    expect(baseStringUri("https://www.example.net:8080/?q=1")).toBe("https://www.example.net:8080/");
    expect(baseStringUri("HTTPS://X.TEST:443/p#frag")).toBe("https://x.test/p");
    expect(baseStringUri("https://user:pw@x.test")).toBe("https://x.test/");
    expect(() => baseStringUri("ftp://x.test/")).toThrow(KeywayConfigError);
    expect(() => baseStringUri("/relative")).toThrow(KeywayConfigError);
  });

  it("query parameters are decoded as form data and re-encoded (+ is a space, = in a value, encoded names)", () => {
    const third = (u: string, body?: string) =>
      decodeURIComponent(
        signatureBaseString({
          method: "GET",
          url: u,
          oauthParams: [],
          ...(body === undefined ? {} : { body, contentType: "application/x-www-form-urlencoded" }),
        }).split("&")[2]!,
      );
    expect(third("https://x.test/?q=a+b")).toBe("q=a%20b");
    expect(third("https://x.test/?t=x=y")).toBe("t=x%3Dy");
    expect(third("https://x.test/?a%20b=1")).toBe("a%20b=1");
    expect(third("https://x.test/?first%2Csecond=1&z=%7e")).toBe("first%2Csecond=1&z=~");
    expect(third("https://x.test/?k=%FF&k=%C3%A9")).toBe("k=%C3%A9&k=%FF"); // octets that are not UTF-8 kept
    expect(third("https://x.test/?b=2&a=1&a=0&&")).toBe("a=0&a=1&b=2");
    expect(third("https://x.test/p", "n=caf%C3%A9+au+lait&m=!")).toBe("m=%21&n=caf%C3%A9%20au%20lait");
  });

  it("refuses protocol parameters in the query, non-http URLs, bad options", async () => {
    const scheme = oauth1({ consumerKey: "ck", consumerSecret: "cs" });
    await expect(
      Promise.resolve(scheme.sign(parts("https://x.test/?oauth_token=abc"), testCtx())),
    ).rejects.toBeInstanceOf(KeywayConfigError);
    await expect(Promise.resolve(scheme.sign(parts("ftp://x.test/"), testCtx()))).rejects.toBeInstanceOf(
      KeywayConfigError,
    );
    expect(() => oauth1({ consumerKey: "ck", consumerSecret: "cs", realm: 'a"b' })).toThrow(
      KeywayConfigError,
    );
    expect(() =>
      oauth1({ consumerKey: "ck", consumerSecret: "cs", signatureMethod: "RSA-SHA1" as "PLAINTEXT" }),
    ).toThrow(KeywayConfigError);
    expect(() => oauth1({ consumerKey: "ck", consumerSecret: "cs", nonceBytes: 2 })).toThrow(
      KeywayConfigError,
    );
  });
});

describe("PLAINTEXT (RFC 5849 §3.4.4)", () => {
  it("signature = encode(consumer secret) & encode(token secret), encoded again in the header", async () => {
    const ctx = at(137131202);
    const scheme = oauth1({
      ...PHOTOS,
      token: "nnch734d00sl2jdk",
      tokenSecret: "pfkkdhi9sl3r4s00",
      signatureMethod: "PLAINTEXT",
    });
    const signed = await scheme.sign(parts("https://photos.example.net/photos"), ctx);
    const p = headerParams(signed.headers!.authorization!);
    expect(p.oauth_signature).toBe("kd94hf93k423kf44%26pfkkdhi9sl3r4s00");
    expect(p.oauth_signature_method).toBe("PLAINTEXT");
    expect(p.oauth_timestamp).toBe("137131202");
    expect(p.oauth_nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(ctx.events[0]!.canonical).toBeUndefined();
    expect(JSON.stringify(ctx.events)).not.toContain("kd94hf93k423kf44");
    expect(JSON.stringify(ctx.events)).not.toContain("pfkkdhi9sl3r4s00");
  });

  it("secrets with reserved characters are encoded before joining; no token → trailing &", async () => {
    const scheme = oauth1({ consumerKey: "ck", consumerSecret: "a b&c", signatureMethod: "PLAINTEXT" });
    const signed = await scheme.sign(parts("https://x.test/"), testCtx());
    // encode("a b&c") = "a%20b%26c"; "&" + "" ; then the header encodes the whole value once more.
    expect(headerParams(signed.headers!.authorization!).oauth_signature).toBe("a%2520b%2526c%26");
  });

  it("the form Appfigures' working clients send: no nonce, no timestamp (allowed by §3.1)", async () => {
    const scheme = oauth1({
      consumerKey: "client_key",
      consumerSecret: "client_secret",
      token: "tok",
      tokenSecret: "toksecret",
      signatureMethod: "PLAINTEXT",
      plaintextWithoutNonce: true,
    });
    const signed = await scheme.sign(parts("https://api.appfigures.com/v2/"), testCtx());
    expect(signed.headers!.authorization).toBe(
      'OAuth oauth_consumer_key="client_key", oauth_signature="client_secret%26toksecret", oauth_signature_method="PLAINTEXT", oauth_token="tok"',
    );
  });
});

describe("per attempt and two-legged", () => {
  it("new timestamp (seconds from ctx.now) and nonce (hex of ctx.random) on every attempt", async () => {
    const scheme = oauth1({ consumerKey: "ck", consumerSecret: "cs", token: "t", tokenSecret: "ts" });
    const a = headerParams(
      (await scheme.sign(parts("https://x.test/"), testCtx({ now: () => 1_000_999 }))).headers!
        .authorization!,
    );
    const b = headerParams(
      (
        await scheme.sign(
          parts("https://x.test/"),
          testCtx({ now: () => 2_000_000, random: (n) => new Uint8Array(n).fill(0xab) }),
        )
      ).headers!.authorization!,
    );
    expect(a.oauth_timestamp).toBe("1000");
    expect(a.oauth_nonce).toBe("000102030405060708090a0b0c0d0e0f");
    expect(b.oauth_timestamp).toBe("2000");
    expect(b.oauth_nonce).toBe("ab".repeat(16));
    expect(a.oauth_signature).not.toBe(b.oauth_signature);
  });

  it("two-legged: no oauth_token, key = encode(consumer secret) + '&'", async () => {
    const ctx = at(137131202);
    const scheme = oauth1({ ...PHOTOS, nonce: fixedNonce("chapoH") });
    const signed = await scheme.sign(parts("http://photos.example.net/photos?file=vacation.jpg"), ctx);
    const p = headerParams(signed.headers!.authorization!);
    expect(p.oauth_token).toBeUndefined();
    expect(ctx.events[0]!.canonical).not.toContain("oauth_token");
    // Python stdlib: base64(hmac.new(b"kd94hf93k423kf44&", base, hashlib.sha1).digest()) of the string below.
    expect(ctx.events[0]!.canonical).toBe(
      "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202",
    );
    expect(p.oauth_signature).toBe(encodeURIComponent("6EsUkI8kBP8INPO06SDBt3oTpSo="));
  });

  it("function secrets are read per request (rotation)", async () => {
    let secret = "one";
    const scheme = oauth1({ consumerKey: "ck", consumerSecret: () => secret, signatureMethod: "PLAINTEXT" });
    const first = headerParams(
      (await scheme.sign(parts("https://x.test/"), testCtx())).headers!.authorization!,
    );
    secret = "two";
    const second = headerParams(
      (await scheme.sign(parts("https://x.test/"), testCtx())).headers!.authorization!,
    );
    expect([first.oauth_signature, second.oauth_signature]).toEqual(["one%26", "two%26"]);
    const failing = oauth1({ consumerKey: "ck", consumerSecret: () => Promise.reject(new Error("vault")) });
    await expect(Promise.resolve(failing.sign(parts("https://x.test/"), testCtx()))).rejects.toBeInstanceOf(
      KeywayAuthError,
    );
  });
});

describe("three-legged helpers (Appfigures endpoints)", () => {
  it("request token: POST, oauth_callback=oob by default, X-OAuth-Scope passed through", async () => {
    const req = await requestTokenRequest({
      url: "https://api.appfigures.com/v2/oauth/request_token",
      consumerKey: "ck",
      consumerSecret: "cs",
      signatureMethod: "PLAINTEXT",
      headers: { "X-OAuth-Scope": "products:read" },
      now: () => 1_000_000,
      random: (n) => new Uint8Array(n),
    });
    expect(req.method).toBe("POST");
    expect(req.headers["x-oauth-scope"]).toBe("products:read");
    const p = headerParams(req.headers.authorization!);
    expect(p.oauth_callback).toBe("oob");
    expect(p.oauth_signature).toBe("cs%26");
    expect(p.oauth_token).toBeUndefined();
  });

  it("authorize URL carries the request token, encoded, keeping an existing query", () => {
    expect(authorizeUrl("https://api.appfigures.com/v2/oauth/authorize", "hh5s93j4hdidpola")).toBe(
      "https://api.appfigures.com/v2/oauth/authorize?oauth_token=hh5s93j4hdidpola",
    );
    expect(authorizeUrl("https://x.test/authorize?lang=en", "a b/+", { mode: "popup" })).toBe(
      "https://x.test/authorize?lang=en&oauth_token=a%20b%2F%2B&mode=popup",
    );
  });

  it("access token: signed with the temporary secret, oauth_verifier in the header", async () => {
    const req = await accessTokenRequest({
      url: "https://api.appfigures.com/v2/oauth/access_token",
      consumerKey: "ck",
      consumerSecret: "cs",
      token: "reqtok",
      tokenSecret: "reqsecret",
      verifier: "v123",
      signatureMethod: "PLAINTEXT",
    });
    const p = headerParams(req.headers.authorization!);
    expect([p.oauth_token, p.oauth_verifier, p.oauth_signature]).toEqual([
      "reqtok",
      "v123",
      "cs%26reqsecret",
    ]);
    await expect(
      accessTokenRequest({
        url: "https://x.test/",
        consumerKey: "ck",
        consumerSecret: "cs",
        token: "t",
        tokenSecret: "s",
        verifier: "",
      }),
    ).rejects.toBeInstanceOf(KeywayConfigError);
  });

  it("token answer parser: decodes, keeps extras, refuses an answer without token or secret, never echoes it", () => {
    const creds = parseTokenResponse("oauth_token=a%20b&oauth_token_secret=s%2Bt+u&user_id=42\n");
    expect([creds.token, creds.tokenSecret, creds.extra]).toEqual(["a b", "s+t u", { user_id: "42" }]);
    expect(JSON.stringify(creds)).not.toContain("s+t u");
    expect(inspect(creds)).not.toContain("s+t");
    expect(String(creds)).not.toContain("s+t");
    for (const bad of ["oauth_token_secret=TOPSECRET", "error=TOPSECRET", "", "<html>TOPSECRET</html>"]) {
      const err = (() => {
        try {
          parseTokenResponse(bad);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(err).toBeInstanceOf(KeywayAuthError);
      expect(String(err)).not.toContain("TOPSECRET");
    }
  });
});

describe("properties", () => {
  const name = fc
    .string({ unit: "grapheme", minLength: 1, maxLength: 8 })
    .filter((s) => !s.startsWith("oauth_"));
  const value = fc.string({ unit: "grapheme", maxLength: 8 });
  const pairs = fc.array(fc.tuple(name, value), { maxLength: 12 });

  it("the normalized parameter string does not depend on the order parameters were added", () => {
    fc.assert(
      fc.property(
        pairs.chain((p) =>
          fc.tuple(fc.constant(p), fc.shuffledSubarray(p, { minLength: p.length, maxLength: p.length })),
        ),
        ([a, b]) => {
          expect(normalizeParameters(b)).toBe(normalizeParameters(a));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the signature does not depend on the order of query parameters", async () => {
    const query = (p: Array<[string, string]>) =>
      p.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join("&");
    const scheme = oauth1({ consumerKey: "ck", consumerSecret: "cs", token: "t", tokenSecret: "ts" });
    await fc.assert(
      fc.asyncProperty(
        pairs.chain((p) =>
          fc.tuple(fc.constant(p), fc.shuffledSubarray(p, { minLength: p.length, maxLength: p.length })),
        ),
        async ([a, b]) => {
          const sa = await scheme.sign(parts(`https://x.test/p?${query(a)}`), testCtx());
          const sb = await scheme.sign(parts(`https://x.test/p?${query(b)}`), testCtx());
          expect(sb.headers!.authorization).toBe(sa.headers!.authorization);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("the signature changes when any signed input changes", async () => {
    type Input = {
      method: string;
      host: string;
      path: string;
      q: string;
      body: string;
      consumerKey: string;
      consumerSecret: string;
      token: string;
      tokenSecret: string;
      seconds: number;
      nonce: string;
    };
    const word = fc.stringMatching(/^[a-z0-9]{1,10}$/);
    const input = fc.record<Input>({
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE"),
      host: word,
      path: word,
      q: value,
      body: value,
      consumerKey: word,
      consumerSecret: value,
      token: word,
      tokenSecret: value,
      seconds: fc.integer({ min: 1, max: 2 ** 31 }),
      nonce: word,
    });
    const sign = async (i: Input) => {
      const scheme = oauth1({
        consumerKey: i.consumerKey,
        consumerSecret: i.consumerSecret,
        token: i.token,
        tokenSecret: i.tokenSecret,
        nonce: () => i.nonce,
      });
      const signed = await scheme.sign(
        parts(`https://${i.host}.test/${i.path}?q=${encodeURIComponent(i.q)}`, {
          method: i.method,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `b=${encodeURIComponent(i.body)}`,
        }),
        testCtx({ now: () => i.seconds * 1000 }),
      );
      return headerParams(signed.headers!.authorization!).oauth_signature;
    };
    await fc.assert(
      fc.asyncProperty(
        input,
        input,
        fc.constantFrom<keyof Input>(
          "method",
          "host",
          "path",
          "q",
          "body",
          "consumerKey",
          "consumerSecret",
          "token",
          "tokenSecret",
          "seconds",
          "nonce",
        ),
        async (base, other, field) => {
          fc.pre(base[field] !== other[field]);
          const changed = { ...base, [field]: other[field] } as Input;
          expect(await sign(changed)).not.toBe(await sign(base));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("never prints secrets", () => {
  it("the scheme object", () => {
    const options: OAuth1Options = {
      consumerKey: "ck",
      consumerSecret: "CONSUMER-SECRET-1",
      token: "tok",
      tokenSecret: "TOKEN-SECRET-2",
    };
    const scheme = oauth1(options);
    for (const text of [
      String(scheme),
      JSON.stringify(scheme),
      inspect(scheme, { depth: 10, showHidden: true }),
    ]) {
      expect(text).not.toMatch(/CONSUMER-SECRET-1|TOKEN-SECRET-2/);
    }
  });
});
