/**
 * The de-duplication store behind every callback handler (SGate notifications, Hyper callbacks): a key is
 * claimed before the user's function runs, completed after it resolved, released when it failed. Claims
 * carry a lease, so a function that never settles does not block its callback forever.
 * packages/sgate/src/webhooks.ts and packages/hyper/src/webhooks.ts build on it.
 */

/**
 * Where handled callbacks are remembered. Back it with a database (a unique insert with an expiry column)
 * in production; {@link memoryClaimStore} keeps them in one process.
 */
export interface ClaimStore {
  /**
   * Atomically claims a key for `leaseMs`; `true` when this caller should process it. A key that is neither
   * completed nor released within its lease may be claimed again (its function never settled).
   */
  claim(key: string, leaseMs?: number): boolean | Promise<boolean>;
  /** Marks a claimed key as processed. */
  complete?(key: string): void | Promise<void>;
  /** Gives a claim back after the function failed, so the provider's retry processes it again. */
  release(key: string): void | Promise<void>;
  /**
   * Whether a key that could not be claimed is fully processed. When it returns `false` (another delivery is
   * still processing it) a handler answers 503 so the provider asks again.
   */
  isDone?(key: string): boolean | Promise<boolean>;
}

/** The lease of a claim when the handler names none (ms). */
export const DEFAULT_LEASE_MS = 60_000;

/**
 * An in-memory {@link ClaimStore}, bounded (the oldest keys are forgotten first); claims expire after their
 * lease.
 * @param max keys kept.
 * @param now clock in ms (default `Date.now`).
 */
export function memoryClaimStore(max = 10_000, now: () => number = Date.now): ClaimStore {
  /** A lease's expiry (ms), or `done`. */
  const keys = new Map<string, number | "done">();
  return {
    claim(key, leaseMs) {
      const held = keys.get(key);
      if (held === "done" || (typeof held === "number" && held > now())) return false;
      keys.delete(key);
      if (keys.size >= max) keys.delete(keys.keys().next().value as string);
      keys.set(key, now() + (leaseMs !== undefined && Number.isFinite(leaseMs) ? leaseMs : DEFAULT_LEASE_MS));
      return true;
    },
    complete(key) {
      keys.set(key, "done");
    },
    release(key) {
      keys.delete(key);
    },
    isDone(key) {
      return keys.get(key) === "done";
    },
  };
}
