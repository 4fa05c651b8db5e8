/**
 * @keyway/sandbox: loopback servers that behave like each Keyway provider, for the demo, the integration tests
 * and your own tests.
 *
 * ```ts
 * import { startSandbox } from "@keyway/sandbox";
 * const sandbox = await startSandbox({ providers: ["hiobuy"] }); // free ports on 127.0.0.1
 * sandbox.urls.hiobuy;                                          // "http://127.0.0.1:40123/v1"
 * sandbox.providers.hiobuy.faults.inject({ kind: "status", status: 429, retryAfter: 1 });
 * await sandbox.close();
 * ```
 * @module
 */
export {
  APPFIGURES_BASE_PATH,
  type AppfiguresSandbox,
  type AppfiguresSandboxOptions,
  AppfiguresState,
  appfiguresProvider,
  createAppfiguresSandbox,
} from "./appfigures/index.js";
export * from "./core/index.js";
export {
  createHiobuySandbox,
  type HiobuySandbox,
  HiobuyState,
  hiobuyProvider,
} from "./hiobuy/index.js";
export {
  createHishoppingSandbox,
  HISHOPPING_SANDBOX_APPS,
  type HishoppingSandbox,
  type HishoppingSandboxApp,
  type HishoppingSandboxOptions,
  HishoppingState,
  hishoppingProvider,
} from "./hishopping/index.js";
export {
  createHyperSandbox,
  HYPER_BASE_PATH,
  type HyperSandbox,
  type HyperSandboxOptions,
  hyperProvider,
} from "./hyper/index.js";
export {
  type AnyProviderDefinition,
  builtinProviders,
  type OptionsOf,
  type ProviderName,
  type SandboxOf,
  type SandboxProviders,
} from "./providers.js";
export {
  createSgateSandbox,
  type SgateSandbox,
  type SgateSandboxOptions,
  SgateState,
  sgateProvider,
} from "./sgate/index.js";
export {
  getProvider,
  listProviders,
  type RunningProvider,
  type RunningSandbox,
  registerProvider,
  type StartSandboxOptions,
  startSandbox,
  UnknownProviderError,
} from "./start.js";
