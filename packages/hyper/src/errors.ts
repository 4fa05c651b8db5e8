/**
 * The Hyper platform's failures as one typed error. Every surface answers `{ success, message, errorCode,
 * data }`; a failure is a non-2xx status with that envelope, or HTTP 200 with `success: false` (Create Order
 * when a basket line cannot be ordered: `data.items` lists the lines and no order exists). Callers branch on
 * `errorCode`; the only code the provider documents is `-23` (bad ApiKey), so `code` is an open union.
 */
import { type FailureInfo, ProviderError, type ProviderErrorInit } from "@keyway/auth";

/** Codes the provider documents: `-23`, the ApiKey is missing, malformed, revoked or from another tenant. */
export type HyperKnownCode = "-23";

/**
 * A Hyper error code as text: the envelope's `errorCode` (`"-23"`), or `HTTP_<status>` when the answer had
 * none. Open union: the full catalogue is not public.
 */
export type HyperErrorCode = HyperKnownCode | (string & {});

/** A basket line Create Order could not order (`data.items` of a `success: false` answer). */
export interface HyperFailedLine {
  /** Your `deliverID` of the line, when echoed. */
  readonly deliverID: string | null | undefined;
  /** The product reference of the line, when echoed. */
  readonly customerStoreProductID: number | null | undefined;
  /** Why the line cannot be ordered (out of stock, price changed, …). */
  readonly message: string | null | undefined;
  /** The line as the platform sent it. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** The facts a {@link HyperError} is built from. */
export interface HyperErrorInit extends Omit<ProviderErrorInit, "code"> {
  readonly code: HyperErrorCode;
  /** The envelope's `errorCode` as sent (number, string or null). */
  readonly errorCode: number | string | null;
  /** The envelope's `data`. */
  readonly data: unknown;
  /** Create Order's failing lines (empty for other failures). */
  readonly lines?: readonly HyperFailedLine[];
}

/**
 * Hyper answered with a failure. Returned in `error` (never thrown, unless you `unwrap`). `status` is the
 * HTTP status (200 for a `success: false` envelope), `code` the envelope's `errorCode` as text, `errorCode`
 * the value as sent, `lines` the per-line reasons of a refused Create Order.
 */
export class HyperError extends ProviderError<HyperErrorCode> {
  override name = "HyperError";
  /** The envelope's `errorCode` as sent (e.g. the number -23), or null. */
  readonly errorCode: number | string | null;
  /** The envelope's `data` (details; Create Order puts the failing lines in `data.items`). */
  readonly data: unknown;
  /** The basket lines a Create Order could not order, with their reasons (no order was created). */
  readonly lines: readonly HyperFailedLine[];
  constructor(init: HyperErrorInit) {
    super(init);
    this.errorCode = init.errorCode;
    this.data = init.data;
    this.lines = Object.freeze([...(init.lines ?? [])]);
  }

  /** True when the credentials were refused: a 401, or `-23` (ApiKey missing, revoked or from another tenant). */
  get isAuthError(): boolean {
    return this.status === 401 || this.code === "-23";
  }

  /** True for a 200 answer with `success: false` (a business outcome, e.g. a basket line out of stock). */
  get businessFailure(): boolean {
    return this.status >= 200 && this.status < 300;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);

/** Reads a field whatever its first letter's case (answers are camelCase, the docs' samples PascalCase). */
export function field(obj: Json, name: string): unknown {
  if (name in obj) return obj[name];
  const other = name[0] === name[0]!.toUpperCase() ? name[0]!.toLowerCase() : name[0]!.toUpperCase();
  return obj[other + name.slice(1)];
}

/** Whether a 2xx body is a failure envelope (`success: false`): such an answer resolves with a {@link HyperError}. */
export function isHyperFailure(body: unknown): boolean {
  return isObject(body) && field(body, "success") === false;
}

function failedLines(data: unknown): HyperFailedLine[] {
  const items = isObject(data) ? field(data, "items") : undefined;
  if (!Array.isArray(items)) return [];
  return items.filter(isObject).map((raw) => {
    const deliverID = field(raw, "deliverID");
    const product = field(raw, "customerStoreProductID");
    const message = field(raw, "message") ?? field(raw, "reason");
    return {
      deliverID: typeof deliverID === "string" ? deliverID : deliverID === null ? null : undefined,
      customerStoreProductID: typeof product === "number" ? product : product === null ? null : undefined,
      message: typeof message === "string" ? message : message === null ? null : undefined,
      raw,
    };
  });
}

/** Builds a {@link HyperError} from any failed answer (the clients' `toError`). */
export function hyperErrorFrom(f: FailureInfo): HyperError {
  const body = f.body;
  const env = isObject(body) ? body : {};
  const raw = field(env, "errorCode");
  const errorCode = typeof raw === "number" || typeof raw === "string" ? raw : null;
  const code = errorCode !== null && String(errorCode).length > 0 ? String(errorCode) : `HTTP_${f.status}`;
  const message =
    text(field(env, "message")) ??
    (typeof body === "string" && body.length < 300 ? body : undefined) ??
    `Hyper answered ${f.status} to ${f.row.operationId}`;
  const data = field(env, "data");
  return new HyperError({
    status: f.status,
    code,
    errorCode,
    message,
    data,
    lines: failedLines(data),
    requestId:
      f.response.headers.get("x-request-id") ?? f.response.headers.get("x-correlation-id") ?? undefined,
    attempts: f.attempts,
    body,
    method: f.method,
    url: f.url,
    operation: f.row.operationId,
  });
}
