/**
 * `createSgateClient`: the typed openapi-fetch client for SGate pay-in v1, signing every attempt with the
 * x-auth HMAC scheme of `@keyway/auth/sgate`. The method name each operation signs comes from the spec's
 * `x-sgate-method` (the generated operation table), so callers never type it.
 */
import {
  commonOptions,
  createKeywayClient,
  type KeywayClient,
  type KeywayCommonOptions,
  KeywayConfigError,
  type Secret,
  type UnknownOutcomeCall,
} from "@keyway/auth";
import { assertHeaderSafe } from "@keyway/auth/internal";
import { sgateHmac } from "@keyway/auth/sgate";
import { type SgateError, sgateErrorFrom } from "./errors.js";
import { operations, type paths } from "./generated/index.js";
import { USER_AGENT } from "./generated/version.js";
import { checkAmount } from "./money.js";

/** The shape of a `client.use()` hook set (openapi-fetch's middleware; see @keyway/auth). */
export type { Middleware, MiddlewareCallbackParams } from "@keyway/auth";

/**
 * SGate's production base URL (the default), inferred from the docs (`gateway.sgate.sa`): SGate does not
 * publish it, so confirm it at onboarding (docs/providers/sgate.md, "Hosts").
 */
export const SGATE_BASE_URL = "https://gateway.sgate.sa/api_v1";
/** SGate's documented public sandbox (https://docs.sgate.sa/en/payinApi/callMethod/callMethod.html). */
export const SGATE_SANDBOX_BASE_URL = "https://sandbox.sgate.sa/api_v1";

/** Options of {@link createSgateClient}. */
export interface SgateClientOptions extends KeywayCommonOptions {
  /** The client key (`x-auth-key`), or a function read per request. */
  readonly key: Secret;
  /** The client secret, or a function read per request (so it can rotate). */
  readonly secret: Secret;
  /** Base URL including `/api_v1` (or wherever a proxy mounts it). Default {@link SGATE_BASE_URL}; {@link SGATE_SANDBOX_BASE_URL} for the sandbox. */
  readonly baseUrl?: string | URL | undefined;
  /** Clock distance (ms) above which a `notAllowed` answer is taken as our clock being off (default 30 000). */
  readonly clockSkewThresholdMs?: number | undefined;
}

/** The SGate client: openapi-fetch's call shape, `error` typed as {@link SgateError}. */
export type SgateClient = KeywayClient<paths, SgateError>;

const hints: Record<string, (call: UnknownOutcomeCall) => string> = {
  createOrder: (c) =>
    `The order may have been created. SGate has no lookup by merchantOrderId: look for merchantOrderId ${JSON.stringify(
      (c.body as { merchantOrderId?: unknown } | undefined)?.merchantOrderId,
    )} in the SGate back office (or wait for its callback) before creating it again with a new merchantOrderId.`,
  createRefund: (c) =>
    `The refund may exist. GET /orders/${String(c.params?.path?.orderId)} and compare refundTimes / refundAmount before refunding again.`,
  startDirectMastercardPayment: (c) =>
    `The card payment may have started. GET /orders/${String(c.params?.path?.orderId)} to see its status before charging again.`,
  startStcpayPayment: (c) =>
    `The STCPay payment may have started (an OTP may have been sent). GET /orders/${String(c.params?.path?.orderId)} before starting again.`,
  completeStcpayPayment: (c) =>
    `The OTP may have been accepted. GET /transactions/${String(c.params?.path?.transactionId)}/merchant to see its result.`,
  sendShippingEmail: () => "The shipping e-mail may have been sent; do not resend blindly.",
};

/**
 * Creates an SGate pay-in client against `baseUrl` (default {@link SGATE_BASE_URL}, production).
 *
 * ```ts
 * const sgate = createSgateClient({ key, secret, baseUrl: SGATE_SANDBOX_BASE_URL });
 * const { data, error } = await sgate.POST("/merchants/{merchantId}/orders", {
 *   params: { path: { merchantId: "M448726" } },
 *   body: { merchantOrderId: "shop-1", amount: "12.50", currency: "SAR", name: "100 coins" },
 * });
 * ```
 */
export function createSgateClient(options: SgateClientOptions): SgateClient {
  if (options === null || typeof options !== "object") {
    throw new KeywayConfigError("createSgateClient needs options ({ key, secret, … })");
  }
  for (const name of ["key", "secret"] as const) {
    const value = options[name];
    if (!(typeof value === "function" || (typeof value === "string" && value.length > 0))) {
      throw new KeywayConfigError(`SGate ${name} is required (a string or a function returning one)`);
    }
  }
  if (typeof options.key === "string") assertHeaderSafe("SGate key", options.key);
  const now = options.now ?? Date.now;
  const threshold = options.clockSkewThresholdMs ?? 30_000;
  let offset = () => 0;
  const client = createKeywayClient<paths, SgateError>({
    baseUrl: options.baseUrl ?? SGATE_BASE_URL,
    provider: "SGate",
    userAgent: USER_AGENT,
    operations,
    scheme: sgateHmac({ key: options.key, secret: options.secret }),
    ...commonOptions(options),
    now,
    toError: sgateErrorFrom,
    // A float amount (order, refund or line item) never reaches the wire (src/money.ts).
    prepareBody: (body) => {
      checkAmount(body);
      return body;
    },
    // SGate rejects a stale timestamp with the same `notAllowed` as a bad signature. When that answer's `Date`
    // is far from our (corrected) clock, take it as a clock error: the transport adopts the server's time and
    // re-signs once.
    isClockError: (response) => {
      if (response.status !== 401 && response.status !== 403) return false;
      const server = Date.parse(response.headers.get("date") ?? "");
      return !Number.isNaN(server) && Math.abs(server - (now() + offset())) > threshold;
    },
    unknownOutcome: (call) => ({
      hint: hints[call.row.operationId]?.(call) ?? "Query the resource before trying again.",
      details: { operation: call.row.operationId },
    }),
  });
  offset = () => client.clockOffsetMs();
  return client;
}
