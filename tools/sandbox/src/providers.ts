/**
 * The built-in providers: one {@link ProviderDefinition} per folder under `src/`. Adding a provider is one entry
 * in {@link builtinProviders} and one in {@link SandboxProviders} (see the README's "Adding a provider").
 * @module
 */
import { type AppfiguresSandbox, appfiguresProvider } from "./appfigures/index.js";
import type { ProviderDefinition, ProviderSandbox } from "./core/types.js";
import { type HiobuySandbox, hiobuyProvider } from "./hiobuy/index.js";
import { type HishoppingSandbox, hishoppingProvider } from "./hishopping/index.js";
import { type HyperSandbox, hyperProvider } from "./hyper/index.js";
import { type SgateSandbox, sgateProvider } from "./sgate/index.js";

/**
 * The sandbox type of each provider name, so `startSandbox()` returns typed `urls.<name>` and
 * `providers.<name>.state`. A provider you register yourself can be typed by augmenting this interface:
 * `declare module "@keyway/sandbox" { interface SandboxProviders { mine: ProviderSandbox } }`.
 */
export interface SandboxProviders {
  appfigures: AppfiguresSandbox;
  hiobuy: HiobuySandbox;
  hishopping: HishoppingSandbox;
  hyper: HyperSandbox;
  sgate: SgateSandbox;
}

/** A provider name the sandbox knows. */
export type ProviderName = keyof SandboxProviders & string;

/** The sandbox type of provider `P`. */
export type SandboxOf<P extends ProviderName> = SandboxProviders[P] extends ProviderSandbox
  ? SandboxProviders[P]
  : ProviderSandbox;

/** The built-in provider definitions, in start order. */
export const builtinProviders: readonly ProviderDefinition[] = [
  hiobuyProvider,
  hishoppingProvider,
  sgateProvider,
  appfiguresProvider,
  hyperProvider,
];
