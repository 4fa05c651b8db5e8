/**
 * The conformance vectors, run through @keyway/auth as a user's runtime resolves it: the crypto wrappers of
 * the active path (`@keyway/auth/internal`) on the RFC 2202, RFC 4231 and GCM cases, and the public schemes
 * (`oauth1`, `sgateHmac`, `hishoppingEnvelope`) on the files their own tests read. Each function throws on the
 * first mismatch, naming the vector.
 */
import { type OperationRow, SignatureVerificationError, type SignContext } from "@keyway/auth";
import { hishoppingEnvelope } from "@keyway/auth/hishopping";
import { aesGcmKey, aesGcmOpen, aesGcmSeal, fromHex, hmac, toHex, utf8 } from "@keyway/auth/internal";
import { accessTokenRequest, oauth1, requestTokenRequest } from "@keyway/auth/oauth1";
import { sgateCanonicalString, sgateHmac, sgateSignature } from "@keyway/auth/sgate";
import type { CryptoVectors, HishoppingVectors, HmacCase, OAuth1Vector, SgateVector } from "./types.js";

/** Throws `what: expected …, got …` unless the two strings are equal. */
function same(what: string, got: string | undefined, want: string | undefined): void {
  if (got !== want) throw new Error(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}

const bytes = (hex: string): Uint8Array => {
  const out = fromHex(hex);
  if (!out) throw new Error(`not hex: ${hex.slice(0, 16)}…`);
  return out;
};

const row = (method: string, path: string, extensions: Record<string, unknown> = {}): OperationRow => ({
  operationId: "probe",
  method,
  path,
  security: [],
  retry: "safe",
  extensions,
});

function signContext(over: Partial<SignContext> & Pick<SignContext, "row" | "baseUrl" | "now">): SignContext {
  return { random: (n) => new Uint8Array(n), attempt: 1, params: undefined, debug: undefined, ...over };
}

/** RFC 2202 (`SHA-1`) or RFC 4231 (`SHA-256`) cases through the active path's `hmac`; returns the count. */
export async function hmacVectors(hash: "SHA-1" | "SHA-256", cases: readonly HmacCase[]): Promise<number> {
  for (const v of cases) {
    const digest = toHex(await hmac(hash, bytes(v.key), bytes(v.data)));
    same(`${hash} test case ${v.tc}`, digest.slice(0, v.digest.length), v.digest);
  }
  return cases.length;
}

/** The GCM spec's AES-256 cases: seal gives C ‖ T, open gives P back, a flipped tag is refused. */
export async function gcmVectors(vectors: CryptoVectors["aes256Gcm"]): Promise<number> {
  for (const v of vectors.cases) {
    const key = await aesGcmKey(bytes(v.key));
    const aad = v.aad ? bytes(v.aad) : undefined;
    const sealed = await aesGcmSeal(key, bytes(v.iv), bytes(v.plaintext), aad);
    same(`GCM test case ${v.tc} seal`, toHex(sealed), v.ciphertext + v.tag);
    same(`GCM test case ${v.tc} open`, toHex(await aesGcmOpen(key, bytes(v.iv), sealed, aad)), v.plaintext);
    const flipped = sealed.slice();
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    // node:crypto throws synchronously, Web Crypto rejects: both count as refused.
    const refused = await Promise.resolve()
      .then(() => aesGcmOpen(key, bytes(v.iv), flipped, aad))
      .then(
        () => false,
        () => true,
      );
    if (!refused) throw new Error(`GCM test case ${v.tc}: a flipped tag bit opened`);
  }
  return vectors.cases.length;
}

/** `oauth_signature` of an `Authorization: OAuth k="v", …` header. */
function oauthSignature(header: string | undefined): string | undefined {
  const m = /oauth_signature="([^"]*)"/.exec(header ?? "");
  return m?.[1] === undefined ? undefined : decodeURIComponent(m[1]);
}

/** RFC 5849 §1.2 / §3.4.1 and the edge cases of the Appfigures vector file, through `oauth1` and the token steps. */
export async function oauth1Vectors(vectors: readonly OAuth1Vector[]): Promise<number> {
  for (const v of vectors) {
    const now = () => v.timestamp * 1000;
    const { oauth_callback: callback, oauth_verifier: verifier } = v.oauthParams;
    let header: string | undefined;
    if (callback !== undefined || verifier !== undefined) {
      const env = {
        url: v.url,
        consumerKey: v.consumerKey,
        consumerSecret: v.consumerSecret,
        now,
        nonce: () => v.nonce,
      };
      const prepared =
        callback !== undefined
          ? await requestTokenRequest({ ...env, callback })
          : await accessTokenRequest({
              ...env,
              token: v.token,
              tokenSecret: v.tokenSecret,
              verifier: verifier ?? "",
            });
      header = prepared.headers.authorization;
    } else {
      const scheme = oauth1({
        consumerKey: v.consumerKey,
        consumerSecret: v.consumerSecret,
        ...(v.token ? { token: v.token, tokenSecret: v.tokenSecret } : {}),
        signatureMethod: v.signatureMethod,
        nonce: () => v.nonce,
      });
      const signed = await scheme.sign(
        {
          method: v.method,
          url: v.url,
          headers: new Headers(v.contentType ? { "content-type": v.contentType } : {}),
          body: v.body === undefined ? undefined : utf8(v.body),
        },
        signContext({ row: row(v.method, "/"), baseUrl: new URL(v.url).origin, now }),
      );
      header = signed.headers?.authorization;
    }
    same(`oauth1 "${v.name}"`, oauthSignature(header), v.signature);
  }
  return vectors.length;
}

/** SGate's documented signature and the generated cases: canonical string, signature, and the scheme's headers. */
export async function sgateVectors(vectors: readonly SgateVector[]): Promise<number> {
  for (const v of vectors) {
    const canonical = sgateCanonicalString({
      uri: v.uri,
      key: v.key,
      timestamp: v.timestamp,
      method: v.method,
    });
    same(`sgate "${v.name}" canonical`, canonical, v.canonical);
    same(`sgate "${v.name}" signature`, await sgateSignature(canonical, v.secret), v.signature);
    if (v.url && v.baseUrl) {
      const out = await sgateHmac({ key: v.key, secret: v.secret }).sign(
        { method: "GET", url: v.url, headers: new Headers(), body: undefined },
        signContext({
          row: row("GET", "/", { "x-sgate-method": v.method }),
          baseUrl: v.baseUrl,
          now: () => v.timestamp * 1000 + 999,
        }),
      );
      same(`sgate "${v.name}" x-auth-signature`, out.headers?.["x-auth-signature"], v.signature);
    }
  }
  return vectors.length;
}

/** Structural equality of JSON values (key order ignored). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** HiShopping's envelope: requests byte for byte, signed answers opened, tampered answers refused. */
export async function hishoppingVectors(V: HishoppingVectors): Promise<number> {
  const scheme = (secretKey: string, dataEncoding: "base64" | "hex") =>
    hishoppingEnvelope({
      appId: V.credentials.app_id,
      secretKey,
      signKey: V.credentials.sign_key,
      dataEncoding,
    });
  const respond = (body: string) =>
    new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const openCtx = signContext({
    row: row("GET", "/credit"),
    baseUrl: V.base_url,
    now: () => 1_767_225_600_000,
  });

  for (const v of V.requests) {
    const url = new URL(V.base_url + v.path);
    for (const [k, val] of Object.entries(v.query ?? {})) url.searchParams.set(k, String(val));
    const fixed = (n: number) => bytes(n === 12 ? v.iv_hex : v.nonce_bytes_hex);
    const out = await scheme(v.secret_key, v.data_encoding).sign(
      {
        method: v.method,
        url: url.toString(),
        headers: new Headers(),
        body: v.body === undefined ? undefined : utf8(v.body),
      },
      signContext({
        row: row(v.method, v.path),
        baseUrl: V.base_url,
        now: () => v.now_ms,
        random: fixed,
        params: v.query ? { query: v.query } : undefined,
      }),
    );
    if (v.method === "POST") same(`hishopping request "${v.name}" body`, out.body as string, v.wire_body);
    else same(`hishopping request "${v.name}" url`, out.url, v.url);
  }
  for (const v of V.responses) {
    const opened = await scheme(v.secret_key, v.data_encoding).open?.(respond(v.wire_body), openCtx);
    const json: unknown = await opened?.json();
    if (!sameJson(json, v.expect))
      throw new Error(`hishopping response "${v.name}": opened to ${JSON.stringify(json)}`);
  }
  for (const v of V.response_negatives) {
    const error = await scheme(v.secret_key, v.data_encoding)
      .open?.(respond(v.wire_body), openCtx)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    if (!(error instanceof SignatureVerificationError)) {
      throw new Error(`hishopping negative "${v.name}": not refused with a SignatureVerificationError`);
    }
  }
  return V.requests.length + V.responses.length + V.response_negatives.length;
}
