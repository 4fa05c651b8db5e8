/**
 * The Hyper Teknoloji sandbox: several tenants on one port, each at `/tenants/<id>` (the real platform gives
 * each store its own host; a path prefix does the same on loopback). Every tenant serves all four surfaces:
 * Reseller and Storefront with HS256 JWTs (`jose`, tenant secret, short configurable lifetime, sandbox clock),
 * Payment and Supplier with the `ApiKey` header. Requests are validated against the surface's spec (after the
 * case-insensitive binding ASP.NET does), routes match case-insensitively, answers use the
 * `{ success, message, errorCode, data }` envelope, and delivery callbacks are posted with the account's
 * `Apikey` until acknowledged.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { createSandboxApp, readRequestParts, type SandboxEnv } from "../core/app.js";
import { loadSpec, type OpenApiDocument } from "../core/spec.js";
import type { ProviderCreateOptions, ProviderSandbox } from "../core/types.js";
import { SpecValidator } from "../core/validator.js";
import { apiKeySurface, issueToken, refusalMessage, type TokenClaims, verifyBearer } from "./auth.js";
import { type CallbackAttempt, createCallbackSender, isLoopbackHost } from "./notifier.js";
import {
  type DeliveryStatus,
  HYPER_TENANTS,
  type HyperAccount,
  HyperSandboxError,
  type HyperTenantConfig,
  TenantState,
} from "./state.js";

/** Where tenants live: `/tenants/<id>`. */
export const HYPER_TENANT_PREFIX = "/tenants";
/** The default tenant's base path (what `startSandbox().urls.hyper` points at). */
export const HYPER_BASE_PATH = `${HYPER_TENANT_PREFIX}/bursagb`;
/** The four surfaces, one spec each under `specs/hyper/`. */
export const HYPER_SURFACES = ["reseller", "storefront", "payment", "supplier"] as const;
/** One surface of the platform. */
export type HyperSurface = (typeof HYPER_SURFACES)[number];

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

/** Counters the demo and tests read. */
export interface HyperSandboxStats {
  /** Successful logins (Generate Token and customer login), per tenant. */
  logins: Record<string, number>;
  /** Bearer tokens refused, by reason. */
  refusedTokens: Record<string, number>;
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

/** The header the tenant router hands the tenant id on with (any incoming copy is dropped). */
const TENANT_HEADER = "x-keyway-sandbox-tenant";
const DISABLED = "The API integration is disabled for this tenant";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** ASP.NET binds JSON case-insensitively: bring PascalCase keys to the spec's camelCase (recursively). */
function camelize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelize);
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const [k, val] of Object.entries(v)) out[k.charAt(0).toLowerCase() + k.slice(1)] = camelize(val);
  return out;
}

const envelope = (data: unknown, message = "OK") => ({ success: true, message, errorCode: null, data });
const failure = (message: string, errorCode: number, data: unknown = null) => ({
  success: false,
  message,
  errorCode,
  data,
});

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

  const inner = createSandboxApp({
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

  const answer = (c: Context<SandboxEnv>, status: number, body: unknown) =>
    c.json(body as Json, status as 200);

  app.all("*", async (c) => {
    const ctx = c.get("sandbox");
    const tenantId = c.req.header(TENANT_HEADER);
    const tenant = tenantId ? tenants[tenantId] : undefined;
    if (!tenant) return answer(c, 404, failure("No such store; tenants live at /tenants/<id>", -404));
    if (!tenant.config.apiEnabled) return answer(c, 404, failure(DISABLED, -404));

    const parts = await readRequestParts(c, "");
    parts.body = camelize(parts.body);
    const apiKey = c.req.header("apikey");
    const authorization = c.req.header("authorization");

    // Which surface: an ApiKey opens Payment or Supplier; a Bearer token Reseller (IsAPI) or Storefront;
    // no credentials: the public routes (logins, storefront catalog).
    let surface: HyperSurface;
    let claims: TokenClaims | undefined;
    if (apiKey !== undefined && authorization === undefined) {
      const s = apiKeySurface(tenant.config, apiKey);
      if (!s) {
        return answer(
          c,
          401,
          failure("ApiKey is missing, malformed, revoked, or does not belong to this store", -23),
        );
      }
      surface = s;
    } else if (authorization !== undefined) {
      const verified = await verifyBearer(tenant.config, authorization, ctx.now());
      if (typeof verified === "string") {
        stats.refusedTokens[verified] = (stats.refusedTokens[verified] ?? 0) + 1;
        return answer(c, 401, failure(refusalMessage(verified), -401));
      }
      claims = verified;
      surface = verified.isApi ? "reseller" : "storefront";
    } else {
      const candidates = (["reseller", "storefront"] as const).filter((s) => {
        const id = validators[s].match(parts.method, parts.path);
        const op = id ? validators[s].operation(id) : undefined;
        const security = (op?.security ?? docs[s].security) as unknown[] | undefined;
        return (
          op !== undefined &&
          (security?.length === 0 || security?.some((r) => isObject(r) && !Object.keys(r).length))
        );
      });
      if (!candidates.length) return answer(c, 401, failure(refusalMessage("missing"), -401));
      surface = candidates[0]!;
    }

    const checked = validators[surface].validateRequest(parts);
    if (checked.routeStatus || !checked.operationId) {
      // The route exists on another surface: these credentials do not open it.
      if (routing.match(parts.method, parts.path)) {
        return answer(c, 403, failure(`This credential cannot call ${parts.method} ${parts.path}`, -403));
      }
      return answer(c, checked.routeStatus ?? 404, failure(checked.issues[0]?.message ?? "Not found", -404));
    }
    if (!checked.valid) {
      const issue = checked.issues[0]!;
      return answer(
        c,
        400,
        failure(`Invalid request: ${issue.location}${issue.pointer} ${issue.message}`, -1),
      );
    }
    const account = claims ? tenant.account(claims.customerID) : undefined;
    if (claims && !account) return answer(c, 401, failure(refusalMessage("invalid"), -401));
    const body = (parts.body ?? {}) as Json;
    const query = (name: string, fallback: number) => {
      const v = Number(parts.query?.[name] ?? body[name] ?? fallback);
      return Number.isFinite(v) ? v : fallback;
    };
    switch (checked.operationId) {
      case "generateToken":
      case "customerLogin": {
        const who = tenant.login(
          String(body.email),
          String(body.password),
          checked.operationId === "generateToken",
        );
        const { token, expiresAt } = await issueToken(tenant.config, who, ctx.now(), ttl);
        stats.logins[tenant.config.id] = (stats.logins[tenant.config.id] ?? 0) + 1;
        return answer(
          c,
          200,
          envelope({
            token,
            expiration: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
            ...(typeof body.callbackData === "string" ? { callbackData: body.callbackData } : {}),
            ...(who.isApi ? { customerApiKey: who.callbackKey } : {}),
          }),
        );
      }
      case "listCategories":
        return answer(c, 200, envelope(tenant.categories()));
      case "listCategoryTypes":
        return answer(
          c,
          200,
          envelope([
            { productCategoryTypeID: 1, typeName: "E-PIN" },
            { productCategoryTypeID: 2, typeName: "Game gold" },
          ]),
        );
      case "listProducts":
        return answer(
          c,
          200,
          envelope(
            tenant.listProducts(query("page", 1), query("pageSize", 50), query("productCategoryID", 0)),
          ),
        );
      case "getProduct":
        return answer(c, 200, envelope(tenant.productView(tenant.product(Number(checked.params.productID)))));
      case "createOrder": {
        const result = tenant.createOrder(
          account!,
          body.basketData as never,
          typeof body.notifyURL === "string" ? body.notifyURL : null,
          ctx.now(),
        );
        if ("refused" in result) {
          return answer(
            c,
            200,
            failure("Some basket items are not available; no order was created", -31, {
              orderID: null,
              details: null,
              items: result.refused,
            }),
          );
        }
        return answer(
          c,
          200,
          envelope({
            orderID: result.orderID,
            details: result.lines.map((l) => ({
              deliverID: l.deliverID,
              orderDetailID: l.orderDetailID,
              quantity: l.quantity,
              price: l.price,
            })),
            items: null,
          }),
        );
      }
      case "listOrders": {
        const mine = tenant.lines.filter((l) => l.customerID === account!.customerID).reverse();
        const page = query("page", 1);
        const size = query("pageSize", 50);
        return answer(
          c,
          200,
          envelope(
            mine.slice((page - 1) * size, page * size).map((l) => ({
              orderID: l.orderID,
              orderDetailID: l.orderDetailID,
              deliverID: l.deliverID,
              customerStoreProductID: l.customerStoreProductID,
              quantity: l.quantity,
              price: l.price,
              status: l.status,
              createdAt: l.createdAt,
            })),
          ),
        );
      }
      case "getOrderDetail":
        return answer(
          c,
          200,
          envelope(tenant.lineView(tenant.lineOf(account, Number(checked.params.orderDetailID)))),
        );
      case "cancelOrder": {
        const line = tenant.lineOf(account, Number(body.orderDetailID));
        tenant.setStatus(line, 0, null, null);
        notify(tenant, line.orderDetailID);
        return answer(c, 200, envelope(tenant.lineView(line)));
      }
      case "getAccount":
      case "getCustomer":
        return answer(
          c,
          200,
          envelope({
            firstName: account!.firstName,
            lastName: account!.lastName,
            email: account!.email,
            balance: account!.balance,
            currencyCode: "TRY",
          }),
        );
      case "listAwaitingOrders": {
        const page = query("page", 1);
        const size = query("pageSize", 50);
        return answer(c, 200, envelope(tenant.awaiting().slice((page - 1) * size, page * size)));
      }
      case "listSupplierProducts": {
        const page = query("page", 1);
        const size = query("pageSize", 50);
        return answer(
          c,
          200,
          envelope(
            tenant.products.slice((page - 1) * size, page * size).map((p) => tenant.supplierProductView(p)),
          ),
        );
      }
      case "upsertProducts":
        return answer(c, 200, envelope(tenant.upsertProducts(body.products as never)));
      case "deliverOrder": {
        const line = tenant.lineOf(undefined, Number(body.orderDetailID));
        if (
          typeof body.deliverID === "string" &&
          line.deliverID !== null &&
          body.deliverID !== line.deliverID
        ) {
          throw new HyperSandboxError(400, -41, `deliverID does not match order line ${line.orderDetailID}`);
        }
        const data = Array.isArray(body.deliveryData) ? (body.deliveryData as string[]) : null;
        const note = (body.deliveryNote ?? null) as string | string[] | null;
        if (body.status === 1 && !data?.length && note === null) {
          throw new HyperSandboxError(400, -42, "A delivery needs deliveryData (codes) or a deliveryNote");
        }
        tenant.setStatus(line, body.status as DeliveryStatus, data, note);
        notify(tenant, line.orderDetailID);
        return answer(c, 200, envelope(tenant.lineView(line)));
      }
      case "notifyPayment":
        return answer(c, 200, envelope({ ...tenant.notifyPayment(body as never) }));
      case "getPaymentStatus":
        return answer(c, 200, envelope({ ...tenant.payment(String(checked.params.paymentID)) }));
      case "refundPayment":
        return answer(c, 200, envelope({ ...tenant.refund(String(body.paymentID), Number(body.amount)) }));
      default:
        return answer(c, 404, failure(`No sandbox handler for ${checked.operationId}`, -404));
    }
  });

  /** Posts the line's delivery callback to its notify URL with the ordering account's key. */
  function notify(tenant: TenantState, orderDetailID: number): void {
    const line = tenant.lines.find((l) => l.orderDetailID === orderDetailID);
    const owner: HyperAccount | undefined = line ? tenant.account(line.customerID) : undefined;
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
  }

  // The tenant router: `/tenants/<id>/<route>` → the route (canonical casing) with the tenant in a header;
  // the control routes pass through; a few Hyper-specific control routes live beside them.
  const outer = new Hono<SandboxEnv>();
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
