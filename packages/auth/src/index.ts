/**
 * `@keyway/auth`: the public API for building a Keyway client. Every export is named here on purpose;
 * test/exports.test.ts pins the list. Schemes have their own entry points (`@keyway/auth/bearer`, …).
 * What Keyway's own provider packages share but users should not rely on is in `@keyway/auth/internal`.
 */

export { createKeywayClient } from "./core/client.js";
// Client factory and its types
export {
  commonOptions,
  type FailureInfo,
  type HttpMethod,
  type InitParam,
  type KeywayClient,
  type KeywayClientConfig,
  type KeywayClientInfo,
  type KeywayCommonOptions,
  type KeywayMethod,
  type OperationOf,
  type PathsWithMethod,
  type WithProviderError,
} from "./core/client-api.js";
// Errors (docs/architecture.md, "Errors")
export {
  type ErrorOrigin,
  HishoppingDecryptError,
  KeywayAuthError,
  KeywayConfigError,
  KeywayError,
  KeywayNetworkError,
  KeywayResponseError,
  type KeywayResult,
  KeywayTimeoutError,
  KeywayUnknownOutcomeError,
  ProviderError,
  type ProviderErrorInit,
  ResponseDecryptionError,
  ResponseReplayError,
  ResponseSignatureError,
  SignatureVerificationError,
  unwrap,
} from "./core/errors.js";
// Hooks (`client.use()`), openapi-fetch's shapes
export type {
  Middleware,
  MiddlewareCallbackParams,
  MiddlewareOnError,
  MiddlewareOnRequest,
  MiddlewareOnResponse,
} from "./core/hooks.js";
// Transport and outcome types
export type { NoAnswer, UnknownOutcomeCall, UnknownOutcomeInfo } from "./core/outcome.js";
// Redaction for logs and errors
export {
  redactAuthorization,
  redactHeaders,
  redactQueryParams,
  redactUrl,
  SECRET_HEADERS,
  SECRET_QUERY_PARAMS,
} from "./core/redact.js";
// Retry policy
export { DEFAULT_RETRY, type RetryPolicy } from "./core/retry.js";
export type { InnerFetch } from "./core/transport.js";
// The scheme contract and the generated operation table
export {
  type AuthErrorDecision,
  type CallParams,
  type OperationEntry,
  type OperationRow,
  type OperationTable,
  REDACTED,
  type RequestParts,
  type RetryMode,
  readSecret,
  type Scheme,
  type Secret,
  type SignContext,
  type SignDebugEvent,
  type SignResult,
} from "./core/types.js";
