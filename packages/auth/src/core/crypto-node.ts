/**
 * The `node:crypto` path: Node, Bun and Deno (chosen by the `#crypto` import map's `node`, `bun` and
 * `deno` conditions). Its HMAC, hash and AES-GCM are synchronous one-shot calls, several times cheaper
 * per signature than Web Crypto's promise round trip, and they answer synchronously (no promise per call);
 * Base64 and hex go through `Buffer`'s native codecs.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  type KeyObject,
  randomFillSync,
} from "node:crypto";
import type {
  AesGcmKey,
  AesGcmKeyFn,
  AesGcmOpenFn,
  AesGcmSealFn,
  CryptoPath,
  FromTextFn,
  HmacFn,
  HmacTextFn,
  RandomFn,
  Sha256Fn,
  ToTextFn,
} from "./crypto-api.js";
import { toHex as hexByTable } from "./crypto-codec.js";
import { KeyCache } from "./key-cache.js";

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

const hmacKeys = /* @__PURE__ */ new KeyCache<KeyObject>(64);

/**
 * The key `createHmac` is given: a string secret as a `KeyObject` made once per value (cached), which
 * `createHmac` takes without re-encoding the string on every call; bytes as they are.
 */
const hmacKey = (key: string | Uint8Array) =>
  typeof key === "string" ? (hmacKeys.get(key, () => createSecretKey(key, "utf8")) as KeyObject) : key;

/** HMAC via `createHmac`: a string key is used as its UTF-8 bytes. */
export const hmac: HmacFn = (hash, key, data) =>
  plain(
    createHmac(hash === "SHA-1" ? "sha1" : "sha256", hmacKey(key))
      .update(data)
      .digest(),
  );

/** HMAC via `createHmac`, encoded by the digest itself (no intermediate bytes). */
export const hmacText: HmacTextFn = (hash, key, data, encoding) =>
  createHmac(hash === "SHA-1" ? "sha1" : "sha256", hmacKey(key))
    .update(data)
    .digest(encoding);

/** SHA-256 via `createHash`. */
export const sha256: Sha256Fn = (data) => plain(createHash("sha256").update(data).digest());

/** Wraps raw AES key bytes (16, 24 or 32) in a `KeyObject`; other lengths throw, as Web Crypto rejects. */
export const aesGcmKey: AesGcmKeyFn = (raw) => {
  const cipher = GCM_CIPHER[raw.length as keyof typeof GCM_CIPHER];
  if (!cipher) throw new RangeError(`AES-GCM key must be 16, 24 or 32 bytes, got ${raw.length}`);
  const nodeKey: NodeAesKey = { cipher, key: createSecretKey(plain(raw)) };
  return nodeKey as unknown as AesGcmKey;
};

/** AES-GCM encryption via `createCipheriv`, laid out as Web Crypto's `ciphertext ‖ tag`. */
export const aesGcmSeal: AesGcmSealFn = (key, iv, plaintext, aad) => {
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

/** AES-GCM decryption of `ciphertext ‖ tag` via `createDecipheriv`; throws when authentication fails. */
export const aesGcmOpen: AesGcmOpenFn = (key, iv, sealed, aad) => {
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

/** Bytes drawn from `randomFillSync` at a time: one call serves many IVs and nonces. */
const POOL_BYTES = 4096;
let pool = /* @__PURE__ */ new Uint8Array(0);
let used = 0;

/**
 * Random bytes from `randomFillSync`, drawn ahead into a pool (as Node's own `randomUUID` does), because
 * the call costs more than the 12–16 bytes a signature needs; each byte is handed out once, as a copy.
 */
export const defaultRandom: RandomFn = (n) => {
  if (n > POOL_BYTES / 8) return randomFillSync(new Uint8Array(n));
  if (used + n > pool.length) {
    pool = randomFillSync(new Uint8Array(POOL_BYTES));
    used = 0;
  }
  used += n;
  return pool.slice(used - n, used);
};

/** `Buffer` over the same memory (no copy), for the native codecs. */
const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Standard padded Base64 via `Buffer`. */
export const toBase64: ToTextFn = (bytes) => view(bytes).toString("base64");

/**
 * Lower-case hex: short input (a nonce, a MAC) by table, which costs less than making a `Buffer` view;
 * longer input via `Buffer`.
 */
export const toHex: ToTextFn = (bytes) =>
  bytes.length <= 64 ? hexByTable(bytes) : view(bytes).toString("hex");

/** Base64 alphabet then at most two `=`; the length and the padding bits are checked beside it. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Characters that may end a `xx==` quantum (no bits past the data): A, Q, g, w. */
const LAST_OF_TWO = /[AQgw]/;
/** Characters that may end a `xxx=` quantum (no bits past the data): every fourth of the alphabet. */
const LAST_OF_THREE = /[AEIMQUYcgkosw048]/;

/**
 * Strict, canonical Base64 decoding into a fresh Uint8Array via `Buffer#write` (which alone is lenient):
 * whole quanta, padding only at the end, no stray bits in the last character before it; `undefined` otherwise.
 */
export const fromBase64: FromTextFn = (text) => {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  if (pad === 2 && !LAST_OF_TWO.test(text.charAt(text.length - 3))) return undefined;
  if (pad === 1 && !LAST_OF_THREE.test(text.charAt(text.length - 2))) return undefined;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  view(out).write(text, "base64");
  return out;
};

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** Strict hex decoding (either case, even length) via `Buffer#write`; `undefined` when malformed. */
export const fromHex: FromTextFn = (text) => {
  if (!HEX.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  view(out).write(text, "hex");
  return out;
};
