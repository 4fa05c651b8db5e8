/**
 * The HiShopping B-End envelope, implemented independently with node:crypto from the provider's description
 * (docs/providers/hishopping.md, "The envelope") — never from @keyway/auth — so the sandbox checks the client
 * rather than agreeing with it by construction.
 *
 * AES key: the Secret Key's UTF-8 bytes when exactly 32, else SHA-256 of them. `data` = encode(iv ‖ ct ‖ tag),
 * AES-256-GCM, 12-byte IV, 16-byte tag, no AAD. Signing input: every top-level field but `sign`, compact JSON,
 * keys sorted by byte order at every depth, no HTML escaping. `sign` = hex HMAC-SHA256 under the Sign Key.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from "node:crypto";

/** Encoding of `data`. */
export type DataEncoding = "base64" | "hex";

/** `data` could not be decoded or authenticated. */
export class EnvelopeDecryptError extends Error {
  override readonly name = "EnvelopeDecryptError";
}

/** AES-256 key bytes of a Secret Key. */
export function aesKey(secretKey: string): Buffer {
  const raw = Buffer.from(secretKey, "utf8");
  return raw.length === 32 ? raw : createHash("sha256").update(raw).digest();
}

function byCodePoint(a: string, b: string): number {
  const x = [...a].map((ch) => ch.codePointAt(0)!);
  const y = [...b].map((ch) => ch.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Compact JSON, keys in byte order at every depth, strings unescaped beyond what JSON requires. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => byCodePoint(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

// Character classes only, checked with the length separately: a repeated group such as
// `^(?:[A-Za-z0-9+/]{4})*$` makes V8's regular expression engine overflow its stack on inputs of a few MB.
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX_CHARS = /^[0-9a-fA-F]*$/;

/** Strictly decodes `data`; undefined when it is not canonical Base64 / even-length hex. Linear in its length. */
export function decodeData(data: string, encoding: DataEncoding): Buffer | undefined {
  if (encoding === "hex") {
    return data.length % 2 === 0 && HEX_CHARS.test(data) ? Buffer.from(data, "hex") : undefined;
  }
  if (data.length % 4 !== 0 || !BASE64_CHARS.test(data)) return undefined;
  const raw = Buffer.from(data, "base64");
  // Canonical only: re-encoding must give back the same text (no stray padding or non-zero trailing bits).
  return raw.toString("base64") === data ? raw : undefined;
}

/** Encodes raw bytes for `data`. */
export function encodeData(raw: Buffer, encoding: DataEncoding): string {
  return raw.toString(encoding === "hex" ? "hex" : "base64");
}

/** AES-256-GCM encrypts `plaintext` with the given 12-byte IV: encode(iv ‖ ciphertext ‖ tag). */
export function seal(
  secretKey: string,
  plaintext: string | Buffer,
  iv: Buffer,
  encoding: DataEncoding,
): string {
  if (iv.length !== 12) throw new Error("IV must be 12 bytes");
  const cipher = createCipheriv("aes-256-gcm", aesKey(secretKey), iv, { authTagLength: 16 });
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return encodeData(Buffer.concat([iv, body, cipher.getAuthTag()]), encoding);
}

/** Decodes and decrypts `data`. @throws {EnvelopeDecryptError} when malformed, short or not authentic. */
export function open(secretKey: string, data: string, encoding: DataEncoding): Buffer {
  const raw = decodeData(data, encoding);
  if (!raw) throw new EnvelopeDecryptError(`data is not ${encoding}`);
  if (raw.length < 28) throw new EnvelopeDecryptError("data is shorter than IV + tag");
  try {
    const decipher = createDecipheriv("aes-256-gcm", aesKey(secretKey), raw.subarray(0, 12), {
      authTagLength: 16,
    });
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
  } catch {
    throw new EnvelopeDecryptError("data failed GCM authentication");
  }
}

/** The signing input of an envelope: every field but `sign`, canonical JSON. */
export function signingInput(fields: Record<string, unknown>): string {
  const { sign: _sign, ...rest } = fields;
  return canonicalJson(rest);
}

/** Lower-case hex HMAC-SHA256 of the envelope's signing input under the Sign Key. */
export function signFields(signKey: string, fields: Record<string, unknown>): string {
  return createHmac("sha256", Buffer.from(signKey, "utf8"))
    .update(signingInput(fields), "utf8")
    .digest("hex");
}

/** Constant-time check of `sign` over every other field. */
export function verifySign(signKey: string, envelope: Record<string, unknown>): boolean {
  const given = envelope.sign;
  if (typeof given !== "string" || !/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(signFields(signKey, envelope), "hex"));
}

/** The header protocol's `Sign`: lower-case hex HMAC-SHA256 under the Sign Key of `app_id + timestamp`. */
export function headerSign(signKey: string, appId: string, timestamp: string): string {
  return createHmac("sha256", Buffer.from(signKey, "utf8"))
    .update(`${appId}${timestamp}`, "utf8")
    .digest("hex");
}

/** Constant-time check of a header-protocol `Sign`. */
export function verifyHeaderSign(signKey: string, appId: string, timestamp: string, given: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(given)) return false;
  return timingSafeEqual(
    Buffer.from(given, "hex"),
    Buffer.from(headerSign(signKey, appId, timestamp), "hex"),
  );
}

/** Builds a signed, encrypted answer `{app_id, code, data, message, nonce, sign, timestamp}` as its wire JSON. */
export function sealResponse(args: {
  appId: string;
  secretKey: string;
  signKey: string;
  encoding: DataEncoding;
  code: number;
  message: string;
  /** The business payload (JSON `null` on a failure). */
  payload: unknown;
  iv: Buffer;
  nonce: string;
  timestamp: number;
}): string {
  const fields = {
    app_id: args.appId,
    code: args.code,
    message: args.message,
    nonce: args.nonce,
    timestamp: args.timestamp,
    data: seal(args.secretKey, JSON.stringify(args.payload ?? null), args.iv, args.encoding),
  };
  return canonicalJson({ ...fields, sign: signFields(args.signKey, fields) });
}
