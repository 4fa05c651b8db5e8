/**
 * HiShopping's failures as one typed error class. Every envelope answer is HTTP 200 and `code` is the source
 * of truth (docs/providers/hishopping.md, "Answers"): a non-zero `code` — signed business failures and unsigned pre-authentication
 * failures alike — becomes a {@link HishoppingError}. A non-JSON non-2xx (a proxy's 502) becomes one too,
 * with code `HTTP_<status>`.
 */
import { type FailureInfo, ProviderError, type ProviderErrorInit } from "@keyway/auth";
import type { components } from "./generated/index.js";

/** Rejections of an answer that cannot be trusted (bad signature; undecryptable data), from `@keyway/auth`. */
export { ResponseDecryptionError, ResponseSignatureError } from "@keyway/auth";

/** The catalogue's failure codes as strings (`"1001"` … `"5001"`), from the spec's `ErrorCode` enum. */
export type HishoppingKnownCode = `${Exclude<components["schemas"]["ErrorCode"], 0>}`;
/** A failure code: the catalogue's, `HTTP_<status>` for a non-envelope answer, or any code added later. */
export type HishoppingErrorCode = HishoppingKnownCode | (string & {});

/** What each catalogue code means (the provider's table). */
export const HISHOPPING_CODES: Readonly<Record<HishoppingKnownCode, string>> = Object.freeze({
  "1001": "Invalid signature",
  "1002": "App not found",
  "1003": "App disabled",
  "1004": "Missing auth header",
  "1005": "Invalid timestamp",
  "1006": "Decryption failed",
  "2001": "Insufficient credit",
  "2002": "Duplicate order",
  "3001": "Product not found",
  "3002": "Product out of stock",
  "4001": "Invalid parameters",
  "5001": "Internal server error",
});

/** Pre-authentication codes (1001–1006): the server answered in plaintext, before it trusted the request. */
const PRE_AUTH = /^100[1-6]$/;

/** What {@link HishoppingError} adds to the shared provider error. */
export interface HishoppingErrorInit extends ProviderErrorInit {
  readonly code: HishoppingErrorCode;
}

/**
 * HiShopping answered with a failure. Returned in `error` (never thrown, unless you `unwrap`). Branch on
 * `code` (a string such as `"2001"`); `numericCode` has it as a number.
 */
export class HishoppingError extends ProviderError<HishoppingErrorCode> {
  override name = "HishoppingError";
  /** The code as a number, or undefined for `HTTP_<status>` codes. */
  get numericCode(): number | undefined {
    return /^\d+$/.test(this.code) ? Number(this.code) : undefined;
  }
  /** Whether the request was refused before authentication (1001–1006: credentials, clock, encryption). */
  get preAuth(): boolean {
    return PRE_AUTH.test(this.code);
  }
  /** Whether trying again later may succeed (5001 and 5xx). */
  get transient(): boolean {
    return this.code === "5001" || this.status >= 500;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether an opened 2xx body is a failure envelope (`code` ≠ 0). */
export function isHishoppingFailure(body: unknown): boolean {
  return !isObject(body) || body.code !== 0;
}

/** Builds a {@link HishoppingError} from a failed answer (the client's `toError`). */
export function hishoppingErrorFrom(f: FailureInfo): HishoppingError {
  const body = f.body;
  const code =
    isObject(body) && typeof body.code === "number" && Number.isInteger(body.code)
      ? String(body.code)
      : `HTTP_${f.status}`;
  const given =
    isObject(body) && typeof body.message === "string" && body.message.length > 0 ? body.message : undefined;
  const message =
    given ??
    HISHOPPING_CODES[code as HishoppingKnownCode] ??
    (typeof body === "string" && body.length > 0 && body.length < 300 ? body : undefined) ??
    `HiShopping answered ${f.status} to ${f.row.operationId}`;
  return new HishoppingError({
    status: f.status,
    code,
    message,
    attempts: f.attempts,
    body,
    method: f.method,
    url: f.url,
    operation: f.row.operationId,
  });
}
