/**
 * The Web Crypto path (`globalThis.crypto.subtle`): browsers, edge runtimes and any bundle that is not
 * built for Node. Chosen by the `#crypto` import map's `browser`/worker/`default` conditions.
 */
import type {
  AesGcmKey,
  AesGcmKeyFn,
  AesGcmOpenFn,
  AesGcmSealFn,
  CryptoPath,
  HmacFn,
  HmacTextFn,
  RandomFn,
  Sha256Fn,
} from "./crypto-api.js";
import { toBase64, toHex } from "./crypto-codec.js";
import { KeyCache } from "./key-cache.js";

export { fromBase64, fromHex, toBase64, toHex } from "./crypto-codec.js";

const encoder = /* @__PURE__ */ new TextEncoder();

/** Copies bytes into a fresh ArrayBuffer-backed view (Web Crypto rejects SharedArrayBuffer views). */
function buf(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return (typeof data === "string" ? encoder.encode(data) : new Uint8Array(data)) as Uint8Array<ArrayBuffer>;
}

function keyId(key: string | Uint8Array): string {
  return typeof key === "string" ? `s:${key}` : `b:${toHex(key)}`;
}

/** Which path this module is. */
export const cryptoPath: CryptoPath["cryptoPath"] = "web";

const hmacKeys = /* @__PURE__ */ new KeyCache<CryptoKey>(64);

/** HMAC via Web Crypto; the imported key is cached per hash and key value. */
export const hmac: HmacFn = async (hash, key, data) => {
  const cryptoKey = await hmacKeys.get(`${hash}:${keyId(key)}`, () =>
    globalThis.crypto.subtle.importKey("raw", buf(key), { name: "HMAC", hash }, false, ["sign"]),
  );
  return new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", cryptoKey, buf(data)));
};

/** HMAC via Web Crypto, encoded as Base64 or hex. */
export const hmacText: HmacTextFn = async (hash, key, data, encoding) => {
  const mac = await hmac(hash, key, data);
  return encoding === "hex" ? toHex(mac) : toBase64(mac);
};

/** SHA-256 via Web Crypto. */
export const sha256: Sha256Fn = async (data) =>
  new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", buf(data)));

/** Imports raw AES key bytes as a non-extractable Web Crypto AES-GCM key. */
export const aesGcmKey: AesGcmKeyFn = async (raw) =>
  (await globalThis.crypto.subtle.importKey("raw", buf(raw), { name: "AES-GCM" }, false, [
    "encrypt",
    "decrypt",
  ])) as unknown as AesGcmKey;

function gcmParams(iv: Uint8Array, aad: Uint8Array | undefined): AesGcmParams {
  const params: AesGcmParams = { name: "AES-GCM", iv: buf(iv), tagLength: 128 };
  if (aad) params.additionalData = buf(aad);
  return params;
}

/** AES-GCM encryption via Web Crypto: `ciphertext ‖ tag` is Web Crypto's own layout. */
export const aesGcmSeal: AesGcmSealFn = async (key, iv, plaintext, aad) =>
  new Uint8Array(
    await globalThis.crypto.subtle.encrypt(gcmParams(iv, aad), key as unknown as CryptoKey, buf(plaintext)),
  );

/** AES-GCM decryption via Web Crypto; rejects (`OperationError`) when authentication fails. */
export const aesGcmOpen: AesGcmOpenFn = async (key, iv, sealed, aad) =>
  new Uint8Array(
    await globalThis.crypto.subtle.decrypt(gcmParams(iv, aad), key as unknown as CryptoKey, buf(sealed)),
  );

/** Random bytes from `crypto.getRandomValues`. */
export const defaultRandom: RandomFn = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));
