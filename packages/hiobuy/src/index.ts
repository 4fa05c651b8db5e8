/**
 * @keyway/hiobuy: typed client for the HIOBuy Gateway public API (1688 / Taobao / Weidian sourcing), Bearer-signed.
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
  createHiobuyClient,
  HIOBUY_BASE_URL,
  type HiobuyClient,
  type HiobuyClientOptions,
  type Middleware,
  type MiddlewareCallbackParams,
} from "./client.js";
// 3. The provider's errors
export {
  HiobuyError,
  type HiobuyErrorCategory,
  type HiobuyErrorCode,
  hiobuyErrorFrom,
  isHiobuyFailure,
} from "./errors.js";
// 4. Generated types and operation table
export type { components, OperationId, paths } from "./generated/index.js";
export { operations } from "./generated/index.js";
// 5. HIOBuy only: money, quota, upstream passthrough
export {
  type FormatFenOptions,
  fenToYuan,
  formatFen,
  type YuanRounding,
  type YuanToFenOptions,
  yuanToFen,
} from "./money.js";
export { type GetQuotaOptions, getQuota, type HiobuyQuota } from "./quota.js";
export { isUpstream, type Standard, type UpstreamResponse } from "./upstream.js";
