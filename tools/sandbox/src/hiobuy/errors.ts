import { SandboxError } from "../core/errors.js";

/** Error categories of HIOBuy protocol errors. */
export type ErrorCategory =
  | "AUTH_ERROR"
  | "RATE_LIMIT_ERROR"
  | "VALIDATION_ERROR"
  | "CHANNEL_ERROR"
  | "INTERNAL_ERROR";

/** Documented error codes with their HTTP status and category. */
export const ERRORS = {
  INVALID_API_KEY: [401, "AUTH_ERROR", "Missing, revoked, or malformed Bearer token."],
  CHANNEL_NOT_AUTHORIZED: [401, "AUTH_ERROR", "App has not authorized the requested channel in portal."],
  INSUFFICIENT_SCOPE: [403, "AUTH_ERROR", "Key or app lacks permission for the operation."],
  FULFILLMENT_MODE_NOT_SUPPORTED: [
    403,
    "AUTH_ERROR",
    "Fulfillment API called while app is in self-fulfillment mode.",
  ],
  VALIDATION_ERROR: [400, "VALIDATION_ERROR", "Request validation failed."],
  UNSUPPORTED_CHANNEL: [400, "VALIDATION_ERROR", "Unsupported channel."],
  UNSUPPORTED_FIELD: [400, "VALIDATION_ERROR", "Field not allowed on this route."],
  NOT_FOUND: [404, "VALIDATION_ERROR", "Resource not found."],
  RATE_LIMIT_EXCEEDED: [429, "RATE_LIMIT_ERROR", "Rate limit exceeded; retry after the indicated delay."],
  QUOTA_EXCEEDED: [429, "RATE_LIMIT_ERROR", "Daily channel quota exhausted."],
  PLATFORM_QUOTA_EXCEEDED: [429, "RATE_LIMIT_ERROR", "Platform capacity limit reached; retry later."],
  CHANNEL_CAPABILITY_NOT_SUPPORTED: [400, "CHANNEL_ERROR", "Operation not available on this channel."],
  CHANNEL_UPSTREAM_ERROR: [502, "CHANNEL_ERROR", "The marketplace rejected the call."],
  INTERNAL_ERROR: [500, "INTERNAL_ERROR", "Unexpected gateway failure; retry with backoff."],
  PARCEL_NOT_FOUND: [404, "VALIDATION_ERROR", "Parcel invalid or not yet inbound."],
  INVALID_SHIPPING_CHANNEL: [400, "VALIDATION_ERROR", "Unknown or unavailable shipping channel."],
  INSUFFICIENT_BALANCE: [402, "VALIDATION_ERROR", "Fulfillment wallet balance too low."],
} as const satisfies Record<string, readonly [number, ErrorCategory, string]>;

/** A documented error code. */
export type ErrorCode = keyof typeof ERRORS;

/** Default error code for a bare HTTP status (used by `status` faults without a `code`). */
export function codeForStatus(status: number): string {
  if (status === 401) return "INVALID_API_KEY";
  if (status === 403) return "INSUFFICIENT_SCOPE";
  if (status === 404) return "NOT_FOUND";
  if (status === 429) return "RATE_LIMIT_EXCEEDED";
  if (status === 502) return "CHANNEL_UPSTREAM_ERROR";
  if (status >= 500) return "INTERNAL_ERROR";
  return "VALIDATION_ERROR";
}

/** Category of a code (unknown codes: by status). */
export function categoryFor(code: string, status: number): ErrorCategory {
  const known = (ERRORS as Record<string, readonly [number, ErrorCategory, string]>)[code];
  if (known) return known[1];
  if (status === 401 || status === 403) return "AUTH_ERROR";
  if (status === 429) return "RATE_LIMIT_ERROR";
  if (status >= 500) return "INTERNAL_ERROR";
  return "VALIDATION_ERROR";
}

/** Optional parts of a {@link HioError}. */
export interface HioErrorExtra {
  /** HTTP status (default: the code's documented one). */
  status?: number;
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
  /** The marketplace's own error, for `CHANNEL_UPSTREAM_ERROR`. */
  upstream?: Record<string, unknown>;
}

/**
 * A HIOBuy protocol error `{ error: { code, message, request_id, category, upstream? } }` with the code's HTTP
 * status; the app adds the request id when it renders it.
 */
export class HioError extends SandboxError {
  override name = "HioError";
  /** The error code, e.g. `NOT_FOUND`. */
  readonly code: string;
  /** The marketplace's own error, for `CHANNEL_UPSTREAM_ERROR`. */
  readonly upstream: Record<string, unknown> | undefined;
  /** A documented code, with its status and (by default) its documented message. */
  constructor(code: ErrorCode, message?: string, extra?: HioErrorExtra);
  /** Any code with an explicit status (what a `status` fault asks for). */
  constructor(code: string, message: string, extra: HioErrorExtra & { status: number });
  constructor(code: string, message?: string, extra: HioErrorExtra = {}) {
    const known = (ERRORS as Record<string, readonly [number, ErrorCategory, string]>)[code];
    const status = extra.status ?? known?.[0] ?? 500;
    const text = message ?? known?.[2] ?? code;
    const error: Record<string, unknown> = { code, message: text, category: categoryFor(code, status) };
    if (extra.upstream) error.upstream = extra.upstream;
    super(status, { error }, { headers: extra.headers, message: text });
    this.code = code;
    this.upstream = extra.upstream;
  }
}

/** An HTTP-200 business failure `{ success: false, error: { code, message, request_id }, request_id }`. */
export class HioBusinessFailure extends SandboxError {
  override name = "HioBusinessFailure";
  /** The failure code, e.g. `PAYMENT_DECLINED`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(200, { success: false, error: { code, message } }, { message });
    this.code = code;
  }
}
