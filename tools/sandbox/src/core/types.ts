/**
 * The types every provider sandbox implements and the registry consumes. They live apart from the registry so
 * provider folders import only `core/*` modules and nothing imports in a circle.
 * @module
 */
import type { FaultController } from "./faults.js";
import type { FetchApp } from "./serve.js";

/** Options every provider's `create` receives. */
export interface ProviderCreateOptions {
  /** Sandbox clock in epoch ms (default `Date.now`). */
  now?: (() => number) | undefined;
  /** Directory holding `<provider>/openapi.yaml` (default: found by `loadSpec`). */
  specsDir?: string | undefined;
}

/** A created (not yet served) provider sandbox. */
export interface ProviderSandbox {
  /** Provider name. */
  readonly name: string;
  /** Real base path (e.g. `/v1`). */
  readonly basePath: string;
  /** The Hono app to serve (full paths, base path included). */
  readonly app: FetchApp;
  /** The provider's fault queue. */
  readonly faults: FaultController;
  /** Clears faults and in-memory state. */
  reset(): void;
}

/**
 * One provider of the sandbox: its name, real base path and factory. Each provider folder exports one
 * (`hiobuyProvider`, `sgateProvider`, …); `src/providers.ts` lists the built-in ones.
 */
export interface ProviderDefinition<
  Name extends string = string,
  S extends ProviderSandbox = ProviderSandbox,
  O extends ProviderCreateOptions = ProviderCreateOptions,
> {
  /** Provider name (`hiobuy`, `sgate`, `hishopping`, …), also the folder under `specs/`. */
  readonly name: Name;
  /** Real base path the provider is served at. */
  readonly basePath: string;
  /** Builds a fresh sandbox (fresh state, fresh fault queue). */
  create(options: O): Promise<S>;
}
