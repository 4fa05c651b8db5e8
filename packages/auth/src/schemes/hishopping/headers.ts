/**
 * The HiShopping header protocol, the other request protocol the provider's page describes (its
 * "Communication Protocol" section): the JSON body is encrypted with AES-256-GCM and sent as the body
 * itself, `Base64(iv ‖ ciphertext ‖ tag)`; the request carries `App-ID`, `Timestamp` (Unix seconds) and
 * `Sign` = hex HMAC-SHA256(Sign Key, `app_id + timestamp`). Answers come back the same way: an encrypted
 * body `{code, message, data}` with `App-ID`, `Timestamp` and `Sign` by the same formula, verified before
 * the body is decrypted. A plaintext `{code, message, data}` answer without `Sign` is accepted only as a
 * failure (`code` ≠ 0), like the envelope's pre-authentication errors.
 *
 * What the page leaves open, decided here (docs/providers/hishopping.md): a GET has no body, so its query
 * travels in clear; the request body's content type is `text/plain`; `Sign` covers only `app_id +
 * timestamp`, so the body's integrity rests on AES-GCM under the Secret Key.
 */
import { fromBase64, fromHex, fromUtf8, hmac, timingSafeEqual, toHex, utf8 } from "../../core/crypto.js";
import { KeywayConfigError, ResponseDecryptionError, ResponseSignatureError } from "../../core/errors.js";
import { opaque } from "../../core/redact.js";
import { checkSecret, emitSign } from "../../core/scheme-kit.js";
import { REDACTED, type Scheme, type SignContext } from "../../core/types.js";
import { HISHOPPING_IV_BYTES, openHishoppingPayload, sealHishoppingPayload } from "./envelope.js";
import {
  type HishoppingEnvelopeOptions,
  isRecord,
  openedAnswer,
  passThrough,
  resolveHishoppingSecret,
} from "./scheme.js";

/** Options of {@link hishoppingHeaders}: the envelope's credentials (`dataEncoding` is always Base64 here). */
export type HishoppingHeadersOptions = Omit<HishoppingEnvelopeOptions, "dataEncoding">;

/** The header `Sign`: lower-case hex HMAC-SHA256 under the Sign Key of `app_id + timestamp`. */
export async function hishoppingHeaderSign(
  signKey: string,
  appId: string,
  timestamp: string,
): Promise<string> {
  return toHex(await hmac("SHA-256", signKey, `${appId}${timestamp}`));
}

/**
 * Creates the HiShopping header-protocol scheme. `sign` encrypts a POST body (or `{}`) into a Base64 text
 * body with a fresh IV from `ctx.random`, and adds `App-ID`, `Timestamp` (from `ctx.now()`) and `Sign`;
 * a GET keeps its URL and has no body. `open` verifies `Sign` before it decrypts and hands the caller's
 * parser a plain `{code, message, data}`; anything it cannot trust rejects with a
 * {@link ResponseSignatureError} or {@link ResponseDecryptionError}.
 */
export function hishoppingHeaders(options: HishoppingHeadersOptions): Scheme {
  const { appId, secretKey, signKey } = options;
  const unit = options.timestampUnit ?? "s";
  if (typeof appId !== "string" || appId.length === 0)
    throw new KeywayConfigError("HiShopping appId is empty");
  if (unit !== "s" && unit !== "ms")
    throw new KeywayConfigError(`HiShopping timestampUnit must be "s" or "ms"`);
  if (typeof secretKey === "string") checkSecret(secretKey, { scheme: "HiShopping", option: "secretKey" });
  if (typeof signKey === "string") checkSecret(signKey, { scheme: "HiShopping", option: "signKey" });

  async function sign(parts: Parameters<Scheme["sign"]>[0], ctx: SignContext) {
    const operation = ctx.row.operationId;
    const method = parts.method.toUpperCase();
    const signer = await resolveHishoppingSecret("signKey", signKey, operation);
    const ms = ctx.now();
    const timestamp = String(unit === "s" ? Math.floor(ms / 1000) : Math.floor(ms));
    const headers: Record<string, string> = {
      "App-ID": appId,
      Timestamp: timestamp,
      Sign: await hishoppingHeaderSign(signer, appId, timestamp),
    };
    let body: string | undefined;
    if (!(method === "GET" || method === "HEAD" || method === "DELETE")) {
      const secret = await resolveHishoppingSecret("secretKey", secretKey, operation);
      const plaintext = parts.body === undefined || parts.body.length === 0 ? utf8("{}") : parts.body;
      body = await sealHishoppingPayload(secret, ctx.random(HISHOPPING_IV_BYTES), plaintext, "base64");
      headers["content-type"] = "text/plain; charset=utf-8";
    }
    emitSign(ctx, "hishopping-headers", { canonical: `${appId}${timestamp}`, headers: { ...headers } });
    return { headers, ...(body === undefined ? {} : { body }) };
  }

  async function open(response: Response, ctx: SignContext): Promise<Response> {
    const operation = ctx.row.operationId;
    const origin = { method: ctx.row.method, operation };
    if (response.status === 204 || response.status === 304) return response;
    const text = (await response.text()).trim();
    const given = response.headers.get("sign");
    let result: { code: number; message: string; data: unknown };
    let signed: boolean;
    if (given === null) {
      // Unsigned: only a plaintext failure `{code ≠ 0, message, data}` is accepted.
      let parsed: unknown;
      try {
        parsed = text.length === 0 ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (!isRecord(parsed) || typeof parsed.code !== "number" || !Number.isInteger(parsed.code)) {
        if (!response.ok) return passThrough(response, text);
        throw new ResponseSignatureError(`${operation}: the answer carries no Sign header`, origin);
      }
      if (parsed.code === 0) {
        throw new ResponseSignatureError(
          `${operation}: an unsigned success answer was refused (only failures may be unsigned)`,
          origin,
        );
      }
      result = {
        code: parsed.code,
        message: typeof parsed.message === "string" ? parsed.message : "",
        data: null,
      };
      signed = false;
    } else {
      const timestamp = response.headers.get("timestamp");
      const answeredApp = response.headers.get("app-id") ?? appId;
      if (timestamp === null || !/^[0-9]{1,16}$/.test(timestamp) || !/^[0-9a-fA-F]{64}$/.test(given)) {
        throw new ResponseSignatureError(
          `${operation}: the answer's Sign or Timestamp header is malformed`,
          origin,
        );
      }
      if (answeredApp !== appId) {
        throw new ResponseSignatureError(`${operation}: the signed answer names another App-ID`, origin);
      }
      const signer = await resolveHishoppingSecret("signKey", signKey, operation);
      const expected = await hmac("SHA-256", signer, `${appId}${timestamp}`);
      if (!timingSafeEqual(fromHex(given)!, expected)) {
        throw new ResponseSignatureError(`${operation}: the answer's Sign header is invalid`, origin);
      }
      if (fromBase64(text) === undefined) {
        throw new ResponseDecryptionError(`${operation}: the signed answer's body is not Base64`, origin);
      }
      const secret = await resolveHishoppingSecret("secretKey", secretKey, operation);
      let parsed: unknown;
      try {
        parsed = JSON.parse(fromUtf8(await openHishoppingPayload(secret, text, "base64")));
      } catch (err) {
        throw new ResponseDecryptionError(
          `${operation}: the answer's body could not be decrypted: ${(err as Error).message}`,
          origin,
        );
      }
      if (!isRecord(parsed) || typeof parsed.code !== "number" || !Number.isInteger(parsed.code)) {
        throw new ResponseDecryptionError(`${operation}: the decrypted answer has no integer code`, origin);
      }
      result = {
        code: parsed.code,
        message: typeof parsed.message === "string" ? parsed.message : "",
        data: parsed.code === 0 ? (parsed.data ?? null) : null,
      };
      signed = true;
    }
    return openedAnswer(response, result, signed);
  }

  return Object.freeze({
    name: "hishopping-headers",
    sign,
    open,
    ...opaque("[hishopping-headers scheme]", {
      scheme: "hishopping-headers",
      appId,
      secretKey: REDACTED,
      signKey: REDACTED,
    }),
  } satisfies Scheme);
}
