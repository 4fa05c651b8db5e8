/**
 * The pieces every scheme is built from, so the seven schemes share one skeleton (docs/architecture.md,
 * "Scheme"): {@link checkSecret} and {@link resolveSecret} read a `Secret` option, {@link emitSign} sends the
 * debug event; printing goes through `opaque()` (redact.ts), with `satisfies Scheme`.
 */
import { KeywayAuthError, KeywayConfigError } from "./errors.js";
import { readSecret, type Secret, type SignContext, type SignDebugEvent } from "./types.js";

/** Which option a secret came from, for the errors {@link checkSecret} and {@link resolveSecret} raise. */
export interface SecretOption {
  /** The scheme, as error messages name it before the option: `SGate key is empty`, `the bearer token source failed`. */
  readonly scheme: string;
  /** The option's name, e.g. `token`, `secretKey`, `consumer secret`. */
  readonly option: string;
  /** The operation being signed, when there is one. */
  readonly operation?: string | undefined;
  /** Accept an empty string (e.g. an OAuth 1.0a token secret). Default false. */
  readonly allowEmpty?: boolean | undefined;
}

/**
 * Checks a secret's value: a string, and not empty unless `allowEmpty`. Factories call it on a static secret,
 * so a bad one fails before any call; {@link resolveSecret} calls it on every value a function returns.
 * @throws KeywayConfigError naming the scheme and the option (never the value).
 */
export function checkSecret(value: unknown, from: SecretOption): string {
  if (typeof value !== "string") {
    throw new KeywayConfigError(`${from.scheme} ${from.option} is not a string`, {
      operation: from.operation,
    });
  }
  if (value.length === 0 && !from.allowEmpty) {
    throw new KeywayConfigError(`${from.scheme} ${from.option} is empty`, { operation: from.operation });
  }
  return value;
}

/**
 * Reads a `Secret` (a string, or a function read per request so it can rotate) and checks its value with
 * {@link checkSecret}.
 * @throws KeywayAuthError when the function throws or rejects (the cause is kept); KeywayConfigError for a
 *   value that is not a string, or empty.
 */
export async function resolveSecret(secret: Secret, from: SecretOption): Promise<string> {
  let value: unknown;
  try {
    value = await readSecret(secret);
  } catch (err) {
    throw new KeywayAuthError(
      `the ${from.scheme} ${from.option} source failed`,
      { operation: from.operation },
      { cause: err },
    );
  }
  return checkSecret(value, from);
}

/** What a scheme tells {@link emitSign} of one attempt: headers it adds, and its canonical string or URL. */
export type SignDebugDetails = Omit<SignDebugEvent, "scheme" | "operationId" | "attempt">;

/**
 * Sends the debug event of one attempt to `ctx.debug`, when there is a hook: the scheme's name, the operation
 * and attempt from `ctx`, and `details` (which must already have every secret replaced by `[redacted]`).
 */
export function emitSign(ctx: SignContext, scheme: string, details: SignDebugDetails): void {
  ctx.debug?.({ scheme, operationId: ctx.row.operationId, attempt: ctx.attempt, ...details });
}
