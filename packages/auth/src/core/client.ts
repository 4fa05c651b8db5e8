/**
 * The client wrapper: openapi-fetch's call shape (`client.POST(path, init)` → `{ data, error, response }`)
 * with the operation row looked up, a per-call transport and body serializer bound to it, and provider
 * failures turned into the provider's typed error (docs/architecture.md, "Client" and "Errors").
 */
import createClient, { defaultBodySerializer, type HeadersOptions } from "openapi-fetch";
import { CallState } from "./call.js";
import type { FailureInfo, KeywayClient, KeywayClientConfig, KeywayClientInfo } from "./client-api.js";
import { defaultRandom } from "./crypto.js";
import { KeywayConfigError, KeywayError } from "./errors.js";
import {
  checkHeaders,
  checkPathParams,
  defaultHeaders,
  defaultUserAgent,
  isBrowser,
  serializeBody,
} from "./guard.js";
import { HookList, type Middleware } from "./hooks.js";
import { credentialValues, redactSecrets } from "./redact.js";
import { type RetryPolicy, resolveRetryPolicy, sleep } from "./retry.js";
import { checkBaseUrl, createTransport } from "./transport.js";
import type { CallParams, OperationRow } from "./types.js";

/** A body serializer as openapi-fetch calls it: the body and the request's headers. */
type BodySerializer = (body: unknown, headers?: unknown) => CallState["body"];

/** openapi-fetch's default serializer; at run time it also reads the headers (a form-encoded body). */
const serializeDefault: BodySerializer = defaultBodySerializer;

/** Serializes a call's body (refusing one that cannot be), and records it on the call: retries resend it. */
function serializeFor(state: CallState, serialize: BodySerializer, body: unknown, headers: unknown) {
  const out = serializeBody(state.row, () => serialize(body, headers));
  state.body = out;
  return out;
}

/** Whether a content type is JSON (`application/json`, `application/problem+json`, …). */
function isJsonType(contentType: string | null): boolean {
  return contentType?.toLowerCase().includes("json") === true;
}

/** Marks a 2xx answer that is not a failure envelope. */
const NOT_FAILED = Symbol("not failed");

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;
const identity = (url: string) => url;
/** The `extensions` of a row whose table entry has none. */
const NO_EXTENSIONS: Readonly<Record<string, unknown>> = /* @__PURE__ */ Object.freeze({});
/** Node's `util.inspect` hook (also honoured by Bun and Deno's console). */
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * Creates a typed client: openapi-fetch underneath, the transport on every call, provider failures
 * returned as `E` in `error`. Refuses an insecure base URL and unknown operations before the wire.
 */
export function createKeywayClient<Paths extends {}, E extends Error>(
  config: KeywayClientConfig<E>,
): KeywayClient<Paths, E> {
  if (isBrowser() && !config.dangerouslyAllowBrowser) {
    throw new KeywayConfigError(
      "Keyway clients hold secret credentials and refuse to run in a browser; call the API from your server, " +
        "or pass dangerouslyAllowBrowser: true if the credentials are meant to be public",
    );
  }
  const baseUrl = checkBaseUrl(config.baseUrl);
  const timeoutMs = config.timeoutMs ?? 60_000;
  const timed = timeoutMs !== 0;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0)
    throw new KeywayConfigError(`timeoutMs must be >= 0, got ${timeoutMs}`);
  let retry: RetryPolicy;
  try {
    retry = resolveRetryPolicy(config.retry);
  } catch (e) {
    throw new KeywayConfigError((e as Error).message);
  }
  const schemeRedact = config.scheme.redactUrl?.bind(config.scheme);
  const redactUrl = config.redactUrl ?? schemeRedact ?? identity;
  const hooks = new HookList();
  const headers = defaultHeaders(config.headers);
  const transport = createTransport({
    scheme: config.scheme,
    baseUrl,
    fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    retry,
    timeoutMs: timeoutMs === 0 ? undefined : timeoutMs,
    now: config.now ?? Date.now,
    random: config.random ?? defaultRandom,
    onSign: config.onSign,
    isClockError: config.isClockError,
    isRetryable: config.isRetryable,
    unknownOutcome: config.unknownOutcome,
    redactUrl,
    sleep: config.sleep ?? sleep,
    jitter: config.jitter ?? Math.random,
    hooks,
    userAgent: defaultUserAgent(config.userAgent, headers),
  });
  // Rows by method, then path template: a call looks its row up without building a `${method} ${path}` key.
  // A table entry holds neither (they are its key): each row is completed once, here.
  const rows = new Map<string, Map<string, OperationRow>>();
  for (const key in config.operations) {
    const space = key.indexOf(" ");
    const method = key.slice(0, space);
    const path = key.slice(space + 1);
    let paths = rows.get(method);
    if (!paths) {
      paths = new Map();
      rows.set(method, paths);
    }
    paths.set(path, { extensions: NO_EXTENSIONS, ...config.operations[key]!, method, path });
  }
  /**
   * The call whose Request openapi-fetch is about to hand to `fetch`. With no middleware of its own, openapi-fetch
   * builds the Request and calls `fetch` synchronously inside `inner.GET()` & co., so the client's one `fetch`
   * takes the call from here and the init carries no per-call `fetch` closure (openapi-fetch copies the init
   * three times per call; on a GET that closure cost about as much as the rest of the wrapper). The client's
   * `bodySerializer` (called synchronously before `fetch`) takes the call from here too. A call whose init has
   * its own `fetch` or `middleware` (awaited before `fetch`) still gets per-call closures, and one with its own
   * `bodySerializer` a per-call serializer.
   */
  let handing: CallState | undefined;
  const inner = createClient<Paths>({
    baseUrl,
    redirect: "manual",
    headers: headers as HeadersOptions | undefined,
    // The default serializer of a call handed over through the slot (openapi-fetch serializes the body
    // synchronously, before `fetch`): it records what was sent on the call, with no per-call closure.
    bodySerializer: (body: unknown, headers?: unknown) => {
      const state = handing;
      if (state === undefined) {
        throw new Error("keyway: openapi-fetch serialized a body outside the call that made the request");
      }
      return serializeFor(state, serializeDefault, body, headers);
    },
    fetch: (request: Request) => {
      const state = handing;
      handing = undefined;
      if (state === undefined) {
        return Promise.reject(
          new Error("keyway: openapi-fetch called fetch outside the call that made the request"),
        );
      }
      return transport.send(request, state);
    },
  }) as unknown as Record<
    string,
    (
      url: string,
      init: Record<string, unknown>,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>
  >;
  const { toError, isFailure, select, prepareBody } = config;

  async function call(method: string, path: string, init: Record<string, unknown> | undefined) {
    const row = rows.get(method)?.get(path);
    if (!row) {
      throw new KeywayConfigError(`${method} ${path} is not an operation of this API's spec`, { method });
    }
    const params = init?.params as CallParams | undefined;
    checkPathParams(row, params?.path);
    const ownUserAgent =
      params?.header || init?.headers ? checkHeaders(row, params?.header, init?.headers) : false;
    const bodyValue = prepareBody && init?.body !== undefined ? prepareBody(init.body, row) : init?.body;
    const state = new CallState(
      row,
      params,
      bodyValue,
      (init?.signal as AbortSignal | undefined) ?? undefined,
    );
    if (init?.parseAs === "stream") state.unread = true;
    if (ownUserAgent) state.ownUserAgent = true;
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      // A for-in copy: `{ ...init, more }` takes V8's slow path, which cost more than the rest of the wrapper.
      // Only the keys the call needs: openapi-fetch spreads this object again, and a GET is cheap enough that
      // each key shows. `redirect: "manual"` is the client's default; a caller's own `redirect` is overridden.
      const callInit: Record<string, unknown> = {};
      if (init) for (const key in init) callInit[key] = init[key];
      if (init?.redirect !== undefined) callInit.redirect = "manual";
      const ownFetch = init !== undefined && (init.fetch !== undefined || init.middleware !== undefined);
      if (ownFetch) callInit.fetch = (request: Request) => transport.send(request, state);
      if (init?.body !== undefined) {
        callInit.body = bodyValue;
        // The client's serializer serves a call handed over through the slot with the default serializer.
        if (ownFetch || init.bodySerializer !== undefined) {
          const serialize = (init.bodySerializer as BodySerializer | undefined) ?? serializeDefault;
          callInit.bodySerializer = (body: unknown, headers: unknown) =>
            serializeFor(state, serialize, body, headers);
        }
      }
      let pending: Promise<typeof result>;
      // Restored, not cleared: a serializer may start another call while openapi-fetch builds this Request.
      const outer = handing;
      handing = ownFetch ? undefined : state;
      try {
        pending = inner[method]!(path, callInit);
      } finally {
        handing = outer;
      }
      // With a deadline or a signal, the call can end while openapi-fetch still reads the body: the transport
      // hands `abort` to the attempt once the answer is handed over (one promise, instead of re-streaming
      // every body to make it abortable).
      result =
        timed || state.signal
          ? await new Promise<typeof result>((resolve, reject) => {
              state.abort = reject;
              pending.then(resolve, reject);
            })
          : await pending;
    } catch (err) {
      const answered = state.response;
      // Before an answer was handed over, the transport already named the failure, unless the fetch ignored
      // its abort (see LiveAttempt.stuck): then the call ends here.
      if (!answered) throw state.live?.stuck ? stuckFailure(state) : err;
      return bodyFailure(state, answered, err);
    } finally {
      // The attempt's deadline and the caller's signal covered the body read; unhook them now.
      state.live?.release();
    }
    const response = result.response;
    const failed = !response.ok
      ? result.error === ""
        ? undefined
        : result.error
      : isFailure?.(result.data, row)
        ? result.data
        : NOT_FAILED;
    if (failed !== NOT_FAILED) {
      const failure: FailureInfo = {
        status: response.status,
        // A provider may echo the request's headers: the credentials it carried never reach the error.
        body: state.headers ? redactSecrets(failed, credentialValues(state.headers)) : failed,
        response,
        row,
        attempts: state.attempts,
        method,
        url: redactUrl(state.url || response.url),
      };
      const error = toError(failure);
      // A create whose earlier attempt was lost may exist even though the last attempt failed.
      if (state.lost && row.retry !== "safe") {
        throw transport.noAnswer(state, "failed-after-lost", error, response.status);
      }
      return { error, response };
    }
    if ((result.data === undefined || result.data === null) && row.responseBody === true) {
      throw transport.noAnswer(state, "unreadable", undefined, response.status);
    }
    return select ? { data: select(result.data, row), response } : result;
  }

  /** The end of a call whose fetch took the attempt's signal and ignored its abort: what the transport would say. */
  function stuckFailure(state: CallState) {
    state.lost = true;
    return state.live!.timedOut
      ? transport.noAnswer(state, "timeout", undefined)
      : transport.noAnswer(state, "aborted", state.signal?.reason);
  }

  /** A failure while openapi-fetch read the answer's body: a deadline, the caller's abort, a cut, bad JSON. */
  function bodyFailure(state: CallState, answered: Response, err: unknown) {
    const live = state.live;
    if (live?.timedOut) throw transport.noAnswer(state, "timeout", undefined);
    if (state.signal?.aborted) throw transport.noAnswer(state, "aborted", state.signal.reason);
    if (err instanceof KeywayError) throw err;
    if (err instanceof SyntaxError) {
      // A 2xx that is not JSON (SGate's PUTs answer with an empty or text body) is a success with no data
      // where the spec promises no body; where it promises one, or it claims JSON, the answer is unusable.
      if (
        answered.ok &&
        state.row.responseBody !== true &&
        !isJsonType(answered.headers.get("content-type"))
      ) {
        return { data: undefined, response: answered };
      }
      throw transport.noAnswer(state, "unreadable", err, answered.status);
    }
    throw transport.noAnswer(state, "cut", err);
  }

  const info: KeywayClientInfo = Object.freeze({
    provider: config.provider ?? config.scheme.name,
    baseUrl,
    scheme: config.scheme.name,
    timeoutMs,
    retry: Object.freeze({ ...retry }),
    ...(config.fetch ? { fetch: "custom" } : {}),
    ...(config.dangerouslyAllowBrowser ? { dangerouslyAllowBrowser: true } : {}),
    ...config.describe,
  });
  const client = {
    use: (...middleware: Middleware[]) => hooks.use(...middleware),
    eject: (...middleware: Middleware[]) => hooks.eject(...middleware),
    clockOffsetMs: transport.clockOffsetMs,
    toJSON: () => info,
    [INSPECT]: (_depth: number, options: unknown, inspect?: (value: unknown, options: unknown) => string) =>
      `KeywayClient ${inspect ? inspect({ ...info }, options) : JSON.stringify(info)}`,
  } as Record<string | symbol, unknown>;
  for (const m of METHODS) client[m] = (path: string, init?: Record<string, unknown>) => call(m, path, init);
  return client as unknown as KeywayClient<Paths, E>;
}
