/**
 * The checks HIOBuy Gateway makes before a handler runs, as one Hono middleware: Bearer key, spec validation,
 * field rules, fulfillment mode, channel and scope, `sandbox_trigger` scenarios, the per-minute rate limit and
 * the daily per-channel quota.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { readRequestParts, type SandboxEnv } from "../core/app.js";
import type { SpecValidator, ValidationIssue } from "../core/validator.js";
import { parseProductUrl } from "./catalog.js";
import { HioError } from "./errors.js";
import type { HandlerContext } from "./handler.js";
import { CHANNELS, type Channel, parseApiKey } from "./keys.js";
import type { HiobuyState } from "./state.js";

/** Request variables of the HIOBuy app. */
export interface HiobuyVars {
  /** `req_…`, in the body and the `x-request-id` header of every answer. */
  requestId: string;
  /** What the handler receives (set once every check passed). */
  hiobuy: HandlerContext;
  /** `x-quota-*` headers of a billable call. */
  quotaHeaders: Record<string, string>;
}

/** The HIOBuy app's Hono environment. */
export type HiobuyEnv = SandboxEnv<HiobuyVars>;

/** Route keys (`METHOD /path` relative to /v1) that are billable: product and marketplace-order calls. */
const BILLABLE = /^POST \/(products|orders)\//;
/** Billable units per route (default 1). */
const UNITS: Record<string, number> = { "POST /products/search-by-image": 2 };
/** Routes that change state (need write scope). */
const WRITES = /^POST \/(orders\/(create|pay|cancel)|fulfillment\/shipments\/(create|pay|cancel))$/;

function validationMessage(issues: ValidationIssue[]): string {
  const first = issues[0]!;
  const field = first.pointer.replace(/^\//, "").replace(/\//g, ".");
  return `${field ? `${field}: ` : ""}${first.message}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ""}`;
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Options of {@link hiobuyGuard}. */
export interface GuardOptions {
  /** The spec validator. */
  validator: SpecValidator;
  /** Base path (`/v1`). */
  basePath: string;
  /** In-memory state (rate and quota counters). */
  state: HiobuyState;
  /** `METHOD /template` of each operationId. */
  routeOf: ReadonlyMap<string, string>;
}

/** The middleware: throws `HioError` for a failed check, else sets `c.var.hiobuy` and runs the handler. */
export function hiobuyGuard({
  validator,
  basePath,
  state,
  routeOf,
}: GuardOptions): MiddlewareHandler<HiobuyEnv> {
  return async (c, next) => {
    const now = c.var.sandbox.now();
    const key = parseApiKey(c.req.header("authorization"));
    if (!key) throw new HioError("INVALID_API_KEY");
    const parts = await readRequestParts(c, basePath);
    const result = validator.validateRequest(parts);
    if (result.routeStatus)
      throw new HioError("NOT_FOUND", `No route ${parts.method} ${basePath}${parts.path}`);
    const route = routeOf.get(result.operationId!)!;
    if (route.includes(" /fulfillment/") && key.mode === "self")
      throw new HioError("FULFILLMENT_MODE_NOT_SUPPORTED");
    const body = (parts.body && typeof parts.body === "object" ? parts.body : {}) as Record<string, unknown>;

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
    if (BILLABLE.test(route) && channel) {
      const units = UNITS[route] ?? 1;
      const qk = `${key.key}\u0000${channel}\u0000${utcDay(now)}`;
      const used = state.quota.get(qk) ?? 0;
      if (used + units > key.dailyQuota || trigger === "sb_plat_quota_exceeded") {
        throw new HioError("QUOTA_EXCEEDED", `Daily ${channel} quota exhausted; it resets at 00:00 UTC.`);
      }
      state.quota.set(qk, used + units);
      c.set("quotaHeaders", {
        "x-quota-billable-units": String(units),
        "x-quota-channel": channel,
        "x-quota-remaining-day": String(key.dailyQuota - used - units),
        "x-quota-pack-remaining": "0",
      });
    }

    c.set("hiobuy", { body, query: parts.query ?? {}, params: result.params, key, now, state, trigger });
    await next();
  };
}
