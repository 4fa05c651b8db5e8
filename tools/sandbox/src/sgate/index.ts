/**
 * SGate pay-in v1 sandbox: `createSgateSandbox()` and the registry definition `sgateProvider`.
 * See the `## SGate` section of tools/sandbox/README.md for the key grammar and scenarios.
 */
import type { ProviderDefinition } from "../core/registry.js";
import { createSgateSandbox, SGATE_BASE_PATH } from "./app.js";

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
export { type NotificationAttempt, notificationUrl } from "./notifier.js";
export { SgateApiError, TEST_CARD, TEST_STCPAY } from "./state.js";

/** The SGate entry of the sandbox registry. */
export const sgateProvider: ProviderDefinition = {
  name: "sgate",
  basePath: SGATE_BASE_PATH,
  create: (options) => createSgateSandbox(options),
};
