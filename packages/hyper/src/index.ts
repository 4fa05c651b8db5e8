/**
 * @keyway/hyper: typed clients for the four surfaces of the Hyper Teknoloji white-label E-PIN platform
 * (Reseller and Storefront with JWT sessions, Payment and Supplier with the `ApiKey` header), `HyperError`, and
 * the delivery / product-update callback handlers.
 *
 * The index has the five blocks every provider package has, in the same order. Hyper has four surfaces, so
 * block 2 has four factories (no `createHyperClient`) and block 4 the generated types of each surface, with
 * `operations` keyed by surface.
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
  createPaymentClient,
  createResellerClient,
  createStorefrontClient,
  createSupplierClient,
  HYPER_BASE_URL,
  type HyperApiKeyOptions,
  type HyperBaseOptions,
  type HyperCredentials,
  type HyperJwtOptions,
  type Middleware,
  type MiddlewareCallbackParams,
  type PaymentClient,
  type PaymentClientOptions,
  type ResellerClient,
  type ResellerClientOptions,
  type StorefrontClient,
  type StorefrontClientOptions,
  type SupplierClient,
  type SupplierClientOptions,
} from "./client.js";
// 3. The provider's errors
export {
  HyperError,
  type HyperErrorCode,
  type HyperErrorInit,
  type HyperFailedLine,
  type HyperKnownCode,
  hyperErrorFrom,
  isHyperFailure,
} from "./errors.js";
// 4. Generated types and operation table (one spec per surface)
export type {
  components as PaymentComponents,
  OperationId as PaymentOperationId,
  paths as PaymentPaths,
} from "./generated/payment/index.js";
export type {
  components as ResellerComponents,
  OperationId as ResellerOperationId,
  paths as ResellerPaths,
  webhooks as ResellerWebhooks,
} from "./generated/reseller/index.js";
export type {
  components as StorefrontComponents,
  OperationId as StorefrontOperationId,
  paths as StorefrontPaths,
} from "./generated/storefront/index.js";
export type {
  components as SupplierComponents,
  OperationId as SupplierOperationId,
  paths as SupplierPaths,
  webhooks as SupplierWebhooks,
} from "./generated/supplier/index.js";
export {
  operations,
  paymentOperations,
  resellerOperations,
  storefrontOperations,
  supplierOperations,
} from "./operations.js";
// 5. Hyper only: the callback handlers
export {
  createDeliveryCallbackHandler,
  createProductUpdateHandler,
  type HyperCallbackHandlerOptions,
  type HyperCallbackStore,
  type HyperDelivery,
  type HyperDeliveryCallbackBody,
  type HyperDeliveryHandlerOptions,
  type HyperDeliveryStatus,
  type HyperProductUpdate,
  type HyperProductUpdateHandlerOptions,
  memoryCallbackStore,
  parseDeliveryCallback,
} from "./webhooks.js";
