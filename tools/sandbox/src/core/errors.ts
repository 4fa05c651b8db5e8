/**
 * The one error type of every provider sandbox: handlers and middleware throw it, the app's error handler
 * (`createSandboxApp`) renders it, through the provider's `renderError` when the provider has its own body shape.
 * @module
 */

/** Options of {@link SandboxError}. */
export interface SandboxErrorOptions {
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string> | undefined;
  /** The error's message (default: the body's `message` field, else `HTTP <status>`). */
  message?: string | undefined;
}

/**
 * An answer that ends a request early: HTTP `status` with the JSON `body` (and `headers`). Providers subclass it
 * for their own error shapes (HIOBuy `HioError`, SGate `SgateApiError`, HiShopping `HishoppingPlainError`).
 */
export class SandboxError extends Error {
  override name = "SandboxError";
  /** HTTP status of the answer. */
  readonly status: number;
  /** JSON body of the answer. */
  readonly body: unknown;
  /** Extra response headers. */
  readonly headers: Record<string, string>;

  constructor(status: number, body: unknown, options: SandboxErrorOptions = {}) {
    const fromBody =
      body && typeof body === "object" && typeof (body as { message?: unknown }).message === "string"
        ? (body as { message: string }).message
        : undefined;
    super(options.message ?? fromBody ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = options.headers ?? {};
  }

  /** The answer as a `Response` (JSON body, `status`, `headers`). */
  toResponse(): Response {
    return new Response(JSON.stringify(this.body), {
      status: this.status,
      headers: { "content-type": "application/json; charset=utf-8", ...this.headers },
    });
  }
}
