/**
 * SGate pay-in v1 sandbox (`/api_v1`): `createSgateSandbox()` and its registry definition `sgateProvider`. See
 * the `## SGate` section of tools/sandbox/README.md for the key grammar and scenarios.
 * @module
 */
import type { ProviderDefinition } from "../core/types.js";
import { createSgateSandbox, SGATE_BASE_PATH, type SgateSandbox, type SgateSandboxOptions } from "./app.js";

export {
  createSgateSandbox,
  SGATE_BASE_PATH,
  type SgateSandbox,
  type SgateSandboxOptions,
  sandboxCredential,
} from "./app.js";
export {
  canonicalString,
  computeSignature,
  DOCS_CREDENTIAL,
  type SgateCredential,
  signedHeaders,
} from "./auth.js";
export { SgateApiError } from "./errors.js";
export { type NotificationAttempt, type Notifier, notificationUrl } from "./notifier.js";
export { CASHIER_METHODS, SgateState, TEST_CARD, TEST_STCPAY } from "./state.js";

/** The SGate entry of the sandbox registry. */
export const sgateProvider: ProviderDefinition<"sgate", SgateSandbox, SgateSandboxOptions> = {
  name: "sgate",
  basePath: SGATE_BASE_PATH,
  create: createSgateSandbox,
};
