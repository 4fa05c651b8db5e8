/**
 * SGate pay-in v1: `x-auth-*` headers carrying a base64 HMAC-SHA256 over six sorted `name=value` pairs
 * (docs/providers/sgate.md, "Authentication"; https://docs.sgate.sa/en/payinApi/callMethod/callMethod.html).
 *
 * Encoding choice (docs/providers/sgate.md, "Authentication"): the four official samples disagree on how values are encoded (Node
 * `encodeURIComponent`, PHP `http_build_query`, Python `urlencode`, Java `URLEncoder` on `uri` only).
 * Keyway encodes **every** value is encoded with `encodeURIComponent` semantics
 * (UTF-8, everything but `A–Z a–z 0–9 - _ . ! ~ * ' ( )` percent-encoded, upper-case hex, space `%20`):
 * it is the first, canonical sample, the 2021–22 official Node SDK used it, and the server is Node.
 * Pairs are sorted by name byte-wise and joined with `&`; the secret is used as UTF-8; the output is
 * standard base64 with padding. Path ids outside `[A-Za-z0-9._-]` are refused before the wire, so the
 * samples' encoders can never disagree on what is actually signed: `~` is refused too, because the PHP
 * (`http_build_query`) and Java (`URLEncoder`) samples send it as `%7E` while Node and Python keep it
 * (specs/sgate/vectors `samples`).
 */
import { andThen, fromBase64, hmac, hmacText, timingSafeEqual, utf8 } from "../core/crypto.js";
import { KeywayConfigError } from "../core/errors.js";
import { isHeaderSafe } from "../core/guard.js";
import { opaque } from "../core/redact.js";
import { checkSecret, emitSign, resolveSecret } from "../core/scheme-kit.js";
import { REDACTED, type Scheme, type Secret, type SignContext, type SignResult } from "../core/types.js";

/** The fixed `signMethod` value and `x-auth-sign-method` header. */
export const SGATE_SIGN_METHOD = "HmacSHA256";
/** The fixed `signVersion` value and `x-auth-sign-version` header. */
export const SGATE_SIGN_VERSION = "1";
/** The operation-table extension holding an operation's signed method name (e.g. `merchant.detail`). */
export const SGATE_METHOD_EXTENSION = "x-sgate-method";

/** The six signed values of one SGate request (`signMethod`/`signVersion` default to the fixed ones). */
export interface SgateSignInput {
  /** The request path after the API root (`/api_v1`), plus any query, e.g. `/merchants/M448726`. */
  readonly uri: string;
  /** The client key. */
  readonly key: string;
  /** Unix time in seconds. */
  readonly timestamp: number | string;
  /** The interface's method name, e.g. `merchant.addOrder` (not the HTTP verb). */
  readonly method: string;
  /** Defaults to `HmacSHA256`. */
  readonly signMethod?: string;
  /** Defaults to `1`. */
  readonly signVersion?: string;
}

function encodeValue(name: string, value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    throw new KeywayConfigError(`SGate signing: ${name} is not well-formed Unicode (lone surrogate)`);
  }
}

/**
 * The canonical string SGate signs: the six pairs, values encoded with `encodeURIComponent`, sorted
 * by name, joined with `&`. Pure; e.g. for the documented vector it returns
 * `key=zS83…&method=merchant.detail&signMethod=HmacSHA256&signVersion=1&timestamp=1672991487&uri=%2Fmerchants%2FM448726`.
 */
export function sgateCanonicalString(input: SgateSignInput): string {
  // The six names in byte-wise order are always key, method, signMethod, signVersion, timestamp, uri.
  return (
    `key=${encodeValue("key", input.key)}` +
    `&method=${encodeValue("method", input.method)}` +
    `&signMethod=${encodeValue("signMethod", input.signMethod ?? SGATE_SIGN_METHOD)}` +
    `&signVersion=${encodeValue("signVersion", input.signVersion ?? SGATE_SIGN_VERSION)}` +
    `&timestamp=${encodeValue("timestamp", String(input.timestamp))}` +
    `&uri=${encodeValue("uri", input.uri)}`
  );
}

/** The `x-auth-signature` value of a canonical string: standard base64 of HMAC-SHA256 keyed by the secret. */
export async function sgateSignature(canonical: string, secret: string): Promise<string> {
  return hmacText("SHA-256", secret, canonical, "base64");
}

/**
 * Characters a path id may hold: every official encoder leaves them alone, so the signature is unambiguous.
 * `~` is not one of them (PHP and Java encode it, Node and Python do not).
 */
const SAFE_ID = /^[A-Za-z0-9._-]+$/;

/** Throws {@link KeywayConfigError} for a path parameter value SGate signing cannot carry safely. */
export function assertSafeSgatePathId(name: string, value: unknown, operation?: string): void {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string" || !SAFE_ID.test(text) || text === "." || text === "..") {
    throw new KeywayConfigError(
      `SGate path parameter ${name} must match [A-Za-z0-9._-]+ (and not be "." or ".."; "~" is signed differently by SGate's PHP/Java and Node/Python samples); refusing to sign ${JSON.stringify(
        typeof value === "string" ? value.slice(0, 64) : typeof value,
      )}`,
      { operation },
    );
  }
}

/**
 * The signed `uri` of a request: the final URL's path minus the base URL's path (`/api_v1` by
 * default, or wherever a proxy or a sandbox mounts it), plus the query string exactly as sent.
 */
export function sgateUri(url: string, baseUrl: string): string {
  return uriUnder(url, basePathOf(baseUrl));
}

/** The base URL's path without trailing slashes (`/api_v1`). */
function basePathOf(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, "");
}

/** {@link sgateUri} with the base path already parsed. */
function uriUnder(url: string, basePath: string): string {
  const target = new URL(url);
  const path = target.pathname;
  if (basePath && !(path === basePath || path.startsWith(`${basePath}/`))) {
    throw new KeywayConfigError(`SGate signing: ${path} is not under the base path ${basePath}`);
  }
  const rest = path.slice(basePath.length) || "/";
  return rest + target.search;
}

/** Options of {@link sgateHmac}. */
export interface SgateHmacOptions {
  /** The client key (`x-auth-key`), or a function read per request. */
  readonly key: Secret;
  /** The client secret (HMAC key), or a function read per request (so it can rotate). */
  readonly secret: Secret;
}

/** A key is sent as a header value: only what an HTTP header can carry. */
function checkKey(key: string, operation?: string): string {
  if (!isHeaderSafe(key)) {
    throw new KeywayConfigError(
      "SGate key holds characters an HTTP header cannot carry (CR, LF, NUL, controls or non-Latin-1)",
      { operation },
    );
  }
  return key;
}

function methodName(ctx: SignContext): string {
  const method = ctx.row.extensions[SGATE_METHOD_EXTENSION];
  if (typeof method !== "string" || method.length === 0) {
    throw new KeywayConfigError(
      `operation ${ctx.row.operationId} has no ${SGATE_METHOD_EXTENSION} in the spec; SGate cannot sign it`,
      { operation: ctx.row.operationId, method: ctx.row.method },
    );
  }
  return method;
}

/**
 * Creates the SGate HMAC scheme. Per attempt it reads the method name from the operation's
 * `x-sgate-method`, refuses unsafe path ids, takes the timestamp from `ctx.now()` (seconds), signs,
 * and sets `x-auth-signature`, `x-auth-key`, `x-auth-timestamp`, `x-auth-sign-method`,
 * `x-auth-sign-version`. The debug event carries the canonical string (which holds the key, never the secret).
 */
export function sgateHmac(options: SgateHmacOptions): Scheme {
  const { key, secret } = options;
  if (typeof key === "string") checkKey(checkSecret(key, { scheme: "SGate", option: "key" }));
  if (typeof secret === "string") checkSecret(secret, { scheme: "SGate", option: "secret" });
  /** The base path of the last base URL seen (a client's is fixed), so it is parsed once. */
  let base = { url: "", path: "" };

  /** Signs with resolved credentials: synchronously when the crypto path is (node:crypto). */
  function signWith(keyValue: string, secretValue: string, uri: string, method: string, ctx: SignContext) {
    const timestamp = String(Math.floor(ctx.now() / 1000));
    const canonical = sgateCanonicalString({ uri, key: keyValue, timestamp, method });
    return andThen(hmacText("SHA-256", secretValue, canonical, "base64"), (signature): SignResult => {
      const headers = {
        "x-auth-signature": signature,
        "x-auth-key": keyValue,
        "x-auth-timestamp": timestamp,
        "x-auth-sign-method": SGATE_SIGN_METHOD,
        "x-auth-sign-version": SGATE_SIGN_VERSION,
      };
      if (ctx.debug) emitSign(ctx, "sgate-hmac", { canonical, headers });
      return { headers };
    });
  }

  /** Reads function credentials (in order: key, then secret), then signs. */
  async function readAndSign(uri: string, method: string, ctx: SignContext, operation: string) {
    const keyValue =
      typeof key === "string"
        ? key
        : checkKey(await resolveSecret(key, { scheme: "SGate", option: "key", operation }), operation);
    const secretValue =
      typeof secret === "string"
        ? secret
        : await resolveSecret(secret, { scheme: "SGate", option: "secret", operation });
    return signWith(keyValue, secretValue, uri, method, ctx);
  }

  return Object.freeze({
    name: "sgate-hmac",
    /** Answers synchronously on the node:crypto path with static credentials; failures always reject. */
    sign(parts, ctx) {
      try {
        const operation = ctx.row.operationId;
        const method = methodName(ctx);
        const path = ctx.params?.path;
        if (path) for (const name in path) assertSafeSgatePathId(name, path[name], operation);
        if (base.url !== ctx.baseUrl) base = { url: ctx.baseUrl, path: basePathOf(ctx.baseUrl) };
        const uri = uriUnder(parts.url, base.path);
        if (typeof key === "string" && typeof secret === "string")
          return signWith(key, secret, uri, method, ctx);
        return readAndSign(uri, method, ctx, operation);
      } catch (err) {
        return Promise.reject(err);
      }
    },
    ...opaque("[sgate-hmac scheme]", { scheme: "sgate-hmac", key: REDACTED, secret: REDACTED }),
  } satisfies Scheme);
}

/** Why a signature check failed (or `ok`). */
export type SgateVerifyReason =
  | "ok"
  | "missing-headers"
  | "unknown-key"
  | "unsupported-sign-method"
  | "bad-timestamp"
  | "stale-timestamp"
  | "bad-signature";

/** Input of {@link verifySgateSignature}. */
export interface VerifySgateSignatureInput {
  /** The received headers (a Fetch `Headers` or a plain lower-case record). */
  readonly headers: Headers | Readonly<Record<string, string | undefined>>;
  /** The signed uri as received (for callbacks: path + query of the request, as SGate signed it). */
  readonly uri: string;
  /** The expected method name, e.g. `order.notification`. */
  readonly method: string;
  /** The expected key (your client key). */
  readonly key: string;
  /** The secret. */
  readonly secret: string;
  /** Current time in ms since the epoch. */
  readonly now: number;
  /** Accepted distance between `x-auth-timestamp` and `now`, in seconds (default 300). */
  readonly toleranceSeconds?: number;
}

/** Result of {@link verifySgateSignature}: `valid` with the reason it is not, when it is not. */
export interface SgateVerifyResult {
  readonly valid: boolean;
  readonly reason: SgateVerifyReason;
  /** The canonical string that was checked, when the headers were complete. */
  readonly canonical?: string;
}

function header(headers: VerifySgateSignatureInput["headers"], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  return headers[name] ?? undefined;
}

/**
 * Verifies `x-auth-*` headers (e.g. on an SGate callback): key equality, sign method and version,
 * timestamp within the tolerance (the official 2021 Node demo allowed ±100 s; default here 300 s),
 * and the signature by constant-time comparison of the decoded bytes.
 */
export async function verifySgateSignature(input: VerifySgateSignatureInput): Promise<SgateVerifyResult> {
  const sig = header(input.headers, "x-auth-signature");
  const key = header(input.headers, "x-auth-key");
  const ts = header(input.headers, "x-auth-timestamp");
  if (!sig || !key || !ts) return { valid: false, reason: "missing-headers" };
  const signMethod = header(input.headers, "x-auth-sign-method") ?? SGATE_SIGN_METHOD;
  const signVersion = header(input.headers, "x-auth-sign-version") ?? SGATE_SIGN_VERSION;
  if (signMethod !== SGATE_SIGN_METHOD || signVersion !== SGATE_SIGN_VERSION) {
    return { valid: false, reason: "unsupported-sign-method" };
  }
  if (!timingSafeEqual(utf8(key), utf8(input.key))) {
    return { valid: false, reason: "unknown-key" };
  }
  if (!/^\d{1,12}$/.test(ts)) return { valid: false, reason: "bad-timestamp" };
  const tolerance = input.toleranceSeconds ?? 300;
  if (Math.abs(Number(ts) - input.now / 1000) > tolerance) return { valid: false, reason: "stale-timestamp" };
  const canonical = sgateCanonicalString({ uri: input.uri, key, timestamp: ts, method: input.method });
  const expected = await hmac("SHA-256", input.secret, canonical);
  const given = fromBase64(sig.trim());
  const valid = given !== undefined && timingSafeEqual(given, expected);
  return { valid, reason: valid ? "ok" : "bad-signature", canonical };
}
