/**
 * HIOBuy's failures as one typed error class. Two shapes reach it (docs/providers/hiobuy.md, "Responses and errors"): protocol errors
 * (non-2xx, `{ error: { code, message, request_id, category, upstream? } }`) and business failures
 * (HTTP 200 with `success: false`, whose field names the provider has not pinned down).
 */
import { type FailureInfo, ProviderError, type ProviderErrorInit } from "@keyway/auth";
import type { components } from "./generated/index.js";

/** Every code of HIOBuy's catalogue, plus any code it adds later (an open union). */
export type HiobuyErrorCode = components["schemas"]["HiobuyErrorCode"] | (string & {});
/** The catalogue's categories, open for new ones. */
export type HiobuyErrorCategory = components["schemas"]["HiobuyErrorCategory"] | (string & {});

/** What {@link HiobuyError} adds to the shared provider error. */
export interface HiobuyErrorInit extends ProviderErrorInit {
  readonly code: HiobuyErrorCode;
  readonly category?: HiobuyErrorCategory | undefined;
  readonly upstream?: unknown;
  readonly businessFailure: boolean;
}

/** The codes worth retrying later: rate and platform limits, gateway failures. The daily quota is not. */
const TRANSIENT = new Set(["RATE_LIMIT_EXCEEDED", "PLATFORM_QUOTA_EXCEEDED", "INTERNAL_ERROR"]);

/**
 * HIOBuy answered with a failure. Returned in `error` (never thrown, unless you `unwrap`).
 * Branch on `code`; quote `requestId` to HIOBuy support.
 */
export class HiobuyError extends ProviderError<HiobuyErrorCode> {
  override name = "HiobuyError";
  /** The catalogue's category (`AUTH_ERROR`, `RATE_LIMIT_ERROR`, …), when given. */
  readonly category: HiobuyErrorCategory | undefined;
  /** Sanitized marketplace error summary on `CHANNEL_UPSTREAM_ERROR`. */
  readonly upstream: unknown;
  /** True for an HTTP 200 answer with `success: false` (a business outcome, not a protocol error). */
  readonly businessFailure: boolean;
  constructor(init: HiobuyErrorInit) {
    super(init);
    this.category = init.category;
    this.upstream = init.upstream;
    this.businessFailure = init.businessFailure;
  }
  /** Whether trying again later may succeed (rate limits, platform capacity, gateway errors). */
  get transient(): boolean {
    return TRANSIENT.has(this.code) || this.status >= 500;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);

/**
 * Whether a 2xx body is a business failure: `success: false`, an `error` object, or the
 * `{ code: <number ≠ 200>, msg }` shape a third-party client reports (docs/providers/hiobuy.md, "Responses and errors").
 */
export function isHiobuyFailure(body: unknown): boolean {
  if (!isObject(body)) return false;
  if (body.success === false) return true;
  if (isObject(body.error) && str(body.error.code)) return true;
  return typeof body.code === "number" && body.code !== 200 && "msg" in body;
}

/** Builds a {@link HiobuyError} from any failed answer (the client's `toError`). */
export function hiobuyErrorFrom(f: FailureInfo): HiobuyError {
  const body = f.body;
  const inner = isObject(body) && isObject(body.error) ? body.error : isObject(body) ? body : {};
  const numericCode = typeof inner.code === "number" ? inner.code : undefined;
  const code =
    str(inner.code) ??
    (numericCode === 429 ? "RATE_LIMIT_EXCEEDED" : undefined) ??
    (f.status === 200 ? "BUSINESS_FAILURE" : `HTTP_${f.status}`);
  const message =
    str(inner.message) ??
    str(inner.msg) ??
    (isObject(body) ? (str(body.message) ?? str(body.msg)) : undefined) ??
    (typeof body === "string" && body.length < 300 ? body : undefined) ??
    `HIOBuy answered ${f.status} to ${f.row.operationId}`;
  const requestId =
    str(inner.request_id) ??
    (isObject(body) ? str(body.request_id) : undefined) ??
    f.response.headers.get("x-request-id") ??
    undefined;
  return new HiobuyError({
    status: f.status,
    code,
    message,
    requestId,
    category: str(inner.category),
    upstream: inner.upstream,
    businessFailure: f.status >= 200 && f.status < 300,
    attempts: f.attempts,
    body,
    method: f.method,
    url: f.url,
    operation: f.row.operationId,
  });
}
