/**
 * Hyper Teknoloji sandbox: `createHyperSandbox()` and the registry definition `hyperProvider`. Several tenants
 * on one port at `/tenants/<id>`; see the `## Hyper` section of tools/sandbox/README.md for credentials, the
 * key grammar, control routes and scenarios.
 */
import type { ProviderDefinition } from "../core/types.js";
import { createHyperSandbox, HYPER_BASE_PATH, type HyperSandbox, type HyperSandboxOptions } from "./app.js";

export type { HyperCall, HyperEnv } from "./api.js";
export {
  createHyperSandbox,
  HYPER_BASE_PATH,
  HYPER_SURFACES,
  HYPER_TENANT_PREFIX,
  type HyperSandbox,
  type HyperSandboxOptions,
  type HyperSandboxStats,
  type HyperSurface,
} from "./app.js";
export { issueToken, verifyBearer } from "./auth.js";
export { HyperSandboxError } from "./errors.js";
export type { CallbackAttempt } from "./notifier.js";
export { HYPER_TENANTS, type HyperTenantConfig, TenantState } from "./state.js";

/** The Hyper entry of the sandbox registry. */
export const hyperProvider: ProviderDefinition<"hyper", HyperSandbox, HyperSandboxOptions> = {
  name: "hyper",
  basePath: HYPER_BASE_PATH,
  create: createHyperSandbox,
};
