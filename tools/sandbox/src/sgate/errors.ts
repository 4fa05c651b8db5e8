/**
 * SGate's error answer `{ code, message, data }`.
 * @module
 */
import { SandboxError } from "../core/errors.js";

/** An SGate-style failure: HTTP status plus the `{ code, message, data }` body. */
export class SgateApiError extends SandboxError {
  override name = "SgateApiError";
  /** SGate's error code, e.g. `notAllowed`. */
  readonly code: string;
  /** The body's `data` (the failed check's details, or `null`). */
  readonly data: unknown;
  constructor(status: number, code: string, message: string, data: unknown = null) {
    super(status, { code, message, data }, { message });
    this.code = code;
    this.data = data;
  }
}
