/**
 * The HiShopping envelope's cryptography: AES-256-GCM of the `data` field under the Secret Key (12-byte IV,
 * 16-byte tag, no AAD) and the HMAC-SHA256 `sign` over the canonical JSON of every other field.
 */
import {
  type AesGcmKey,
  aesGcmKey,
  aesGcmOpen,
  aesGcmSeal,
  andThen,
  concatBytes,
  fromBase64,
  fromHex,
  hmacText,
  KeyCache,
  type MaybePromise,
  rejectOnThrow,
  sha256,
  timingSafeEqualText,
  toBase64,
  toHex,
  utf8,
} from "../../core/crypto.js";
import { HishoppingDecryptError, KeywayConfigError } from "../../core/errors.js";
import { envelopeSigningInput, GO_ESCAPED } from "./canonical-json.js";

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
  return aesKeyBytes(secretKey);
}

function aesKeyBytes(secretKey: string): MaybePromise<Uint8Array> {
  const raw = utf8(secretKey);
  return raw.length === 32 ? raw : sha256(raw);
}

const aesKeys = new KeyCache<AesGcmKey>(32);

/** The prepared AES key of a Secret Key, cached per value (synchronous on the node:crypto path once cached). */
function aesKey(secretKey: string): MaybePromise<AesGcmKey> {
  return aesKeys.get(secretKey, () => andThen(aesKeyBytes(secretKey), aesGcmKey));
}

/** Encodes `iv ‖ ciphertext ‖ tag` for the `data` field. */
export function encodeHishoppingData(raw: Uint8Array, encoding: HishoppingDataEncoding): string {
  return encoding === "hex" ? toHex(raw) : toBase64(raw);
}

/**
 * Encrypts a plaintext for the `data` field with AES-256-GCM (no AAD) under the Secret Key and the
 * given 12-byte IV; returns `encode(iv ‖ ciphertext ‖ tag)`. Synchronous on the node:crypto path; await it.
 */
export function sealHishoppingPayload(
  secretKey: string,
  iv: Uint8Array,
  plaintext: Uint8Array,
  encoding: HishoppingDataEncoding = "base64",
): MaybePromise<string> {
  return rejectOnThrow(() => {
    if (iv.length !== HISHOPPING_IV_BYTES) throw new KeywayConfigError("HiShopping IV must be 12 bytes");
    return andThen(aesKey(secretKey), (key) =>
      andThen(aesGcmSeal(key, iv, plaintext), (sealed) =>
        encodeHishoppingData(concatBytes(iv, sealed), encoding),
      ),
    );
  });
}

const tampered = () =>
  new HishoppingDecryptError("data failed AES-GCM authentication (tampered, or another key)");

/**
 * Decodes and decrypts a `data` value; rejects with {@link HishoppingDecryptError} when it is not in the
 * expected encoding, shorter than 28 bytes, or fails GCM authentication (tampered, wrong key).
 * Synchronous on the node:crypto path when it succeeds; await it.
 */
export function openHishoppingPayload(
  secretKey: string,
  data: string,
  encoding: HishoppingDataEncoding = "base64",
): MaybePromise<Uint8Array> {
  return rejectOnThrow(() => {
    const raw = encoding === "hex" ? fromHex(data) : fromBase64(data);
    if (raw === undefined) throw new HishoppingDecryptError(`data is not valid ${encoding}`);
    if (raw.length < HISHOPPING_MIN_DATA_BYTES) {
      throw new HishoppingDecryptError(
        `data holds ${raw.length} bytes; at least ${HISHOPPING_MIN_DATA_BYTES} (IV + tag) are needed`,
      );
    }
    return andThen(aesKey(secretKey), (key) => {
      let plain: MaybePromise<Uint8Array>;
      try {
        plain = aesGcmOpen(key, raw.subarray(0, HISHOPPING_IV_BYTES), raw.subarray(HISHOPPING_IV_BYTES));
      } catch {
        throw tampered();
      }
      return plain instanceof Promise
        ? plain.catch(() => {
            throw tampered();
          })
        : plain;
    });
  });
}

/** The lower-case hex HMAC-SHA256 of a signing input under the Sign Key (synchronous on node:crypto). */
export function hishoppingSign(signKey: string, signingInput: string): MaybePromise<string> {
  return hmacText("SHA-256", signKey, signingInput, "hex");
}

/**
 * Signing input and `sign` of an envelope: every field but `sign`, canonical JSON, HMAC-SHA256 hex.
 * Synchronous on the node:crypto path; await it.
 */
export function signHishoppingEnvelope(
  signKey: string,
  fields: Readonly<Record<string, unknown>>,
): MaybePromise<{ signingInput: string; sign: string }> {
  return rejectOnThrow(() => {
    const signingInput = envelopeSigningInput(fields)[0];
    return andThen(hishoppingSign(signKey, signingInput), (sign) => ({ signingInput, sign }));
  });
}

/**
 * The signing input as Go's `json.Marshal` writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped as
 * `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029` (the only differences from the plain canonical form).
 */
export function hishoppingGoEscaped(canonical: string): string {
  if (!GO_ESCAPED.test(canonical)) return canonical;
  return canonical.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const HEX_MAC = /^[0-9a-fA-F]{64}$/;

/**
 * Constant-time check of an envelope's `sign` over every other top-level field. The plain canonical form
 * is what requests are signed over; an answer signed over the Go-escaped form of the same fields (a Go
 * server signing `json.Marshal` output) verifies too. When the fields hold none of the characters Go escapes,
 * the two forms are the same text and one HMAC checks both; otherwise both are computed and compared.
 * Synchronous on the node:crypto path; await it.
 */
export function verifyHishoppingEnvelope(
  signKey: string,
  envelope: Readonly<Record<string, unknown>>,
): MaybePromise<boolean> {
  return rejectOnThrow(() => {
    const given = envelope.sign;
    if (typeof given !== "string" || !HEX_MAC.test(given)) return false;
    const [plain, goSafe] = envelopeSigningInput(envelope);
    const expected = given.toLowerCase();
    return andThen(hishoppingSign(signKey, plain), (first) => {
      const a = timingSafeEqualText(expected, first);
      const escaped = goSafe ? plain : hishoppingGoEscaped(plain);
      if (escaped === plain) return a;
      return andThen(
        hishoppingSign(signKey, escaped),
        (second) => timingSafeEqualText(expected, second) || a,
      );
    });
  });
}
