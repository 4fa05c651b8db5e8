/**
 * @keyway/hishopping: typed client for the HiShopping B-End API (AES-256-GCM payloads in HMAC-SHA256-signed
 * envelopes, verified responses).
 *
 * ```ts
 * import { createHishoppingClient } from "@keyway/hishopping";
 * const hs = createHishoppingClient({ appId, secretKey, signKey });
 * const { data, error } = await hs.GET("/products", { params: { query: { page: 1 } } });
 * ```
 *
 * Every provider package's index exports the same blocks in the same order:
 *   1. errors shared by every Keyway client (`Keyway*Error`, `SignatureVerificationError`) and `unwrap`;
 *   2. the client: `create<Provider>Client`, `<PROVIDER>_BASE_URL` (production, the default; plus
 *      `<PROVIDER>_SANDBOX_BASE_URL` where the provider runs a public sandbox), its client and options types;
 *   3. the provider's errors: `<Provider>Error`, its code types, `<provider>ErrorFrom`, `is<Provider>Failure`;
 *   4. the generated types and operation table;
 *   5. what only this provider has.
 */

// 1. Errors shared by every Keyway client, and unwrap
export {
  KeywayAuthError,
  KeywayConfigError,
  KeywayError,
  KeywayNetworkError,
  KeywayResponseError,
  KeywayTimeoutError,
  KeywayUnknownOutcomeError,
  SignatureVerificationError,
  unwrap,
} from "@keyway/auth";
// 2. The client (and the shape of its use() hooks)
export {
  createHishoppingClient,
  HISHOPPING_BASE_URL,
  type HishoppingClient,
  type HishoppingClientOptions,
  type HishoppingDataEncoding,
  type HishoppingProtocol,
  type Middleware,
  type MiddlewareCallbackParams,
  withIdempotencyKeys,
} from "./client.js";
// 3. The provider's errors
export {
  HISHOPPING_CODES,
  HishoppingError,
  type HishoppingErrorCode,
  type HishoppingKnownCode,
  hishoppingErrorFrom,
  isHishoppingFailure,
  ResponseDecryptionError,
  ResponseSignatureError,
} from "./errors.js";
// 4. Generated types and operation table
export type { components, OperationId, paths } from "./generated/index.js";
export { operations } from "./generated/index.js";
// 5. Nothing else: HiShopping's extras (idempotency keys, data encoding) belong to the client block.
