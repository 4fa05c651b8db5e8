/**
 * @keyway/sgate: typed client for SGate pay-in v1 (x-auth HMAC-SHA256), payment links and the callback handler.
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
  createSgateClient,
  type Middleware,
  type MiddlewareCallbackParams,
  SGATE_BASE_URL,
  SGATE_SANDBOX_BASE_URL,
  type SgateClient,
  type SgateClientOptions,
} from "./client.js";
// 3. The provider's errors
export {
  isSgateFailure,
  SgateError,
  type SgateErrorCode,
  type SgateErrorInit,
  type SgateKnownCode,
  type SgateSignedValues,
  sgateErrorFrom,
} from "./errors.js";
// 4. Generated types and operation table
export type { components, OperationId, paths, webhooks } from "./generated/index.js";
export { operations } from "./generated/index.js";
// 5. SGate only: payment links, the callback handler
export {
  type SgateCashierMethod,
  type SgateEmbedMethod,
  type SgateLinkOptions,
  type SgateLinkOrder,
  sgateCashierUrl,
  sgateEmbedLink,
  sgateMethodLink,
  sgatePaymentLink,
} from "./links.js";
export { type SgateAmount, sgateAmount, sgateAmountFromMinor } from "./money.js";
export {
  createSgateNotificationHandler,
  memoryNotificationStore,
  type SgateNotification,
  type SgateNotificationHandlerOptions,
  type SgateNotificationStore,
  type SgateOrder,
  type SgateRefund,
} from "./webhooks.js";
