/**
 * The transport: the `fetch` openapi-fetch is given for one call. It owns everything that happens per
 * attempt — signing (once per attempt, fresh clock and randomness), the per-attempt deadline (headers and
 * body, see attempt.ts), retries by the operation's `x-keyway-retry`, `Retry-After`, clock-skew correction,
 * 401 handling — and turns "no answer" into named errors (outcome.ts). openapi-fetch builds the first
 * Request; later attempts are rebuilt from the serializer's bytes, never by cloning.
 */
import { DeadlineSweeper, LiveAttempt, TIMEOUT } from "./attempt.js";
import { AttemptContext, AttemptParts, type CallState } from "./call.js";
import { KeywayConfigError, KeywayError } from "./errors.js";
import { isHeaderSafe } from "./guard.js";

export { checkBaseUrl } from "./guard.js";

import {
  beforeSigning,
  type HookList,
  hookCallId,
  type Middleware,
  runOnError,
  runOnResponse,
} from "./hooks.js";
import {
  idempotencyKey,
  type NoAnswer,
  noAnswerError,
  type UnknownOutcomeCall,
  type UnknownOutcomeInfo,
} from "./outcome.js";
import { backoffMs, isRetryableStatus, parseRetryAfter, type RetryPolicy } from "./retry.js";
import type { OperationRow, Scheme, SignDebugEvent, SignResult } from "./types.js";

export type { UnknownOutcomeCall, UnknownOutcomeInfo } from "./outcome.js";

/** The inner fetch a transport sends through (the platform's by default, or the caller's). */
export type InnerFetch = (input: Request, init?: RequestInit) => Promise<Response>;

/** Everything a transport needs, resolved once per client. */
export interface TransportConfig {
  readonly scheme: Scheme;
  readonly baseUrl: string;
  readonly fetch: InnerFetch;
  readonly retry: RetryPolicy;
  /** Per-attempt timeout in ms, covering the headers and the body; undefined for none. */
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
  /** Describes how to find out whether a lost create took effect. */
  readonly unknownOutcome: ((info: UnknownOutcomeCall) => UnknownOutcomeInfo | undefined) | undefined;
  readonly redactUrl: (url: string) => string;
  /** Waits between attempts (tests inject a fake). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). */
  readonly jitter: () => number;
  /** The client's `use()` hooks (none: no hook work at all). */
  readonly hooks?: HookList | undefined;
  /** The default `User-Agent`, set on a call whose own headers do not name one (undefined: none). */
  readonly userAgent?: string | undefined;
}

const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ERR_INVALID_URL",
  "UND_ERR_INVALID_ARG",
]);
function errorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * What an attempt throws when its fetch settles after the call was ended without it (the fetch took the
 * signal and ignored its abort, see `LiveAttempt.stuck`): nobody waits for it, and no hook runs for it.
 */
const ABANDONED: unique symbol = Symbol("keyway.abandoned");

/** Whether every property of a header set is a plain value (a getter may answer differently next time). */
function holdsValues(headers: object): boolean {
  for (const d of Object.values(Object.getOwnPropertyDescriptors(headers))) if (!("value" in d)) return false;
  return true;
}

/** Creates a client's transport: `send(request, call)` runs every attempt of one call. */
export function createTransport(config: TransportConfig) {
  /** Per-client clock offset (ms), corrected from the server's `Date` after a clock error. */
  let offsetMs = 0;
  /** The base URL as a Request spells it, which a hook's Request must stay under. */
  const hookBase = new URL(config.baseUrl).href.replace(/\/+$/, "");
  const now = () => config.now() + offsetMs;
  const deadlines = new DeadlineSweeper(config.timeoutMs);
  /** Whether the transport reads answers itself (`scheme.open`): only then is a signal-less body guarded. */
  const guardBody = config.scheme.open !== undefined;

  function mayRetry(call: CallState): boolean {
    const mode = call.row.retry;
    if (mode === "safe") return true;
    if (mode === "never") return false;
    return idempotencyKey(call.row, call.bodyValue) !== undefined;
  }

  /**
   * Signs attempt `attempt` and builds its Request (the first one reuses openapi-fetch's when it can); leaves
   * the attempt's context and sign result in `call.ctx` / `call.signed`. Synchronous when the scheme is (a
   * static Bearer, API key or Basic): no extra microtask turn per attempt.
   */
  function sign(out: AttemptParts, call: CallState, attempt: number): Request | Promise<Request> {
    const ctx = new AttemptContext(
      call.row,
      config.baseUrl,
      now,
      config.random,
      attempt,
      call.params,
      config.onSign,
    );
    call.ctx = ctx;
    let pending: SignResult | Promise<SignResult>;
    try {
      pending = config.scheme.sign(out, ctx);
    } catch (err) {
      return refuse(err, out.method, call);
    }
    if ("then" in pending) {
      return pending.then(
        (signed) => apply(signed, out, call),
        (err) => refuse(err, out.method, call),
      );
    }
    return apply(pending, out, call);
  }

  /** A scheme's failure to sign, as a {@link KeywayConfigError} (a {@link KeywayError} passes through). */
  function refuse(err: unknown, method: string, call: CallState): never {
    if (err instanceof KeywayError) throw err;
    throw new KeywayConfigError(
      `${config.scheme.name} could not sign ${call.row.operationId}: ${(err as Error)?.message ?? String(err)}`,
      { method, operation: call.row.operationId },
      { cause: err },
    );
  }

  /**
   * The frozen header set a scheme last returned whose values passed the check: a static scheme (a Bearer
   * token, an API key, a cached JWT) returns the same frozen object on every call, so it is checked once.
   */
  let checkedHeaders: SignResult["headers"];

  /** Applies a scheme's result to the attempt: its headers, URL and body. */
  function apply(signed: SignResult, out: AttemptParts, call: CallState): Request {
    const { method, headers } = out;
    const applied = signed.headers;
    if (applied !== undefined && applied === checkedHeaders) {
      for (const name in applied) headers.set(name, applied[name]!);
    } else if (applied) {
      for (const name in applied) {
        const value = applied[name]!;
        if (!isHeaderSafe(value)) {
          // A credential read per request (a function secret) holds CR, LF, NUL or non-Latin-1.
          throw new KeywayConfigError(
            `the ${config.scheme.name} scheme's ${name} header holds characters HTTP headers cannot carry; ` +
              "check the credential options (the value is not shown)",
            { method, operation: call.row.operationId },
          );
        }
        headers.set(name, value);
      }
      if (Object.isFrozen(applied) && holdsValues(applied)) checkedHeaders = applied;
    }
    call.signed = signed;
    const url = signed.url ?? out.url;
    call.url = url;
    call.headers = headers;
    if (out.reuse && signed.url === undefined && signed.body === undefined) return out.reuse;
    return new Request(url, {
      method,
      headers,
      body: (signed.body ?? out.source) as BodyInit | undefined,
      redirect: "manual",
      signal: call.signal ?? null,
    });
  }

  /**
   * Sends one attempt. With a timeout or a caller's signal it runs as a {@link LiveAttempt}, kept in
   * `call.live` until its answer's body has been read, so both cover the body read too.
   */
  function attemptFetch(request: Request, call: CallState): Promise<Response> {
    const timeoutMs = config.timeoutMs;
    const user = call.signal;
    if (timeoutMs === undefined && !user) return config.fetch(request);
    if (user?.aborted) return Promise.reject(user.reason);
    const live = new LiveAttempt(
      timeoutMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs,
      user,
      call.unread,
      call,
    );
    if (timeoutMs !== undefined) deadlines.add(live);
    call.live = live;
    return live.run(config.fetch, request, guardBody);
  }

  /** Drops an answer that will not be handed over (a retry follows): its body and its attempt. */
  async function discard(response: Response, call: CallState): Promise<void> {
    call.live?.release();
    call.live = undefined;
    await response.body?.cancel().catch(() => {});
  }

  /** What a thrown attempt means: the kind of no-answer, and whether it may be retried. */
  function classify(err: unknown, call: CallState): { kind: NoAnswer; retryable: boolean } {
    if (err === TIMEOUT) return { kind: "timeout", retryable: mayRetry(call) };
    const notSent = NOT_SENT_CODES.has(errorCode(err) ?? "");
    if (notSent) return { kind: "not-sent", retryable: call.row.retry !== "never" };
    return { kind: "network", retryable: mayRetry(call) };
  }

  /** One attempt's parts after the `onRequest` hooks (see {@link beforeSigning}). */
  async function hooked(
    first: Request,
    call: CallState,
    hooks: readonly Middleware[],
  ): Promise<AttemptParts> {
    const made = await beforeSigning(hooks, first, call.body, hookInfo(call), hookBase);
    call.hookRequest = made.request;
    return new AttemptParts(first.method, made.request.url, made.headers, made.body, undefined);
  }

  function hookInfo(call: CallState) {
    call.id ??= hookCallId();
    return {
      schemaPath: call.row.path,
      params: call.params ?? {},
      id: call.id,
      operationId: call.row.operationId,
      attempt: call.attempts,
    };
  }

  /** Sends one logical call: `request` is the Request openapi-fetch built for it. */
  function send(request: Request, call: CallState): Promise<Response> {
    const hooks = config.hooks?.snapshot();
    if (!hooks) return attempts(request, call, undefined);
    return attempts(request, call, hooks).then(
      async (answer) => {
        const response = await runOnResponse(hooks, call.hookRequest ?? request, answer, hookInfo(call));
        call.response = response;
        return response;
      },
      async (error) => {
        if (error === ABANDONED) throw error;
        const response = await runOnError(hooks, call.hookRequest ?? request, error, hookInfo(call));
        call.response = response;
        return response;
      },
    );
  }

  /** Runs the attempts of one call, with the `onRequest` hooks of `hooks` before each signing. */
  async function attempts(
    request: Request,
    call: CallState,
    hooks: readonly Middleware[] | undefined,
  ): Promise<Response> {
    const { row } = call;
    // Before the hooks and the signing, as if openapi-fetch had merged it: every attempt reuses these headers.
    if (config.userAgent !== undefined && !call.ownUserAgent)
      request.headers.set("user-agent", config.userAgent);
    let retries = 0;
    let clockCorrected = false;
    let authRetried = false;

    for (;;) {
      const attempt = ++call.attempts;
      let out: AttemptParts;
      if (hooks) out = await hooked(request, call, hooks);
      else {
        // Re-signing the same headers: drop what the previous attempt's signature set.
        const previous = call.signed?.headers;
        if (previous) for (const name in previous) request.headers.delete(name);
        out = new AttemptParts(
          request.method,
          request.url,
          request.headers,
          call.body,
          attempt === 1 ? request : undefined,
        );
      }
      const pendingSign = sign(out, call, attempt);
      const signed = "then" in pendingSign ? await pendingSign : pendingSign;
      if (call.signal?.aborted) throw notSentAbort(call);
      // When it was sent matters only to a create that may be lost (outcome.ts): a read skips the clock.
      if (row.retry !== "safe") call.sentAt = now();
      let response: Response;
      try {
        response = await attemptFetch(signed, call);
        const live = call.live;
        if (live) {
          live.settled = true;
          // A fetch that took the signal may still answer after the deadline ended the attempt (a shared
          // signal is aborted once none of its readers runs): the answer is dropped, as a raced one would be.
          const ended = live.reason;
          if (ended !== undefined) {
            response.body?.cancel(ended).catch(() => {});
            throw ended;
          }
        }
        // open() reads the body (HiShopping verifies and decrypts it): still inside this attempt's deadline.
        if (config.scheme.open) response = await config.scheme.open(response, call.ctx!);
      } catch (thrown) {
        // Past its deadline, whatever the fetch made of the abort (undici passes the reason on; others reject
        // with their own AbortError) is a timeout.
        const live = call.live;
        const err = live?.timedOut ? TIMEOUT : thrown;
        if (live) {
          live.settled = true;
          live.release();
          // The call already ended without this fetch (it ignored its abort): no retry, nobody to tell.
          if (live.stuck) throw ABANDONED;
        }
        call.live = undefined;
        if (err instanceof KeywayError) throw err;
        if (call.signal?.aborted) {
          call.lost = true;
          throw noAnswerError(config, call, "aborted", call.signal.reason);
        }
        const { kind, retryable } = classify(err, call);
        if (kind !== "not-sent") call.lost = true;
        if (retryable && retries + 1 < config.retry.maxAttempts) {
          retries++;
          await pause(backoffMs(config.retry, retries, config.jitter()), call);
          continue;
        }
        throw noAnswerError(config, call, kind, err);
      }

      if (!clockCorrected && config.isClockError && (await config.isClockError(response, row))) {
        clockCorrected = true;
        const serverTime = Date.parse(response.headers.get("date") ?? "");
        if (!Number.isNaN(serverTime)) {
          offsetMs = serverTime - config.now();
          await discard(response, call);
          continue;
        }
      }

      if (response.status === 401 && config.scheme.onAuthError && !authRetried) {
        authRetried = true;
        if ((await config.scheme.onAuthError(response, call.ctx!, call.signed)) === "retry") {
          await discard(response, call);
          continue;
        }
      }

      if (response.status >= 300 && retries + 1 < config.retry.maxAttempts && mayRetry(call)) {
        const verdict = config.isRetryable ? await config.isRetryable(response, row) : undefined;
        if (verdict ?? isRetryableStatus(response.status)) {
          const after = parseRetryAfter(response.headers, now());
          if (after === undefined || after <= config.retry.maxRetryAfterMs) {
            retries++;
            await discard(response, call);
            await pause(after ?? backoffMs(config.retry, retries, config.jitter()), call);
            continue;
          }
        }
      }

      const live = call.live;
      if (live) {
        if (live.reason !== undefined) {
          // The deadline or the caller ended the attempt while the transport still held the answer.
          call.lost = true;
          await discard(response, call);
          throw live.timedOut
            ? noAnswerError(config, call, "timeout", undefined)
            : noAnswerError(config, call, "aborted", live.reason);
        }
        // From here on openapi-fetch reads the body: an abort rejects the whole call (see LiveAttempt.onAbort).
        live.onAbort = call.abort;
      }
      call.response = response;
      return response;
    }
  }

  /** The caller aborted before this attempt went out: an unknown outcome only if an earlier one was lost. */
  function notSentAbort(call: CallState): unknown {
    const reason = call.signal?.reason;
    return call.lost ? noAnswerError(config, call, "aborted", reason) : reason;
  }

  /** Waits between attempts; the caller's abort during the wait ends the call. */
  async function pause(ms: number, call: CallState): Promise<void> {
    try {
      await config.sleep(ms, call.signal);
    } catch (err) {
      throw call.signal?.aborted ? notSentAbort(call) : err;
    }
  }

  return {
    send,
    /** The error a call ends with when it got no usable answer (for the wrapper's body-phase failures). */
    noAnswer: (call: CallState, kind: NoAnswer, cause: unknown, status?: number) =>
      noAnswerError(config, call, kind, cause, status),
    /** The client's current clock offset in ms (server minus local), for diagnostics. */
    clockOffsetMs: () => offsetMs,
  };
}
