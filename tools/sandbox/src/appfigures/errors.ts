/**
 * The Appfigures sandbox's error answers: Appfigures' `{ status, message, additional, reference }` (the
 * documented 400/401/403 bodies) and, on the OAuth 2.0 endpoints, RFC 6749 §5.2 `{ error, error_description }`.
 * @module
 */
import { SandboxError } from "../core/errors.js";

/** A failure with Appfigures' error body (`{ status, message, additional, reference }`) or an OAuth 2.0 one. */
export class AppfiguresApiError extends SandboxError {
  override name = "AppfiguresApiError";
  override readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(status, body, { message: String(body.message ?? body.error) });
    this.body = body;
  }
}

/** An Appfigures error body (`additional` and `reference` empty unless given, as in the docs). */
export function errorBody(status: number, message: string, additional = "", reference = "") {
  return { status, message, additional, reference };
}

/** Throws an Appfigures error answer. */
export const fail = (status: number, message: string, additional = ""): never => {
  throw new AppfiguresApiError(status, errorBody(status, message, additional));
};
/** Throws an RFC 6749 §5.2 error answer. */
export const oauth2Fail = (status: number, error: string, description: string): never => {
  throw new AppfiguresApiError(status, { error, error_description: description });
};
