/**
 * Signs one OAuth 1.0a request (RFC 5849 §3.1–§3.5.1): the protocol parameters, the HMAC-SHA1 or PLAINTEXT
 * signature and the `Authorization: OAuth …` header (§3.5.1). Shared by the scheme and the three-legged helpers.
 */
import { hmacText, type MaybePromise, percentEncode, toHex } from "../../core/crypto.js";
import { KeywayConfigError } from "../../core/errors.js";
import { REDACTED } from "../../core/types.js";
import {
  baseString,
  baseStringEntry,
  encode,
  encodeUri,
  requestPairs,
  sortPairs,
  splitUrl,
} from "./base-string.js";

/** Signature methods this module implements (RFC 5849 §3.4.2 and §3.4.4). */
export type OAuth1SignatureMethod = "HMAC-SHA1" | "PLAINTEXT";

/** Options shared by the scheme and the three-legged helpers. */
export interface OAuth1CommonOptions {
  /** Signature method; default `HMAC-SHA1`. Appfigures accepts both. PLAINTEXT needs HTTPS. */
  readonly signatureMethod?: OAuth1SignatureMethod;
  /** `realm` of the Authorization header (§3.5.1); not part of the signature. */
  readonly realm?: string;
  /** Send `oauth_version="1.0"` (optional in RFC 5849 §3.1; some servers want it). Default false. */
  readonly version?: boolean;
  /** PLAINTEXT only: leave out `oauth_timestamp` and `oauth_nonce`, which §3.1 allows. Default false. */
  readonly plaintextWithoutNonce?: boolean;
  /** Random bytes behind the default nonce (hex-encoded). Default 16 (128 bits). */
  readonly nonceBytes?: number;
  /** Makes the nonce from random bytes; default: hex of `random(nonceBytes)`. For fixed test vectors. */
  readonly nonce?: (random: (n: number) => Uint8Array) => string;
}

const SIGNED_PROTOCOL = new Set([
  "oauth_consumer_key",
  "oauth_token",
  "oauth_signature_method",
  "oauth_signature",
  "oauth_timestamp",
  "oauth_nonce",
  "oauth_version",
  "oauth_callback",
  "oauth_verifier",
]);

/** The resolved credentials one signer holds. */
export interface OAuth1Secrets {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly token: string | undefined;
  readonly tokenSecret: string | undefined;
}

/** One signed request: the header, its redacted twin (when asked for) and the base string. */
export interface Signed {
  readonly authorization: string;
  /** The same header with the signature replaced by `[redacted]`, when the call asked for it (`debug`). */
  readonly redacted: string | undefined;
  /** The base string (HMAC-SHA1 only). */
  readonly baseString: string | undefined;
}

/**
 * Signs one request: method, final URL, content type and body octets (a form body is signed), the clock (ms)
 * the randomness behind the nonce, and whether to build the redacted header too. Synchronous on the node:crypto path; throws
 * {@link KeywayConfigError} for a request it cannot sign.
 */
export type OAuth1Signer = (
  method: string,
  url: string,
  contentType: string | null | undefined,
  body: Uint8Array | undefined,
  now: () => number,
  random: (n: number) => Uint8Array,
  debug: boolean,
) => MaybePromise<Signed>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const QUOTED_SAFE = /^[^"\\\u0000-\u001f\u007f]*$/;

/** Percent-encodes Base64 text (an HMAC-SHA1 signature): only `+`, `/` and `=` are not unreserved. */
function escapeBase64(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2b || c === 0x2f || c === 0x3d) {
      out += `${text.slice(from, i)}${c === 0x2b ? "%2B" : c === 0x2f ? "%2F" : "%3D"}`;
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

/** Checks the options every signer shares. @throws KeywayConfigError naming the bad option. */
export function checkOptions(options: OAuth1CommonOptions): void {
  const method = options.signatureMethod ?? "HMAC-SHA1";
  if (method !== "HMAC-SHA1" && method !== "PLAINTEXT") {
    throw new KeywayConfigError('oauth1: signatureMethod must be "HMAC-SHA1" or "PLAINTEXT"');
  }
  if (options.realm !== undefined && !QUOTED_SAFE.test(options.realm)) {
    throw new KeywayConfigError("oauth1: realm must not contain quotes, backslashes or control characters");
  }
  const n = options.nonceBytes ?? 16;
  if (!Number.isInteger(n) || n < 8 || n > 64)
    throw new KeywayConfigError("oauth1: nonceBytes must be 8..64");
}

/**
 * A signer for one set of credentials (RFC 5849 §3.1–§3.5.1): the key, the encoded identifiers and the
 * protocol parameters that do not change are computed here once; each call adds a timestamp and nonce, signs
 * with HMAC-SHA1 or PLAINTEXT and builds the `Authorization` header. `extra` are more protocol parameters
 * (the three-legged flow's `oauth_callback`, `oauth_verifier`).
 * @throws KeywayConfigError for text that cannot be encoded (a lone surrogate).
 */
export function oauth1Signer(
  secrets: OAuth1Secrets,
  options: OAuth1CommonOptions,
  extra: ReadonlyArray<readonly [string, string]> = [],
): OAuth1Signer {
  const method = options.signatureMethod ?? "HMAC-SHA1";
  // §3.4.4 / §3.4.2: the key is encode(client secret) "&" encode(token secret), the latter possibly empty.
  const key = `${encode(secrets.consumerSecret)}&${encode(secrets.tokenSecret ?? "")}`;
  // The protocol parameters, encoded and sorted once; the nonce and timestamp slots are filled per request.
  const template = ["oauth_consumer_key", encode(secrets.consumerKey), "oauth_signature_method", method];
  if (secrets.token) template.push("oauth_token", encode(secrets.token));
  if (options.version) template.push("oauth_version", "1.0");
  for (const [name, value] of extra) template.push(encode(name), encode(value));
  const fresh = !(method === "PLAINTEXT" && options.plaintextWithoutNonce);
  if (fresh) template.push("oauth_nonce", "", "oauth_timestamp", "");
  sortPairs(template);
  const nonceAt = template.indexOf("oauth_nonce") + 1;
  const timestampAt = template.indexOf("oauth_timestamp") + 1;
  // The protocol pairs as the base string holds them; the slots are written per request.
  const entries: string[] = [];
  for (let i = 0; i < template.length; i += 2) entries.push(baseStringEntry(template[i]!, template[i + 1]!));
  const nonceBytes = options.nonceBytes ?? 16;
  const prefix = options.realm === undefined ? "OAuth " : `OAuth realm="${options.realm}", `;

  // The header (§3.5.1), fields in name order, cut where the per-request values go: the nonce, the signature
  // and the timestamp (`oauth_nonce` < `oauth_signature` < `oauth_signature_method` < `oauth_timestamp`).
  const chunks: string[] = [];
  let chunk = prefix;
  for (let i = 0; i < template.length; i += 2) {
    const name = template[i]!;
    if (i > 0) chunk += ", ";
    if (name === "oauth_signature_method") {
      chunks.push(`${chunk}oauth_signature="`);
      chunk = '", ';
    }
    chunk += `${name}="`;
    if (i + 1 === nonceAt || i + 1 === timestampAt) {
      chunks.push(chunk);
      chunk = '"';
    } else chunk += `${template[i + 1]}"`;
  }
  chunks.push(chunk);
  const header = (protocol: readonly string[], signature: string) =>
    fresh
      ? `${chunks[0]}${protocol[nonceAt]}${chunks[1]}${signature}${chunks[2]}${protocol[timestampAt]}${chunks[3]}`
      : `${chunks[0]}${signature}${chunks[1]}`;
  const signed = (
    protocol: readonly string[],
    signature: string,
    debug: boolean,
    baseString?: string,
  ): Signed => ({
    authorization: header(
      protocol,
      baseString === undefined ? percentEncode(signature) : escapeBase64(signature),
    ),
    redacted: debug ? header(protocol, REDACTED) : undefined,
    baseString,
  });

  // The encoded origin of the last request: a client's calls share their base URL's.
  let origin = "";
  let encodedOrigin = "";

  return (verb, url, contentType, body, now, random, debug) => {
    const [from, path, query] = splitUrl(url);
    const pairs = requestPairs(query, contentType, body);
    for (let i = 0; i < pairs.length; i += 2) {
      if (SIGNED_PROTOCOL.has(pairs[i]!)) {
        throw new KeywayConfigError(
          `oauth1: the request already carries ${pairs[i]} in its query or body; the scheme sends protocol parameters in the Authorization header only`,
        );
      }
    }
    const protocol = template.slice();
    if (fresh) {
      // The default nonce is hex: already its own encoding.
      const nonce = options.nonce ? options.nonce(random) : toHex(random(nonceBytes));
      if (typeof nonce !== "string" || nonce.length === 0)
        throw new KeywayConfigError("oauth1: the nonce is empty");
      protocol[nonceAt] = options.nonce ? encode(nonce) : nonce;
      protocol[timestampAt] = String(Math.floor(now() / 1000));
    }
    if (method !== "HMAC-SHA1") return signed(protocol, key, debug);
    sortPairs(pairs);
    if (from !== origin) {
      encodedOrigin = percentEncode(from);
      origin = from;
    }
    const own = entries.slice();
    if (fresh) {
      own[nonceAt >> 1] = baseStringEntry("oauth_nonce", protocol[nonceAt]!);
      own[timestampAt >> 1] = `oauth_timestamp%3D${protocol[timestampAt]}`;
    }
    const text = baseString(verb, encodeUri(from, path, encodedOrigin), pairs, protocol, own);
    const signature = hmacText("SHA-1", key, text, "base64");
    return typeof signature === "string"
      ? signed(protocol, signature, debug, text)
      : signature.then((sig) => signed(protocol, sig, debug, text));
  };
}
