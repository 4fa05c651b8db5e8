import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { run } from "../src/index.js";
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
