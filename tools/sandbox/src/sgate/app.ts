/**
 * The SGate pay-in v1 sandbox: `/api_v1/*` verified with the sandbox's own x-auth check (auth.ts), validated
 * against specs/sgate/openapi.yaml, served from in-memory state (state.ts), with callbacks (notifier.ts), a
 * hosted-cashier stand-in (`/order/{id}`, `/embed/{method}`), the direct-card 3-D Secure page, and control
 * routes under `/__sandbox`.
 */
import type { Context } from "hono";
import { createSandboxApp, readRequestParts, type SandboxEnv } from "../core/app.js";
import type { ProviderCreateOptions, ProviderSandbox } from "../core/registry.js";
import { loadSpec } from "../core/spec.js";
import { SpecValidator } from "../core/validator.js";
import { DOCS_CREDENTIAL, findCredential, type SgateCredential, verifyRequest } from "./auth.js";
import { createNotifier, isLoopbackHost, type Notifier } from "./notifier.js";
import { CASHIER_METHODS, type CashierMethod, SgateApiError, SgateState } from "./state.js";

/** The real base path of pay-in v1. */
export const SGATE_BASE_PATH = "/api_v1";

/** Options of {@link createSgateSandbox}. */
export interface SgateSandboxOptions extends ProviderCreateOptions {
  /** Credentials accepted besides the docs' example one and the key grammar (see the README). */
  credentials?: readonly SgateCredential[];
  /** Accepted distance between `x-auth-timestamp` and the sandbox clock, in seconds (default 300). */
  toleranceSeconds?: number;
  /** Callback delivery: waits between attempts (default `[1000, 2000, 4000, 8000]`: 5 attempts). */
  notificationRetryDelaysMs?: readonly number[];
  /** Per-attempt callback timeout in ms (default 5000). */
  notificationTimeoutMs?: number;
  /** Which callback hosts may be called (default: loopback only). */
  allowNotificationHost?: (hostname: string) => boolean;
}

/** A created SGate sandbox: the generic provider sandbox plus its state and notifier, for tests. */
export interface SgateSandbox extends ProviderSandbox {
  /** In-memory orders, transactions and refunds. */
  state: SgateState;
  /** Callback sender (its `attempts()` log and `idle()`). */
  notifier: Notifier;
  /** The spec validator (tests validate answers with it). */
  validator: SpecValidator;
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );

function errorBody(code: string, message: string, data: unknown = null) {
  return { code, message, data };
}

const DEFAULT_CODES: Record<number, string> = {
  400: "invalidParameter",
  401: "notAllowed",
  403: "notAllowed",
  404: "notFound",
  409: "conflict",
  429: "tooManyRequests",
};

/** Builds a fresh SGate sandbox (fresh state, fresh fault queue). */
export async function createSgateSandbox(options: SgateSandboxOptions = {}): Promise<SgateSandbox> {
  const now = options.now ?? Date.now;
  const validator = await SpecValidator.create(loadSpec("sgate", { specsDir: options.specsDir }), {
    basePath: SGATE_BASE_PATH,
  });
  const credentials = [DOCS_CREDENTIAL, ...(options.credentials ?? [])];
  const tolerance = options.toleranceSeconds ?? 300;
  const notifier = createNotifier({
    retryDelaysMs: options.notificationRetryDelaysMs ?? [1000, 2000, 4000, 8000],
    timeoutMs: options.notificationTimeoutMs ?? 5000,
    now,
    allowHost: options.allowNotificationHost ?? isLoopbackHost,
  });
  /** Which credential created each order (callbacks are signed with it). */
  const owners = new Map<string, SgateCredential>();
  const state = new SgateState(({ type, order, transaction }) => {
    const owner = owners.get(order.id);
    if (!order.notificationURL || !owner) return;
    notifier.send({
      orderId: order.id,
      type,
      notificationURL: order.notificationURL,
      key: owner.key,
      secret: owner.secret,
      onAttempt(a) {
        transaction.notificationTimes += 1;
        transaction.lastNotifiedAt = a.at;
        if (a.completed) transaction.successfullyNotifiedAt = a.at;
      },
    });
  });

  const sandbox = createSandboxApp({
    name: "sgate",
    basePath: SGATE_BASE_PATH,
    validator,
    now,
    errorResponse: ({ status, code, message }) =>
      Response.json(
        errorBody(code ?? DEFAULT_CODES[status] ?? "serverError", message ?? `sandbox fault ${status}`),
        {
          status,
        },
      ),
    onReset() {
      state.clear();
      owners.clear();
      notifier.reset();
    },
  });
  const { app } = sandbox;

  const fail = (c: Context<SandboxEnv>, e: unknown) => {
    if (e instanceof SgateApiError) return c.json(errorBody(e.code, e.message, e.data), e.status as 400);
    throw e;
  };

  /** The signed uri as received: the raw request target after the base path (query included). */
  const rawUri = (c: Context<SandboxEnv>): string => {
    const target =
      c.env?.incoming?.url ??
      (() => {
        const u = new URL(c.req.url);
        return u.pathname + u.search;
      })();
    return target.startsWith(SGATE_BASE_PATH) ? target.slice(SGATE_BASE_PATH.length) || "/" : target;
  };

  app.all(`${SGATE_BASE_PATH}/*`, async (c) => {
    const ctx = c.get("sandbox");
    const parts = await readRequestParts(c, SGATE_BASE_PATH);
    const checked = validator.validateRequest(parts);
    if (checked.routeStatus || !checked.operationId) {
      return c.json(
        errorBody("notFound", checked.issues[0]?.message ?? "no such interface"),
        checked.routeStatus ?? 404,
      );
    }
    const operationId = checked.operationId;
    const method = String((validator.operation(operationId) as Record<string, unknown>)["x-sgate-method"]);
    const auth = verifyRequest({
      header: (name) => c.req.header(name),
      uri: rawUri(c),
      method,
      now: ctx.now(),
      toleranceSeconds: tolerance,
      credentials,
    });
    if (!auth.ok) return c.json(errorBody("notAllowed", "No access", [auth.reason, auth.values]), 403);
    const merchantId = auth.credential.merchantId;
    const p = checked.params;
    if (p.merchantId !== undefined && p.merchantId !== merchantId) {
      return c.json(errorBody("notAllowed", "No access", ["merchant mismatch", auth.values]), 403);
    }
    if (!checked.valid) {
      return c.json(
        errorBody(
          "invalidParameter",
          checked.issues.map((i) => `${i.location} ${i.pointer || "(root)"}: ${i.message}`).join("; "),
          checked.issues,
        ),
        400,
      );
    }
    const body = (parts.body ?? {}) as Record<string, unknown>;
    const t = ctx.now();
    try {
      switch (operationId) {
        case "getMerchant":
          return c.json(state.merchant(merchantId, t));
        case "createOrder": {
          const clientIp = c.env?.incoming?.socket?.remoteAddress ?? "127.0.0.1";
          const order = state.createOrder({
            merchantId,
            clientId: auth.credential.clientId,
            body,
            now: t,
            clientIp,
          });
          owners.set(order.id, auth.credential);
          return c.json(SgateState.created(order));
        }
        case "getOrder":
          return c.json(state.order(p.orderId!, merchantId, t));
        case "getTransaction": {
          const { returnURL: _r, ...tx } = state.transaction(p.transactionId!, merchantId);
          return c.json(tx);
        }
        case "createRefund":
          return c.json(state.createRefund(p.orderId!, merchantId, body, t).created);
        case "getRefund":
          return c.json(state.refund(p.refundId!, merchantId));
        case "setLogistics":
        case "setOverseasLogistics":
        case "setDeliveryStatus":
        case "setAfterSaleStatus":
        case "sendShippingEmail": {
          const field = {
            setLogistics: "logistics",
            setOverseasLogistics: "overseasLogistics",
            setDeliveryStatus: "deliveryStatus",
            setAfterSaleStatus: "afterSaleStatus",
            sendShippingEmail: "shippingEmail",
          }[operationId];
          state.update(p.orderId!, merchantId, field, body, t);
          return c.body(null, 200);
        }
        case "startDirectMastercardPayment":
          return c.json(state.startMastercard(p.orderId!, merchantId, body, t, new URL(c.req.url).origin));
        case "startStcpayPayment":
          return c.json(state.startStcpay(p.orderId!, merchantId, body, t));
        case "completeStcpayPayment":
          return c.json(state.completeStcpay(p.transactionId!, merchantId, body, t));
        default:
          return c.json(errorBody("notImplemented", `${operationId} is not served by the sandbox`), 501);
      }
    } catch (e) {
      return fail(c, e);
    }
  });

  // ---- Hosted cashier stand-in (what the payment links open) --------------------------------------------------
  const cashier = (c: Context<SandboxEnv>, orderId: string, forced: string | undefined) => {
    const ticket = c.req.query("ticket") ?? "";
    let order: ReturnType<SgateState["order"]>;
    try {
      order = state.order(orderId, undefined, now());
    } catch {
      return c.html("<h1>Order not found</h1>", 404);
    }
    if (ticket !== order.ticket) return c.html("<h1>Invalid ticket</h1>", 403);
    const methods = forced && c.req.query("lockPayMethod") === "yes" ? [forced] : [...CASHIER_METHODS];
    const returnURL = c.req.query("returnURL") ?? "";
    const buttons = methods
      .map((m) => `<button name="method" value="${esc(m)}">${esc(m)}</button>`)
      .join(" ");
    return c.html(
      `<!doctype html><html lang="${c.req.query("language") === "AR" ? "ar" : "en"}"><meta charset="utf-8">` +
        `<title>SGate sandbox cashier</title><h1>${esc(String(order.name))}</h1>` +
        `<p id="amount">${order.amount} ${esc(order.currency)}</p><p id="status">${esc(order.status)}</p>` +
        `<form method="post" action="/order/${encodeURIComponent(order.id)}/pay">` +
        `<input type="hidden" name="ticket" value="${esc(order.ticket)}">` +
        `<input type="hidden" name="returnURL" value="${esc(returnURL)}">${buttons}</form></html>`,
    );
  };
  app.get("/order/:orderId", (c) => cashier(c, c.req.param("orderId"), undefined));
  app.get("/order/:orderId/:method", (c) => cashier(c, c.req.param("orderId"), c.req.param("method")));
  app.get("/embed/:method", (c) => cashier(c, c.req.query("orderId") ?? "", c.req.param("method")));
  app.post("/order/:orderId/pay", async (c) => {
    const form = await c.req.parseBody();
    const orderId = c.req.param("orderId");
    const method = String(form.method ?? "mada") as CashierMethod;
    try {
      const order = state.order(orderId, undefined, now());
      if (form.ticket !== order.ticket) return c.html("<h1>Invalid ticket</h1>", 403);
      if (!CASHIER_METHODS.includes(method)) return c.html("<h1>Unknown method</h1>", 400);
      state.payByCashier(orderId, method, true, now());
      const returnURL = typeof form.returnURL === "string" ? form.returnURL : "";
      if (returnURL) {
        const back = new URL(returnURL);
        back.searchParams.set("orderId", order.id);
        back.searchParams.set("ticket", order.ticket);
        back.searchParams.set("action", "complete");
        return c.redirect(back.href, 303);
      }
      return c.html(`<h1>Paid</h1><p id="status">${esc(order.status)}</p>`);
    } catch (e) {
      if (e instanceof SgateApiError) return c.html(`<h1>${esc(e.message)}</h1>`, e.status as 400);
      throw e;
    }
  });

  // ---- Direct card 3-D Secure page ----------------------------------------------------------------------------
  app.get("/direct/mastercard", (c) => {
    try {
      const back = state.complete3ds(c.req.query("transactionId") ?? "", now());
      return back ? c.redirect(back, 302) : c.html("<h1>3-D Secure passed</h1>");
    } catch (e) {
      if (e instanceof SgateApiError) return c.html(`<h1>${esc(e.message)}</h1>`, e.status as 400);
      throw e;
    }
  });

  // ---- Control routes ------------------------------------------------------------------------------------------
  app.post("/__sandbox/orders/:orderId/pay", async (c) => {
    let body: { method?: string; outcome?: string } = {};
    try {
      const text = await c.req.text();
      body = text ? JSON.parse(text) : {};
    } catch {
      return c.json({ error: "body must be JSON: { method?, outcome? }" }, 400);
    }
    const method = (body.method ?? "mada") as CashierMethod;
    if (!CASHIER_METHODS.includes(method))
      return c.json({ error: `method must be one of ${CASHIER_METHODS}` }, 400);
    try {
      const tx = state.payByCashier(c.req.param("orderId"), method, body.outcome !== "decline", now());
      return c.json({ transaction: tx, order: state.order(tx.orderId, undefined, now()) });
    } catch (e) {
      return fail(c, e);
    }
  });
  app.get("/__sandbox/orders", (c) => c.json({ orders: state.allOrders() }));
  app.get("/__sandbox/notifications", (c) => c.json({ attempts: notifier.attempts() }));
  app.get("/__sandbox/emails", (c) => c.json({ emails: state.emails }));

  return { ...sandbox, state, notifier, validator, name: "sgate", basePath: SGATE_BASE_PATH };
}

/** The credential the sandbox derives for a key, if it accepts it (for tests and docs). */
export function sandboxCredential(
  key: string,
  extra: readonly SgateCredential[] = [],
): SgateCredential | undefined {
  return findCredential(key, [DOCS_CREDENTIAL, ...extra]);
}
