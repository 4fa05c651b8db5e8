/**
 * SGate's pay-in error catalogue as a typed error. A failure is HTTP 4xx/5xx with `{ code, message, data }`;
 * the only documented code is `notAllowed` ("No access"), whose `data` is `["signature error", {the six signed
 * values}]`. Other codes exist but are undocumented, so `code` is an open union.
 */
import { type FailureInfo, ProviderError, type ProviderErrorInit } from "@keyway/auth";

/** Codes SGate documents. */
export type SgateKnownCode = "notAllowed";

/** An SGate error code: a documented one, or any other string the gateway sends (or `HTTP_<status>` without a body). */
export type SgateErrorCode = SgateKnownCode | (string & {});

/** The six values SGate signed, as it echoes them in a `notAllowed` answer. */
export interface SgateSignedValues {
  readonly uri?: string;
  readonly key?: string;
  readonly timestamp?: number | string;
  readonly signMethod?: string;
  readonly signVersion?: string;
  readonly method?: string;
}

/** The facts an {@link SgateError} is built from. */
export interface SgateErrorInit extends Omit<ProviderErrorInit, "code"> {
  readonly code: SgateErrorCode;
  /** The body's `data` (details; the echoed signed values for a signature error). */
  readonly data: unknown;
}

/**
 * SGate answered with a failure. Returned in `error` (never thrown unless you `unwrap`). `status` is the HTTP
 * status, `code` SGate's code (e.g. `notAllowed`), `data` its details, `operation` the operationId.
 */
export class SgateError extends ProviderError<SgateErrorCode> {
  override name = "SgateError";
  /** The `data` of SGate's error body. */
  readonly data: unknown;
  constructor(init: SgateErrorInit) {
    super(init);
    this.data = init.data;
  }

  /** True for SGate's authentication failure (`notAllowed`): bad key, secret, method name or clock. */
  get isAuthError(): boolean {
    return this.code === "notAllowed";
  }

  /** The reason string SGate put first in `data` (e.g. `signature error`), when there is one. */
  get reason(): string | undefined {
    return Array.isArray(this.data) && typeof this.data[0] === "string" ? this.data[0] : undefined;
  }

  /** The values SGate says it signed (compare them with your `onSign` canonical string), when echoed. */
  get signedValues(): SgateSignedValues | undefined {
    const v = Array.isArray(this.data) ? this.data[1] : undefined;
    return v && typeof v === "object" ? (v as SgateSignedValues) : undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Whether a parsed body is SGate's failure shape, `{ code, message, data }` with a non-empty string `code`.
 * SGate sends it with a 4xx/5xx status; a 2xx answer is the resource itself.
 */
export function isSgateFailure(body: unknown): body is { code: string; message?: unknown; data?: unknown } {
  return isObject(body) && typeof body.code === "string" && body.code.length > 0;
}

/** Builds an {@link SgateError} from a failed answer's parsed body, text or nothing (the client's `toError`). */
export function sgateErrorFrom(f: FailureInfo): SgateError {
  const b = isObject(f.body) ? f.body : undefined;
  const code = isSgateFailure(f.body) ? f.body.code : `HTTP_${f.status}`;
  const message =
    typeof b?.message === "string" && b.message
      ? b.message
      : typeof f.body === "string" && f.body
        ? f.body.slice(0, 200)
        : `SGate answered HTTP ${f.status}`;
  return new SgateError({
    status: f.status,
    code,
    message,
    data: b?.data,
    attempts: f.attempts,
    body: f.body,
    method: f.method,
    url: f.url,
    operation: f.row.operationId,
  });
}
