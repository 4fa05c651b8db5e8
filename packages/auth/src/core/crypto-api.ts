/**
 * The one interface both crypto paths implement: `crypto-node.ts` (`node:crypto`, for Node, Bun and Deno)
 * and `crypto-web.ts` (Web Crypto, for browsers and edge runtimes). Each path declares its exports with
 * these types, so the type checker keeps the two from drifting. The package's `imports` map (`#crypto`)
 * picks one by export condition at resolve time; nothing sniffs the runtime.
 *
 * The primitives return {@link MaybePromise}: the node:crypto path answers synchronously (its HMAC, hash and
 * AES-GCM are one-shot calls, and a promise per call would cost more than a short HMAC), Web Crypto with a
 * promise. `await` works on both; a caller on a hot path may branch on `instanceof Promise` instead.
 */

/** A value, or a promise of it: what the node:crypto path returns synchronously, Web Crypto asynchronously. */
export type MaybePromise<T> = T | Promise<T>;

declare const aesGcmKeyBrand: unique symbol;

/** An AES-GCM key as the active path holds it (a Web Crypto `CryptoKey` or a `node:crypto` `KeyObject`). */
export type AesGcmKey = { readonly [aesGcmKeyBrand]: true };

/** The hashes {@link HmacFn} supports. */
export type HmacHash = "SHA-1" | "SHA-256";

/** HMAC of `data` under `key` (a UTF-8 secret or raw bytes). */
export type HmacFn = (
  hash: HmacHash,
  key: string | Uint8Array,
  data: string | Uint8Array,
) => MaybePromise<Uint8Array>;

/** HMAC of `data` under `key` as text: standard padded Base64, or lower-case hex. */
export type HmacTextFn = (
  hash: HmacHash,
  key: string | Uint8Array,
  data: string | Uint8Array,
  encoding: "base64" | "hex",
) => MaybePromise<string>;

/** SHA-256 digest. */
export type Sha256Fn = (data: string | Uint8Array) => MaybePromise<Uint8Array>;

/** Prepares raw AES key bytes (16, 24 or 32) for AES-GCM. Callers cache the result per secret. */
export type AesGcmKeyFn = (raw: Uint8Array) => MaybePromise<AesGcmKey>;

/** AES-GCM encryption with a 128-bit tag: returns `ciphertext ‖ tag`. */
export type AesGcmSealFn = (
  key: AesGcmKey,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad?: Uint8Array,
) => MaybePromise<Uint8Array>;

/** AES-GCM decryption of `ciphertext ‖ tag`; throws or rejects when authentication fails. */
export type AesGcmOpenFn = (
  key: AesGcmKey,
  iv: Uint8Array,
  sealed: Uint8Array,
  aad?: Uint8Array,
) => MaybePromise<Uint8Array>;

/** Encodes bytes as text (standard padded Base64, RFC 4648 §4, or lower-case hex). */
export type ToTextFn = (bytes: Uint8Array) => string;

/** Strict decoding of Base64 (padding required, canonical) or hex (either case); `undefined` when malformed. */
export type FromTextFn = (text: string) => Uint8Array | undefined;

/** `n` cryptographically random bytes. */
export type RandomFn = (n: number) => Uint8Array;

/** What a crypto path module exports: test/crypto-paths.test.ts runs the same vectors through each. */
export interface CryptoPath {
  /** Which path this is. */
  readonly cryptoPath: "node" | "web";
  readonly hmac: HmacFn;
  readonly hmacText: HmacTextFn;
  readonly sha256: Sha256Fn;
  readonly aesGcmKey: AesGcmKeyFn;
  readonly aesGcmSeal: AesGcmSealFn;
  readonly aesGcmOpen: AesGcmOpenFn;
  readonly defaultRandom: RandomFn;
  readonly toBase64: ToTextFn;
  readonly fromBase64: FromTextFn;
  readonly toHex: ToTextFn;
  readonly fromHex: FromTextFn;
}
