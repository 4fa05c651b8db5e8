/**
 * @keyway/sgate: typed client for SGate pay-in v1 (x-auth HMAC-SHA256), payment links and the callback handler.
 */
export { unwrap } from "@keyway/auth";
export {
  createSgateClient,
  SGATE_PRODUCTION,
  SGATE_SANDBOX,
  type SgateClient,
  type SgateClientOptions,
} from "./client.js";
export {
  SgateError,
  type SgateErrorCode,
  type SgateErrorInit,
  type SgateKnownCode,
  type SgateSignedValues,
  toSgateError,
} from "./errors.js";
export type { components, OperationId, paths, webhooks } from "./generated/index.js";
export { operations } from "./generated/index.js";
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
export {
  createSgateNotificationHandler,
  memoryNotificationStore,
  type SgateNotification,
  type SgateNotificationHandlerOptions,
  type SgateNotificationStore,
  type SgateOrder,
  type SgateRefund,
} from "./webhooks.js";
