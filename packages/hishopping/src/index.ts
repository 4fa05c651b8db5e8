/**
 * @keyway/hishopping: typed client for the HiShopping B-End API (AES-256-GCM payloads in HMAC-SHA256-signed
 * envelopes, verified responses).
 *
 * ```ts
 * import { createHishoppingClient } from "@keyway/hishopping";
 * const hs = createHishoppingClient({ appId, secretKey, signKey });
 * const { data, error } = await hs.GET("/products", { params: { query: { page: 1 } } });
 * ```
 */

export {
  KeywayConfigError,
  KeywayError,
  KeywayNetworkError,
  KeywayTimeoutError,
  KeywayUnknownOutcomeError,
  SignatureVerificationError,
  unwrap,
} from "@keyway/auth";
export {
  type HishoppingDataEncoding,
  ResponseDecryptionError,
  ResponseSignatureError,
} from "@keyway/auth/hishopping";
export {
  createHishoppingClient,
  HISHOPPING_BASE_URL,
  type HishoppingClient,
  type HishoppingClientOptions,
  withIdempotencyKeys,
} from "./client.js";
export {
  HISHOPPING_CODES,
  HishoppingError,
  type HishoppingErrorCode,
  type HishoppingKnownCode,
  hishoppingErrorFrom,
  isHishoppingFailure,
} from "./errors.js";
export type { components, OperationId, paths } from "./generated/index.js";
export { operations } from "./generated/index.js";
