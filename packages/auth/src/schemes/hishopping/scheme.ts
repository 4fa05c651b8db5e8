/**
 * The HiShopping envelope scheme: `sign` seals the logical payload into a signed envelope per attempt,
 * `open` verifies and decrypts the answer. The format is described in ./index.ts.
 */
import { fromUtf8, toHex, utf8 } from "../../core/crypto.js";
import {
  KeywayConfigError,
  ResponseDecryptionError,
  ResponseReplayError,
  ResponseSignatureError,
} from "../../core/errors.js";
import { opaque } from "../../core/redact.js";
import { checkSecret, emitSign, resolveSecret } from "../../core/scheme-kit.js";
import { REDACTED, type Scheme, type Secret, type SignContext } from "../../core/types.js";
import { hishoppingCanonicalJson } from "./canonical-json.js";
import {
  HISHOPPING_IV_BYTES,
  type HishoppingDataEncoding,
  hishoppingSign,
  openHishoppingPayload,
  sealHishoppingPayload,
  verifyHishoppingEnvelope,
} from "./envelope.js";

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
  /** Unit of `timestamp`: seconds (default, docs/providers/hishopping.md) or milliseconds (escape hatch). */
  readonly timestampUnit?: "s" | "ms" | undefined;
  /**
   * How far a signed answer's `timestamp` may be from the client's (corrected) clock, in seconds (default 300,
   * the window the server applies to requests). Older or later answers are refused as replays.
   */
  readonly responseToleranceSeconds?: number | undefined;
}

/** The request facts an answer must repeat when it carries them (merchant order / batch number, order number). */
const BOUND_FIELDS = ["merchant_order_no", "merchant_batch_no", "order_no", "batch_no"] as const;

/** What an attempt asked for, read from its payload and path: the answer must not name anything else. */
function boundFacts(plaintext: Uint8Array | undefined, ctx: SignContext): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  const take = (source: Record<string, unknown> | undefined) => {
    if (!source) return;
    for (const f of BOUND_FIELDS) {
      const v = source[f];
      if (typeof v !== "string" && typeof v !== "number") continue;
      out ??= {};
      out[f] = String(v);
    }
  };
  take(ctx.params?.path as Record<string, unknown> | undefined);
  if (plaintext && plaintext.length > 2) {
    try {
      const body = JSON.parse(fromUtf8(plaintext));
      if (isRecord(body)) take(body);
    } catch {
      // not JSON: nothing to bind
    }
  }
  return out;
}

/**
 * Remembers the nonces of accepted answers for twice the tolerance window. Entries are kept in arrival order,
 * so expired ones are dropped from the front; the map is bounded.
 */
class NonceLedger {
  readonly #seen = new Map<string, number>();
  constructor(
    readonly ttlMs: number,
    readonly max = 50_000,
  ) {}
  /** Records `nonce`; false when it was seen within the window (a replay). */
  accept(nonce: string, nowMs: number): boolean {
    for (const [n, expires] of this.#seen) {
      if (expires > nowMs && this.#seen.size < this.max) break;
      this.#seen.delete(n);
    }
    const expires = this.#seen.get(nonce);
    if (expires !== undefined && expires > nowMs) return false;
    this.#seen.set(nonce, nowMs + this.ttlMs);
    return true;
  }
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

/**
 * The answer `open` hands the caller's parser (shared by both HiShopping protocols): the plain
 * `{code, message, data}` as JSON, under the answer's status and headers, recorded for {@link hishoppingOpened}.
 */
export function openedAnswer(
  response: Response,
  result: { readonly code: number; readonly message: string; readonly data: unknown },
  signed: boolean,
): Response {
  const body = utf8(JSON.stringify(result));
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.set("content-length", String(body.length));
  headers.delete("content-encoding");
  const out = new Response(body, { status: response.status, statusText: response.statusText, headers });
  opened.set(out, { code: result.code, message: result.message, signed });
  return out;
}

/** An answer `open` hands over as it came (its body already read as `text`). */
export function passThrough(response: Response, text: string): Response {
  return new Response(text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** Reads the Secret Key or the Sign Key for one operation (shared by both HiShopping protocols). */
export function resolveHishoppingSecret(
  option: "secretKey" | "signKey",
  value: Secret,
  operation: string,
): Promise<string> {
  return resolveSecret(value, { scheme: "HiShopping", option, operation });
}

/** A JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

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
  if (typeof secretKey === "string") checkSecret(secretKey, { scheme: "HiShopping", option: "secretKey" });
  if (typeof signKey === "string") checkSecret(signKey, { scheme: "HiShopping", option: "signKey" });
  const toleranceS = options.responseToleranceSeconds ?? 300;
  if (!Number.isFinite(toleranceS) || toleranceS <= 0) {
    throw new KeywayConfigError("HiShopping responseToleranceSeconds must be a positive number");
  }
  /** Seen answer nonces, per client. */
  const nonces = new NonceLedger(2 * toleranceS * 1000);
  /** What each attempt asked for (keyed by its sign context, which open() receives too). */
  const asked = new WeakMap<SignContext, Record<string, string>>();

  /** Refuses a signed answer that is stale, from the future, or replayed (its nonce was seen). */
  function checkFresh(
    parsed: Record<string, unknown>,
    ctx: SignContext,
    origin: { method: string; operation: string },
  ) {
    const operation = origin.operation;
    const ts = parsed.timestamp;
    const nonce = parsed.nonce;
    if (typeof ts !== "number" || !Number.isInteger(ts) || typeof nonce !== "string" || nonce.length === 0) {
      throw new ResponseReplayError(
        `${operation}: the signed answer has no integer timestamp or no nonce`,
        origin,
      );
    }
    const now = ctx.now();
    const skewS = ((unit === "s" ? ts * 1000 : ts) - now) / 1000;
    if (Math.abs(skewS) > toleranceS) {
      throw new ResponseReplayError(
        `${operation}: the signed answer's timestamp is ${Math.round(skewS)} s from the client clock ` +
          `(accepted: ±${toleranceS} s); a stale or replayed answer is not trusted`,
        origin,
      );
    }
    if (!nonces.accept(nonce, now)) {
      throw new ResponseReplayError(
        `${operation}: the signed answer's nonce was seen before; a replayed answer is not trusted`,
        origin,
      );
    }
  }

  /** Refuses an answer that names another request than the one this attempt sent. */
  function checkBound(data: unknown, ctx: SignContext, origin: { method: string; operation: string }) {
    const facts = asked.get(ctx);
    if (!facts || !isRecord(data)) return;
    for (const field in facts) {
      const got = data[field];
      if (got !== undefined && got !== null && String(got) !== facts[field]) {
        throw new ResponseReplayError(
          `${origin.operation}: the answer is for ${field} ${JSON.stringify(String(got))}, not the ` +
            `${JSON.stringify(facts[field])} this request sent; another request's answer is not trusted`,
          origin,
        );
      }
    }
  }

  async function sign(parts: Parameters<Scheme["sign"]>[0], ctx: SignContext) {
    const operation = ctx.row.operationId;
    const method = parts.method.toUpperCase();
    const secret = await resolveHishoppingSecret("secretKey", secretKey, operation);
    const signer = await resolveHishoppingSecret("signKey", signKey, operation);
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
    const facts = boundFacts(
      method === "GET" || method === "HEAD" || method === "DELETE" ? undefined : plaintext,
      ctx,
    );
    if (facts) asked.set(ctx, facts);
    const data = await sealHishoppingPayload(secret, iv, plaintext, encoding);
    // The canonical JSON of {app_id, data, nonce, timestamp}, written directly: the keys are in byte order,
    // and data (Base64 or hex), nonce (hex) and the integer timestamp hold nothing JSON escapes.
    const head = `{"app_id":${JSON.stringify(appId)},"data":"${data}","nonce":"${nonce}"`;
    const signingInput = `${head},"timestamp":${timestamp}}`;
    const signature = await hishoppingSign(signer, signingInput);
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
      out = `${head},"sign":"${signature}","timestamp":${timestamp}}`;
      headers["content-type"] = "application/json";
    }
    if (ctx.debug) {
      emitSign(ctx, "hishopping-envelope", {
        canonical: signingInput,
        headers: { ...headers },
        ...(url === undefined ? {} : { url }),
      });
    }
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
    if (!isRecord(parsed) || (!("sign" in parsed) && !("code" in parsed))) {
      // Not an envelope. A non-2xx (a proxy's 502 page) goes to the status-based error path untouched;
      // a 2xx that is not a signed envelope cannot be trusted.
      if (!response.ok) return passThrough(response, text);
      throw new ResponseSignatureError(
        `${operation}: the answer is not a HiShopping envelope (unsigned, not JSON or no code)`,
        origin,
      );
    }
    let result: { code: number; message: string; data: unknown };
    let signed: boolean;
    if ("sign" in parsed) {
      const signer = await resolveHishoppingSecret("signKey", signKey, operation);
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
        const secret = await resolveHishoppingSecret("secretKey", secretKey, operation);
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
      checkFresh(parsed, ctx, origin);
      if (code === 0) checkBound(data, ctx, origin);
      result = { code, message: typeof parsed.message === "string" ? parsed.message : "", data };
      signed = true;
    } else {
      const code = parsed.code;
      if (typeof code !== "number" || !Number.isInteger(code)) {
        if (!response.ok) return passThrough(response, text);
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
    return openedAnswer(response, result, signed);
  }

  return Object.freeze({
    name: "hishopping-envelope",
    sign,
    open,
    ...opaque("[hishopping-envelope scheme]", {
      scheme: "hishopping-envelope",
      appId,
      secretKey: REDACTED,
      signKey: REDACTED,
    }),
  } satisfies Scheme);
}
