/**
 * Byte and encoding helpers shared by the schemes, plus the crypto primitives and Base64/hex codecs of
 * whichever path the package's `#crypto` import map resolves to: `node:crypto` on Node, Bun and Deno (crypto-node.ts),
 * Web Crypto in browsers, edge runtimes and every other bundle (crypto-web.ts). Both implement
 * crypto-api.ts and run the same test vectors.
 */

export {
  aesGcmKey,
  aesGcmOpen,
  aesGcmSeal,
  cryptoPath,
  defaultRandom,
  fromBase64,
  fromHex,
  hmac,
  hmacText,
  sha256,
  toBase64,
  toHex,
} from "#crypto";
export type { AesGcmKey, HmacHash, MaybePromise } from "./crypto-api.js";
export { KeyCache } from "./key-cache.js";

/**
 * Applies `f` to a {@link MaybePromise}: at once to a value (the node:crypto path), after it settles to a
 * promise (Web Crypto). Lets a hot path stay synchronous where the platform is.
 */
export function andThen<T, U>(value: T | Promise<T>, f: (value: T) => U | Promise<U>): U | Promise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/**
 * Runs `f`, turning a synchronous throw into a rejected promise: a function that answers with a
 * {@link MaybePromise} then fails one way, by rejecting, whichever crypto path ran.
 */
export function rejectOnThrow<T>(f: () => T | Promise<T>): T | Promise<T> {
  try {
    return f();
  } catch (err) {
    return Promise.reject(err);
  }
}

const encoder = /* @__PURE__ */ new TextEncoder();
const decoder = /* @__PURE__ */ new TextDecoder("utf-8", { fatal: true });

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Decodes UTF-8, throwing on malformed input. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Compares two byte arrays in time independent of where they differ. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Compares two strings in time independent of where they differ (the length is not secret). */
export function timingSafeEqualText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Whether an ASCII code is an RFC 3986 §2.3 unreserved character (`A-Z a-z 0-9 - . _ ~`). */
export function isUnreserved(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 45 ||
    c === 46 ||
    c === 95 ||
    c === 126
  );
}

const HEX_UPPER = "0123456789ABCDEF";

/** `%XX` (upper-case hex) of one octet. */
export function pctOctet(b: number): string {
  return `%${HEX_UPPER[b >> 4]}${HEX_UPPER[b & 15]}`;
}

/** What `encodeURIComponent` leaves bare but RFC 3986 §2.3 reserves. */
const SUB_DELIM = /[!'()*]/;

/**
 * RFC 3986 §2.3 percent-encoding: every UTF-8 byte but unreserved `A-Z a-z 0-9 - . _ ~` becomes `%XX`
 * (upper-case). Unreserved text is returned as is; other text goes through `encodeURIComponent`, then its
 * five unescaped sub-delimiters are escaped. Throws `URIError` on a lone
 * surrogate.
 */
export function percentEncode(text: string): string {
  let i = 0;
  while (i < text.length && isUnreserved(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  const out = encodeURIComponent(text);
  return SUB_DELIM.test(out) ? out.replace(/[!'()*]/g, (c) => pctOctet(c.charCodeAt(0))) : out;
}
