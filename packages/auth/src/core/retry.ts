/**
 * Retry policy: which answers are retried, how long to wait. Pure functions of their inputs
 * (the clock and the jitter source are arguments), so each rule is tested with fixed values.
 */

/** Retry settings of a client (defaults in docs/architecture.md, "Retries"). */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** First backoff, before jitter. */
  readonly baseMs: number;
  /** Largest backoff, before jitter. */
  readonly maxMs: number;
  /** A `Retry-After` longer than this is not waited for: the answer is returned to the caller. */
  readonly maxRetryAfterMs: number;
}

/** The defaults (docs/architecture.md, "Retries"): 3 attempts, 0.5 s doubling to 8 s, `Retry-After` honoured up to 60 s. */
export const DEFAULT_RETRY: RetryPolicy = /* @__PURE__ */ Object.freeze({
  maxAttempts: 3,
  baseMs: 500,
  maxMs: 8000,
  maxRetryAfterMs: 60_000,
});

/** Resolves a client's `retry` option; `false` means a single attempt. */
export function resolveRetryPolicy(option: Partial<RetryPolicy> | false | undefined): RetryPolicy {
  if (option === false) return { ...DEFAULT_RETRY, maxAttempts: 1 };
  const p = { ...DEFAULT_RETRY, ...option };
  for (const [k, v] of Object.entries(p)) {
    if (!Number.isFinite(v) || v < 0)
      throw new RangeError(`retry.${k} must be a finite number >= 0, got ${v}`);
  }
  if (p.maxAttempts < 1 || !Number.isInteger(p.maxAttempts)) {
    throw new RangeError(`retry.maxAttempts must be an integer >= 1, got ${p.maxAttempts}`);
  }
  return p;
}

/** Statuses retried by default: 408, 429, 500, 502, 503, 504. */
export function isRetryableStatus(status: number): boolean {
  return (
    status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504
  );
}

/**
 * Exponential backoff with jitter for the retry after attempt `attempt` (1-based):
 * `min(maxMs, baseMs * 2^(attempt-1))`, scaled down by up to 25% (`jitter01` in [0, 1)).
 */
export function backoffMs(policy: RetryPolicy, attempt: number, jitter01: number): number {
  const raw = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(raw * (1 - 0.25 * jitter01));
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, relative to `nowMs`.
 * Also reads `retry-after-ms` when present. Returns undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(headers: Headers, nowMs: number): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.max(0, Number(ms));
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Sleeps `ms`, rejecting with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const done = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
