/**
 * The Order Delivery Callback sender: a JSON POST of `{ DeliverID, OrderDetailID, Status, DeliveryData,
 * DeliveryNote }` to the line's notify URL with `Apikey: <the account's key>`, sent again after every answer
 * that is not a 2xx with `success: true` (the docs: any non-2xx is retried; no schedule is documented), at most
 * `retryDelaysMs.length + 1` times.
 */

/** One delivery attempt, as recorded for tests and the demo. */
export interface CallbackAttempt {
  readonly orderDetailID: number;
  readonly status: number;
  readonly url: string;
  readonly attempt: number;
  readonly at: string;
  /** HTTP status of the answer, or undefined when none came. */
  readonly answerStatus: number | undefined;
  /** First 200 characters of the answer, or the network error. */
  readonly answer: string;
  /** Whether the platform counts it as acknowledged. */
  readonly acknowledged: boolean;
}

/** What to send. */
export interface CallbackJob {
  readonly url: string;
  readonly apiKey: string;
  readonly body: {
    DeliverID: string | null;
    OrderDetailID: number;
    Status: number;
    DeliveryData: string[] | null;
    DeliveryNote: string | string[] | null;
  };
}

/** Options of {@link createCallbackSender}. */
export interface CallbackSenderOptions {
  /** Waits before attempt 2, 3, … (ms). */
  readonly retryDelaysMs: readonly number[];
  /** Per-attempt timeout (ms). */
  readonly timeoutMs: number;
  readonly now: () => number;
  /** Which hosts may be called (default: loopback only). */
  readonly allowHost: (hostname: string) => boolean;
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Creates a sender: `send(job)` runs in the background; `idle()` resolves when nothing is pending. */
export function createCallbackSender(options: CallbackSenderOptions) {
  const log: CallbackAttempt[] = [];
  const pending = new Set<Promise<void>>();
  const timers = new Map<ReturnType<typeof setTimeout>, () => void>();
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

  async function attempt(job: CallbackJob, n: number): Promise<boolean> {
    let answerStatus: number | undefined;
    let answer = "";
    let acknowledged = false;
    try {
      const res = await fetch(job.url, {
        method: "POST",
        headers: { "content-type": "application/json", apikey: job.apiKey },
        body: JSON.stringify(job.body),
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await res.text();
      answerStatus = res.status;
      answer = text.slice(0, 200);
      let success = false;
      try {
        success = (JSON.parse(text) as { success?: unknown }).success === true;
      } catch {
        success = false;
      }
      acknowledged = res.status >= 200 && res.status < 300 && success;
    } catch (e) {
      answer = `no answer: ${e instanceof Error ? e.message : String(e)}`;
    }
    log.push({
      orderDetailID: job.body.OrderDetailID,
      status: job.body.Status,
      url: job.url,
      attempt: n,
      at: new Date(options.now()).toISOString(),
      answerStatus,
      answer,
      acknowledged,
    });
    return acknowledged;
  }

  async function run(job: CallbackJob, gen: number): Promise<void> {
    for (let n = 1; n <= options.retryDelaysMs.length + 1; n++) {
      if (gen !== generation) return;
      if (await attempt(job, n)) return;
      const delay = options.retryDelaysMs[n - 1];
      if (delay === undefined) return;
      await wait(delay);
    }
  }

  return {
    /** Queues a callback (refused silently when the URL is not http(s) to an allowed host). */
    send(job: CallbackJob): boolean {
      let url: URL;
      try {
        url = new URL(job.url);
      } catch {
        return false;
      }
      if ((url.protocol !== "http:" && url.protocol !== "https:") || !options.allowHost(url.hostname))
        return false;
      const p = run(job, generation).finally(() => pending.delete(p));
      pending.add(p);
      return true;
    },
    /** Every attempt so far. */
    attempts(): readonly CallbackAttempt[] {
      return log;
    },
    /** Resolves when every queued callback is acknowledged or gave up. */
    async idle(): Promise<void> {
      while (pending.size) await Promise.all([...pending]);
    },
    /** Drops queued retries and the log. */
    reset(): void {
      generation++;
      for (const [t, resolve] of timers) {
        clearTimeout(t);
        resolve();
      }
      timers.clear();
      log.length = 0;
    },
  };
}
