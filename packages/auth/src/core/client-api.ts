/**
 * The client's public shapes: the typed call signature (`KeywayMethod`, `KeywayClient`), what `toError` is
 * told of a failure, and the options every provider client accepts (docs/architecture.md, "Client").
 * packages/auth/src/core/client.ts builds a client from them.
 */
import type { FetchResponse, HeadersOptions, MaybeOptionalInit, ParseAs } from "openapi-fetch";
import type { Middleware } from "./hooks.js";
import type { RetryPolicy } from "./retry.js";
import type { InnerFetch, UnknownOutcomeCall, UnknownOutcomeInfo } from "./transport.js";
import type { OperationRow, OperationTable, Scheme, SignDebugEvent } from "./types.js";

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
   * aborted only once one of them timed out and none of them is still running. A fetch that reads the
   * signal must end when it is aborted, as the platform's do (one that does not is given a grace, at most two
   * sweeps of the deadlines: a fifth of `timeoutMs`, at most 2 s; then the call ends without it and is not
   * retried); one that never reads it is timed out all the same.
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

/** Options every provider factory passes to `createKeywayClient` (core/client.ts): the common ones, plus its rules. */
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
