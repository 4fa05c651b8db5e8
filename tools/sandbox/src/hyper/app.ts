/**
 * The Hyper Teknoloji sandbox: several tenants on one port, each at `/tenants/<id>` (the real platform gives
 * each store its own host; a path prefix does the same on loopback). Every tenant serves all four surfaces:
 * Reseller and Storefront with HS256 JWTs (`jose`, tenant secret, short configurable lifetime, sandbox clock),
 * Payment and Supplier with the `ApiKey` header. Requests are validated against the surface's spec (after the
 * case-insensitive binding ASP.NET does), routes match case-insensitively, answers use the
 * `{ success, message, errorCode, data }` envelope, and delivery callbacks are posted with the account's
 * `Apikey` until acknowledged.
 */
import { Hono } from "hono";
import { createSandboxApp } from "../core/app.js";
import { operationRoutes } from "../core/routes.js";
import { loadSpec, type OpenApiDocument } from "../core/spec.js";
import type { ProviderCreateOptions, ProviderSandbox } from "../core/types.js";
import { SpecValidator } from "../core/validator.js";
import {
  HYPER_SURFACES,
  type HyperCall,
  type HyperEnv,
  type HyperSandboxStats,
  type HyperSurface,
  hyperGuard,
  TENANT_HEADER,
} from "./api.js";
import { HyperSandboxError } from "./errors.js";
import { type CallbackAttempt, createCallbackSender, isLoopbackHost } from "./notifier.js";
import { hyperHandlers } from "./routes.js";
import { HYPER_TENANTS, type HyperTenantConfig, TenantState } from "./state.js";

export { HYPER_SURFACES, type HyperSandboxStats, type HyperSurface } from "./api.js";

/** Where tenants live: `/tenants/<id>`. */
export const HYPER_TENANT_PREFIX = "/tenants";
/** The default tenant's base path (what `startSandbox().urls.hyper` points at). */
export const HYPER_BASE_PATH = `${HYPER_TENANT_PREFIX}/bursagb`;

/** Options of {@link createHyperSandbox}. */
export interface HyperSandboxOptions extends ProviderCreateOptions {
  /** Lifetime of issued tokens in seconds (default 300; change later with `setTokenTtl`). */
  tokenTtlSeconds?: number;
  /** Waits between delivery-callback attempts (default `[200, 400, 800, 1600, 3200]`). */
  callbackRetryDelaysMs?: readonly number[];
  /** Per-attempt timeout of a callback (default 5000 ms). */
  callbackTimeoutMs?: number;
  /** Which callback hosts may be called (default: loopback only). */
  allowCallbackHost?: (hostname: string) => boolean;
  /** Tenants to serve (default {@link HYPER_TENANTS}). */
  tenants?: readonly HyperTenantConfig[];
}

/** The Hyper sandbox, as created (not yet served). */
export interface HyperSandbox extends ProviderSandbox {
  /** Per-tenant state (accounts, catalog, order lines, payments). */
  readonly tenants: Readonly<Record<string, TenantState>>;
  /** The base path of a tenant (`/tenants/<id>`): append it to the served origin. */
  tenantPath(id: string): string;
  /** Changes the lifetime of tokens issued from now on. */
  setTokenTtl(seconds: number): void;
  /** Login and refusal counters. */
  stats(): HyperSandboxStats;
  /** Every delivery-callback attempt so far. */
  callbackAttempts(): readonly CallbackAttempt[];
  /** Resolves when every queued callback was acknowledged or gave up. */
  callbacksIdle(): Promise<void>;
}

type Json = Record<string, unknown>;
const failure = (message: string, errorCode: number) => ({ success: false, message, errorCode, data: null });

/** Merges the four specs' paths (first surface wins on a shared path) for routing and fault targeting. */
function routingDocument(docs: Record<HyperSurface, OpenApiDocument>): OpenApiDocument {
  const merged: OpenApiDocument = {
    openapi: docs.reseller.openapi,
    info: { title: "Hyper (all surfaces)", version: "1" },
    servers: [{ url: "/" }],
    paths: {},
    components: {},
  };
  const components = merged.components as Record<string, Record<string, unknown>>;
  for (const s of HYPER_SURFACES) {
    for (const [p, item] of Object.entries(docs[s].paths ?? {})) merged.paths![p] ??= item;
    for (const [kind, entries] of Object.entries((docs[s].components ?? {}) as Record<string, Json>)) {
      components[kind] ??= {};
      for (const [name, value] of Object.entries(entries)) components[kind][name] ??= value;
    }
  }
  return merged;
}

/** A route template split into segments, for case-insensitive matching. */
interface Template {
  readonly path: string;
  readonly segments: readonly string[];
}

function matchTemplate(templates: readonly Template[], path: string): string | undefined {
  const segs = path.split("/").filter(Boolean);
  const found = templates.find(
    (t) =>
      t.segments.length === segs.length &&
      t.segments.every((s, i) => s.startsWith("{") || s.toLowerCase() === segs[i]!.toLowerCase()),
  );
  if (!found) return undefined;
  return `/${found.segments.map((s, i) => (s.startsWith("{") ? segs[i] : s)).join("/")}`;
}

/** Builds a fresh Hyper sandbox (fresh tenants, fresh fault queue). */
export async function createHyperSandbox(options: HyperSandboxOptions = {}): Promise<HyperSandbox> {
  const now = options.now ?? Date.now;
  let ttl = options.tokenTtlSeconds ?? 300;
  const docs = Object.fromEntries(
    HYPER_SURFACES.map((s) => [s, loadSpec(`hyper/${s}`, { specsDir: options.specsDir })]),
  ) as Record<HyperSurface, OpenApiDocument>;
  const validators = Object.fromEntries(
    await Promise.all(HYPER_SURFACES.map(async (s) => [s, await SpecValidator.create(docs[s])] as const)),
  ) as Record<HyperSurface, SpecValidator>;
  const routing = await SpecValidator.create(routingDocument(docs));
  const templates: Template[] = [
    ...new Set(HYPER_SURFACES.flatMap((s) => Object.keys(docs[s].paths ?? {}))),
  ].map((path) => ({ path, segments: path.split("/").filter(Boolean) }));

  const tenants: Record<string, TenantState> = {};
  for (const t of options.tenants ?? Object.values(HYPER_TENANTS)) tenants[t.id] = new TenantState(t);
  const stats: HyperSandboxStats = { logins: {}, refusedTokens: {} };
  const sender = createCallbackSender({
    retryDelaysMs: options.callbackRetryDelaysMs ?? [200, 400, 800, 1600, 3200],
    timeoutMs: options.callbackTimeoutMs ?? 5000,
    now,
    allowHost: options.allowCallbackHost ?? isLoopbackHost,
  });

  const inner = createSandboxApp<{ hyper: HyperCall }>({
    name: "hyper",
    basePath: "",
    validator: routing,
    now,
    faultError: ({ status, code, message }) =>
      new HyperSandboxError(status, Number(code ?? -status) || -status, message ?? `sandbox fault ${status}`),
    internalError: (e) =>
      new HyperSandboxError(500, -500, `sandbox failure: ${e instanceof Error ? e.message : String(e)}`),
    onReset() {
      for (const t of Object.values(tenants)) t.reset();
      stats.logins = {};
      stats.refusedTokens = {};
      sender.reset();
    },
  });
  const { app } = inner;

  /** Posts the line's delivery callback to its notify URL with the ordering account's key. */
  const notify = (tenant: TenantState, orderDetailID: number): void => {
    const line = tenant.lines.find((l) => l.orderDetailID === orderDetailID);
    const owner = line ? tenant.account(line.customerID) : undefined;
    if (!line?.notifyURL || !owner) return;
    sender.send({
      url: line.notifyURL,
      apiKey: owner.callbackKey,
      body: {
        DeliverID: line.deliverID,
        OrderDetailID: line.orderDetailID,
        Status: line.status,
        DeliveryData: line.deliveryData,
        DeliveryNote: line.deliveryNote,
      },
    });
  };

  app.use("*", hyperGuard({ tenants, docs, validators, routing, stats }));
  const handlers = hyperHandlers({ stats, tokenTtl: () => ttl, notify });
  const registered = new Set<string>();
  for (const route of operationRoutes(routing, "")) {
    // Reseller and Storefront share paths; the guard decided the caller's surface and its operationId.
    if (registered.has(`${route.method} ${route.path}`)) continue;
    registered.add(`${route.method} ${route.path}`);
    app.on(route.method, route.path, (c) => {
      const call = c.var.hyper;
      const handler = handlers[call.operationId];
      if (!handler)
        throw new HyperSandboxError(501, -501, `${call.operationId} is not served by the sandbox`);
      return handler(call, c);
    });
  }

  // The tenant router: `/tenants/<id>/<route>` → the route (canonical casing) with the tenant in a header;
  // the control routes pass through; a few Hyper-specific control routes live beside them.
  const outer = new Hono<HyperEnv>();
  outer.post("/__sandbox/hyper/token-ttl", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { seconds?: unknown };
    const seconds = Number(body.seconds);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) {
      return c.json({ error: "seconds must be an integer from 1 to 86400" }, 400);
    }
    ttl = seconds;
    return c.json({ tokenTtlSeconds: ttl });
  });
  outer.get("/__sandbox/hyper/stats", (c) => c.json({ ...stats, tokenTtlSeconds: ttl }));
  outer.get("/__sandbox/hyper/callbacks", (c) => c.json({ attempts: sender.attempts() }));
  outer.all("*", async (c) => {
    const url = new URL(c.req.url);
    const headers = new Headers(c.req.raw.headers);
    headers.delete(TENANT_HEADER);
    if (!url.pathname.startsWith("/__sandbox/")) {
      const m = /^\/tenants\/([a-z0-9-]+)(\/.*)?$/i.exec(url.pathname);
      if (!m) return c.json(failure("No such store; tenants live at /tenants/<id>", -404), 404);
      const route = m[2] ?? "/";
      headers.set(TENANT_HEADER, m[1]!.toLowerCase());
      url.pathname = matchTemplate(templates, route) ?? route;
    }
    const method = c.req.method;
    const body = method === "GET" || method === "HEAD" ? undefined : await c.req.arrayBuffer();
    return inner.app.fetch(new Request(url, { method, headers, body }), c.env);
  });

  return {
    name: "hyper",
    basePath: HYPER_BASE_PATH,
    app: outer,
    faults: inner.faults,
    reset: inner.reset,
    tenants,
    tenantPath: (id) => `${HYPER_TENANT_PREFIX}/${id}`,
    setTokenTtl(seconds) {
      if (!Number.isInteger(seconds) || seconds < 1)
        throw new RangeError("seconds must be a positive integer");
      ttl = seconds;
    },
    stats: () => structuredClone(stats),
    callbackAttempts: () => sender.attempts(),
    callbacksIdle: () => sender.idle(),
  };
}
