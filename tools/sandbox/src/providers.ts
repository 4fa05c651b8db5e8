/**
 * The built-in providers: one {@link ProviderDefinition} per folder under `src/`. Adding a provider is one entry
 * in {@link builtinProviders} and one in {@link SandboxProviders} (see the README's "Adding a provider to the
 * sandbox").
 * @module
 */
import { appfiguresProvider } from "./appfigures/index.js";
import type { ProviderCreateOptions, ProviderDefinition, ProviderSandbox } from "./core/types.js";
import { hiobuyProvider } from "./hiobuy/index.js";
import { hishoppingProvider } from "./hishopping/index.js";
import { hyperProvider } from "./hyper/index.js";
import { sgateProvider } from "./sgate/index.js";

/**
 * The definition of each provider name, so `startSandbox()` returns typed `urls.<name>` and
 * `providers.<name>.state`, and takes typed `options.<name>`. A provider you register yourself is typed by
 * augmenting this interface:
 * `declare module "@keyway/sandbox" { interface SandboxProviders { mine: typeof mineProvider } }`.
 */
export interface SandboxProviders {
  appfigures: typeof appfiguresProvider;
  hiobuy: typeof hiobuyProvider;
  hishopping: typeof hishoppingProvider;
  hyper: typeof hyperProvider;
  sgate: typeof sgateProvider;
}

/** A provider name the sandbox knows. */
export type ProviderName = keyof SandboxProviders & string;

/** The sandbox type of provider `P` (e.g. `HiobuySandbox` for `"hiobuy"`). */
export type SandboxOf<P extends ProviderName> =
  SandboxProviders[P] extends ProviderDefinition<string, infer S> ? S : ProviderSandbox;

/** The options of provider `P`'s factory (e.g. `SgateSandboxOptions` for `"sgate"`). */
export type OptionsOf<P extends ProviderName> = SandboxProviders[P] extends {
  create(options: infer O): unknown;
}
  ? O
  : ProviderCreateOptions;

/** A definition with any options type (each provider takes its own). */
// biome-ignore lint/suspicious/noExplicitAny: the options parameter is contravariant; each provider has its own
export type AnyProviderDefinition = ProviderDefinition<string, ProviderSandbox, any>;

/** The built-in provider definitions, in start order. */
export const builtinProviders: readonly AnyProviderDefinition[] = [
  hiobuyProvider,
  hishoppingProvider,
  sgateProvider,
  appfiguresProvider,
  hyperProvider,
];
