/**
 * The one interface both crypto paths implement: `crypto-node.ts` (`node:crypto`, for Node, Bun and Deno)
 * and `crypto-web.ts` (Web Crypto, for browsers and edge runtimes). Each path declares its exports with
 * these types, so the type checker keeps the two from drifting. The package's `imports` map (`#crypto`)
 * picks one by export condition at resolve time; nothing sniffs the runtime.
 */

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
) => Promise<Uint8Array>;

/** SHA-256 digest. */
export type Sha256Fn = (data: string | Uint8Array) => Promise<Uint8Array>;

/** Prepares raw AES key bytes (16, 24 or 32) for AES-GCM. Callers cache the result per secret. */
export type AesGcmKeyFn = (raw: Uint8Array) => Promise<AesGcmKey>;

/** AES-GCM encryption with a 128-bit tag: returns `ciphertext ‖ tag`. */
export type AesGcmSealFn = (
  key: AesGcmKey,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad?: Uint8Array,
) => Promise<Uint8Array>;

/** AES-GCM decryption of `ciphertext ‖ tag`; rejects when authentication fails. */
export type AesGcmOpenFn = (
  key: AesGcmKey,
  iv: Uint8Array,
  sealed: Uint8Array,
  aad?: Uint8Array,
) => Promise<Uint8Array>;

/** `n` cryptographically random bytes. */
export type RandomFn = (n: number) => Uint8Array;

/** What a crypto path module exports: test/crypto-paths.test.ts runs the same vectors through each. */
export interface CryptoPath {
  /** Which path this is. */
  readonly cryptoPath: "node" | "web";
  readonly hmac: HmacFn;
  readonly sha256: Sha256Fn;
  readonly aesGcmKey: AesGcmKeyFn;
  readonly aesGcmSeal: AesGcmSealFn;
  readonly aesGcmOpen: AesGcmOpenFn;
  readonly defaultRandom: RandomFn;
}
