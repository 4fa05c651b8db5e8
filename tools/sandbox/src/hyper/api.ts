/**
 * The Hyper sandbox's guard, run before every operation handler: tenant (and whether its API integration is
 * on), credential → surface (an `ApiKey` opens Payment or Supplier, a Bearer token Reseller or Storefront by its
 * `IsAPI` claim, no credential only the public routes), then validation against that surface's spec after the
 * case-insensitive binding ASP.NET does. It leaves the checked call in `c.var.hyper`.
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { readRequestParts, type SandboxEnv } from "../core/app.js";
import type { OpenApiDocument } from "../core/spec.js";
import type { SpecValidator } from "../core/validator.js";
import { apiKeySurface, refusalMessage, verifyBearer } from "./auth.js";
import { HyperSandboxError } from "./errors.js";
import type { HyperAccount, TenantState } from "./state.js";

/** The four surfaces, one spec each under `specs/hyper/`. */
export const HYPER_SURFACES = ["reseller", "storefront", "payment", "supplier"] as const;
/** One surface of the platform. */
export type HyperSurface = (typeof HYPER_SURFACES)[number];

/** The header the tenant router hands the tenant id on with (any incoming copy is dropped). */
export const TENANT_HEADER = "x-keyway-sandbox-tenant";

/** Login and refusal counters. */
export interface HyperSandboxStats {
  /** Successful logins (Generate Token and customer login), per tenant. */
  logins: Record<string, number>;
  /** Bearer tokens refused, by reason. */
  refusedTokens: Record<string, number>;
}

/** A checked call, as the guard leaves it for the handler. */
export interface HyperCall {
  /** The operationId in the caller's surface. */
  readonly operationId: string;
  readonly surface: HyperSurface;
  readonly tenant: TenantState;
  /** The account of a Bearer token (Reseller or Storefront), else undefined. */
  readonly account: HyperAccount | undefined;
  /** The JSON body with its keys camelCased (as the platform binds them). */
  readonly body: Record<string, unknown>;
  /** Path parameters. */
  readonly params: Record<string, string>;
  /** A numeric query (or body) value, or the fallback. */
  number(name: string, fallback: number): number;
  /** The sandbox clock (with any `skew` fault). */
  now(): number;
}

/** Hono environment of the Hyper sandbox. */
export type HyperEnv = SandboxEnv<{ hyper: HyperCall }>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** ASP.NET binds JSON case-insensitively: bring PascalCase keys to the spec's camelCase (recursively). */
export function camelize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelize);
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const [k, val] of Object.entries(v)) out[k.charAt(0).toLowerCase() + k.slice(1)] = camelize(val);
  return out;
}

/** What the guard needs. */
export interface HyperGuardOptions {
  readonly tenants: Readonly<Record<string, TenantState>>;
  readonly docs: Readonly<Record<HyperSurface, OpenApiDocument>>;
  readonly validators: Readonly<Record<HyperSurface, SpecValidator>>;
  /** All surfaces merged: tells "another surface's route" from "no such route". */
  readonly routing: SpecValidator;
  readonly stats: HyperSandboxStats;
}

/** Whether `surface` serves `method path` without credentials (`security: []`, or an empty requirement). */
function isPublic(o: HyperGuardOptions, surface: HyperSurface, method: string, path: string): boolean {
  const v = o.validators[surface];
  const id = v.match(method, path);
  const op = id ? v.operation(id) : undefined;
  const security = (op?.security ?? o.docs[surface].security) as unknown[] | undefined;
  return (
    op !== undefined &&
    (security?.length === 0 || security?.some((r) => isObject(r) && Object.keys(r).length === 0) === true)
  );
}

/** Creates the guard middleware. */
export function hyperGuard(o: HyperGuardOptions): MiddlewareHandler<HyperEnv> {
  return async (c: Context<HyperEnv>, next) => {
    const ctx = c.get("sandbox");
    const tenantId = c.req.header(TENANT_HEADER);
    const tenant = tenantId ? o.tenants[tenantId] : undefined;
    if (!tenant) throw new HyperSandboxError(404, -404, "No such store; tenants live at /tenants/<id>");
    if (!tenant.config.apiEnabled) {
      throw new HyperSandboxError(404, -404, "The API integration is disabled for this tenant");
    }

    const parts = await readRequestParts(c, "");
    parts.body = camelize(parts.body);
    const apiKey = c.req.header("apikey");
    const authorization = c.req.header("authorization");

    let surface: HyperSurface;
    let account: HyperAccount | undefined;
    if (apiKey !== undefined && authorization === undefined) {
      const s = apiKeySurface(tenant.config, apiKey);
      if (!s) {
        throw new HyperSandboxError(
          401,
          -23,
          "ApiKey is missing, malformed, revoked, or does not belong to this store",
        );
      }
      surface = s;
    } else if (authorization !== undefined) {
      const verified = await verifyBearer(tenant.config, authorization, ctx.now());
      if (typeof verified === "string") {
        o.stats.refusedTokens[verified] = (o.stats.refusedTokens[verified] ?? 0) + 1;
        throw new HyperSandboxError(401, -401, refusalMessage(verified));
      }
      account = tenant.account(verified.customerID);
      if (!account) throw new HyperSandboxError(401, -401, refusalMessage("invalid"));
      surface = verified.isApi ? "reseller" : "storefront";
    } else {
      const open = (["reseller", "storefront"] as const).find((s) =>
        isPublic(o, s, parts.method, parts.path),
      );
      if (!open) throw new HyperSandboxError(401, -401, refusalMessage("missing"));
      surface = open;
    }

    const checked = o.validators[surface].validateRequest(parts);
    if (checked.routeStatus || !checked.operationId) {
      if (o.routing.match(parts.method, parts.path)) {
        throw new HyperSandboxError(403, -403, `This credential cannot call ${parts.method} ${parts.path}`);
      }
      throw new HyperSandboxError(
        checked.routeStatus ?? 404,
        -404,
        checked.issues[0]?.message ?? "Not found",
      );
    }
    if (!checked.valid) {
      const issue = checked.issues[0]!;
      throw new HyperSandboxError(
        400,
        -1,
        `Invalid request: ${issue.location}${issue.pointer} ${issue.message}`,
      );
    }
    const body = (isObject(parts.body) ? parts.body : {}) as Json;
    c.set("hyper", {
      operationId: checked.operationId,
      surface,
      tenant,
      account,
      body,
      params: checked.params,
      number(name, fallback) {
        const v = Number(parts.query?.[name] ?? body[name] ?? fallback);
        return Number.isFinite(v) ? v : fallback;
      },
      now: ctx.now,
    });
    await next();
  };
}
