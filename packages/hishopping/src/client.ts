/**
 * `createHishoppingClient()`: the HiShopping B-End API over openapi-fetch. Every attempt is encrypted and
 * signed by the `hishoppingEnvelope` scheme of @keyway/auth; every answer is verified before it is decrypted,
 * and the caller's `data` is the decrypted business payload (docs/providers/hishopping.md, "The envelope").
 */
import {
  commonOptions,
  createKeywayClient,
  type KeywayClient,
  type KeywayCommonOptions,
  KeywayConfigError,
  KeywayUnknownOutcomeError,
  type OperationRow,
  type Secret,
  type UnknownOutcomeCall,
  type UnknownOutcomeInfo,
} from "@keyway/auth";
import {
  type HishoppingDataEncoding,
  hishoppingEnvelope,
  hishoppingHeaders,
  hishoppingOpened,
} from "@keyway/auth/hishopping";
import { assertHeaderSafe, defaultRandom, toHex } from "@keyway/auth/internal";
import { HishoppingError, hishoppingErrorFrom, isHishoppingFailure } from "./errors.js";

/** Encoding of the envelope's `data` field (the `dataEncoding` option). */
export type { HishoppingDataEncoding };

import { operations, type paths } from "./generated/index.js";
import { USER_AGENT } from "./generated/version.js";

/** The shape of a `client.use()` hook set (openapi-fetch's middleware; see @keyway/auth). */
export type { Middleware, MiddlewareCallbackParams } from "@keyway/auth";

/** The proposed production base URL (the B-End base path was not published; confirm at onboarding). */
export const HISHOPPING_BASE_URL = "https://hishopping.xyz/api/v1";

/**
 * The request protocol a merchant's app speaks (the provider's page describes both):
 * - `"envelope"` (default): every request is a signed envelope `{app_id, nonce, timestamp, data, sign}`
 *   (POST body, or GET query), `sign` = HMAC-SHA256 of its sorted JSON; answers are signed envelopes.
 * - `"headers"`: the body is `Base64(iv ‖ ciphertext ‖ tag)` itself, with `App-ID`, `Timestamp` and
 *   `Sign` = HMAC-SHA256(Sign Key, app_id + timestamp) headers, both ways; a GET's query stays in clear.
 */
export type HishoppingProtocol = "envelope" | "headers";

/** Options of {@link createHishoppingClient}. */
export interface HishoppingClientOptions extends KeywayCommonOptions {
  /** The App ID shown when the app was created. */
  readonly appId: string;
  /** The Secret Key (AES-256-GCM), or a function read per request so it can rotate. */
  readonly secretKey: Secret;
  /** The Sign Key (HMAC-SHA256), or a function read per request so it can rotate. */
  readonly signKey: Secret;
  /** Default {@link HISHOPPING_BASE_URL}. https, or http on loopback (the sandbox). */
  readonly baseUrl?: string | URL | undefined;
  /** The request protocol of the merchant's app (default `"envelope"`); see {@link HishoppingProtocol}. */
  readonly protocol?: HishoppingProtocol | undefined;
  /** Encoding of the envelope's `data`: `"base64"` (default, the original page) or `"hex"` (the later page). */
  readonly dataEncoding?: HishoppingDataEncoding | undefined;
  /** Unit of the envelope's `timestamp`: seconds (default) or milliseconds (escape hatch). */
  readonly timestampUnit?: "s" | "ms" | undefined;
  /** Generates a `merchant_order_no` / `merchant_batch_no` when the caller gives none (default `kw_<24 hex>`). */
  readonly merchantOrderNo?: (() => string) | undefined;
}

/** A typed HiShopping client: `client.POST("/orders", { body })` → `{ data, error, response }`. */
export type HishoppingClient = KeywayClient<paths, HishoppingError>;

const MERCHANT_NO = /^[A-Za-z0-9_-]{1,64}$/;
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Fills missing idempotency keys: `merchant_order_no` of an order, `merchant_batch_no` and every item's
 * `merchant_order_no` of a batch. Returns a copy; the caller's object is left as it was.
 */
export function withIdempotencyKeys(body: unknown, row: OperationRow, generate: () => string): unknown {
  if (!isObject(body)) return body;
  const fill = (o: Json): Json => (o.merchant_order_no ? o : { ...o, merchant_order_no: generate() });
  if (row.operationId === "createOrder") return fill(body);
  if (row.operationId === "createBatchOrders") {
    return {
      ...body,
      merchant_batch_no: body.merchant_batch_no || generate(),
      orders: Array.isArray(body.orders) ? body.orders.map((o) => (isObject(o) ? fill(o) : o)) : body.orders,
    };
  }
  return body;
}

function describeLostCall(call: UnknownOutcomeCall): UnknownOutcomeInfo {
  const body = (call.body ?? {}) as Json;
  const at = new Date(call.sentAt).toISOString();
  if (call.row.operationId === "createOrder") {
    const no = String(body.merchant_order_no);
    return {
      message: `POST /orders: no answer, so order ${no} may have been created (sent ${at}).`,
      hint: `Send it again with the same merchant_order_no (${no}) — HiShopping answers the original order — or look it up with GET /orders/merchant/${no}.`,
      details: { merchant_order_no: no, sentAt: at },
    };
  }
  if (call.row.operationId === "createBatchOrders") {
    const orders = Array.isArray(body.orders) ? (body.orders as Json[]) : [];
    const nos = orders.map((o) => String(o?.merchant_order_no));
    return {
      message: `POST /batch-orders: no answer, so batch ${String(body.merchant_batch_no)} may have been created (sent ${at}).`,
      hint: `Send it again unchanged (same merchant_batch_no and merchant_order_no values), or look each order up with GET /orders/merchant/{merchant_order_no}.`,
      details: { merchant_batch_no: body.merchant_batch_no, merchant_order_nos: nos, sentAt: at },
    };
  }
  return {
    hint: `Query the resource before sending ${call.row.operationId} again.`,
    details: { sentAt: at },
  };
}

/** Keeps error URLs short: the envelope's `data` and `sign` are dropped from GET query strings. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const name of ["data", "sign"]) if (u.searchParams.has(name)) u.searchParams.set(name, "…");
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * Creates a HiShopping client. Missing or empty credentials fail here, before any call; the Secret and
 * Sign Keys never appear in an error, `toString`, `JSON.stringify` or `util.inspect` of the client or its
 * errors. A 1005 (invalid timestamp) answer corrects the client's clock once from the server's `Date`
 * header and re-signs; an answer that cannot be trusted rejects with a `SignatureVerificationError`
 * (`ResponseSignatureError` or `ResponseDecryptionError`).
 */
export function createHishoppingClient(options: HishoppingClientOptions): HishoppingClient {
  if (options === null || typeof options !== "object") {
    throw new KeywayConfigError("createHishoppingClient needs options");
  }
  const { appId, secretKey, signKey } = options;
  for (const [name, value] of [
    ["secretKey", secretKey],
    ["signKey", signKey],
  ] as const) {
    if (!(typeof value === "function" || (typeof value === "string" && value.length > 0))) {
      throw new KeywayConfigError(`HiShopping ${name} is required (a string or a function returning one)`);
    }
  }
  if (typeof appId !== "string" || appId.length === 0)
    throw new KeywayConfigError("HiShopping appId is required");
  assertHeaderSafe("HiShopping appId", appId);
  const random = options.random ?? defaultRandom;
  const generate = options.merchantOrderNo ?? (() => `kw_${toHex(random(12))}`);
  const checkedGenerate = () => {
    const no = generate();
    if (typeof no !== "string" || !MERCHANT_NO.test(no)) {
      throw new KeywayConfigError("merchantOrderNo() must return 1–64 characters of [A-Za-z0-9_-]");
    }
    return no;
  };
  const protocol = options.protocol ?? "envelope";
  if (protocol !== "envelope" && protocol !== "headers") {
    throw new KeywayConfigError(`HiShopping protocol must be "envelope" or "headers"`);
  }
  if (protocol === "headers" && options.dataEncoding !== undefined && options.dataEncoding !== "base64") {
    throw new KeywayConfigError(`HiShopping protocol "headers" always carries Base64; drop dataEncoding`);
  }
  const scheme =
    protocol === "headers"
      ? hishoppingHeaders({ appId, secretKey, signKey, timestampUnit: options.timestampUnit })
      : hishoppingEnvelope({
          appId,
          secretKey,
          signKey,
          dataEncoding: options.dataEncoding,
          timestampUnit: options.timestampUnit,
        });
  const client = createKeywayClient<paths, HishoppingError>({
    baseUrl: options.baseUrl ?? HISHOPPING_BASE_URL,
    provider: "HiShopping",
    userAgent: USER_AGENT,
    describe: { protocol },
    operations,
    scheme,
    ...commonOptions(options),
    random,
    toError: hishoppingErrorFrom,
    isFailure: (body) => isHishoppingFailure(body),
    select: (body) => (body as { data: unknown }).data,
    isClockError: (response) => hishoppingOpened(response)?.code === 1005,
    prepareBody: (body, row) => withIdempotencyKeys(body, row, checkedGenerate),
    unknownOutcome: describeLostCall,
    redactUrl,
  });
  return withDuplicateRecovery(client, checkedGenerate);
}

/** The fields of a create request that must match the order found under its `merchant_order_no`. */
const SAME_ORDER = ["goods_id", "sku_id", "quantity"] as const;

/**
 * Code 2002 "Duplicate order" on a create that was sent more than once (an earlier attempt got no answer,
 * or a retryable one) means an earlier attempt created the order: the call resolves to that original order,
 * looked up once with `GET /orders/merchant/{merchant_order_no}`, when its goods, SKU and quantity are the
 * ones sent. A 2002 on the first attempt, or on an order that differs, stays the error it is (when an earlier
 * attempt was lost, the `KeywayUnknownOutcomeError` carrying it is rethrown).
 */
function withDuplicateRecovery(client: HishoppingClient, generate: () => string): HishoppingClient {
  const post = client.POST as unknown as (path: string, init?: Json) => Promise<Json>;
  const recovering = async (path: string, init?: Json) => {
    if (path !== "/orders" || !isObject(init) || !isObject(init.body)) return post(path, init);
    // The number the lookup needs: the caller's, or one generated now (prepareBody then keeps it).
    const body = init.body.merchant_order_no ? init.body : { ...init.body, merchant_order_no: generate() };
    let result: Json;
    let lost: KeywayUnknownOutcomeError | undefined;
    try {
      result = await post(path, { ...init, body });
    } catch (e) {
      // An earlier attempt got no answer and the last one failed: the failure is the cause.
      if (!(e instanceof KeywayUnknownOutcomeError) || !(e.cause instanceof HishoppingError)) throw e;
      lost = e;
      result = { error: e.cause };
    }
    const error = result.error as HishoppingError | undefined;
    const giveUp = () => {
      if (lost) throw lost;
      return result;
    };
    if (error?.code !== "2002" || error.attempts < 2) return giveUp();
    const found = await client.GET("/orders/merchant/{merchant_order_no}", {
      params: { path: { merchant_order_no: String(body.merchant_order_no) } },
    });
    if (found.error || !isObject(found.data)) return giveUp();
    const order = found.data as Json;
    if (SAME_ORDER.some((k) => body[k] !== undefined && String(body[k]) !== String(order[k])))
      return giveUp();
    return { data: found.data, error: undefined, response: found.response };
  };
  return Object.freeze({ ...client, POST: recovering as unknown as HishoppingClient["POST"] });
}
