export {
  KeywayConfigError,
  KeywayError,
  KeywayNetworkError,
  KeywayTimeoutError,
  KeywayUnknownOutcomeError,
  unwrap,
} from "@keyway/auth";
export {
  createHiobuyClient,
  HIOBUY_BASE_URL,
  type HiobuyClient,
  type HiobuyClientOptions,
} from "./client.js";
export {
  HiobuyError,
  type HiobuyErrorCategory,
  type HiobuyErrorCode,
  hiobuyErrorFrom,
  isBusinessFailure,
} from "./errors.js";
export type { components, OperationId, paths } from "./generated/index.js";
export { operations } from "./generated/index.js";
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
