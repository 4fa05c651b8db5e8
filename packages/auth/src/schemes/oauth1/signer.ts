/**
 * Signs one OAuth 1.0a request (RFC 5849 §3.1–§3.5.1): the protocol parameters, the HMAC-SHA1 or PLAINTEXT
 * signature and the `Authorization: OAuth …` header (§3.5.1). Shared by the scheme and the three-legged helpers.
 */
import { andThen, hmacText, type MaybePromise, percentEncode, toHex } from "../../core/crypto.js";
import { KeywayConfigError } from "../../core/errors.js";
import { REDACTED } from "../../core/types.js";
import { baseStringUri, encode, normalizeEncoded, requestPairs } from "./base-string.js";

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

/** Everything one signature needs, secrets resolved. */
export interface SignInput {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | null | undefined;
  readonly body: Uint8Array | undefined;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly token: string | undefined;
  readonly tokenSecret: string | undefined;
  readonly extra: ReadonlyArray<readonly [string, string]>;
  readonly options: OAuth1CommonOptions;
  readonly now: () => number;
  readonly random: (n: number) => Uint8Array;
}

/** One signed request: the header, its redacted twin and the base string. */
export interface Signed {
  readonly authorization: string;
  /** The same header with the signature replaced by `[redacted]`. */
  readonly redacted: string;
  /** The base string (HMAC-SHA1 only). */
  readonly baseString: string | undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const QUOTED_SAFE = /^[^"\\\u0000-\u001f\u007f]*$/;

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

const byName = ([a]: readonly [string, string], [b]: readonly [string, string]) =>
  a < b ? -1 : a > b ? 1 : 0;

/**
 * Signs one request (RFC 5849 §3.1–§3.5.1) and builds the Authorization header. Synchronous on the
 * node:crypto path; it throws {@link KeywayConfigError} for a request it cannot sign.
 */
export function signRequest(input: SignInput): MaybePromise<Signed> {
  const { options } = input;
  const method = options.signatureMethod ?? "HMAC-SHA1";
  const url = new URL(input.url);
  const uri = baseStringUri(url);
  const requestParams = requestPairs(url, input.contentType, input.body);
  for (const [name] of requestParams) {
    if (SIGNED_PROTOCOL.has(name)) {
      throw new KeywayConfigError(
        `oauth1: the request already carries ${name} in its query or body; the scheme sends protocol parameters in the Authorization header only`,
      );
    }
  }
  const protocol: Array<[string, string]> = [["oauth_consumer_key", input.consumerKey]];
  if (input.token) protocol.push(["oauth_token", input.token]);
  protocol.push(["oauth_signature_method", method]);
  if (!(method === "PLAINTEXT" && options.plaintextWithoutNonce)) {
    protocol.push(["oauth_timestamp", String(Math.floor(input.now() / 1000))]);
    const nonce = options.nonce ? options.nonce(input.random) : toHex(input.random(options.nonceBytes ?? 16));
    if (typeof nonce !== "string" || nonce.length === 0)
      throw new KeywayConfigError("oauth1: the nonce is empty");
    protocol.push(["oauth_nonce", nonce]);
  }
  if (options.version) protocol.push(["oauth_version", "1.0"]);
  for (const [name, value] of input.extra) protocol.push([name, value]);

  const encodedProtocol = protocol.map(([n, v]): [string, string] => [encode(n), encode(v)]);
  // §3.4.4 / §3.4.2: the key is encode(client secret) "&" encode(token secret), the latter possibly empty.
  const key = `${encode(input.consumerSecret)}&${encode(input.tokenSecret ?? "")}`;
  // The header's fields in name order, `oauth_signature` among them (its value is filled in below).
  const fields = [...encodedProtocol, ["oauth_signature", ""] as [string, string]].sort(byName);
  const slot = fields.findIndex(([n]) => n === "oauth_signature");
  const realm = options.realm === undefined ? "" : `realm="${options.realm}", `;
  const header = (sig: string) => {
    let out = `OAuth ${realm}`;
    for (let i = 0; i < fields.length; i++) {
      out += `${i === 0 ? "" : ", "}${fields[i]![0]}="${i === slot ? sig : fields[i]![1]}"`;
    }
    return out;
  };
  const done = (signature: string, baseString: string | undefined): Signed => ({
    authorization: header(percentEncode(signature)),
    redacted: header(REDACTED),
    baseString,
  });
  if (method !== "HMAC-SHA1") return done(key, undefined);
  const baseString = `${input.method.toUpperCase()}&${percentEncode(uri)}&${percentEncode(normalizeEncoded([...requestParams, ...encodedProtocol]))}`;
  return andThen(hmacText("SHA-1", key, baseString, "base64"), (signature) => done(signature, baseString));
}
