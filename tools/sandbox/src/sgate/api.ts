/**
 * SGate pay-in v1 under `/api_v1`: the checks every call passes ({@link sgateApiGuard}: route, the sandbox's own
 * x-auth verification, merchant, spec validation) and the operation handlers keyed by operationId.
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { readRequestParts, type SandboxEnv } from "../core/app.js";
import type { RequestParts, SpecValidator } from "../core/validator.js";
import { type SgateCredential, verifyRequest } from "./auth.js";
import { SgateApiError } from "./errors.js";
import { SgateState } from "./state.js";

/** What an SGate operation handler receives. */
export interface SgateCall {
  /** The merchant of the verified key. */
  merchantId: string;
  /** The verified credential. */
  credential: SgateCredential;
  /** Path template parameters. */
  params: Record<string, string>;
  /** The JSON body (`{}` when none). */
  body: Record<string, unknown>;
  /** Sandbox clock (ms). */
  now: number;
}

/** Request variables of the SGate app. */
export interface SgateVars {
  /** Set by {@link sgateApiGuard} once every check passed. */
  sgate: SgateCall;
}

/** The SGate app's Hono environment. */
export type SgateEnv = SandboxEnv<SgateVars>;

/** An SGate operation handler: returns the answer (JSON, or an empty 200). */
export type SgateHandler = (call: SgateCall, c: Context<SgateEnv>) => Response;

/** Options of {@link sgateApiGuard}. */
export interface SgateGuardOptions {
  /** The spec validator. */
  validator: SpecValidator;
  /** `/api_v1`. */
  basePath: string;
  /** Accepted credentials besides the key grammar. */
  credentials: readonly SgateCredential[];
  /** Accepted clock distance in seconds. */
  toleranceSeconds: number;
}

/** The signed uri as received: the raw request target after the base path (query included). */
function rawUri(c: Context<SgateEnv>, basePath: string): string {
  const target =
    c.env?.incoming?.url ??
    (() => {
      const u = new URL(c.req.url);
      return u.pathname + u.search;
    })();
  return target.startsWith(basePath) ? target.slice(basePath.length) || "/" : target;
}

/**
 * SGate documents `amount` as a decimal string, and the spec (what clients send) says so; SGate itself also
 * takes a JSON number (its own demos send one). A numeric `amount` is validated as its decimal text, so the
 * sandbox accepts what SGate accepts.
 */
function numberAmountAsText(parts: RequestParts): RequestParts {
  const body = parts.body as { amount?: unknown } | undefined;
  if (body === null || typeof body !== "object" || typeof body.amount !== "number") return parts;
  return { ...parts, body: { ...body, amount: String(body.amount) } };
}

/** The middleware: throws `SgateApiError` for a failed check, else sets `c.var.sgate`. */
export function sgateApiGuard(options: SgateGuardOptions): MiddlewareHandler<SgateEnv> {
  const { validator, basePath } = options;
  return async (c, next) => {
    const ctx = c.var.sandbox;
    const parts = await readRequestParts(c, basePath);
    const checked = validator.validateRequest(numberAmountAsText(parts));
    if (checked.routeStatus || !checked.operationId) {
      throw new SgateApiError(
        checked.routeStatus ?? 404,
        "notFound",
        checked.issues[0]?.message ?? "no such interface",
      );
    }
    const operation = validator.operation(checked.operationId) as Record<string, unknown>;
    const auth = verifyRequest({
      header: (name) => c.req.header(name),
      uri: rawUri(c, basePath),
      method: String(operation["x-sgate-method"]),
      now: ctx.now(),
      toleranceSeconds: options.toleranceSeconds,
      credentials: options.credentials,
    });
    if (!auth.ok) throw new SgateApiError(403, "notAllowed", "No access", [auth.reason, auth.values]);
    const merchantId = auth.credential.merchantId;
    if (checked.params.merchantId !== undefined && checked.params.merchantId !== merchantId) {
      throw new SgateApiError(403, "notAllowed", "No access", ["merchant mismatch", auth.values]);
    }
    if (!checked.valid) {
      throw new SgateApiError(
        400,
        "invalidParameter",
        checked.issues.map((i) => `${i.location} ${i.pointer || "(root)"}: ${i.message}`).join("; "),
        checked.issues,
      );
    }
    c.set("sgate", {
      merchantId,
      credential: auth.credential,
      params: checked.params,
      body: (parts.body ?? {}) as Record<string, unknown>,
      now: ctx.now(),
    });
    await next();
  };
}

/** Which order field each logistics PUT sets. */
const LOGISTICS_FIELDS = {
  setLogistics: "logistics",
  setOverseasLogistics: "overseasLogistics",
  setDeliveryStatus: "deliveryStatus",
  setAfterSaleStatus: "afterSaleStatus",
  sendShippingEmail: "shippingEmail",
} as const;

/**
 * The operation handlers by operationId.
 * @param state the sandbox's state.
 * @param onOrderCreated records which credential created an order (its callbacks are signed with it).
 */
export function sgateHandlers(
  state: SgateState,
  onOrderCreated: (orderId: string, credential: SgateCredential) => void,
): Record<string, SgateHandler> {
  const logistics = (field: string): SgateHandler => {
    return ({ params, merchantId, body, now }, c) => {
      state.update(params.orderId!, merchantId, field, body, now);
      return c.body(null, 200);
    };
  };
  return {
    getMerchant: ({ merchantId, now }, c) => c.json(state.merchant(merchantId, now)),
    createOrder: ({ merchantId, credential, body, now }, c) => {
      const clientIp = c.env?.incoming?.socket?.remoteAddress ?? "127.0.0.1";
      const order = state.createOrder({ merchantId, clientId: credential.clientId, body, now, clientIp });
      onOrderCreated(order.id, credential);
      return c.json(SgateState.created(order));
    },
    getOrder: ({ params, merchantId, now }, c) => c.json(state.order(params.orderId!, merchantId, now)),
    getTransaction: ({ params, merchantId }, c) => {
      const { returnURL: _r, ...tx } = state.transaction(params.transactionId!, merchantId);
      return c.json(tx);
    },
    createRefund: ({ params, merchantId, body, now }, c) =>
      c.json(state.createRefund(params.orderId!, merchantId, body, now).created),
    getRefund: ({ params, merchantId }, c) => c.json(state.refund(params.refundId!, merchantId)),
    ...Object.fromEntries(Object.entries(LOGISTICS_FIELDS).map(([op, field]) => [op, logistics(field)])),
    startDirectMastercardPayment: ({ params, merchantId, body, now }, c) =>
      c.json(state.startMastercard(params.orderId!, merchantId, body, now, new URL(c.req.url).origin)),
    startStcpayPayment: ({ params, merchantId, body, now }, c) =>
      c.json(state.startStcpay(params.orderId!, merchantId, body, now)),
    completeStcpayPayment: ({ params, merchantId, body, now }, c) =>
      c.json(state.completeStcpay(params.transactionId!, merchantId, body, now)),
  };
}
