import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type Explanation, MIN_SEARCHED_SECRET, redactExplanation, run } from "../src/index.js";
import { memoryIo } from "./helpers.js";

/** RFC 5849 §3.6 percent-encoding, written here from the RFC. */
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

async function explainJson(argv: string[]) {
  const io = memoryIo();
  const code = await run(["explain", ...argv, "--json"], io);
  expect(io.stderr(), "stderr").toBe("");
  expect(code).toBe(0);
  return JSON.parse(io.stdout()) as {
    canonical?: string;
    signature?: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    secretsRedacted: boolean;
    notes?: string[];
  };
}

// OAuth 1.0a credentials whose characters percent-encoding changes, so the token is spelled differently as typed,
// in the header (encoded once) and in the base string (encoded twice).
const OAUTH = {
  clientKey: "ck/explain+key",
  clientSecret: "cs&explain secret",
  token: "tok/en+=!x",
  tokenSecret: "ts~explain/secret",
};
const OAUTH_ARGV = [
  "appfigures",
  "--client-key",
  OAUTH.clientKey,
  "--client-secret",
  OAUTH.clientSecret,
  "--oauth-token",
  OAUTH.token,
  "--oauth-token-secret",
  OAUTH.tokenSecret,
  "--timestamp",
  "1700000000",
  "--nonce",
  "00112233445566778899aabbccddeeff",
  "GET",
  "https://api.appfigures.com/v2/products/mine?store=apple",
];

describe("keyway explain --show-secrets", () => {
  it("Appfigures OAuth 1.0a: the base string holds the token, and is what the signature signs", async () => {
    const e = await explainJson([...OAUTH_ARGV, "--show-secrets"]);
    expect(e.secretsRedacted).toBe(false);
    expect(e.canonical).toContain(`oauth_token%3D${enc(enc(OAUTH.token))}%26`);
    expect(e.canonical).not.toContain("[redacted]");
    // HMAC-SHA1 keyed by enc(client secret) & enc(token secret) (RFC 5849 §3.4.2), by node:crypto.
    const key = `${enc(OAUTH.clientSecret)}&${enc(OAUTH.tokenSecret)}`;
    expect(createHmac("sha1", key).update(e.canonical!).digest("base64")).toBe(e.signature);
    expect(e.headers.authorization).toContain(`oauth_token="${enc(OAUTH.token)}"`);
  });

  it("without it, no spelling of any OAuth 1.0a secret shows, the token hidden in the base string by field", async () => {
    const e = await explainJson(OAUTH_ARGV);
    expect(e.secretsRedacted).toBe(true);
    expect(e.canonical).toContain("oauth_token%3D[redacted]%26");
    expect(e.canonical).toContain("oauth_nonce%3D00112233445566778899aabbccddeeff");
    const text = JSON.stringify(e);
    for (const secret of Object.values(OAUTH)) {
      for (const spelling of [secret, enc(secret), enc(enc(secret)), encodeURIComponent(secret)])
        expect(text).not.toContain(spelling);
    }
  });
});

describe("keyway explain: secrets hidden by field, short ones not searched for", () => {
  const SGATE = [
    "sgate",
    "--key",
    "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI",
    "--timestamp",
    "1672991487",
    "GET",
    "https://sandbox.sgate.sa/api_v1/merchants/M448726",
  ];

  it("a 1-character secret blanks nothing else, and a note names its option (not its value)", async () => {
    const io = memoryIo();
    expect(await run(["explain", ...SGATE, "--secret", "1"], io)).toBe(0);
    const out = io.stdout();
    const canonical =
      "key=zS83UNCPhVTqBxDHACJ30sImZRKAlzQI&method=merchant.detail&signMethod=HmacSHA256&signVersion=1&timestamp=1672991487&uri=%2Fmerchants%2FM448726";
    expect(out).toContain(`Canonical string:\n  ${canonical}\n`);
    expect(out).toContain(
      `x-auth-signature: ${createHmac("sha256", "1").update(canonical).digest("base64")}\n`,
    );
    expect(out).toContain("x-auth-timestamp: 1672991487\n");
    expect(out).toContain(
      `Note: --secret is shorter than ${MIN_SEARCHED_SECRET} characters: hidden in the fields known to carry credentials, but not searched for elsewhere`,
    );
    const json = JSON.parse((await explainText(["explain", ...SGATE, "--secret", "1", "--json"])) as string);
    expect(json.notes).toEqual([expect.stringMatching(/^--secret is shorter than 8 characters/)]);
    expect(json.canonical).toBe(canonical);
  });

  it("short secrets in credential headers are still hidden; long secrets need no note", async () => {
    const argv = ["appfigures", "--client-key", "k1", "--username", "me@example.com", "--password", "pw"];
    const e = await explainJson([...argv, "GET", "https://api.appfigures.com/v2/"]);
    expect(e.headers).toMatchObject({ authorization: "Basic [redacted]", "x-client-key": "[redacted]" });
    expect(e.notes).toEqual([
      expect.stringMatching(/^--client-key, --password are shorter than 8 characters/),
    ]);
    const long = await explainJson([...SGATE, "--secret", "a long enough secret"]);
    expect(long.notes).toEqual([]);
    const shown = await explainJson([...SGATE, "--secret", "1", "--show-secrets"]);
    expect(shown.notes).toEqual([]);
  });
});

async function explainText(argv: string[]) {
  const io = memoryIo();
  expect(await run(argv, io)).toBe(0);
  return io.stdout();
}

describe("redactExplanation", () => {
  const base: Explanation = {
    provider: "Hyper",
    operationId: "login",
    operation: "POST /login",
    scheme: "none",
    method: "POST",
    url: "https://tenant.example/login?token=abc&page=2",
    headers: { "content-type": "application/json", apikey: "k" },
  };

  it("hides credential-named body fields (JSON at any depth, forms) and keeps every other byte", () => {
    const json = redactExplanation({ ...base, body: '{"email":"a@b.c","auth":{"Password":"pw","n":1}}' }, []);
    expect(json.body).toBe('{"email":"a@b.c","auth":{"Password":"[redacted]","n":1}}');
    expect(json.url).toBe("https://tenant.example/login?token=[redacted]&page=2");
    expect(json.headers.apikey).toBe("[redacted]");
    const form = redactExplanation(
      {
        ...base,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "code=c0de&client_secret=s3&grant_type=authorization_code",
      },
      [],
    );
    expect(form.body).toBe("code=c0de&client_secret=[redacted]&grant_type=authorization_code");
    const untouched = '{ "a" : "\\u003c" }';
    expect(redactExplanation({ ...base, body: untouched }, []).body).toBe(untouched);
  });

  it("searches for a long secret wherever it is, in each spelling; a short one only by field", () => {
    const secret = "s3cret value/x";
    const e = redactExplanation(
      {
        ...base,
        url: `https://tenant.example/search?q=${encodeURIComponent(secret)}&n=1`,
        body: JSON.stringify({ note: `was ${secret}`, n: 1 }),
      },
      [secret, "n"],
    );
    expect(e.url).toBe("https://tenant.example/search?q=[redacted]&n=1");
    expect(e.body).toBe('{"note":"was [redacted]","n":1}');
  });
});
