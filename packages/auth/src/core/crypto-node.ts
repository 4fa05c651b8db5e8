/**
 * The `node:crypto` path: Node, Bun and Deno (chosen by the `#crypto` import map's `node`, `bun` and
 * `deno` conditions). Its HMAC, hash and AES-GCM are synchronous one-shot calls, several times cheaper
 * per signature than Web Crypto's promise round trip; the functions keep the shared async signatures and
 * return already-settled promises.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  randomFillSync,
} from "node:crypto";
import type {
  AesGcmKey,
  AesGcmKeyFn,
  AesGcmOpenFn,
  AesGcmSealFn,
  CryptoPath,
  HmacFn,
  RandomFn,
  Sha256Fn,
} from "./crypto-api.js";

const TAG_BYTES = 16;
const GCM_CIPHER = { 16: "aes-128-gcm", 24: "aes-192-gcm", 32: "aes-256-gcm" } as const;
type GcmCipher = (typeof GCM_CIPHER)[keyof typeof GCM_CIPHER];

/** The key object plus its cipher name, behind the opaque {@link AesGcmKey}. */
interface NodeAesKey {
  readonly cipher: GcmCipher;
  readonly key: ReturnType<typeof createSecretKey>;
}

/** A fresh, exactly-sized Uint8Array (not a Buffer, not a view into Node's shared pool). */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** Which path this module is. */
export const cryptoPath: CryptoPath["cryptoPath"] = "node";

/** HMAC via `createHmac`: a string key is used as its UTF-8 bytes; no key import, so nothing to cache. */
export const hmac: HmacFn = async (hash, key, data) =>
  plain(
    createHmac(hash === "SHA-1" ? "sha1" : "sha256", key)
      .update(data)
      .digest(),
  );

/** SHA-256 via `createHash`. */
export const sha256: Sha256Fn = async (data) => plain(createHash("sha256").update(data).digest());

/** Wraps raw AES key bytes (16, 24 or 32) in a `KeyObject`; other lengths reject, as Web Crypto does. */
export const aesGcmKey: AesGcmKeyFn = async (raw) => {
  const cipher = GCM_CIPHER[raw.length as keyof typeof GCM_CIPHER];
  if (!cipher) throw new RangeError(`AES-GCM key must be 16, 24 or 32 bytes, got ${raw.length}`);
  const nodeKey: NodeAesKey = { cipher, key: createSecretKey(plain(raw)) };
  return nodeKey as unknown as AesGcmKey;
};

/** AES-GCM encryption via `createCipheriv`, laid out as Web Crypto's `ciphertext ‖ tag`. */
export const aesGcmSeal: AesGcmSealFn = async (key, iv, plaintext, aad) => {
  const k = key as unknown as NodeAesKey;
  const cipher = createCipheriv(k.cipher, k.key, iv, { authTagLength: TAG_BYTES });
  if (aad) cipher.setAAD(aad);
  const head = cipher.update(plaintext);
  const tail = cipher.final();
  const tag = cipher.getAuthTag();
  const out = new Uint8Array(head.length + tail.length + tag.length);
  out.set(head, 0);
  out.set(tail, head.length);
  out.set(tag, head.length + tail.length);
  return out;
};

/** AES-GCM decryption of `ciphertext ‖ tag` via `createDecipheriv`; rejects when authentication fails. */
export const aesGcmOpen: AesGcmOpenFn = async (key, iv, sealed, aad) => {
  if (sealed.length < TAG_BYTES) throw new RangeError("AES-GCM input is shorter than its tag");
  const k = key as unknown as NodeAesKey;
  const decipher = createDecipheriv(k.cipher, k.key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  if (aad) decipher.setAAD(aad);
  const head = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
  const tail = decipher.final();
  const out = new Uint8Array(head.length + tail.length);
  out.set(head, 0);
  out.set(tail, head.length);
  return out;
};

/** Random bytes from `randomFillSync`. */
export const defaultRandom: RandomFn = (n) => randomFillSync(new Uint8Array(n));
