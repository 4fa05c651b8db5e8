/**
 * The errors of a call that ended without a usable answer. One builder for the transport (an attempt got no
 * answer and no retry is left) and the client wrapper (the body broke off or never came, or an earlier
 * attempt was lost and the last one failed): a create that may have reached the server always ends with a
 * {@link KeywayUnknownOutcomeError} that says how to settle it.
 */
import {
  KeywayNetworkError,
  KeywayResponseError,
  KeywayTimeoutError,
  KeywayUnknownOutcomeError,
} from "./errors.js";
import type { CallParams, OperationRow } from "./types.js";

/** What the caller of a create is told when its outcome is unknown. */
export interface UnknownOutcomeInfo {
  readonly hint: string;
  readonly message?: string;
  readonly details?: Record<string, unknown>;
}

/** What a provider's `unknownOutcome` is told of the lost call. */
export interface UnknownOutcomeCall {
  readonly row: OperationRow;
  readonly body: unknown;
  readonly params: CallParams | undefined;
  readonly sentAt: number;
}

/** How a call ended without a usable answer. */
export type NoAnswer =
  /** The per-attempt deadline passed, before the headers or during the body. */
  | "timeout"
  /** The connection failed or was reset before an answer. */
  | "network"
  /** The connection was refused or the host not found: nothing reached the server. */
  | "not-sent"
  /** The caller's signal fired. */
  | "aborted"
  /** The answer's body broke off. */
  | "cut"
  /** A 2xx without the body the spec promises (empty, 204, not JSON, `null`). */
  | "unreadable"
  /** An earlier attempt got no answer and the last one answered with a failure. */
  | "failed-after-lost";

/** The facts of the call the builder needs (a subset of the transport's CallState). */
export interface LostCall {
  readonly row: OperationRow;
  readonly params: CallParams | undefined;
  readonly bodyValue: unknown;
  readonly attempts: number;
  readonly sentAt: number;
  readonly url: string;
}

/** The client settings the builder needs. */
export interface OutcomeConfig {
  readonly timeoutMs: number | undefined;
  readonly unknownOutcome: ((info: UnknownOutcomeCall) => UnknownOutcomeInfo | undefined) | undefined;
  readonly redactUrl: (url: string) => string;
}

/** The call's idempotency key for a `key:<field>` operation: a non-empty string or a number, else undefined. */
export function idempotencyKey(
  row: OperationRow,
  body: unknown,
): { field: string; value: string | number } | undefined {
  if (!row.retry.startsWith("key:")) return undefined;
  const field = row.retry.slice(4);
  const value = body && typeof body === "object" ? (body as Record<string, unknown>)[field] : undefined;
  return (typeof value === "string" && value.length > 0) || typeof value === "number"
    ? { field, value }
    : undefined;
}

function what(kind: NoAnswer, config: OutcomeConfig, status: number | undefined): string {
  switch (kind) {
    case "timeout":
      return `no answer within ${config.timeoutMs} ms`;
    case "aborted":
      return "the caller aborted after the request was sent";
    case "cut":
      return "the answer broke off before its body was complete";
    case "unreadable":
      return `answered ${status} without a readable JSON body`;
    case "failed-after-lost":
      return `an earlier attempt got no answer, and the last one answered ${status}`;
    default:
      return "no answer (connection failed)";
  }
}

/**
 * The error a call ends with when it got no usable answer. A create (`never` or `key:`) that may have reached
 * the server gets a {@link KeywayUnknownOutcomeError} carrying the provider's hint, or the idempotency key to
 * resend with; a caller's abort before anything was sent rejects with the caller's reason; otherwise a
 * {@link KeywayTimeoutError}, {@link KeywayNetworkError} or {@link KeywayResponseError}.
 * @param status the last answer's status, for `unreadable` and `failed-after-lost`.
 */
export function noAnswerError(
  config: OutcomeConfig,
  call: LostCall,
  kind: NoAnswer,
  cause: unknown,
  status?: number,
): unknown {
  const { row } = call;
  const where = `${row.method} ${row.path} (${row.operationId})`;
  const origin = { method: row.method, url: config.redactUrl(call.url), operation: row.operationId };
  const create = row.retry !== "safe";
  if (kind === "aborted" && (!create || call.attempts === 0)) return cause;
  if (create && kind !== "not-sent") {
    const key = idempotencyKey(row, call.bodyValue);
    const info =
      config.unknownOutcome?.({ row, body: call.bodyValue, params: call.params, sentAt: call.sentAt }) ??
      (key
        ? {
            hint: `Send it again with the same ${key.field} (${key.value}): the provider deduplicates on it.`,
            details: { [key.field]: key.value },
          }
        : undefined);
    const reason = what(kind, config, status);
    return new KeywayUnknownOutcomeError(
      info?.message
        ? `${info.message} (${reason})`
        : `${where}: ${reason}; the request may have taken effect.${key ? "" : " Do not resend blindly."}`,
      {
        ...origin,
        sentAt: call.sentAt,
        hint: info?.hint ?? "Query the resource to find out whether it was created before trying again.",
        details: info?.details ?? {},
      },
      { cause: cause === undefined || typeof cause === "symbol" ? undefined : cause },
    );
  }
  if (kind === "timeout") {
    return new KeywayTimeoutError(
      `${where}: no answer within ${config.timeoutMs} ms after ${call.attempts} attempt(s)`,
      { ...origin, timeoutMs: config.timeoutMs ?? 0, attempts: call.attempts },
    );
  }
  if (kind === "unreadable") {
    return new KeywayResponseError(`${where}: ${what(kind, config, status)}`, origin, { cause });
  }
  const detail = kind === "cut" ? what(kind, config, status) : ((cause as Error)?.message ?? String(cause));
  return new KeywayNetworkError(
    `${where}: network error after ${call.attempts} attempt(s): ${detail}`,
    { ...origin, attempts: call.attempts },
    { cause },
  );
}
