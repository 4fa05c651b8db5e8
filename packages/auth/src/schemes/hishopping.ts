/**
 * HiShopping B-End envelope (providers/hishopping.md §A.4, a proposal reconciling the provider's
 * self-contradictory page): the logical payload is encrypted with AES-256-GCM under the Secret Key and
 * carried in a signed envelope `{app_id, nonce, timestamp, data, sign}`; answers are signed and
 * encrypted the same way and are verified before they are decrypted.
 *
 * - AES key: the Secret Key's UTF-8 bytes when there are exactly 32, otherwise SHA-256 of them.
 * - `data = encode(iv ‖ ciphertext ‖ tag)`: fresh 12-byte IV per attempt, 16-byte tag, no AAD;
 *   `encode` is standard padded Base64 (default) or lower-case hex.
 * - Signing input: every top-level field but `sign`, as compact JSON with keys in byte order, UTF-8,
 *   no HTML escaping (`<`, `>`, `&` written as themselves — Go's `json.Marshal` would escape them, a Go
 *   server must use `SetEscapeHTML(false)`); `sign` = lower-case hex HMAC-SHA256 under the Sign Key.
 * - POST: the envelope is the JSON body. GET: the typed query of the call is encrypted, the plain query is
 *   dropped, and the five envelope fields travel as form-encoded query parameters (`+`, `/`, `=` escaped).
 * - Unsigned plaintext `{code, message, data}` is accepted only as a failure (`code` ≠ 0): the server
 *   answers pre-authentication errors (1001–1006) that way.
 *
 * Pinned by specs/hishopping/vectors/vectors.json (computed by a Python script using `cryptography`).
 */
import {
  aesGcmKey,
  aesGcmOpen,
  aesGcmSeal,
  concatBytes,
  fromBase64,
  fromHex,
  fromUtf8,
  hmac,
  KeyCache,
  sha256,
  timingSafeEqual,
  toBase64,
  toHex,
  utf8,
} from "../core/crypto.js";
import { KeywayAuthError, KeywayConfigError, SignatureVerificationError } from "../core/errors.js";
import { REDACTED, readSecret, type Scheme, type Secret, type SignContext } from "../core/types.js";

/** Encoding of the envelope's `data` field: `iv ‖ ciphertext ‖ tag` as Base64 (default) or hex. */
export type HishoppingDataEncoding = "base64" | "hex";

/** GCM IV length in bytes. */
export const HISHOPPING_IV_BYTES = 12;
/** GCM tag length in bytes. */
export const HISHOPPING_TAG_BYTES = 16;
/** Shortest decodable `data`: IV plus tag (an empty plaintext). */
export const HISHOPPING_MIN_DATA_BYTES = HISHOPPING_IV_BYTES + HISHOPPING_TAG_BYTES;

/** A response whose signature is missing where required, malformed or wrong: its content is not trusted. */
export class ResponseSignatureError extends SignatureVerificationError {
  override name = "ResponseSignatureError";
}

/** A signed response whose `data` could not be decoded, decrypted or parsed: its content is not trusted. */
export class ResponseDecryptionError extends SignatureVerificationError {
  override name = "ResponseDecryptionError";
}

/** Thrown by {@link openHishoppingPayload} when `data` cannot be decoded or authenticated. */
export class HishoppingDecryptError extends Error {
  override name = "HishoppingDecryptError";
}

// ---------------------------------------------------------------------------------------------------------
// Canonical JSON

function compareCodePoints(a: string, b: string): number {
  // UTF-8 byte order equals code point order; JS `<` compares UTF-16 code units, which differs above U+FFFF.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * The canonical JSON of a value: compact, object keys sorted by byte (code point) order at every depth,
 * strings as `JSON.stringify` writes them (no HTML escaping, non-ASCII as UTF-8), `undefined` members
 * dropped. Equals Python's `json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`
 * for JSON values with integer numbers.
 */
export function hishoppingCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const out = JSON.stringify(value);
    if (out === undefined) throw new KeywayConfigError(`cannot serialise a ${typeof value} as JSON`);
    return out;
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? "null" : hishoppingCanonicalJson(v))).join(",")}]`;
  }
  const obj = value as Record<string, unknown>;
  if (typeof (obj as { toJSON?: unknown }).toJSON === "function") {
    return hishoppingCanonicalJson((obj as { toJSON: () => unknown }).toJSON());
  }
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined && typeof obj[k] !== "function")
    .sort(compareCodePoints);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${hishoppingCanonicalJson(obj[k])}`).join(",")}}`;
}

// ---------------------------------------------------------------------------------------------------------
// Keys and AES-256-GCM

/** The AES-256 key bytes of a Secret Key: its UTF-8 bytes if exactly 32, otherwise their SHA-256. */
export async function hishoppingAesKeyBytes(secretKey: string): Promise<Uint8Array> {
  const raw = utf8(secretKey);
  return raw.length === 32 ? raw : sha256(raw);
}

const aesKeys = new KeyCache<CryptoKey>(32);

function aesKey(secretKey: string): Promise<CryptoKey> {
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

/** Constant-time check of an envelope's `sign` over every other top-level field. */
export async function verifyHishoppingEnvelope(
  signKey: string,
  envelope: Readonly<Record<string, unknown>>,
): Promise<boolean> {
  const given = envelope.sign;
  if (typeof given !== "string" || !/^[0-9a-fA-F]{64}$/.test(given)) return false;
  const { sign: _ignored, ...rest } = envelope;
  const expected = await hmac("SHA-256", signKey, hishoppingCanonicalJson(rest));
  return timingSafeEqual(fromHex(given)!, expected);
}

// ---------------------------------------------------------------------------------------------------------
// The scheme

/** Options of {@link hishoppingEnvelope}. */
export interface HishoppingEnvelopeOptions {
  /** The App ID shown when the app was created. */
  readonly appId: string;
  /** The Secret Key (AES), or a function read per request so it can rotate. */
  readonly secretKey: Secret;
  /** The Sign Key (HMAC), or a function read per request so it can rotate. */
  readonly signKey: Secret;
  /** Encoding of `data` both ways: `"base64"` (the original page, default) or `"hex"` (the later page). */
  readonly dataEncoding?: HishoppingDataEncoding | undefined;
  /** Unit of `timestamp`: seconds (default, §A.4.3) or milliseconds (escape hatch). */
  readonly timestampUnit?: "s" | "ms" | undefined;
}

/** What {@link hishoppingEnvelope}'s `open` learnt of an answer, for the client's hooks. */
export interface HishoppingOpened {
  /** The provider code (`0` = success). */
  readonly code: number;
  readonly message: string;
  /** Whether the answer was a signed, encrypted envelope (false: a plaintext pre-auth error). */
  readonly signed: boolean;
}

const opened = new WeakMap<Response, HishoppingOpened>();

/**
 * What `open` found in a response it returned (code, message, signed), or undefined when it passed the
 * response through untouched (e.g. a non-JSON 502 from a proxy). Reading it never consumes the body.
 */
export function hishoppingOpened(response: Response): HishoppingOpened | undefined {
  return opened.get(response);
}

async function resolveSecret(name: string, value: Secret, operation: string): Promise<string> {
  let out: unknown;
  try {
    out = await readSecret(value);
  } catch (err) {
    throw new KeywayAuthError(`the HiShopping ${name} source failed`, { operation }, { cause: err });
  }
  if (typeof out !== "string" || out.length === 0) {
    throw new KeywayConfigError(`HiShopping ${name} is empty or not a string`, { operation });
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const describe = () => "[hishopping-envelope scheme]";

/**
 * Creates the HiShopping envelope scheme. `sign` encrypts the logical payload (POST: the JSON body bytes;
 * GET: the call's typed `params.query`), builds `{app_id, nonce, timestamp, data}` with a fresh IV and
 * nonce from `ctx.random` and the time from `ctx.now()`, signs it and returns the new URL / body with
 * `App-ID`, `Timestamp` and `Nonce` mirror headers. `open` verifies `sign` before decrypting and hands
 * the caller's parser a plain `{code, message, data}`; anything it cannot trust rejects with a
 * {@link ResponseSignatureError} or {@link ResponseDecryptionError}.
 */
export function hishoppingEnvelope(options: HishoppingEnvelopeOptions): Scheme {
  const { appId, secretKey, signKey } = options;
  const encoding: HishoppingDataEncoding = options.dataEncoding ?? "base64";
  const unit = options.timestampUnit ?? "s";
  if (typeof appId !== "string" || appId.length === 0)
    throw new KeywayConfigError("HiShopping appId is empty");
  if (encoding !== "base64" && encoding !== "hex") {
    throw new KeywayConfigError(`HiShopping dataEncoding must be "base64" or "hex"`);
  }
  if (unit !== "s" && unit !== "ms")
    throw new KeywayConfigError(`HiShopping timestampUnit must be "s" or "ms"`);
  if (typeof secretKey === "string" && secretKey.length === 0)
    throw new KeywayConfigError("HiShopping secretKey is empty");
  if (typeof signKey === "string" && signKey.length === 0)
    throw new KeywayConfigError("HiShopping signKey is empty");

  async function sign(parts: Parameters<Scheme["sign"]>[0], ctx: SignContext) {
    const operation = ctx.row.operationId;
    const method = parts.method.toUpperCase();
    const secret = await resolveSecret("secretKey", secretKey, operation);
    const signer = await resolveSecret("signKey", signKey, operation);
    let plaintext: Uint8Array;
    if (method === "GET" || method === "HEAD" || method === "DELETE") {
      plaintext = utf8(hishoppingCanonicalJson(ctx.params?.query ?? {}));
    } else {
      const body = parts.body;
      plaintext = body === undefined || body.length === 0 ? utf8("{}") : body;
    }
    const iv = ctx.random(HISHOPPING_IV_BYTES);
    const nonce = toHex(ctx.random(16));
    const ms = ctx.now();
    const timestamp = unit === "s" ? Math.floor(ms / 1000) : Math.floor(ms);
    const data = await sealHishoppingPayload(secret, iv, plaintext, encoding);
    const fields = { app_id: appId, data, nonce, timestamp };
    const { signingInput, sign: signature } = await signHishoppingEnvelope(signer, fields);
    const headers: Record<string, string> = {
      "App-ID": appId,
      Timestamp: String(timestamp),
      Nonce: nonce,
    };
    let url: string | undefined;
    let out: string | undefined;
    if (method === "GET" || method === "HEAD" || method === "DELETE") {
      const target = new URL(parts.url);
      const query = new URLSearchParams();
      // Keys in byte order: app_id, data, nonce, sign, timestamp.
      query.set("app_id", appId);
      query.set("data", data);
      query.set("nonce", nonce);
      query.set("sign", signature);
      query.set("timestamp", String(timestamp));
      target.search = query.toString();
      url = target.toString();
    } else {
      out = hishoppingCanonicalJson({ ...fields, sign: signature });
      headers["content-type"] = "application/json";
    }
    ctx.debug?.({
      scheme: "hishopping-envelope",
      operationId: operation,
      attempt: ctx.attempt,
      canonical: signingInput,
      headers: { ...headers },
      ...(url === undefined ? {} : { url }),
    });
    return { headers, ...(url === undefined ? {} : { url }), ...(out === undefined ? {} : { body: out }) };
  }

  async function open(response: Response, ctx: SignContext): Promise<Response> {
    const operation = ctx.row.operationId;
    const origin = { method: ctx.row.method, operation };
    if (response.status === 204 || response.status === 304) return response;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text.length === 0 ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const passThrough = () =>
      new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    if (!isRecord(parsed) || (!("sign" in parsed) && !("code" in parsed))) {
      // Not an envelope. A non-2xx (a proxy's 502 page) goes to the status-based error path untouched;
      // a 2xx that is not a signed envelope cannot be trusted.
      if (!response.ok) return passThrough();
      throw new ResponseSignatureError(
        `${operation}: the answer is not a HiShopping envelope (unsigned, not JSON or no code)`,
        origin,
      );
    }
    let result: { code: number; message: string; data: unknown };
    let signed: boolean;
    if ("sign" in parsed) {
      const signer = await resolveSecret("signKey", signKey, operation);
      if (!(await verifyHishoppingEnvelope(signer, parsed))) {
        throw new ResponseSignatureError(`${operation}: the answer's signature is invalid`, origin);
      }
      if (parsed.app_id !== undefined && parsed.app_id !== appId) {
        throw new ResponseSignatureError(`${operation}: the signed answer names another app_id`, origin);
      }
      const code = parsed.code;
      if (typeof code !== "number" || !Number.isInteger(code)) {
        throw new ResponseSignatureError(`${operation}: the signed answer has no integer code`, origin);
      }
      let data: unknown = null;
      if (typeof parsed.data === "string") {
        const secret = await resolveSecret("secretKey", secretKey, operation);
        let plain: Uint8Array;
        try {
          plain = await openHishoppingPayload(secret, parsed.data, encoding);
        } catch (err) {
          throw new ResponseDecryptionError(
            `${operation}: the answer's data could not be decrypted: ${(err as Error).message}`,
            origin,
          );
        }
        try {
          data = JSON.parse(fromUtf8(plain));
        } catch {
          throw new ResponseDecryptionError(`${operation}: the decrypted data is not UTF-8 JSON`, origin);
        }
      } else if (!(parsed.data === null || parsed.data === undefined) || code === 0) {
        throw new ResponseDecryptionError(
          `${operation}: the signed answer carries no encrypted data`,
          origin,
        );
      }
      result = { code, message: typeof parsed.message === "string" ? parsed.message : "", data };
      signed = true;
    } else {
      const code = parsed.code;
      if (typeof code !== "number" || !Number.isInteger(code)) {
        if (!response.ok) return passThrough();
        throw new ResponseSignatureError(`${operation}: the unsigned answer has no integer code`, origin);
      }
      if (code === 0) {
        throw new ResponseSignatureError(
          `${operation}: an unsigned success answer was refused (only failures may be unsigned)`,
          origin,
        );
      }
      result = { code, message: typeof parsed.message === "string" ? parsed.message : "", data: null };
      signed = false;
    }
    const body = JSON.stringify(result);
    const headers = new Headers(response.headers);
    headers.set("content-type", "application/json");
    headers.set("content-length", String(utf8(body).length));
    headers.delete("content-encoding");
    const out = new Response(body, { status: response.status, statusText: response.statusText, headers });
    opened.set(out, { code: result.code, message: result.message, signed });
    return out;
  }

  return Object.freeze({
    name: "hishopping-envelope",
    sign,
    open,
    toJSON: () => ({ scheme: "hishopping-envelope", appId, secretKey: REDACTED, signKey: REDACTED }),
    toString: describe,
    [Symbol.for("nodejs.util.inspect.custom")]: describe,
  } as Scheme);
}
