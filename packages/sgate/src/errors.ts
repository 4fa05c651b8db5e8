/**
 * SGate's pay-in error catalogue as a typed error. A failure is HTTP 4xx/5xx with `{ code, message, data }`;
 * the only documented code is `notAllowed` ("No access"), whose `data` is `["signature error", {the six signed
 * values}]`. Other codes exist but are undocumented, so `code` is an open union.
 */
import { ProviderError, type ProviderErrorInit } from "@keyway/auth";

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

/** Builds an {@link SgateError} from a failed answer's parsed body (or text, or nothing). */
export function toSgateError(f: {
  status: number;
  body: unknown;
  attempts: number;
  method: string;
  url: string;
  operation: string;
}): SgateError {
  const b = f.body && typeof f.body === "object" ? (f.body as Record<string, unknown>) : undefined;
  const code = typeof b?.code === "string" && b.code ? b.code : `HTTP_${f.status}`;
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
    operation: f.operation,
  });
}
