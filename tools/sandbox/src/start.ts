/**
 * The provider registry and {@link startSandbox}: serves each provider on its own 127.0.0.1 port.
 * @module
 */
import { type ServedApp, serve } from "./core/serve.js";
import type { ProviderCreateOptions } from "./core/types.js";
import {
  type AnyProviderDefinition,
  builtinProviders,
  type OptionsOf,
  type ProviderName,
  type SandboxOf,
} from "./providers.js";

const registry = new Map<string, AnyProviderDefinition>(builtinProviders.map((d) => [d.name, d]));

/**
 * Registers (or replaces) a provider sandbox, e.g. a provider of your own for your tests. Type its
 * `startSandbox` result by augmenting {@link SandboxProviders}.
 */
export function registerProvider(definition: AnyProviderDefinition): void {
  registry.set(definition.name, definition);
}

/** The registered provider definitions: the built-in ones, then any registered later. */
export function listProviders(): AnyProviderDefinition[] {
  return [...registry.values()];
}

/** One registered provider, or `undefined`. */
export function getProvider(name: string): AnyProviderDefinition | undefined {
  return registry.get(name);
}

/** A provider sandbox served on its own port: the provider's sandbox (state, faults, …) plus where it listens. */
export type RunningProvider<S = SandboxOf<ProviderName>> = S & {
  /** Base URL to give a client: origin + base path, e.g. `http://127.0.0.1:43121/v1`. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`; control routes live at `<origin>/__sandbox/...`. */
  readonly origin: string;
  /** Bound port. */
  readonly port: number;
  /** Stops this provider's server. */
  close(): Promise<void>;
};

/** Options of {@link startSandbox}. */
export interface StartSandboxOptions<P extends ProviderName = ProviderName> extends ProviderCreateOptions {
  /** Providers to start (default: every registered one). */
  providers?: readonly P[] | undefined;
  /** Fixed port per provider name (default 0 = a free port). */
  ports?: Partial<Record<P, number>> | undefined;
  /**
   * Each provider's own options, e.g. `{ sgate: { notificationRetryDelaysMs: [50] }, hishopping: { apps } }`
   * (`now` and `specsDir` above apply to every provider).
   */
  options?: { [K in P]?: Omit<OptionsOf<K>, "now" | "specsDir"> } | undefined;
}

/**
 * The started providers. `P` names the providers known to be running (`startSandbox({ providers: [...] })`
 * infers it); the others are optional, so a `RunningSandbox<"hiobuy">` can be stored in a `let sandbox:
 * RunningSandbox`. Names are checked either way: `urls.hishoping` does not compile.
 */
export interface RunningSandbox<P extends ProviderName = never> {
  /** Started providers by name, each typed with its own state and helpers. */
  readonly providers: { readonly [K in P]: RunningProvider<SandboxOf<K>> } & {
    readonly [K in Exclude<ProviderName, P>]?: RunningProvider<SandboxOf<K>>;
  };
  /** Base URL (origin + base path) by provider name. */
  readonly urls: { readonly [K in P]: string } & { readonly [K in Exclude<ProviderName, P>]?: string };
  /** Clears faults and state of every provider. */
  reset(): void;
  /** Stops every server (idempotent). */
  close(): Promise<void>;
}

/** Thrown by {@link startSandbox} for a provider name that is not registered. */
export class UnknownProviderError extends Error {
  override readonly name = "UnknownProviderError";
  constructor(provider: string) {
    super(
      `unknown sandbox provider "${provider}"; registered: ${[...registry.keys()].join(", ") || "(none)"}`,
    );
  }
}

/**
 * Creates and serves each provider on its own 127.0.0.1 port at its real base path. Every call builds fresh
 * sandboxes: fresh state, fresh fault queues.
 * @throws {UnknownProviderError} for a name that is not registered (nothing is left running).
 * @throws {SpecNotFoundError} when a provider's spec cannot be found (nothing is left running).
 */
export async function startSandbox<const P extends ProviderName = ProviderName>(
  options: StartSandboxOptions<P> = {},
): Promise<RunningSandbox<P>> {
  const names = (options.providers ?? [...registry.keys()]) as readonly string[];
  const defs = names.map((n) => {
    const d = registry.get(n);
    if (!d) throw new UnknownProviderError(n);
    return d;
  });
  const providers: Record<string, RunningProvider<unknown>> = {};
  const served: ServedApp[] = [];
  try {
    for (const def of defs) {
      const own = (options.options as Record<string, object | undefined> | undefined)?.[def.name];
      const sandbox = await def.create({ ...own, now: options.now, specsDir: options.specsDir });
      const ports = (options.ports ?? {}) as Record<string, number | undefined>;
      const s = await serve(sandbox.app, { port: ports[def.name] ?? 0 });
      served.push(s);
      providers[def.name] = Object.assign(sandbox, {
        url: s.url + sandbox.basePath,
        origin: s.url,
        port: s.port,
        close: () => s.close(),
      });
    }
  } catch (e) {
    await Promise.all(served.map((s) => s.close()));
    throw e;
  }
  return {
    providers: providers as RunningSandbox<P>["providers"],
    urls: Object.fromEntries(
      Object.entries(providers).map(([k, p]) => [k, p.url]),
    ) as RunningSandbox<P>["urls"],
    reset() {
      for (const def of defs) (providers[def.name] as unknown as { reset(): void }).reset();
    },
    async close() {
      await Promise.all(served.map((s) => s.close()));
    },
  };
}
