/**
 * HiShopping B-End sandbox (`/api/v1`): `createHishoppingSandbox()` and its registry definition
 * `hishoppingProvider`. See the README's "HiShopping" section.
 * @module
 */
import type { ProviderDefinition } from "../core/types.js";
import {
  createHishoppingSandbox,
  HISHOPPING_BASE_PATH,
  type HishoppingSandbox,
  type HishoppingSandboxOptions,
} from "./app.js";

export {
  createHishoppingSandbox,
  HISHOPPING_BASE_PATH,
  type HishoppingSandbox,
  type HishoppingSandboxOptions,
} from "./app.js";
export { HISHOPPING_SANDBOX_APPS, type HishoppingSandboxApp } from "./apps.js";
export { HishoppingPlainError } from "./errors.js";
export * as hishoppingProtocol from "./protocol.js";
export { CREDIT_LIMIT_CENTS, FEE_CENTS, HishoppingState, type Outcome } from "./state.js";

/** The HiShopping entry of the sandbox registry. */
export const hishoppingProvider: ProviderDefinition<
  "hishopping",
  HishoppingSandbox,
  HishoppingSandboxOptions
> = {
  name: "hishopping",
  basePath: HISHOPPING_BASE_PATH,
  create: createHishoppingSandbox,
};
