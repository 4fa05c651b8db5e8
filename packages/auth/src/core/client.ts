/**
 * The client wrapper: openapi-fetch's call shape (`client.POST(path, init)` → `{ data, error, response }`)
 * with the operation row looked up, a per-call transport and body serializer bound to it, and provider
 * failures turned into the provider's typed error (docs/architecture.md, "Client" and "Errors").
 */
import createClient, {
  defaultBodySerializer,
  type FetchResponse,
  type HeadersOptions,
  type MaybeOptionalInit,
  type ParseAs,
} from "openapi-fetch";
import { CallState } from "./call.js";
import { defaultRandom } from "./crypto.js";
import { KeywayConfigError, KeywayError } from "./errors.js";
import { checkHeaders, checkPathParams, defaultHeaders, isBrowser, serializeBody } from "./guard.js";
import { HookList, type Middleware } from "./hooks.js";
import { credentialValues, redactSecrets } from "./redact.js";
import { type RetryPolicy, resolveRetryPolicy, sleep } from "./retry.js";
import {
  checkBaseUrl,
  createTransport,
  type InnerFetch,
  type UnknownOutcomeCall,
  type UnknownOutcomeInfo,
} from "./transport.js";
import type { CallParams, OperationRow, OperationTable, Scheme, SignDebugEvent } from "./types.js";

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

/** Lower-case HTTP methods, as openapi-typescript keys operations. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
/** Keys of `T` that are required. */
type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** The `init` argument of a call: optional when nothing in it is required. */
export type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & { [key: string]: unknown })?]
    : [Init & { [key: string]: unknown }];
/** The paths of `Paths` that have method `M`. */
export type PathsWithMethod<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: unknown } ? P : never;
}[keyof Paths];
/** The operation object of `Paths[P][M]`. */
export type OperationOf<Paths, P extends keyof Paths, M extends HttpMethod> = Paths[P][M &
  keyof Paths[P]] extends infer O extends Record<string | number, unknown>
  ? O
  : never;

/** openapi-fetch's result with the error branch replaced by the provider's error class. */
export type WithProviderError<R, E> = R extends { error: unknown }
  ? { data?: never; error: E; response: Response }
  : R;

/**
 * One method of a Keyway client (GET, POST, …): openapi-fetch's signature, the provider's error type.
 * `As` is inferred from `init.parseAs` on its own (default `"json"`) and types `data`: `Init` falls back to
 * its constraint whenever the body holds a literal union (`currency: "SAR"`), so it cannot carry `parseAs`.
 */
export type KeywayMethod<Paths extends {}, M extends HttpMethod, E> = <
  Path extends PathsWithMethod<Paths, M>,
  Init extends MaybeOptionalInit<Paths[Path], M & keyof Paths[Path]>,
  As extends ParseAs = "json",
>(
  url: Path,
  ...init: InitParam<Init & { parseAs?: As }>
) => Promise<
  WithProviderError<FetchResponse<OperationOf<Paths, Path, M>, { parseAs: As }, `${string}/${string}`>, E>
>;

/** A typed Keyway client over a spec's `paths`, returning errors of type `E`. */
export interface KeywayClient<Paths extends {}, E> {
  GET: KeywayMethod<Paths, "get", E>;
  PUT: KeywayMethod<Paths, "put", E>;
  POST: KeywayMethod<Paths, "post", E>;
  DELETE: KeywayMethod<Paths, "delete", E>;
  OPTIONS: KeywayMethod<Paths, "options", E>;
  HEAD: KeywayMethod<Paths, "head", E>;
  PATCH: KeywayMethod<Paths, "patch", E>;
  TRACE: KeywayMethod<Paths, "trace", E>;
  /**
   * Registers hooks (openapi-fetch's `use`): `onRequest` per attempt before signing, `onResponse` and `onError`
   * once per call (docs/architecture.md#hooks). Takes effect from the next call.
   */
  use(...middleware: Middleware[]): void;
  /** Removes hooks registered with {@link KeywayClient.use} (by identity). */
  eject(...middleware: Middleware[]): void;
  /** The client's clock offset in ms (server minus local), after any skew correction. */
  clockOffsetMs(): number;
  /** What `console.log(client)` and `JSON.stringify(client)` show: provider, base URL, non-secret options. */
  toJSON(): KeywayClientInfo;
}

/** A client's non-secret description (never a credential): see {@link KeywayClient.toJSON}. */
export interface KeywayClientInfo {
  /** The provider's name, e.g. `HIOBuy`. */
  readonly provider: string;
  /** The base URL calls go to. */
  readonly baseUrl: string;
  /** The signing scheme's name, e.g. `bearer`. */
  readonly scheme: string;
  /** Per-attempt timeout in ms (0: none). */
  readonly timeoutMs: number;
  /** The retry policy in force (`maxAttempts: 1` when retries are off). */
  readonly retry: Readonly<RetryPolicy>;
  /** Provider-specific non-secret options (e.g. a protocol or region). */
  readonly [option: string]: unknown;
}

/** What a provider's `toError` is told of a failed answer. */
export interface FailureInfo {
  readonly status: number;
  /** Parsed JSON body, its text when it was not JSON, or undefined when empty. */
  readonly body: unknown;
  readonly response: Response;
  readonly row: OperationRow;
  readonly attempts: number;
  readonly method: string;
  /** The request URL with secrets redacted. */
  readonly url: string;
}

/**
 * The options every provider client accepts beside its credentials (docs/architecture.md, "Client").
 * A provider's options interface extends this; {@link commonOptions} hands them on.
 */
export interface KeywayCommonOptions {
  /** Base URL (a string or a `URL`); https, or http on loopback only. Each provider documents its default. */
  readonly baseUrl?: string | URL | undefined;
  /**
   * Inner fetch (default: the platform's). It is given the attempt's Request and an init whose `signal` ends
   * the attempt; under the deadline alone, attempts started close together may share that signal, which is
   * aborted only once one of them timed out and all of them have timed out or ended.
   */
  readonly fetch?: InnerFetch | undefined;
  /**
   * Headers sent on every call, under the per-call `headers` and `params.header` (openapi-fetch's `headers`
   * option). Includes the default `User-Agent` (set one here to replace it, or `null` to send none). Headers the
   * signing scheme sets always win.
   */
  readonly headers?: HeadersOptions | undefined;
  /** Retry policy (default `{ maxAttempts: 3, baseMs: 500, maxMs: 8000, maxRetryAfterMs: 60000 }`), or `false`. */
  readonly retry?: Partial<RetryPolicy> | false | undefined;
  /** Per-attempt timeout in ms, covering the answer's headers and its body (default 60 000; 0 disables). */
  readonly timeoutMs?: number | undefined;
  /** Clock in ms since the epoch (default `Date.now`). */
  readonly now?: (() => number) | undefined;
  /** `n` random bytes, for nonces, IVs and generated ids (default Web Crypto). */
  readonly random?: ((n: number) => Uint8Array) | undefined;
  /** Debug hook: each attempt's canonical string and added headers, secrets redacted. */
  readonly onSign?: ((event: SignDebugEvent) => void) | undefined;
  /** Allow use in a browser (off: the credentials would ship to every visitor). */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
}

/** Picks the transport options of a provider's options object (leaving its credentials behind). */
export function commonOptions(options: KeywayCommonOptions) {
  return {
    fetch: options.fetch,
    headers: options.headers,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    now: options.now,
    random: options.random,
    onSign: options.onSign,
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser,
  };
}

/** Options every provider factory passes to {@link createKeywayClient}: the common ones, plus its rules. */
export interface KeywayClientConfig<E extends Error> extends KeywayCommonOptions {
  /** The provider's name shown by `console.log(client)` (default: the scheme's name). */
  readonly provider?: string | undefined;
  /**
   * The default `User-Agent`, `keyway-<provider>/<version>`; not sent from a browser, which forbids or
   * ignores it (docs/architecture.md#hooks).
   */
  readonly userAgent?: string | undefined;
  /** Non-secret provider options shown by `console.log(client)`; never put a credential here. */
  readonly describe?: Readonly<Record<string, unknown>> | undefined;
  /** Absolute base URL (a string or a `URL`); https, or http on loopback only. */
  readonly baseUrl: string | URL;
  /** The generated operation table. */
  readonly operations: OperationTable;
  /** The signing scheme. */
  readonly scheme: Scheme;
  /** Builds the provider's error from a failed answer. */
  toError(failure: FailureInfo): E;
  /** Whether a 2xx body is a failure envelope. */
  readonly isFailure?: ((body: unknown, row: OperationRow) => boolean) | undefined;
  /** The caller-visible data of a 2xx body (default: the body). */
  readonly select?: ((body: unknown, row: OperationRow) => unknown) | undefined;
  /** Whether an answer says our clock is off. */
  readonly isClockError?: ((response: Response, row: OperationRow) => boolean | Promise<boolean>) | undefined;
  /** Overrides the status-based retry decision for an answer. */
  readonly isRetryable?:
    | ((response: Response, row: OperationRow) => boolean | undefined | Promise<boolean | undefined>)
    | undefined;
  /** Rewrites the body before it is serialized (e.g. fills a generated idempotency key). */
  readonly prepareBody?: ((body: unknown, row: OperationRow) => unknown) | undefined;
  /** Describes a lost `never` call. */
  readonly unknownOutcome?: ((call: UnknownOutcomeCall) => UnknownOutcomeInfo | undefined) | undefined;
  /** Redacts secrets from a URL kept in errors. */
  readonly redactUrl?: ((url: string) => string) | undefined;
  /** Waits between attempts (tests inject a fake clock's sleep). */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Jitter source in [0, 1) (default `Math.random`). */
  readonly jitter?: (() => number) | undefined;
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
  const headers = defaultHeaders(config.userAgent, config.headers);
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
    if (params?.header || init?.headers) checkHeaders(row, params?.header, init?.headers);
    const bodyValue = prepareBody && init?.body !== undefined ? prepareBody(init.body, row) : init?.body;
    const state = new CallState(
      row,
      params,
      bodyValue,
      (init?.signal as AbortSignal | undefined) ?? undefined,
    );
    if (init?.parseAs === "stream") state.unread = true;
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
      // Before an answer was handed over, the transport already named the failure.
      if (!answered) throw err;
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
