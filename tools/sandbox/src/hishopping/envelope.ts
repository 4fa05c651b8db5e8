/**
 * What every HiShopping call passes before its handler ({@link hishoppingGuard}): the envelope (query
 * parameters for GET, the JSON body for POST) against `RequestEnvelope`, the app, the clock, `sign`, nonce
 * replay, decryption, then the decrypted payload against the operation's schema. Failures before authentication
 * are thrown as {@link HishoppingPlainError}; a payload failing its schema gets a signed 4001.
 *
 * A request carrying a `Sign` header is read in the header protocol instead (the provider page's
 * "Communication Protocol" section): `App-ID`, `Timestamp`, `Sign` = HMAC-SHA256(Sign Key, app_id +
 * timestamp), the POST body `Base64(iv ‖ ct ‖ tag)`, a GET's filters in its query. Each app speaks one
 * protocol; a request in the other one is answered 1004.
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import type { SandboxEnv } from "../core/app.js";
import { formatIssues, type SpecValidator } from "../core/validator.js";
import { findApp, type HishoppingSandboxApp } from "./apps.js";
import { HishoppingPlainError } from "./errors.js";
import { jsonResponse } from "./faults.js";
import {
  EnvelopeDecryptError,
  headerSign,
  open,
  seal,
  sealResponse,
  verifyHeaderSign,
  verifySign,
} from "./protocol.js";
import type { HishoppingState, Outcome } from "./state.js";

/** What a HiShopping handler receives. */
export interface HishoppingCall {
  /** The authenticated app. */
  app: HishoppingSandboxApp;
  /** The decrypted payload (valid against the operation's schema). */
  payload: unknown;
  /** Path template parameters. */
  params: Record<string, string>;
  /** Sandbox clock in seconds. */
  nowS: number;
  /** Seals an outcome as the signed, encrypted answer for this app. */
  answer(outcome: Outcome): Response;
}

/** Request variables of the HiShopping app. */
export interface HishoppingVars {
  /** Set by {@link hishoppingGuard} once the envelope is authenticated and decrypted. */
  hishopping: HishoppingCall;
}

/** The HiShopping app's Hono environment. */
export type HishoppingEnv = SandboxEnv<HishoppingVars>;

const ENVELOPE_FIELDS = ["app_id", "nonce", "timestamp", "data", "sign"] as const;

/** Options of {@link hishoppingGuard}. */
export interface HishoppingGuardOptions {
  /** The spec validator. */
  validator: SpecValidator;
  /** Schema pointer of each operation's logical payload (`x-hishopping-payload`). */
  payloadSchema: ReadonlyMap<string, string>;
  /** Known apps by id. */
  apps: ReadonlyMap<string, HishoppingSandboxApp>;
  /** Nonce store. */
  state: HishoppingState;
  /** Accepted clock distance in seconds. */
  toleranceSeconds: number;
  /** Random bytes for answer IVs and nonces. */
  random: (n: number) => Buffer;
}

/** The middleware. */
export function hishoppingGuard(options: HishoppingGuardOptions): MiddlewareHandler<HishoppingEnv> {
  const { validator, apps, state } = options;
  return async (c, next) => {
    const ctx = c.var.sandbox;
    const method = c.req.method.toUpperCase();
    const operationId = ctx.operationId;
    if (!operationId) throw new HishoppingPlainError(4001, `no operation for ${method} ${ctx.path}`, 404);

    /** Validates the decrypted payload, then hands over to the handler (or answers a signed 4001). */
    const proceed = async (
      app: HishoppingSandboxApp,
      payload: unknown,
      nowS: number,
      answer: (o: Outcome) => Response,
    ) => {
      const request = validator.validateRequest({
        method,
        path: ctx.path,
        query: {},
        headers: { "content-type": "application/json" },
        body: method === "GET" ? undefined : payload,
      });
      const issues = [...request.issues];
      const schema = options.payloadSchema.get(operationId);
      if (schema && method === "GET") issues.push(...validator.validateValue(schema, payload).issues);
      if (issues.length > 0)
        return answer({ code: 4001, message: `Invalid parameters: ${formatIssues(issues)}` });
      c.set("hishopping", { app, payload, params: request.params, nowS, answer });
      await next();
      return undefined;
    };

    // 0. The header protocol, when the request carries a Sign header.
    const signHeader = c.req.header("sign");
    if (signHeader !== undefined) {
      const appId = c.req.header("app-id");
      const timestamp = c.req.header("timestamp");
      if (!appId || !timestamp)
        throw new HishoppingPlainError(1004, "Missing auth header: App-ID, Timestamp");
      const app = apps.get(appId);
      if (!app) throw new HishoppingPlainError(1002, "App not found");
      if (app.disabled) throw new HishoppingPlainError(1003, "App disabled");
      if ((app.protocol ?? "envelope") !== "headers") {
        throw new HishoppingPlainError(
          1004,
          "Missing auth header: this app signs envelopes (app_id, nonce, timestamp, data, sign)",
        );
      }
      if (!/^\d{1,15}$/.test(timestamp))
        throw new HishoppingPlainError(1004, "Missing auth header: Timestamp is not an integer");
      const nowS = Math.floor(ctx.now() / 1000);
      if (Math.abs(nowS - Number(timestamp)) > options.toleranceSeconds)
        throw new HishoppingPlainError(1005, "Invalid timestamp");
      if (!verifyHeaderSign(app.signKey, app.appId, timestamp, signHeader))
        throw new HishoppingPlainError(1001, "Invalid signature");
      let payload: unknown;
      if (method === "GET") {
        // No body to encrypt: the filters are the query, typed as the payload schema expects.
        const typed: Record<string, unknown> = {};
        for (const [k, v] of new URL(c.req.url).searchParams) typed[k] = /^\d{1,15}$/.test(v) ? Number(v) : v;
        payload = typed;
      } else {
        try {
          payload = JSON.parse(open(app.secretKey, (await c.req.text()).trim(), "base64").toString("utf8"));
        } catch (e) {
          throw new HishoppingPlainError(
            1006,
            e instanceof EnvelopeDecryptError ? "Decryption failed" : "Decryption failed: body is not JSON",
          );
        }
      }
      const answer = (o: Outcome) => {
        const plain = JSON.stringify({
          code: o.code,
          message: o.code === 0 ? "success" : (o.message ?? ""),
          data: o.code === 0 ? o.payload : null,
        });
        return new Response(seal(app.secretKey, plain, options.random(12), "base64"), {
          status: 200,
          headers: {
            "content-type": "text/plain; charset=utf-8",
            "App-ID": app.appId,
            Timestamp: String(nowS),
            Sign: headerSign(app.signKey, app.appId, String(nowS)),
          },
        });
      };
      return proceed(app, payload, nowS, answer);
    }

    // 1. The envelope: query parameters (GET) or the JSON body (POST).
    let envelope: Record<string, unknown>;
    if (method === "GET") {
      const q = new URL(c.req.url).searchParams;
      envelope = {};
      for (const f of ENVELOPE_FIELDS) {
        const v = q.get(f);
        if (v !== null) envelope[f] = f === "timestamp" && /^\d{1,15}$/.test(v) ? Number(v) : v;
      }
    } else {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        throw new HishoppingPlainError(1004, "Missing auth header: body is not JSON");
      }
      if (!body || typeof body !== "object" || Array.isArray(body))
        throw new HishoppingPlainError(1004, "Missing auth header: body is not an envelope");
      envelope = body as Record<string, unknown>;
    }
    const missing = ENVELOPE_FIELDS.filter((f) => envelope[f] === undefined || envelope[f] === "");
    if (missing.length > 0)
      throw new HishoppingPlainError(1004, `Missing auth header: ${missing.join(", ")}`);
    const shape = validator.validateValue("#/components/schemas/RequestEnvelope", envelope);
    if (!shape.valid) {
      throw new HishoppingPlainError(
        1004,
        `Missing auth header: malformed envelope (${formatIssues(shape.issues)})`,
      );
    }

    // 2. App, clock, signature, replay.
    const app = findApp(apps, String(envelope.app_id));
    if (!app) throw new HishoppingPlainError(1002, "App not found");
    if (app.disabled) throw new HishoppingPlainError(1003, "App disabled");
    if (app.protocol === "headers") {
      throw new HishoppingPlainError(
        1004,
        "Missing auth header: Sign (this app uses the App-ID, Timestamp and Sign headers)",
      );
    }
    const nowS = Math.floor(ctx.now() / 1000);
    if (Math.abs(nowS - Number(envelope.timestamp)) > options.toleranceSeconds)
      throw new HishoppingPlainError(1005, "Invalid timestamp");
    if (!verifySign(app.signKey, envelope)) throw new HishoppingPlainError(1001, "Invalid signature");
    if (!state.useNonce(app.appId, String(envelope.nonce), ctx.now())) {
      throw new HishoppingPlainError(1001, "Invalid signature: nonce already used");
    }

    // From here on every answer is signed and encrypted.
    const answer = (o: Outcome) =>
      jsonResponse(
        sealResponse({
          appId: app.appId,
          secretKey: app.secretKey,
          signKey: app.signKey,
          encoding: app.dataEncoding,
          code: o.code,
          message: o.code === 0 ? "success" : (o.message ?? ""),
          payload: o.code === 0 ? o.payload : null,
          iv: options.random(12),
          nonce: options.random(16).toString("hex"),
          timestamp: nowS,
        }),
      );

    // 3. Decrypt (1006 is pre-business, plaintext) and validate the logical payload.
    let bytes: Buffer;
    try {
      bytes = open(app.secretKey, String(envelope.data), app.dataEncoding);
    } catch (e) {
      if (e instanceof EnvelopeDecryptError) throw new HishoppingPlainError(1006, "Decryption failed");
      throw e; // a sandbox fault, not the client's: answered 5001 by the app's error handler
    }
    let payload: unknown;
    try {
      payload = JSON.parse(bytes.toString("utf8"));
    } catch {
      throw new HishoppingPlainError(1006, "Decryption failed: payload is not JSON");
    }
    return proceed(app, payload, nowS, answer);
  };
}

/** The `app_id` of a request's envelope (query for GET, JSON body otherwise), for fault scoping. */
export async function envelopeAppId(c: Context<HishoppingEnv>): Promise<string | undefined> {
  if (c.req.method.toUpperCase() === "GET") return c.req.query("app_id");
  try {
    const body = JSON.parse(await c.req.text()) as { app_id?: unknown };
    return typeof body?.app_id === "string" ? body.app_id : undefined;
  } catch {
    return undefined;
  }
}
