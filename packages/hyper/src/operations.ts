/** The generated operation table of each surface, and all four keyed by surface. */
import { operations as paymentOperations } from "./generated/payment/index.js";
import { operations as resellerOperations } from "./generated/reseller/index.js";
import { operations as storefrontOperations } from "./generated/storefront/index.js";
import { operations as supplierOperations } from "./generated/supplier/index.js";

export { paymentOperations, resellerOperations, storefrontOperations, supplierOperations };

/** Every surface's operation table (`operations.reseller["POST /Order/create"]`, …). */
export const operations = {
  reseller: resellerOperations,
  storefront: storefrontOperations,
  payment: paymentOperations,
  supplier: supplierOperations,
} as const;
