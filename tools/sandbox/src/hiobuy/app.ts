/**
 * The HIOBuy Gateway sandbox app: the shared sandbox skeleton, {@link hiobuyGuard} on `/v1/*`, and one Hono
 * route per spec operation, dispatched to the handler of its operationId.
 * @module
 */
import { randomBytes } from "node:crypto";
import { createSandboxApp, type SandboxApp } from "../core/app.js";
import type { SandboxError } from "../core/errors.js";
import { operationRoutes } from "../core/routes.js";
import { loadSpec } from "../core/spec.js";
import type { ProviderCreateOptions } from "../core/types.js";
import { SpecValidator } from "../core/validator.js";
import { codeForStatus, HioBusinessFailure, HioError } from "./errors.js";
import { type HiobuyVars, hiobuyGuard } from "./guard.js";
import type { Handler } from "./handler.js";
import { orderHandlers } from "./routes/orders.js";
import { productHandlers } from "./routes/products.js";
import { shipmentHandlers } from "./routes/shipments.js";
import { shippingHandlers } from "./routes/shipping.js";
import { HiobuyState } from "./state.js";

/** HIOBuy Gateway's base path. */
export const HIOBUY_BASE_PATH = "/v1";

/** Every route handler, by the spec's operationId. */
const HANDLERS: Record<string, Handler> = {
  ...productHandlers,
  ...orderHandlers,
  ...shippingHandlers,
  ...shipmentHandlers,
};

/** A created HIOBuy sandbox: the app plus its state (for tests). */
export interface HiobuySandbox extends SandboxApp<HiobuyVars> {
  /** In-memory orders, shipments, wallets and counters, per API key. */
  readonly state: HiobuyState;
  /** The spec validator (tests validate responses with it). */
  readonly validator: SpecValidator;
}

function requestId(): string {
  return `req_${randomBytes(12).toString("hex")}`;
}

function json(body: unknown, status: number, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/**
 * Renders HIOBuy's errors with the request id: `{ error: { code, message, request_id, category, upstream? } }`,
 * or for a business failure HTTP 200 `{ success: false, error: { code, message, request_id }, request_id }`
 * with the call's quota headers. Other sandbox errors (a fault's exact `body`) are left as they are.
 */
function renderError(
  e: SandboxError,
  rid: string,
  quotaHeaders: Record<string, string>,
): Response | undefined {
  const headers = { "x-request-id": rid, ...e.headers };
  if (e instanceof HioBusinessFailure) {
    const error = { code: e.code, message: e.message, request_id: rid };
    return json({ success: false, error, request_id: rid }, 200, { ...headers, ...quotaHeaders });
  }
  if (e instanceof HioError) {
    const { error } = e.body as { error: Record<string, unknown> };
    const { code, message, ...rest } = error;
    return json({ error: { code, message, request_id: rid, ...rest } }, e.status, headers);
  }
  return undefined;
}

/**
 * Creates the HIOBuy Gateway sandbox: Bearer key check (key grammar in the README), spec validation of every
 * request, channel / fulfillment-mode / scope checks, per-minute rate limit and daily per-channel quota with
 * `x-quota-*` headers, `sandbox_trigger` / `sb_<domain>_<scenario>` scenarios, and in-memory orders, shipments
 * and wallets.
 */
export async function createHiobuySandbox(options: ProviderCreateOptions = {}): Promise<HiobuySandbox> {
  const validator = await SpecValidator.create(loadSpec("hiobuy", { specsDir: options.specsDir }), {
    basePath: HIOBUY_BASE_PATH,
  });
  const state = new HiobuyState();
  const routes = operationRoutes(validator, HIOBUY_BASE_PATH);
  const sandbox = createSandboxApp<HiobuyVars>({
    name: "hiobuy",
    basePath: HIOBUY_BASE_PATH,
    validator,
    now: options.now,
    faultError: ({ status, code, message }) => {
      const c = code ?? codeForStatus(status);
      return new HioError(c, message ?? `Injected fault: ${c}`, { status });
    },
    internalError: (e) =>
      new HioError("INTERNAL_ERROR", `Sandbox failure: ${e instanceof Error ? e.message : String(e)}`),
    renderError: (e, c) => renderError(e, c.var.requestId ?? requestId(), c.var.quotaHeaders ?? {}),
    onReset: () => state.clear(),
    credentialOf: (c) => /^Bearer (\S+)$/.exec(c.req.header("authorization")?.trim() ?? "")?.[1],
  });
  const app = sandbox.app;
  app.use(`${HIOBUY_BASE_PATH}/*`, async (c, next) => {
    c.set("requestId", requestId());
    await next();
  });
  app.use(
    `${HIOBUY_BASE_PATH}/*`,
    hiobuyGuard({
      validator,
      basePath: HIOBUY_BASE_PATH,
      state,
      routeOf: new Map(routes.map((r) => [r.operationId, `${r.method} ${r.template}`])),
    }),
  );
  for (const route of routes) {
    const handler = HANDLERS[route.operationId];
    app.on(route.method, route.path, async (c) => {
      if (!handler) throw new HioError("NOT_FOUND", `The sandbox has no handler for ${route.operationId}.`);
      const rid = c.var.requestId;
      const out = await handler(c.var.hiobuy);
      return json({ ...out, request_id: rid }, 200, { "x-request-id": rid, ...(c.var.quotaHeaders ?? {}) });
    });
  }
  return { ...sandbox, state, validator };
}
