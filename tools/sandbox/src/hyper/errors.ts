/**
 * The Hyper sandbox's one error type: a refusal in the platform's envelope, rendered by the core's error handler.
 * @module
 */
import { SandboxError } from "../core/errors.js";

/** The platform's envelope: `{ success, message, errorCode, data }`. */
export const envelope = (data: unknown, message = "OK") => ({
  success: true,
  message,
  errorCode: null,
  data,
});

/** A refusal in Hyper's envelope, `{ success: false, message, errorCode, data }`, with its HTTP status. */
export class HyperSandboxError extends SandboxError {
  override name = "HyperSandboxError";
  /** The envelope's `errorCode`. */
  readonly errorCode: number;
  constructor(status: number, errorCode: number, message: string, data: unknown = null) {
    super(status, { success: false, message, errorCode, data });
    this.errorCode = errorCode;
  }
}
