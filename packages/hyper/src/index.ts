/**
 * @keyway/hyper: typed clients for the four surfaces of the Hyper Teknoloji white-label E-PIN platform
 * (Reseller and Storefront with JWT sessions, Payment and Supplier with the `ApiKey` header), `HyperError`, and
 * the delivery / product-update callback handlers.
 */
export { unwrap } from "@keyway/auth";
export {
  createPaymentClient,
  createResellerClient,
  createStorefrontClient,
  createSupplierClient,
  HYPER_DOCS_HOST,
  type HyperApiKeyOptions,
  type HyperBaseOptions,
  type HyperCredentials,
  type HyperJwtOptions,
  type PaymentClient,
  type PaymentClientOptions,
  type ResellerClient,
  type ResellerClientOptions,
  type StorefrontClient,
  type StorefrontClientOptions,
  type SupplierClient,
  type SupplierClientOptions,
} from "./client.js";
export {
  HyperError,
  type HyperErrorCode,
  type HyperErrorInit,
  type HyperFailedLine,
  type HyperKnownCode,
  hyperErrorFrom,
  isFailureEnvelope,
} from "./errors.js";
export type {
  components as PaymentComponents,
  OperationId as PaymentOperationId,
  paths as PaymentPaths,
} from "./generated/payment/index.js";
export { operations as paymentOperations } from "./generated/payment/index.js";
export type {
  components as ResellerComponents,
  OperationId as ResellerOperationId,
  paths as ResellerPaths,
  webhooks as ResellerWebhooks,
} from "./generated/reseller/index.js";
export { operations as resellerOperations } from "./generated/reseller/index.js";
export type {
  components as StorefrontComponents,
  OperationId as StorefrontOperationId,
  paths as StorefrontPaths,
} from "./generated/storefront/index.js";
export { operations as storefrontOperations } from "./generated/storefront/index.js";
export type {
  components as SupplierComponents,
  OperationId as SupplierOperationId,
  paths as SupplierPaths,
  webhooks as SupplierWebhooks,
} from "./generated/supplier/index.js";
export { operations as supplierOperations } from "./generated/supplier/index.js";
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
