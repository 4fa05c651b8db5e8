/**
 * The contracts shared by every scheme, the transport and the generated operation tables.
 * Nothing here has behaviour; see docs/architecture.md ("Scheme", "Generated code") for the why.
 */

/** How the transport may retry an operation, from the spec's `x-keyway-retry`. */
export type RetryMode = "safe" | "never" | `key:${string}`;

/**
 * One row of a generated operation table, as codegen writes it: only what a client reads of an operation at
 * run time. Its method and path are the row's key (see {@link OperationTable}).
 */
export interface OperationEntry {
  /** The spec's operationId. */
  readonly operationId: string;
  /** Retry policy class of the operation. */
  readonly retry: RetryMode;
  /**
   * Whether the spec promises a body on the operation's 2xx answers (a JSON content). Then an empty, `null`
   * or non-JSON 2xx is an error, never a silent success. Absent: not promised.
   */
  readonly responseBody?: boolean;
  /**
   * The operation's security requirements (an empty array means none). Absent when every operation of the spec
   * has the same non-empty requirements: the client's one scheme signs them all.
   */
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
  /**
   * The operation's `x-*` extensions a client reads at run time, verbatim (e.g. `x-sgate-method`); generated
   * tables leave out the ones only readers of the spec use, and `x-keyway-retry`, which is {@link retry}.
   * Absent: none.
   */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** An operation as schemes, hooks and provider rules see it: its table entry, method and path. */
export interface OperationRow extends OperationEntry {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Path template as written in the spec, e.g. `/orders/{orderId}`. */
  readonly path: string;
  /** The entry's run-time `x-*` extensions (`{}` when it has none). */
  readonly extensions: Readonly<Record<string, unknown>>;
}

/**
 * A generated operation table, keyed by `` `${METHOD} ${pathTemplate}` `` (e.g. `"POST /orders/create"`):
 * the client takes each row's method and path from its key.
 */
export type OperationTable = Readonly<Record<string, OperationEntry>>;

/** A secret value, or a function read on every request (so a secret can rotate). */
export type Secret = string | (() => string | Promise<string>);

/** Resolves a {@link Secret} to its current value. */
export function readSecret(secret: Secret): string | Promise<string> {
  return typeof secret === "function" ? secret() : secret;
}

/** The request parameters the caller passed to openapi-fetch, as typed values (numbers stay numbers). */
export interface CallParams {
  readonly path?: Readonly<Record<string, unknown>>;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly header?: Readonly<Record<string, unknown>>;
  readonly cookie?: Readonly<Record<string, unknown>>;
}

/** The parts of one outgoing attempt a scheme signs. Read-only: a scheme returns what to change. */
export interface RequestParts {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The final URL of this attempt, query included, exactly as it goes on the wire. */
  readonly url: string;
  /** The headers of this attempt (do not mutate; return `headers` in the result instead). */
  readonly headers: Headers;
  /** The exact body bytes, or undefined for no body. */
  readonly body: Uint8Array | undefined;
}

/** What a debug hook receives: the canonical string and added headers, every secret replaced by `[redacted]`. */
export interface SignDebugEvent {
  /** The scheme's name, e.g. `bearer`, `oauth1`, `sgate-hmac`. */
  readonly scheme: string;
  /** The operation being signed. */
  readonly operationId: string;
  /** Attempt number, from 1. */
  readonly attempt: number;
  /** Canonical string / signature base string, when the scheme has one (secrets redacted). */
  readonly canonical?: string;
  /** Headers the scheme adds, secrets redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** The URL sent, when the scheme changed it (secret query values redacted). */
  readonly url?: string;
}

/** Everything a scheme may depend on beside the request: injected clock, randomness and debug hook. */
export interface SignContext {
  /** The operation's row from the generated table. */
  readonly row: OperationRow;
  /** The client's base URL (no trailing slash). */
  readonly baseUrl: string;
  /** Milliseconds since the epoch, already corrected by the client's clock offset. */
  readonly now: () => number;
  /** `n` cryptographically random bytes. */
  readonly random: (n: number) => Uint8Array;
  /** Attempt number, from 1. */
  readonly attempt: number;
  /** The caller's typed params for this call. */
  readonly params: CallParams | undefined;
  /** Debug hook; schemes call it with secrets redacted. */
  readonly debug: ((event: SignDebugEvent) => void) | undefined;
}

/** What a scheme asks the transport to change on the attempt. */
export interface SignResult {
  /** Headers to set (replacing any of the same name). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A replacement URL (e.g. an encrypted query). */
  readonly url?: string;
  /** A replacement body. */
  readonly body?: Uint8Array | string;
}

/** What a scheme says of a response that failed authentication. */
export type AuthErrorDecision = "retry" | "fail";

/**
 * A signing scheme: a pure function of the request parts, its credentials and the context.
 * No globals, no `Date.now()`, no `Math.random()` inside: use `ctx.now()` and `ctx.random()`.
 */
export interface Scheme {
  /** Short stable name, used in debug events and errors. */
  readonly name: string;
  /** Signs one attempt. Called once per attempt, with a fresh `ctx.now()`. */
  sign(parts: RequestParts, ctx: SignContext): SignResult | Promise<SignResult>;
  /** Verifies and/or decrypts an answer; returns the response the caller's parser should see. */
  open?(response: Response, ctx: SignContext): Promise<Response>;
  /** Redacts the secrets this scheme puts in a URL (e.g. a `client_key` query value), for errors and logs. */
  redactUrl?(url: string): string;
  /**
   * Called on a 401 with the refused attempt's context and what `sign` returned for it; `"retry"` re-signs and
   * retries once (e.g. after refreshing a token).
   */
  onAuthError?(
    response: Response,
    ctx: SignContext,
    signed?: SignResult,
  ): AuthErrorDecision | Promise<AuthErrorDecision>;
}

/** Replacement text for every secret in debug output, errors and logs. */
export const REDACTED = "[redacted]";
