import type { Hono } from "hono";
import type { FaultController } from "./faults.js";
import { type ServedApp, serve } from "./serve.js";
import { SpecNotFoundError } from "./spec.js";

/** Options every provider's `create` receives. */
export interface ProviderCreateOptions {
  /** Sandbox clock in epoch ms (default `Date.now`). */
  now?: () => number;
  /** Directory holding `<provider>/openapi.yaml` (default: found by `loadSpec`). */
  specsDir?: string;
}

/** A created (not yet served) provider sandbox. */
export interface ProviderSandbox {
  /** Provider name. */
  name: string;
  /** Real base path (e.g. `/v1`). */
  basePath: string;
  /** The Hono app to serve (full paths, base path included). */
  // biome-ignore lint/suspicious/noExplicitAny: each provider has its own Hono env
  app: Hono<any>;
  /** The provider's fault queue. */
  faults: FaultController;
  /** Clears faults and in-memory state. */
  reset(): void;
}

/** A provider sandbox as registered: name, base path and factory. */
export interface ProviderDefinition {
  /** Provider name (`hiobuy`, `sgate`, `hishopping`, …), also the folder under `specs/`. */
  name: string;
  /** Real base path the provider is served at. */
  basePath: string;
  /** Builds a fresh sandbox (fresh state, fresh fault queue). */
  create(options: ProviderCreateOptions): Promise<ProviderSandbox> | ProviderSandbox;
}

const registry = new Map<string, ProviderDefinition>();

/**
 * Registers (or replaces) a provider sandbox. Built-in providers are registered by `src/providers.ts`; tests
 * and users may register their own.
 */
export function registerProvider(definition: ProviderDefinition): void {
  registry.set(definition.name, definition);
}

/** The registered provider definitions, in registration order. */
export function listProviders(): ProviderDefinition[] {
  return [...registry.values()];
}

/** One registered provider, or `undefined`. */
export function getProvider(name: string): ProviderDefinition | undefined {
  return registry.get(name);
}

/** A provider sandbox served on its own port. */
export interface RunningProvider extends ProviderSandbox {
  /** Base URL to give a client: origin + base path, e.g. `http://127.0.0.1:43121/v1`. */
  url: string;
  /** `http://127.0.0.1:<port>`; control routes live at `<origin>/__sandbox/...`. */
  origin: string;
  /** Bound port. */
  port: number;
  /** Stops this provider's server. */
  close(): Promise<void>;
}

/** Options of {@link startSandbox}. */
export interface StartSandboxOptions extends ProviderCreateOptions {
  /** Providers to start (default: every registered one). */
  providers?: readonly string[];
  /** Fixed port per provider name (default 0 = a free port). */
  ports?: Readonly<Record<string, number>>;
}

/** Every started provider. */
export interface RunningSandbox {
  /** Started providers by name. */
  providers: Record<string, RunningProvider>;
  /** Base URL (origin + base path) by provider name. */
  urls: Record<string, string>;
  /**
   * Providers left out because their spec is not there yet (only when `providers` was not given; naming a
   * provider whose spec is missing throws `SpecNotFoundError`).
   */
  skipped: Array<{ name: string; reason: string }>;
  /** Clears faults and state of every provider. */
  reset(): void;
  /** Stops every server. */
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
 * Creates and serves each provider on its own 127.0.0.1 port at its real base path.
 * @throws {UnknownProviderError} for a name that is not registered (nothing is left running).
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const names = options.providers ?? [...registry.keys()];
  const defs = names.map((n) => {
    const d = registry.get(n);
    if (!d) throw new UnknownProviderError(n);
    return d;
  });
  const providers: Record<string, RunningProvider> = {};
  const served: ServedApp[] = [];
  const skipped: RunningSandbox["skipped"] = [];
  try {
    for (const def of defs) {
      let sandbox: ProviderSandbox;
      try {
        sandbox = await def.create({ now: options.now, specsDir: options.specsDir });
      } catch (e) {
        if (options.providers || !(e instanceof SpecNotFoundError)) throw e;
        skipped.push({ name: def.name, reason: e.message.split("\n")[0]!.replace(/; tried:$/, "") });
        continue;
      }
      const s = await serve(sandbox.app, { port: options.ports?.[def.name] ?? 0 });
      served.push(s);
      providers[def.name] = {
        ...sandbox,
        url: s.url + sandbox.basePath,
        origin: s.url,
        port: s.port,
        close: () => s.close(),
      };
    }
  } catch (e) {
    await Promise.all(served.map((s) => s.close()));
    throw e;
  }
  return {
    providers,
    urls: Object.fromEntries(Object.entries(providers).map(([k, p]) => [k, p.url])),
    skipped,
    reset() {
      for (const p of Object.values(providers)) p.reset();
    },
    async close() {
      await Promise.all(served.map((s) => s.close()));
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Built-in providers. One entry per provider folder under src/; the dynamic import keeps this module free of
// import cycles (provider code imports core modules, never this list). Add yours with a one-line entry.
// ---------------------------------------------------------------------------------------------------------------
registerProvider({
  name: "sgate",
  basePath: "/api_v1",
  create: async (o) => (await import("../sgate/index.js")).sgateProvider.create(o),
});
registerProvider({
  name: "hiobuy",
  basePath: "/v1",
  create: async (options) => (await import("../hiobuy/index.js")).createHiobuySandbox(options),
});
registerProvider({
  name: "hishopping",
  basePath: "/api/v1",
  create: async (options) => (await import("../hishopping/index.js")).createHishoppingSandbox(options),
});
registerProvider({
  name: "appfigures",
  basePath: "/v2",
  create: async (o) => (await import("../appfigures/index.js")).appfiguresProvider.create(o),
});
