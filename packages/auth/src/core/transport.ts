/**
 * The transport: the `fetch` openapi-fetch is given for one call. It owns everything that happens per
 * attempt — signing (once per attempt, fresh clock and randomness), the per-attempt timeout, retries
 * by the operation's `x-keyway-retry`, `Retry-After`, clock-skew correction, 401 handling — and turns
 * "no answer" into named errors. openapi-fetch builds the first Request; later attempts are rebuilt
 * from the serializer's bytes, never by cloning.
 */
import {
  KeywayConfigError,
  KeywayError,
  KeywayNetworkError,
  KeywayTimeoutError,
  KeywayUnknownOutcomeError,
} from "./errors.js";
import { backoffMs, isRetryableStatus, parseRetryAfter, type RetryPolicy } from "./retry.js";
import type { CallParams, OperationRow, RequestParts, Scheme, SignContext, SignDebugEvent } from "./types.js";

/** The inner fetch a transport sends through (the platform's by default, or the caller's). */
export type InnerFetch = (input: Request, init?: RequestInit) => Promise<Response>;

/** What the caller of a `never` operation is told when its outcome is unknown. */
export interface UnknownOutcomeInfo {
  readonly hint: string;
  readonly message?: string;
  readonly details?: Record<string, unknown>;
}

/** Everything a transport needs, resolved once per client. */
export interface TransportConfig {
  readonly scheme: Scheme;
  readonly baseUrl: string;
  readonly fetch: InnerFetch;
  readonly retry: RetryPolicy;
  /** Per-attempt timeout until response headers, in ms; undefined for none. */
  readonly timeoutMs: number | undefined;
  /** Uncorrected clock (ms). */
  readonly now: () => number;
  readonly random: (n: number) => Uint8Array;
  readonly onSign: ((event: SignDebugEvent) => void) | undefined;
  /** Whether an answer says our clock is off (then: offset from `Date`, re-sign, retry once). */
  readonly isClockError: ((response: Response, row: OperationRow) => boolean | Promise<boolean>) | undefined;
  /** Overrides the status-based retry decision; undefined keeps it. */
  readonly isRetryable:
    | ((response: Response, row: OperationRow) => boolean | undefined | Promise<boolean | undefined>)
    | undefined;
  /** Describes how to find out whether a lost `never` call took effect. */
  readonly unknownOutcome: ((info: UnknownOutcomeCall) => UnknownOutcomeInfo | undefined) | undefined;
  readonly redactUrl: (url: string) => string;
  /** Waits between attempts (tests inject a fake). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). */
  readonly jitter: () => number;
}

/** What `unknownOutcome` is told of the lost call. */
export interface UnknownOutcomeCall {
  readonly row: OperationRow;
  readonly body: unknown;
  readonly params: CallParams | undefined;
  readonly sentAt: number;
}

/** The state of one logical call, shared by the client wrapper and the transport. */
export interface CallState {
  readonly row: OperationRow;
  readonly params: CallParams | undefined;
  /** The caller's body value (after `prepareBody`). */
  readonly bodyValue: unknown;
  /** The serialized body, exactly as sent on every attempt. */
  body: string | Uint8Array | FormData | URLSearchParams | undefined;
  readonly signal: AbortSignal | undefined;
  /** Attempts made so far. */
  attempts: number;
  /** When the last attempt was sent (corrected clock). */
  sentAt: number;
  /** The URL of the last attempt as sent (secrets included: redact before keeping it anywhere). */
  url: string;
  /** The answer handed to openapi-fetch, once there is one. */
  response: Response | undefined;
}

const TIMEOUT = Symbol("keyway.timeout");
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ERR_INVALID_URL",
  "UND_ERR_INVALID_ARG",
]);
const encoder = new TextEncoder();

function errorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function bodyBytes(body: CallState["body"]): Uint8Array | undefined {
  if (body === undefined) return undefined;
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return encoder.encode(body.toString());
  return undefined; // FormData: schemes that sign bodies refuse multipart themselves
}

/** The call's idempotency key for a `key:<field>` operation: a non-empty string or a number, else undefined. */
function idempotencyKey(call: CallState): { field: string; value: string | number } | undefined {
  if (!call.row.retry.startsWith("key:")) return undefined;
  const field = call.row.retry.slice(4);
  const body = call.bodyValue;
  const value = body && typeof body === "object" ? (body as Record<string, unknown>)[field] : undefined;
  return (typeof value === "string" && value.length > 0) || typeof value === "number"
    ? { field, value }
    : undefined;
}

/** The parts a scheme signs; the body bytes are made on first read (a Bearer scheme never reads them). */
class AttemptParts implements RequestParts {
  #bytes: Uint8Array | undefined;
  #read = false;
  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: Headers,
    private readonly call: CallState,
  ) {}
  get body(): Uint8Array | undefined {
    if (!this.#read) {
      this.#bytes = bodyBytes(this.call.body);
      this.#read = true;
    }
    return this.#bytes;
  }
}

/** An attempt waiting for its answer, and what to do when its deadline passes. */
interface PendingAttempt {
  readonly deadline: number;
  readonly expire: () => void;
  /** Set when the attempt settled; the next sweep drops it. */
  done: boolean;
}

/**
 * One interval per client expires every late attempt. A timer per attempt costs more than the rest of the
 * transport (Node rebuilds its timer list when the only timer of a duration is cleared), so deadlines are
 * swept every tenth of the timeout (5 ms to 1 s): an attempt times out at most 10% late. Attempts are kept
 * in an append-only array (settling only marks them done; a Set would hash every attempt object), which each
 * sweep compacts. The interval is unref'd, so it never keeps a process alive, and stops after idle sweeps.
 */
class DeadlineSweeper {
  #pending: PendingAttempt[] = [];
  readonly #tickMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #idle = 0;
  constructor(timeoutMs: number | undefined) {
    this.#tickMs = Math.max(5, Math.min(1000, Math.ceil((timeoutMs ?? 0) / 10)));
  }
  add(attempt: PendingAttempt): void {
    this.#pending.push(attempt);
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#sweep(), this.#tickMs);
      (this.#timer as { unref?: () => void }).unref?.();
    }
  }
  #sweep(): void {
    const now = performance.now();
    const live: PendingAttempt[] = [];
    for (const attempt of this.#pending) {
      if (attempt.done) continue;
      if (attempt.deadline <= now) attempt.expire();
      else live.push(attempt);
    }
    this.#pending = live;
    if (live.length > 0) this.#idle = 0;
    else if (++this.#idle >= 8) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      this.#idle = 0;
    }
  }
}

/** A RequestInit whose `signal` (and its AbortController) is made only when a fetch reads it. */
class LazySignalInit {
  #controller: AbortController | undefined;
  #reason: unknown;
  #aborted = false;
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }
  abort(reason: unknown): void {
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }
}

/** Creates a client's transport: `send(request, call)` runs every attempt of one call. */
export function createTransport(config: TransportConfig) {
  /** Per-client clock offset (ms), corrected from the server's `Date` after a clock error. */
  let offsetMs = 0;
  const now = () => config.now() + offsetMs;
  const origin = (call: CallState, url: string) => ({
    method: call.row.method,
    url: config.redactUrl(url),
    operation: call.row.operationId,
  });

  const deadlines = new DeadlineSweeper(config.timeoutMs);

  function mayRetry(call: CallState): boolean {
    const mode = call.row.retry;
    if (mode === "safe") return true;
    if (mode === "never") return false;
    return idempotencyKey(call) !== undefined;
  }

  /**
   * One attempt with its own deadline. The inner fetch gets an init whose `signal` is created on first
   * read: undici reads it (and its socket is aborted at the deadline), a fetch that never reads it does
   * not pay for an AbortSignal (~3–6 µs each on Node 20). Either way the deadline rejects the attempt.
   */
  function attemptFetch(request: Request, call: CallState): Promise<Response> {
    const timeoutMs = config.timeoutMs;
    const user = call.signal;
    if (timeoutMs === undefined) return config.fetch(request);
    if (user?.aborted) return Promise.reject(user.reason);
    const init = new LazySignalInit();
    return new Promise<Response>((resolve, reject) => {
      const pending: PendingAttempt = {
        deadline: performance.now() + timeoutMs,
        expire: () => {
          settle();
          init.abort(TIMEOUT);
          reject(TIMEOUT);
        },
        done: false,
      };
      const onUserAbort = () => {
        settle();
        init.abort(user?.reason);
        reject(user?.reason);
      };
      const settle = () => {
        pending.done = true;
        user?.removeEventListener("abort", onUserAbort);
      };
      deadlines.add(pending);
      user?.addEventListener("abort", onUserAbort, { once: true });
      config.fetch(request, init as RequestInit).then(
        (response) => {
          settle();
          resolve(response);
        },
        (err) => {
          settle();
          reject(err);
        },
      );
    });
  }

  /** Sends one logical call: `request` is the Request openapi-fetch built for it. */
  async function send(request: Request, call: CallState): Promise<Response> {
    const { row } = call;
    const scheme = config.scheme;
    const method = request.method;
    const firstUrl = request.url;
    const headers = request.headers;
    let applied: Readonly<Record<string, string>> | undefined;
    let retries = 0;
    let clockCorrected = false;
    let authRetried = false;

    for (;;) {
      const attempt = ++call.attempts;
      const parts = new AttemptParts(method, firstUrl, headers, call);
      const ctx: SignContext = {
        row,
        baseUrl: config.baseUrl,
        now,
        random: config.random,
        attempt,
        params: call.params,
        debug: config.onSign,
      };
      if (applied) for (const name in applied) headers.delete(name);
      const pending = scheme.sign(parts, ctx);
      const signed = "then" in pending ? await pending : pending;
      applied = signed.headers;
      if (applied) for (const name in applied) headers.set(name, applied[name]!);
      const url = signed.url ?? firstUrl;
      const body = signed.body ?? call.body;
      const outgoing =
        attempt === 1 && signed.url === undefined && signed.body === undefined
          ? request
          : new Request(url, {
              method,
              headers,
              body: body as BodyInit | undefined,
              redirect: "manual",
              signal: call.signal ?? null,
            });

      call.sentAt = now();
      call.url = url;
      let response: Response;
      try {
        response = await attemptFetch(outgoing, call);
      } catch (err) {
        if (call.signal?.aborted) throw call.signal.reason;
        if (err instanceof KeywayError) throw err;
        const timedOut = err === TIMEOUT;
        const notSent = !timedOut && NOT_SENT_CODES.has(errorCode(err) ?? "");
        const retryable = notSent ? row.retry !== "never" : mayRetry(call);
        if (retryable && retries + 1 < config.retry.maxAttempts) {
          retries++;
          await config.sleep(backoffMs(config.retry, retries, config.jitter()), call.signal);
          continue;
        }
        const where = `${method} ${row.path} (${row.operationId})`;
        if (row.retry !== "safe" && !notSent) {
          // A create that got no answer may exist. With an idempotency key the safe move is to resend
          // with the same key; without one, the caller has to look before trying again.
          const key = idempotencyKey(call);
          const info =
            config.unknownOutcome?.({
              row,
              body: call.bodyValue,
              params: call.params,
              sentAt: call.sentAt,
            }) ??
            (key
              ? {
                  hint: `Send it again with the same ${key.field} (${key.value}): the provider deduplicates on it.`,
                  details: { [key.field]: key.value },
                }
              : undefined);
          throw new KeywayUnknownOutcomeError(
            info?.message ??
              `${where}: no answer ${timedOut ? `within ${config.timeoutMs} ms` : "(connection failed)"}; the request may have taken effect.${key ? "" : " Do not resend blindly."}`,
            {
              ...origin(call, url),
              sentAt: call.sentAt,
              hint:
                info?.hint ?? "Query the resource to find out whether it was created before trying again.",
              details: info?.details ?? {},
            },
            { cause: timedOut ? undefined : err },
          );
        }
        if (timedOut) {
          throw new KeywayTimeoutError(
            `${where}: no answer within ${config.timeoutMs} ms after ${attempt} attempt(s)`,
            {
              ...origin(call, url),
              timeoutMs: config.timeoutMs ?? 0,
              attempts: attempt,
            },
          );
        }
        throw new KeywayNetworkError(
          `${where}: network error after ${attempt} attempt(s): ${(err as Error)?.message ?? String(err)}`,
          { ...origin(call, url), attempts: attempt },
          { cause: err },
        );
      }

      if (scheme.open) response = await scheme.open(response, ctx);

      if (!clockCorrected && config.isClockError && (await config.isClockError(response, row))) {
        clockCorrected = true;
        const serverTime = Date.parse(response.headers.get("date") ?? "");
        if (!Number.isNaN(serverTime)) {
          offsetMs = serverTime - config.now();
          await response.body?.cancel();
          continue;
        }
      }

      if (response.status === 401 && scheme.onAuthError && !authRetried) {
        authRetried = true;
        if ((await scheme.onAuthError(response, ctx)) === "retry") {
          await response.body?.cancel();
          continue;
        }
      }

      if (response.status >= 300 && retries + 1 < config.retry.maxAttempts && mayRetry(call)) {
        const verdict = config.isRetryable ? await config.isRetryable(response, row) : undefined;
        if (verdict ?? isRetryableStatus(response.status)) {
          const after = parseRetryAfter(response.headers, now());
          if (after === undefined || after <= config.retry.maxRetryAfterMs) {
            retries++;
            await response.body?.cancel();
            await config.sleep(after ?? backoffMs(config.retry, retries, config.jitter()), call.signal);
            continue;
          }
        }
      }

      call.response = response;
      return response;
    }
  }

  return {
    send,
    /** The client's current clock offset in ms (server minus local), for diagnostics. */
    clockOffsetMs: () => offsetMs,
  };
}

/** Refuses a base URL that is not absolute, or plain http to anything but loopback. */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new KeywayConfigError(`baseUrl must be an absolute URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol === "http:") {
    const host = url.hostname;
    const loopback = host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
    if (!loopback)
      throw new KeywayConfigError(
        `baseUrl ${url.origin} is plain http; use https (http is allowed on loopback only)`,
      );
  } else if (url.protocol !== "https:") {
    throw new KeywayConfigError(`baseUrl must be https (or http on loopback), got ${url.protocol}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new KeywayConfigError("baseUrl must not carry a query, fragment or credentials");
  }
  return baseUrl.replace(/\/+$/, "");
}
