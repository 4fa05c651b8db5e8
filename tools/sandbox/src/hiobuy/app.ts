import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { createSandboxApp, readRequestParts, type SandboxApp, type SandboxEnv } from "../core/app.js";
import type { ProviderCreateOptions } from "../core/registry.js";
import { loadSpec } from "../core/spec.js";
import { SpecValidator, type ValidationIssue } from "../core/validator.js";
import { parseProductUrl } from "./catalog.js";
import { categoryFor, codeForStatus, HioBusinessFailure, HioError } from "./errors.js";
import { CHANNELS, type Channel, type KeyInfo, parseApiKey } from "./keys.js";
import { HANDLERS, type Handler } from "./routes.js";
import { HiobuyState } from "./state.js";

/** Handlers keyed by route shape (path parameter names erased: `GET /x/{}`). */
const HANDLERS_BY_SHAPE = new Map(
  Object.entries(HANDLERS).map(([k, h]) => [k.replace(/\{[^}]+\}/g, "{}"), h]),
);

/** HIOBuy Gateway's base path. */
export const HIOBUY_BASE_PATH = "/v1";

/** Route keys (`METHOD /path` relative to /v1) that are billable: product and marketplace-order calls. */
const BILLABLE = /^POST \/(products|orders)\//;
/** Billable units per route (default 1). */
const UNITS: Record<string, number> = { "POST /products/search-by-image": 2 };
/** Routes that change state (need write scope). */
const WRITES = /^POST \/(orders\/(create|pay|cancel)|fulfillment\/shipments\/(create|pay|cancel))$/;

/** A running HIOBuy sandbox: the app plus its state (for tests). */
export interface HiobuySandbox extends SandboxApp {
  /** In-memory orders, shipments, wallets, counters. */
  state: HiobuyState;
  /** The spec validator (tests validate responses with it). */
  validator: SpecValidator;
}

/** Context handed to every route handler. */
export interface HandlerContext {
  /** Parsed JSON body (validated against the spec). */
  body: Record<string, unknown>;
  /** Query parameters. */
  query: Record<string, string | string[]>;
  /** Path template parameters. */
  params: Record<string, string>;
  /** The calling app's key. */
  key: KeyInfo;
  /** Sandbox clock (ms). */
  now: number;
  /** In-memory state. */
  state: HiobuyState;
  /** Scenario requested with `sandbox_trigger` (test keys only), if any. */
  trigger: string | undefined;
}

function requestId(): string {
  return `req_${randomBytes(12).toString("hex")}`;
}

function json(
  body: Record<string, unknown>,
  status: number,
  rid: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ ...body, request_id: rid }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "x-request-id": rid, ...headers },
  });
}

/** The protocol error body `{ error: { code, message, request_id, category, upstream? } }`. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  rid = requestId(),
  headers: Record<string, string> = {},
  upstream?: Record<string, unknown>,
): Response {
  const error: Record<string, unknown> = {
    code,
    message,
    request_id: rid,
    category: categoryFor(code, status),
  };
  if (upstream) error.upstream = upstream;
  return new Response(JSON.stringify({ error }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "x-request-id": rid, ...headers },
  });
}

function validationMessage(issues: ValidationIssue[]): string {
  const first = issues[0]!;
  const field = first.pointer.replace(/^\//, "").replace(/\//g, ".");
  return `${field ? `${field}: ` : ""}${first.message}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ""}`;
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

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
  const routeKey = new Map<string, string>();
  for (const op of validator.operations()) {
    if (!op.operationId) continue;
    const rel = op.path.startsWith(validator.pathPrefix)
      ? op.path.slice(validator.pathPrefix.length)
      : op.path;
    routeKey.set(op.operationId, `${op.method.toUpperCase()} ${rel.replace(/\{[^}]+\}/g, "{}")}`);
  }
  const sandbox = createSandboxApp({
    name: "hiobuy",
    basePath: HIOBUY_BASE_PATH,
    validator,
    now: options.now,
    errorResponse: ({ status, code, message }) => {
      const c = code ?? codeForStatus(status);
      return errorResponse(status, c, message ?? `Injected fault: ${c}`);
    },
    onReset: () => state.clear(),
  });

  sandbox.app.all(`${HIOBUY_BASE_PATH}/*`, async (c: Context<SandboxEnv>) => {
    const rid = requestId();
    const ctx = c.var.sandbox;
    const now = ctx.now();
    try {
      const key = parseApiKey(c.req.header("authorization"));
      if (!key) throw new HioError("INVALID_API_KEY");
      const parts = await readRequestParts(c, HIOBUY_BASE_PATH);
      const result = validator.validateRequest(parts);
      if (result.routeStatus)
        throw new HioError("NOT_FOUND", `No route ${parts.method} ${HIOBUY_BASE_PATH}${parts.path}`);
      const route = routeKey.get(result.operationId!)!;
      if (route.includes(" /fulfillment/") && key.mode === "self")
        throw new HioError("FULFILLMENT_MODE_NOT_SUPPORTED");
      const body = (parts.body && typeof parts.body === "object" ? parts.body : {}) as Record<
        string,
        unknown
      >;

      // Field-level rules the Gateway reports with their own codes (checked before generic validation).
      if ("currency" in body && /^POST \/products\//.test(route)) {
        throw new HioError(
          "UNSUPPORTED_FIELD",
          "currency is not supported on product routes; amounts are CNY.",
        );
      }
      if ("sandbox_trigger" in body && key.type === "live") {
        throw new HioError("UNSUPPORTED_FIELD", "sandbox_trigger is only accepted with hio_test_ keys.");
      }
      if (body.response_format === "upstream" && key.type === "test") {
        throw new HioError("VALIDATION_ERROR", "response_format=upstream is not available in sandbox mode.");
      }
      if (typeof body.channel === "string" && !(CHANNELS as readonly string[]).includes(body.channel)) {
        throw new HioError("UNSUPPORTED_CHANNEL", `Unsupported channel: ${body.channel}`);
      }
      if (!result.valid) throw new HioError("VALIDATION_ERROR", validationMessage(result.issues));

      const handler: Handler | undefined = HANDLERS_BY_SHAPE.get(route);
      if (!handler) throw new HioError("NOT_FOUND", `No route ${route}`);
      let channel = typeof body.channel === "string" ? (body.channel as Channel) : undefined;
      if (!channel && route === "POST /products/parse" && typeof body.url === "string") {
        channel = parseProductUrl(body.url)?.channel;
      }
      const trigger =
        key.type === "test" && typeof body.sandbox_trigger === "string" ? body.sandbox_trigger : undefined;
      if (trigger === "sb_auth_channel_not_authorized" || (channel && !key.channels.has(channel))) {
        throw new HioError("CHANNEL_NOT_AUTHORIZED", `App has not authorized channel ${channel ?? "?"}.`);
      }
      if (trigger === "sb_auth_insufficient_scope" || (!key.canWrite && WRITES.test(route))) {
        throw new HioError("INSUFFICIENT_SCOPE", `Key lacks the scope for ${route}.`);
      }

      // Per-minute rate limit per app.
      if (Number.isFinite(key.ratePerMinute) || trigger === "sb_plat_rate_limited") {
        const window = Math.floor(now / 60_000) * 60_000;
        const r = state.rate.get(key.key);
        const counter = r && r.windowStart === window ? r : { windowStart: window, count: 0 };
        counter.count += 1;
        state.rate.set(key.key, counter);
        if (counter.count > key.ratePerMinute || trigger === "sb_plat_rate_limited") {
          const retryAfter = Math.max(1, Math.ceil((window + 60_000 - now) / 1000));
          throw new HioError("RATE_LIMIT_EXCEEDED", undefined, {
            headers: { "retry-after": String(retryAfter) },
          });
        }
      }
      if (trigger === "sb_plat_platform_quota") {
        throw new HioError("PLATFORM_QUOTA_EXCEEDED", undefined, { headers: { "retry-after": "30" } });
      }
      if (trigger === "sb_plat_internal_error") throw new HioError("INTERNAL_ERROR");
      if (trigger === "sb_plat_upstream_error") {
        throw new HioError("CHANNEL_UPSTREAM_ERROR", "The marketplace rejected the call.", {
          upstream: { code: "isv.service-unavailable", message: "Service temporarily unavailable" },
        });
      }

      // Daily quota per app + channel on billable routes.
      const quotaHeaders: Record<string, string> = {};
      if (BILLABLE.test(route) && channel) {
        const units = UNITS[route] ?? 1;
        const qk = `${key.key}\u0000${channel}\u0000${utcDay(now)}`;
        const used = state.quota.get(qk) ?? 0;
        if (used + units > key.dailyQuota || trigger === "sb_plat_quota_exceeded") {
          throw new HioError("QUOTA_EXCEEDED", `Daily ${channel} quota exhausted; it resets at 00:00 UTC.`);
        }
        state.quota.set(qk, used + units);
        quotaHeaders["x-quota-billable-units"] = String(units);
        quotaHeaders["x-quota-channel"] = channel;
        quotaHeaders["x-quota-remaining-day"] = String(key.dailyQuota - used - units);
        quotaHeaders["x-quota-pack-remaining"] = "0";
      }

      try {
        const out = await handler({
          body,
          query: parts.query ?? {},
          params: result.params,
          key,
          now,
          state,
          trigger,
        });
        return json(out, 200, rid, quotaHeaders);
      } catch (e) {
        if (e instanceof HioBusinessFailure) {
          return json(
            { success: false, error: { code: e.code, message: e.message, request_id: rid } },
            200,
            rid,
            quotaHeaders,
          );
        }
        throw e;
      }
    } catch (e) {
      if (e instanceof HioError)
        return errorResponse(e.status, e.code, e.message, rid, e.headers, e.upstream);
      const message = e instanceof Error ? e.message : String(e);
      return errorResponse(500, "INTERNAL_ERROR", `Sandbox failure: ${message}`, rid);
    }
  });

  return { ...sandbox, state, validator };
}
