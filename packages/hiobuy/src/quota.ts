/**
 * Quota and rate-limit information HIOBuy attaches to responses.
 *
 * Header names: `x-quota-*` as read by a production integration (HIOBuy's Rate limits page is not
 * public, so they are `x-unverified` in the spec); `x-ratelimit-*` and `Retry-After` are proposals
 * the spec declares on 429 answers. Every header is optional: an absent or unreadable header gives
 * `undefined`, never a guess.
 */
import { parseRetryAfter } from "@keyway/auth/internal";

/** What {@link getQuota} read from one response. Every field is `undefined` when its header is absent. */
export interface HiobuyQuota {
  /** `x-request-id`: the request id, equal to the body's `request_id`. */
  readonly requestId: string | undefined;
  /** `x-quota-billable-units`: quota units charged for this call. */
  readonly billableUnits: number | undefined;
  /** `x-quota-channel`: the channel whose quota was charged (`1688`, `taobao`, `weidian`). */
  readonly channel: string | undefined;
  /** `x-quota-remaining-day`: remaining daily quota of the app on that channel. */
  readonly remainingDay: number | undefined;
  /** `x-quota-pack-remaining`: remaining balance of purchased quota packs. */
  readonly packRemaining: number | undefined;
  /** `x-ratelimit-limit`: requests allowed per window (per minute). */
  readonly rateLimitLimit: number | undefined;
  /** `x-ratelimit-remaining`: requests left in the current window. */
  readonly rateLimitRemaining: number | undefined;
  /**
   * `x-ratelimit-reset`, as milliseconds from `now()` until the window resets (never negative). The
   * header is read as seconds from now, or as Unix epoch seconds when it is at least 1e9.
   */
  readonly rateLimitResetMs: number | undefined;
  /** `Retry-After` (delay-seconds or an HTTP-date), as milliseconds from `now()` (never negative). */
  readonly retryAfterMs: number | undefined;
}

/** Options of {@link getQuota}. */
export interface GetQuotaOptions {
  /** Clock in epoch milliseconds, for HTTP-date and epoch values; default `Date.now`. */
  readonly now?: () => number;
}

/** Epoch-seconds threshold of `x-ratelimit-reset` (1e9 s is September 2001; a delta is never that large). */
const EPOCH_SECONDS = 1e9;

function int(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null) return undefined;
  const v = raw.trim();
  if (!/^[+-]?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

function text(headers: Headers, name: string): string | undefined {
  const raw = headers.get(name);
  if (raw === null) return undefined;
  const v = raw.trim();
  return v === "" ? undefined : v;
}

/**
 * Reads the quota, rate-limit and `Retry-After` headers of a HIOBuy response (any response: 2xx on
 * billable routes, 429, …) into a {@link HiobuyQuota}. Integers are parsed strictly (`"12"`, not
 * `"12 units"`); header names are case-insensitive.
 */
export function getQuota(response: Pick<Response, "headers">, options: GetQuotaOptions = {}): HiobuyQuota {
  const h = response.headers;
  const now = options.now ?? Date.now;
  let nowMs: number | undefined;
  const clock = () => {
    nowMs ??= now();
    return nowMs;
  };
  const reset = int(h, "x-ratelimit-reset");
  let rateLimitResetMs: number | undefined;
  if (reset !== undefined && reset >= 0) {
    rateLimitResetMs = reset >= EPOCH_SECONDS ? Math.max(0, reset * 1000 - clock()) : reset * 1000;
  }
  const retryAfterMs = h.has("retry-after") ? parseRetryAfter(h, clock()) : undefined;
  return {
    requestId: text(h, "x-request-id"),
    billableUnits: int(h, "x-quota-billable-units"),
    channel: text(h, "x-quota-channel"),
    remainingDay: int(h, "x-quota-remaining-day"),
    packRemaining: int(h, "x-quota-pack-remaining"),
    rateLimitLimit: int(h, "x-ratelimit-limit"),
    rateLimitRemaining: int(h, "x-ratelimit-remaining"),
    rateLimitResetMs,
    retryAfterMs,
  };
}
