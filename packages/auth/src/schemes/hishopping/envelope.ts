/**
 * The HiShopping envelope's cryptography: AES-256-GCM of the `data` field under the Secret Key (12-byte IV,
 * 16-byte tag, no AAD) and the HMAC-SHA256 `sign` over the canonical JSON of every other field.
 */
import {
  type AesGcmKey,
  aesGcmKey,
  aesGcmOpen,
  aesGcmSeal,
  concatBytes,
  fromBase64,
  fromHex,
  hmac,
  KeyCache,
  sha256,
  timingSafeEqual,
  toBase64,
  toHex,
  utf8,
} from "../../core/crypto.js";
import { HishoppingDecryptError, KeywayConfigError } from "../../core/errors.js";
import { hishoppingCanonicalJson } from "./canonical-json.js";

/** Encoding of the envelope's `data` field: `iv ‖ ciphertext ‖ tag` as Base64 (default) or hex. */
export type HishoppingDataEncoding = "base64" | "hex";

/** GCM IV length in bytes. */
export const HISHOPPING_IV_BYTES = 12;
/** GCM tag length in bytes. */
export const HISHOPPING_TAG_BYTES = 16;
/** Shortest decodable `data`: IV plus tag (an empty plaintext). */
export const HISHOPPING_MIN_DATA_BYTES = HISHOPPING_IV_BYTES + HISHOPPING_TAG_BYTES;

/** The AES-256 key bytes of a Secret Key: its UTF-8 bytes if exactly 32, otherwise their SHA-256. */
export async function hishoppingAesKeyBytes(secretKey: string): Promise<Uint8Array> {
  const raw = utf8(secretKey);
  return raw.length === 32 ? raw : sha256(raw);
}

const aesKeys = new KeyCache<AesGcmKey>(32);

function aesKey(secretKey: string): Promise<AesGcmKey> {
  return aesKeys.get(secretKey, async () => aesGcmKey(await hishoppingAesKeyBytes(secretKey)));
}

/** Encodes `iv ‖ ciphertext ‖ tag` for the `data` field. */
export function encodeHishoppingData(raw: Uint8Array, encoding: HishoppingDataEncoding): string {
  return encoding === "hex" ? toHex(raw) : toBase64(raw);
}

/**
 * Encrypts a plaintext for the `data` field with AES-256-GCM (no AAD) under the Secret Key and the
 * given 12-byte IV; returns `encode(iv ‖ ciphertext ‖ tag)`.
 */
export async function sealHishoppingPayload(
  secretKey: string,
  iv: Uint8Array,
  plaintext: Uint8Array,
  encoding: HishoppingDataEncoding = "base64",
): Promise<string> {
  if (iv.length !== HISHOPPING_IV_BYTES) throw new KeywayConfigError("HiShopping IV must be 12 bytes");
  const sealed = await aesGcmSeal(await aesKey(secretKey), iv, plaintext);
  return encodeHishoppingData(concatBytes(iv, sealed), encoding);
}

/**
 * Decodes and decrypts a `data` value; throws {@link HishoppingDecryptError} when it is not in the
 * expected encoding, shorter than 28 bytes, or fails GCM authentication (tampered, wrong key).
 */
export async function openHishoppingPayload(
  secretKey: string,
  data: string,
  encoding: HishoppingDataEncoding = "base64",
): Promise<Uint8Array> {
  const raw = encoding === "hex" ? fromHex(data) : fromBase64(data);
  if (raw === undefined) throw new HishoppingDecryptError(`data is not valid ${encoding}`);
  if (raw.length < HISHOPPING_MIN_DATA_BYTES) {
    throw new HishoppingDecryptError(
      `data holds ${raw.length} bytes; at least ${HISHOPPING_MIN_DATA_BYTES} (IV + tag) are needed`,
    );
  }
  try {
    return await aesGcmOpen(
      await aesKey(secretKey),
      raw.subarray(0, HISHOPPING_IV_BYTES),
      raw.subarray(HISHOPPING_IV_BYTES),
    );
  } catch {
    throw new HishoppingDecryptError("data failed AES-GCM authentication (tampered, or another key)");
  }
}

/** The lower-case hex HMAC-SHA256 of a signing input under the Sign Key. */
export async function hishoppingSign(signKey: string, signingInput: string): Promise<string> {
  return toHex(await hmac("SHA-256", signKey, signingInput));
}

/** Signing input and `sign` of an envelope: every field but `sign`, canonical JSON, HMAC-SHA256 hex. */
export async function signHishoppingEnvelope(
  signKey: string,
  fields: Readonly<Record<string, unknown>>,
): Promise<{ signingInput: string; sign: string }> {
  const { sign: _ignored, ...rest } = fields;
  const signingInput = hishoppingCanonicalJson(rest);
  return { signingInput, sign: await hishoppingSign(signKey, signingInput) };
}

/**
 * The signing input as Go's `json.Marshal` writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped as
 * `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029` (the only differences from the plain canonical form).
 */
export function hishoppingGoEscaped(canonical: string): string {
  return canonical.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Constant-time check of an envelope's `sign` over every other top-level field. The plain canonical form
 * is what requests are signed over; an answer signed over the Go-escaped form of the same fields (a Go
 * server signing `json.Marshal` output) verifies too. Both forms are computed and compared every time.
 */
export async function verifyHishoppingEnvelope(
  signKey: string,
  envelope: Readonly<Record<string, unknown>>,
): Promise<boolean> {
  const given = envelope.sign;
  if (typeof given !== "string" || !/^[0-9a-fA-F]{64}$/.test(given)) return false;
  const { sign: _ignored, ...rest } = envelope;
  const plain = hishoppingCanonicalJson(rest);
  const escaped = hishoppingGoEscaped(plain);
  const mac = fromHex(given)!;
  const a = timingSafeEqual(mac, await hmac("SHA-256", signKey, plain));
  const b = timingSafeEqual(mac, await hmac("SHA-256", signKey, escaped));
  return a || b;
}
