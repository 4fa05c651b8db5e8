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

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

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

/** Text made only of RFC 3986 unreserved characters, which percent-encoding leaves as they are. */
export const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

/** RFC 3986 §2.3 percent-encoding: every byte but unreserved `A-Z a-z 0-9 - . _ ~` becomes `%XX` (upper-case). */
export function percentEncode(text: string): string {
  if (UNRESERVED.test(text)) return text;
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
