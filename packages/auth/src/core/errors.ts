/**
 * Every error class of Keyway, on the {@link KeywayError} base. The contract (docs/architecture.md, "Errors"):
 * a provider's failure *resolves* with a typed `error`; a call *rejects* only when no answer was
 * obtained or the client refused to send. No error holds a `Request`, a secret or a raw header.
 */

/** Where a Keyway error happened: method, redacted URL and operation. */
export interface ErrorOrigin {
  readonly method?: string | undefined;
  /** The URL with secret query values redacted. */
  readonly url?: string | undefined;
  readonly operation?: string | undefined;
}

/** Base class of every error Keyway raises or returns. */
export class KeywayError extends Error {
  override name = "KeywayError";
  declare readonly method: string | undefined;
  declare readonly url: string | undefined;
  declare readonly operation: string | undefined;
  constructor(message: string, origin: ErrorOrigin = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.method = origin.method;
    this.url = origin.url;
    this.operation = origin.operation;
  }

  /** One line: {@link formatError}'s `Name [CODE] status on operation (request id …): message (cause)`. */
  override toString(): string {
    return formatError(this);
  }
}

/** The facts {@link formatError} reads from an error (each optional). */
interface Describable {
  readonly name: string;
  readonly message: string;
  readonly code?: unknown;
  readonly status?: unknown;
  readonly operation?: unknown;
  readonly requestId?: unknown;
  readonly cause?: unknown;
}

/** Removes the path, query and fragment of every URL in `text` (they may hold secrets): the origin stays. */
function originsOnly(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'()<>]+/gi, (url) => {
    try {
      return new URL(url).origin;
    } catch {
      return "[url]";
    }
  });
}

type Cause = {
  code?: unknown;
  message?: unknown;
  address?: unknown;
  port?: unknown;
  errors?: unknown;
  cause?: unknown;
};

/**
 * The root cause of a failure in a few words: its code and address (`ECONNREFUSED 127.0.0.1:8080`), or its code
 * and message (`UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate`), or the innermost
 * message when no cause has a code. URLs keep their origin only. Undefined when there is nothing to add to
 * `message`.
 */
export function describeCause(cause: unknown, message = ""): string | undefined {
  let innermost: Cause | undefined;
  let e: unknown = cause;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const c = e as Cause;
    innermost = c;
    if (typeof c.code === "string" && c.code.length > 0) {
      const first = Array.isArray(c.errors) ? (c.errors[0] as Cause | undefined) : undefined;
      const address =
        typeof c.address === "string" ? c : first && typeof first.address === "string" ? first : undefined;
      const text = typeof c.message === "string" ? c.message : "";
      let out: string;
      if (address) {
        const port = typeof address.port === "number" ? `:${address.port}` : "";
        out = `${c.code} ${String(address.address)}${port}`;
      } else if (text.includes(c.code)) out = text.slice(text.indexOf(c.code));
      else out = text ? `${c.code}: ${text}` : c.code;
      return originsOnly(out).slice(0, 200);
    }
    e = c.cause;
  }
  const text = typeof innermost?.message === "string" ? innermost.message : undefined;
  if (!text || message.includes(text)) return undefined;
  return originsOnly(text).slice(0, 200);
}

/**
 * The one-line form of every Keyway error, its `toString()`:
 * `HiobuyError [PRODUCT_NOT_FOUND] 404 on getProductDetail (request id req_1): Product not found.` and
 * `KeywayNetworkError: GET /x (getX): network error after 1 attempt(s): fetch failed (ECONNREFUSED 127.0.0.1:1)`.
 * Each part appears when the error has it; the operation is left out when the message already names it.
 */
export function formatError(error: Describable): string {
  let head = error.name;
  if (typeof error.code === "string" && error.code.length > 0) head += ` [${error.code}]`;
  if (typeof error.status === "number") head += ` ${error.status}`;
  if (typeof error.operation === "string" && !error.message.includes(error.operation))
    head += ` on ${error.operation}`;
  if (typeof error.requestId === "string" && error.requestId.length > 0)
    head += ` (request id ${error.requestId})`;
  const cause = error.cause === undefined ? undefined : describeCause(error.cause, error.message);
  return `${head}: ${error.message}${cause ? ` (${cause})` : ""}`;
}

/** The client refused before the wire: bad options, an unknown operation, an unsafe path value. */
export class KeywayConfigError extends KeywayError {
  override name = "KeywayConfigError";
}

/** An attempt ran past `timeoutMs` and no further attempt was allowed. */
export class KeywayTimeoutError extends KeywayError {
  override name = "KeywayTimeoutError";
  declare readonly timeoutMs: number;
  declare readonly attempts: number;
  constructor(message: string, origin: ErrorOrigin & { timeoutMs: number; attempts: number }) {
    super(message, origin);
    this.timeoutMs = origin.timeoutMs;
    this.attempts = origin.attempts;
  }
}

/** No answer was obtained: connection refused or reset, DNS failure, and no retry left. */
export class KeywayNetworkError extends KeywayError {
  override name = "KeywayNetworkError";
  declare readonly attempts: number;
  constructor(message: string, origin: ErrorOrigin & { attempts: number }, options?: { cause?: unknown }) {
    super(message, origin, options);
    this.attempts = origin.attempts;
  }
}

/**
 * A non-retryable operation (a create, a payment) was sent and no answer came back: it may or may not
 * have taken effect. Never resend blindly; `hint` says how to find out (e.g. list orders by time).
 */
export class KeywayUnknownOutcomeError extends KeywayError {
  override name = "KeywayUnknownOutcomeError";
  /** When the last attempt was sent (ms since the epoch, client clock). */
  declare readonly sentAt: number;
  /** How to find out whether it took effect. */
  declare readonly hint: string;
  /** Provider-specific facts that identify the request (e.g. `external_order_id`). */
  declare readonly details: Readonly<Record<string, unknown>>;
  constructor(
    message: string,
    origin: ErrorOrigin & { sentAt: number; hint: string; details?: Record<string, unknown> },
    options?: { cause?: unknown },
  ) {
    super(message, origin, options);
    this.sentAt = origin.sentAt;
    this.hint = origin.hint;
    this.details = Object.freeze({ ...(origin.details ?? {}) });
  }
}

/**
 * An answer that cannot be used: a 2xx that claims JSON but does not parse, or lacks the body the operation's
 * spec promises. (A create in that state rejects with {@link KeywayUnknownOutcomeError} instead.)
 */
export class KeywayResponseError extends KeywayError {
  override name = "KeywayResponseError";
}

/** A response's signature did not verify, or it could not be decrypted: its content is not trusted. */
export class SignatureVerificationError extends KeywayError {
  override name = "SignatureVerificationError";
}

/** A response's signature is missing where required, malformed or wrong: its content is not trusted. */
export class ResponseSignatureError extends SignatureVerificationError {
  override name = "ResponseSignatureError";
}

/** A signed response whose payload could not be decoded, decrypted or parsed: its content is not trusted. */
export class ResponseDecryptionError extends SignatureVerificationError {
  override name = "ResponseDecryptionError";
}

/**
 * A genuinely signed answer that is not fresh or not this request's: its timestamp is outside the accepted
 * window, its nonce was seen before, or it names another request (another merchant order number). Its
 * content is not trusted.
 */
export class ResponseReplayError extends SignatureVerificationError {
  override name = "ResponseReplayError";
}

/** Thrown by `openHishoppingPayload` when a HiShopping `data` value cannot be decoded or authenticated. */
export class HishoppingDecryptError extends KeywayError {
  override name = "HishoppingDecryptError";
}

/** Credentials could not be obtained (e.g. a token source failed). */
export class KeywayAuthError extends KeywayError {
  override name = "KeywayAuthError";
}

/** The facts every provider error class carries. */
export interface ProviderErrorInit extends ErrorOrigin {
  /** HTTP status (200 for a failure envelope on a 200). */
  readonly status: number;
  /** The provider's error code. */
  readonly code: string;
  readonly message: string;
  readonly requestId?: string | undefined;
  /** Attempts made, from 1. */
  readonly attempts: number;
  /** The raw parsed body (or text when it was not JSON). */
  readonly body: unknown;
}

/**
 * Base of each provider's error class (`HiobuyError`, `SgateError`, …): the provider answered, with a failure.
 * Returned in `error`, never thrown, unless the caller uses {@link unwrap}.
 */
export class ProviderError<Code extends string = string> extends KeywayError {
  override name = "ProviderError";
  declare readonly status: number;
  declare readonly code: Code;
  declare readonly requestId: string | undefined;
  declare readonly attempts: number;
  declare readonly body: unknown;
  constructor(init: ProviderErrorInit & { code: Code }) {
    super(init.message, init);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.attempts = init.attempts;
    this.body = init.body;
  }
}

/** A call's result as Keyway clients return it. */
export type KeywayResult<D, E> =
  | { data: D; error?: never; response: Response }
  | { data?: never; error: E; response: Response };

/** Returns `data`, or throws `error`: for callers who prefer exceptions. */
export function unwrap<R extends { data?: unknown; error?: unknown }>(
  result: R,
): Exclude<R, { error: unknown }>["data"] {
  if (result.error !== undefined) throw result.error;
  return result.data as Exclude<R, { error: unknown }>["data"];
}
