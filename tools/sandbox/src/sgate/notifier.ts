/**
 * The SGate callback sender: a GET to the order's `notificationURL` with `_orderId` and `_type` appended,
 * signed with x-auth-* headers (method `order.notification`, uri = path + query of that URL), retried until
 * the answer is HTTP 200 with exactly `COMPLETED::<orderId>`, at most `maxAttempts` times.
 */
import { signedHeaders } from "./auth.js";

/** One delivery attempt, as recorded for tests and the demo. */
export interface NotificationAttempt {
  orderId: string;
  type: "payment" | "refund";
  url: string;
  attempt: number;
  at: string;
  /** HTTP status, or undefined when no answer came. */
  status: number | undefined;
  /** First 200 characters of the answer, or the network error. */
  answer: string;
  /** Whether SGate would count this as handled. */
  completed: boolean;
}

/** Options of {@link createNotifier}. */
export interface NotifierOptions {
  /** Waits before attempt 2, 3, … (ms). Its length + 1 bounds the attempts. */
  retryDelaysMs: readonly number[];
  /** Per-attempt timeout (ms). */
  timeoutMs: number;
  /** Clock (ms). */
  now: () => number;
  /** Which notification hosts may be called (default: loopback only). */
  allowHost: (hostname: string) => boolean;
  /** Where to send (global fetch by default). */
  fetch?: typeof globalThis.fetch;
}

/** A job: what to notify and with which credentials. */
export interface NotificationJob {
  orderId: string;
  type: "payment" | "refund";
  notificationURL: string;
  key: string;
  secret: string;
  /** Called after every attempt (the state records notificationTimes / lastNotifiedAt / successfullyNotifiedAt). */
  onAttempt?(attempt: NotificationAttempt): void;
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Builds the callback URL: the order's URL with `_orderId` and `_type` appended (its own query kept). */
export function notificationUrl(base: string, orderId: string, type: string): URL {
  const url = new URL(base);
  url.searchParams.append("_orderId", orderId);
  url.searchParams.append("_type", type);
  return url;
}

/** Creates a notifier; `send(job)` runs in the background, `idle()` resolves when nothing is pending. */
export function createNotifier(options: NotifierOptions) {
  const log: NotificationAttempt[] = [];
  const timers = new Map<ReturnType<typeof setTimeout>, () => void>();
  const pending = new Set<Promise<void>>();
  let generation = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      t.unref?.();
      timers.set(t, resolve);
    });

  async function attempt(job: NotificationJob, n: number): Promise<boolean> {
    const url = notificationUrl(job.notificationURL, job.orderId, job.type);
    const headers = signedHeaders(
      {
        uri: url.pathname + url.search,
        key: job.key,
        timestamp: Math.floor(options.now() / 1000),
        signMethod: "HmacSHA256",
        signVersion: "1",
        method: "order.notification",
      },
      job.secret,
    );
    const record: NotificationAttempt = {
      orderId: job.orderId,
      type: job.type,
      url: url.href,
      attempt: n,
      at: new Date(options.now()).toISOString(),
      status: undefined,
      answer: "",
      completed: false,
    };
    try {
      const res = await (options.fetch ?? globalThis.fetch)(url, {
        method: "GET",
        headers,
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await res.text();
      record.status = res.status;
      record.answer = text.slice(0, 200);
      record.completed = res.status === 200 && text === `COMPLETED::${job.orderId}`;
    } catch (e) {
      record.answer = `no answer: ${e instanceof Error ? e.message : String(e)}`;
    }
    log.push(record);
    job.onAttempt?.(record);
    return record.completed;
  }

  async function run(job: NotificationJob, gen: number): Promise<void> {
    const max = options.retryDelaysMs.length + 1;
    for (let n = 1; n <= max && gen === generation; n++) {
      if (n > 1) await wait(options.retryDelaysMs[n - 2] ?? 0);
      if (gen !== generation) return;
      if (await attempt(job, n)) return;
    }
  }

  return {
    /** Starts delivering (refused silently, with a log entry, for a host `allowHost` rejects). */
    send(job: NotificationJob): void {
      let host: string;
      try {
        host = new URL(job.notificationURL).hostname;
      } catch {
        return;
      }
      if (!options.allowHost(host)) {
        log.push({
          orderId: job.orderId,
          type: job.type,
          url: job.notificationURL,
          attempt: 0,
          at: new Date(options.now()).toISOString(),
          status: undefined,
          answer: `not sent: host ${host} is not allowed (the sandbox only calls loopback unless configured)`,
          completed: false,
        });
        return;
      }
      const p = run(job, generation).finally(() => pending.delete(p));
      pending.add(p);
    },
    /** Every attempt so far, oldest first. */
    attempts(): NotificationAttempt[] {
      return log.map((a) => ({ ...a }));
    },
    /** Resolves when every delivery in flight has finished (bounded by the retry schedule). */
    async idle(): Promise<void> {
      while (pending.size) await Promise.all([...pending]);
    },
    /** Cancels pending retries and forgets the log. */
    reset(): void {
      generation += 1;
      for (const [t, resolve] of timers) {
        clearTimeout(t);
        resolve(); // the run sees the new generation and stops
      }
      timers.clear();
      log.length = 0;
    },
  };
}

/** A notifier as returned by {@link createNotifier}. */
export type Notifier = ReturnType<typeof createNotifier>;
