import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };

/**
 * The runtime exports of every entry point, reviewed by hand. A change here is a change of the published API
 * (or, for `./internal`, of what Keyway's own packages share): update this list on purpose, with a changeset.
 */
const EXPECTED: Record<string, readonly string[]> = {
  ".": [
    "DEFAULT_RETRY",
    "HishoppingDecryptError",
    "KeywayAuthError",
    "KeywayConfigError",
    "KeywayError",
    "KeywayNetworkError",
    "KeywayResponseError",
    "KeywayTimeoutError",
    "KeywayUnknownOutcomeError",
    "ProviderError",
    "REDACTED",
    "ResponseDecryptionError",
    "ResponseReplayError",
    "ResponseSignatureError",
    "SECRET_HEADERS",
    "SECRET_QUERY_PARAMS",
    "SignatureVerificationError",
    "commonOptions",
    "createKeywayClient",
    "readSecret",
    "redactAuthorization",
    "redactHeaders",
    "redactQueryParams",
    "redactUrl",
    "unwrap",
  ],
  "./internal": [
    "KeyCache",
    "aesGcmKey",
    "aesGcmOpen",
    "aesGcmSeal",
    "assertHeaderSafe",
    "backoffMs",
    "checkSecret",
    "concatBytes",
    "cryptoPath",
    "defaultRandom",
    "emitSign",
    "fromBase64",
    "fromHex",
    "fromUtf8",
    "hmac",
    "isHeaderSafe",
    "isRetryableStatus",
    "memoryClaimStore",
    "opaque",
    "parseRetryAfter",
    "percentEncode",
    "resolveSecret",
    "sha256",
    "timingSafeEqual",
    "toBase64",
    "toHex",
    "utf8",
  ],
  "./bearer": ["bearer"],
  "./jwt": ["jwtExpiresAt", "jwtSession"],
  "./api-key": ["apiKeyHeader"],
  "./basic": ["CLIENT_KEY_HEADER", "CLIENT_KEY_PARAM", "basicClientKey", "basicCredentials"],
  "./oauth1": [
    "OAuth1Credentials",
    "accessTokenRequest",
    "authorizeUrl",
    "baseStringUri",
    "normalizeParameters",
    "oauth1",
    "parseTokenResponse",
    "requestTokenRequest",
    "signatureBaseString",
  ],
  "./sgate": [
    "SGATE_METHOD_EXTENSION",
    "SGATE_SIGN_METHOD",
    "SGATE_SIGN_VERSION",
    "assertSafeSgatePathId",
    "sgateCanonicalString",
    "sgateHmac",
    "sgateSignature",
    "sgateUri",
    "verifySgateSignature",
  ],
  "./hishopping": [
    "HISHOPPING_IV_BYTES",
    "HISHOPPING_MIN_DATA_BYTES",
    "HISHOPPING_TAG_BYTES",
    "HishoppingDecryptError",
    "ResponseDecryptionError",
    "ResponseSignatureError",
    "encodeHishoppingData",
    "hishoppingAesKeyBytes",
    "hishoppingCanonicalJson",
    "hishoppingEnvelope",
    "hishoppingGoEscaped",
    "hishoppingHeaderSign",
    "hishoppingHeaders",
    "hishoppingOpened",
    "hishoppingSign",
    "openHishoppingPayload",
    "sealHishoppingPayload",
    "signHishoppingEnvelope",
    "verifyHishoppingEnvelope",
  ],
};

type Entry = { source: string; types: string; default: string };
const entries = Object.entries(pkg.exports).filter(
  (e): e is [string, Entry] => typeof e[1] === "object" && e[1] !== null,
);

describe("package exports", () => {
  it("lists every code entry point of the exports map here, and no other", () => {
    expect(entries.map(([subpath]) => subpath).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(entries)(
    "%s: source, types and default name the same module, and the source exists",
    (_, entry) => {
      const stem = entry.source.replace(/^\.\/src\//, "").replace(/\.ts$/, "");
      expect(entry.types).toBe(`./dist/${stem}.d.ts`);
      expect(entry.default).toBe(`./dist/${stem}.js`);
      expect(existsSync(fileURLToPath(new URL(`../${entry.source}`, import.meta.url)))).toBe(true);
    },
  );

  it.each(entries)("%s exports exactly the reviewed runtime names", async (subpath, entry) => {
    const mod = (await import(`../${entry.source}`)) as Record<string, unknown>;
    expect(Object.keys(mod).sort()).toEqual([...(EXPECTED[subpath] ?? [])].sort());
  });
});
