/**
 * The per-call and per-attempt objects the transport works on: the state of one logical call, shared with the
 * client wrapper, and what one attempt signs. Classes, not object literals (see {@link CallState}).
 */
import type { LiveAttempt } from "./attempt.js";
import type {
  CallParams,
  OperationRow,
  RequestParts,
  SignContext,
  SignDebugEvent,
  SignResult,
} from "./types.js";

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * The state of one logical call, shared by the client wrapper and the transport. A class, not an object literal:
 * V8 pretenures a literal's allocation site once its objects outlive a few young-generation collections, and a
 * pretenured call state (old space, collected only by a full GC) then keeps every answer it points to alive
 * through each scavenge: the garbage collector cost more than the rest of the call (tools/bench/README.md,
 * "Profiles").
 */
export class CallState {
  /** The serialized body, exactly as sent on every attempt. */
  body: string | Uint8Array | FormData | URLSearchParams | undefined = undefined;
  /** Attempts made so far. */
  attempts = 0;
  /** When the last attempt was sent (corrected clock). */
  sentAt = 0;
  /** The URL of the last attempt as sent (secrets included: redact before keeping it anywhere). */
  url = "";
  /** The answer handed to openapi-fetch, once there is one. */
  response: Response | undefined = undefined;
  /** Rejects the whole call (set by the wrapper when a deadline or a signal can end it mid-body). */
  abort: ((reason: unknown) => void) | undefined = undefined;
  /** The attempt whose answer is being read; the wrapper releases it when the call settles. */
  live: LiveAttempt | undefined = undefined;
  /** Whether an attempt was sent and got no answer (it may have reached the server). */
  lost = false;
  /** The id the hooks of this call share (made when a hook first runs). */
  id: string | undefined = undefined;
  /** The last attempt's request as the `onRequest` hooks left it (unsigned), for `onResponse` / `onError`. */
  hookRequest: Request | undefined = undefined;
  /** The headers of the last attempt (credentials included): read on failure to redact echoed secrets. */
  headers: Headers | undefined = undefined;
  /** The last attempt's sign context. */
  ctx: SignContext | undefined = undefined;
  /** Whether the answer's body is handed over unread (`parseAs: "stream"`): its attempts never share a signal. */
  unread = false;
  /** Whether the call's own headers name `User-Agent` (or drop it): the client's default is then not set. */
  ownUserAgent = false;
  /** What the scheme's `sign` returned for the last attempt: its headers are removed before re-signing. */
  signed: SignResult | undefined = undefined;
  constructor(
    readonly row: OperationRow,
    readonly params: CallParams | undefined,
    /** The caller's body value (after `prepareBody`). */
    readonly bodyValue: unknown,
    readonly signal: AbortSignal | undefined,
  ) {}
}

/** One attempt's sign context (a class for the reason {@link CallState} is one). */
export class AttemptContext implements SignContext {
  constructor(
    readonly row: OperationRow,
    readonly baseUrl: string,
    readonly now: () => number,
    readonly random: (n: number) => Uint8Array,
    readonly attempt: number,
    readonly params: CallParams | undefined,
    readonly debug: ((event: SignDebugEvent) => void) | undefined,
  ) {}
}

function bodyBytes(body: CallState["body"]): Uint8Array | undefined {
  if (body === undefined) return undefined;
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return encoder.encode(body.toString());
  return undefined; // FormData: schemes that sign bodies refuse multipart themselves
}

/**
 * What one attempt signs and sends: openapi-fetch's request as is, or what the `onRequest` hooks made of it. The
 * scheme reads it as {@link RequestParts}; the body bytes are made on first read (a Bearer scheme never reads them).
 */
export class AttemptParts implements RequestParts {
  #bytes: Uint8Array | undefined;
  #read = false;
  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: Headers,
    readonly source: CallState["body"],
    /** The Request to send as is when signing changes neither URL nor body (openapi-fetch's, first attempt). */
    readonly reuse: Request | undefined,
  ) {}
  get body(): Uint8Array | undefined {
    if (!this.#read) {
      this.#bytes = bodyBytes(this.source);
      this.#read = true;
    }
    return this.#bytes;
  }
}
