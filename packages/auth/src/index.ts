export {
  commonOptions,
  createKeywayClient,
  type FailureInfo,
  type HttpMethod,
  type InitParam,
  type KeywayClient,
  type KeywayClientConfig,
  type KeywayCommonOptions,
  type KeywayMethod,
  type OperationOf,
  type PathsWithMethod,
  type WithProviderError,
} from "./core/client.js";
export * from "./core/crypto.js";
export * from "./core/errors.js";
export type { NoAnswer, UnknownOutcomeCall, UnknownOutcomeInfo } from "./core/outcome.js";
export * from "./core/redact.js";
export {
  backoffMs,
  DEFAULT_RETRY,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
} from "./core/retry.js";
export type { CallState, InnerFetch } from "./core/transport.js";
export * from "./core/types.js";
