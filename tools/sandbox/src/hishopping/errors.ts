/**
 * HiShopping's plaintext, unsigned answer `{ code, message, data: null }`: what the sandbox says before a request
 * is authenticated (1001–1006), and for a `status` fault.
 * @module
 */
import { SandboxError } from "../core/errors.js";

/** A plaintext failure (HTTP 200 unless a fault asks for another status). */
export class HishoppingPlainError extends SandboxError {
  override name = "HishoppingPlainError";
  /** HiShopping's numeric code, e.g. 1001. */
  readonly code: number;
  constructor(code: number, message: string, status = 200) {
    super(status, { code, message, data: null }, { message });
    this.code = code;
  }
}
