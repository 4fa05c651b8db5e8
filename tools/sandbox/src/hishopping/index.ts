/**
 * HiShopping B-End sandbox: the encrypted, signed envelope protocol of providers/hishopping.md §A.4 served at
 * `/api/v1`, with its own node:crypto implementation (./protocol.ts), spec-driven validation (the envelope
 * against `RequestEnvelope`, then the decrypted payload against the operation's `x-hishopping-payload` schema),
 * in-memory state (./state.ts) and response-tampering faults. See the README's "HiShopping" section.
 */
import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { type CustomFaultHandler, createSandboxApp, type SandboxEnv } from "../core/app.js";
import type { ProviderCreateOptions, ProviderDefinition, ProviderSandbox } from "../core/registry.js";
import { loadSpec } from "../core/spec.js";
import { formatIssues, SpecValidator } from "../core/validator.js";
import {
  canonicalJson,
  type DataEncoding,
  decodeData,
  EnvelopeDecryptError,
  encodeData,
  open,
  sealResponse,
  signFields,
  verifySign,
} from "./protocol.js";
import { HishoppingState, type Outcome } from "./state.js";

export * as hishoppingProtocol from "./protocol.js";
export { HishoppingState } from "./state.js";

/** The provider's base path. */
export const HISHOPPING_BASE_PATH = "/api/v1";

/** One merchant app the sandbox knows. */
export interface HishoppingSandboxApp {
  appId: string;
  secretKey: string;
  signKey: string;
  /** Encoding of `data` both ways for this app. */
  dataEncoding: DataEncoding;
  /** A disabled app is answered 1003. */
  disabled?: boolean;
}

/** The apps every sandbox starts with (documented in the README). */
export const HISHOPPING_SANDBOX_APPS: readonly HishoppingSandboxApp[] = Object.freeze([
  {
    appId: "hs_app_sandbox",
    secretKey: "sandbox-secret-key-32-bytes-long",
    signKey: "sandbox-sign-key",
    dataEncoding: "base64",
  },
  { appId: "hs_app_hex", secretKey: "sandbox-short", signKey: "sandbox-sign-key-hex", dataEncoding: "hex" },
  {
    // The app of specs/hishopping/vectors (x-test-vectors): its 32-byte Secret Key, Base64.
    appId: "hs_app_7Q2mX9",
    secretKey: "keyway-hishopping-secret-32bytes",
    signKey: "keyway-sign-key-test-0001",
    dataEncoding: "base64",
  },
  {
    appId: "hs_app_disabled",
    secretKey: "sandbox-secret-key-32-bytes-long",
    signKey: "sandbox-sign-key",
    dataEncoding: "base64",
    disabled: true,
  },
]);

/** Options of {@link createHishoppingSandbox}. */
export interface HishoppingSandboxOptions extends ProviderCreateOptions {
  /** Extra apps (e.g. the spec's vector app), added to {@link HISHOPPING_SANDBOX_APPS}. */
  apps?: readonly HishoppingSandboxApp[];
  /** Random bytes for response IVs and nonces (default node:crypto). */
  random?: (n: number) => Buffer;
  /** Accepted clock distance in seconds (default 300). */
  toleranceSeconds?: number;
}

/** A created HiShopping sandbox, with its state exposed for scenarios. */
export interface HishoppingSandbox extends ProviderSandbox {
  state: HishoppingState;
  apps: ReadonlyMap<string, HishoppingSandboxApp>;
}

/** Validators are stateless and costly to build (dereferencing, compiling): one per specs directory. */
const validators = new Map<string, Promise<SpecValidator>>();

const ENVELOPE_FIELDS = ["app_id", "nonce", "timestamp", "data", "sign"] as const;

/** Plaintext pre-authentication failure (unsigned). */
function plain(code: number, message: string, status = 200): Response {
  return new Response(JSON.stringify({ code, message, data: null }), {
    status,
    headers: { "content-type": "application/json" },
  });
}

function jsonResponse(text: string): Response {
  return new Response(text, { status: 200, headers: { "content-type": "application/json" } });
}

/** Builds a fresh HiShopping sandbox (fresh state, fresh fault queue). */
export async function createHishoppingSandbox(
  options: HishoppingSandboxOptions = {},
): Promise<HishoppingSandbox> {
  const raw = loadSpec("hishopping", { specsDir: options.specsDir });
  const cacheKey = options.specsDir ?? "";
  let pending = validators.get(cacheKey);
  if (!pending) {
    pending = SpecValidator.create(raw, { basePath: HISHOPPING_BASE_PATH });
    validators.set(cacheKey, pending);
    pending.catch(() => validators.delete(cacheKey));
  }
  const validator = await pending;
  const payloadSchema = new Map<string, string>();
  for (const item of Object.values(raw.paths ?? {})) {
    for (const op of Object.values(item) as {
      operationId?: string;
      "x-hishopping-payload"?: { schema: string };
    }[]) {
      if (op?.operationId && op["x-hishopping-payload"])
        payloadSchema.set(op.operationId, op["x-hishopping-payload"].schema);
    }
  }
  const apps = new Map<string, HishoppingSandboxApp>();
  for (const a of [...HISHOPPING_SANDBOX_APPS, ...(options.apps ?? [])]) apps.set(a.appId, a);
  const random = options.random ?? ((n: number) => randomBytes(n));
  const tolerance = options.toleranceSeconds ?? 300;
  const state = new HishoppingState();

  /** The app an answer is for (read from the answer itself, so faults can re-sign it). */
  const appOf = (body: Record<string, unknown>) =>
    typeof body.app_id === "string" ? apps.get(body.app_id) : undefined;

  /** Reads a handled answer's JSON, applies `edit`, and returns it (re-signed when `resign`). */
  const rewrite =
    (
      edit: (body: Record<string, unknown>, app: HishoppingSandboxApp) => void,
      resign: boolean,
    ): CustomFaultHandler =>
    async ({ c, next }) => {
      await next();
      const text = await c.res.text();
      const body = JSON.parse(text) as Record<string, unknown>;
      const app = appOf(body);
      if (!app || typeof body.sign !== "string") return jsonResponse(text); // plaintext answers are left alone
      edit(body, app);
      if (resign) body.sign = signFields(app.signKey, body);
      return jsonResponse(canonicalJson(body));
    };

  const flipData = (body: Record<string, unknown>, app: HishoppingSandboxApp) => {
    const bytes = decodeData(String(body.data), app.dataEncoding)!;
    bytes[bytes.length - 1]! ^= 0x01;
    body.data = encodeData(bytes, app.dataEncoding);
  };

  const faultKinds: Record<string, CustomFaultHandler> = {
    /** Flips a bit of `data` without re-signing: the client must report an invalid signature. */
    "tamper-data": rewrite(flipData, false),
    /** Changes one hex digit of `sign`. */
    "tamper-sign": rewrite((body) => {
      const s = String(body.sign);
      body.sign = (s[0] === "0" ? "1" : "0") + s.slice(1);
    }, false),
    /** Flips a bit of `data` and re-signs: the signature verifies, decryption must fail. */
    "corrupt-data-resigned": rewrite(flipData, true),
    /** Cuts `data` to 20 bytes (< IV + tag) and re-signs. */
    "truncate-data-resigned": rewrite((body, app) => {
      const bytes = decodeData(String(body.data), app.dataEncoding)!;
      body.data = encodeData(bytes.subarray(0, 20), app.dataEncoding);
    }, true),
    /** Answers an unsigned plaintext success: the client must refuse it. */
    "unsigned-success": async ({ next }) => {
      await next();
      return jsonResponse(JSON.stringify({ code: 0, message: "success", data: {} }));
    },
  };

  const sandbox = createSandboxApp({
    name: "hishopping",
    basePath: HISHOPPING_BASE_PATH,
    validator,
    now: options.now,
    faultKinds,
    errorResponse: ({ status, code, message }) =>
      plain(
        Number.isInteger(Number(code)) && code !== undefined ? Number(code) : 5001,
        message ?? "Internal server error",
        status,
      ),
    onReset: () => state.reset(),
  });

  async function handle(c: Context<SandboxEnv>): Promise<Response> {
    const ctx = c.var.sandbox;
    const method = c.req.method.toUpperCase();
    const operationId = ctx.operationId;
    if (!operationId) return plain(4001, `no operation for ${method} ${ctx.path}`, 404);

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
      try {
        const body: unknown = JSON.parse(await c.req.text());
        if (!body || typeof body !== "object" || Array.isArray(body))
          return plain(1004, "Missing auth header: body is not an envelope");
        envelope = body as Record<string, unknown>;
      } catch {
        return plain(1004, "Missing auth header: body is not JSON");
      }
    }
    const missing = ENVELOPE_FIELDS.filter((f) => envelope[f] === undefined || envelope[f] === "");
    if (missing.length > 0) return plain(1004, `Missing auth header: ${missing.join(", ")}`);
    const shape = validator.validateValue("#/components/schemas/RequestEnvelope", envelope);
    if (!shape.valid)
      return plain(1004, `Missing auth header: malformed envelope (${formatIssues(shape.issues)})`);

    // 2. App, clock, signature, replay.
    const app = apps.get(String(envelope.app_id));
    if (!app) return plain(1002, "App not found");
    if (app.disabled) return plain(1003, "App disabled");
    const nowS = Math.floor(ctx.now() / 1000);
    if (Math.abs(nowS - Number(envelope.timestamp)) > tolerance) return plain(1005, "Invalid timestamp");
    if (!verifySign(app.signKey, envelope)) return plain(1001, "Invalid signature");
    if (!state.useNonce(app.appId, String(envelope.nonce), ctx.now())) {
      return plain(1001, "Invalid signature: nonce already used");
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
          iv: random(12),
          nonce: random(16).toString("hex"),
          timestamp: nowS,
        }),
      );

    // 3. Decrypt (1006 is pre-business, plaintext) and validate the logical payload.
    let payload: unknown;
    try {
      const bytes = open(app.secretKey, String(envelope.data), app.dataEncoding);
      payload = JSON.parse(bytes.toString("utf8"));
    } catch (e) {
      return plain(
        1006,
        e instanceof EnvelopeDecryptError ? "Decryption failed" : "Decryption failed: payload is not JSON",
      );
    }
    const request = validator.validateRequest({
      method,
      path: ctx.path,
      query: {},
      headers: { "content-type": "application/json" },
      body: method === "GET" ? undefined : payload,
    });
    const issues = [...request.issues];
    const schema = payloadSchema.get(operationId);
    if (schema && method === "GET") issues.push(...validator.validateValue(schema, payload).issues);
    if (issues.length > 0)
      return answer({ code: 4001, message: `Invalid parameters: ${formatIssues(issues)}` });

    // 4. Business.
    const p = request.params;
    // The payload passed the operation's schema above.
    const q = payload as never;
    switch (operationId) {
      case "listProducts":
        return answer(state.listProducts(q));
      case "getProduct":
        return answer(state.getProduct(p.goods_id!));
      case "getProductBySku":
        return answer(state.getProductBySku(p.sku_id!));
      case "createOrder":
        return answer(state.createOrder(q, nowS));
      case "getOrder":
        return answer(state.getOrder(p.order_no!));
      case "getOrderByMerchantOrderNo":
        return answer(state.getOrderByMerchantNo(p.merchant_order_no!));
      case "createBatchOrders":
        return answer(state.createBatch(q, nowS));
      case "getBatchOrder":
        return answer(state.getBatch(p.batch_no!));
      case "getCredit":
        return answer(state.getCredit());
      case "listCreditTransactions":
        return answer(state.listTransactions(q));
      default:
        return answer({ code: 5001, message: `Internal server error: ${operationId} has no handler` });
    }
  }

  sandbox.app.all(`${HISHOPPING_BASE_PATH}/*`, handle);

  return {
    name: "hishopping",
    basePath: HISHOPPING_BASE_PATH,
    app: sandbox.app,
    faults: sandbox.faults,
    reset: sandbox.reset,
    state,
    apps,
  };
}

/** The registry entry of the HiShopping sandbox. */
export const hishoppingProvider: ProviderDefinition = {
  name: "hishopping",
  basePath: HISHOPPING_BASE_PATH,
  create: (options) => createHishoppingSandbox(options),
};
