/**
 * Appfigures API v2 under `/v2`: the checks every call passes ({@link appfiguresGuard}): route, spec validation,
 * and for data operations authentication (Bearer, OAuth 1.0a verified by oauth1.ts, Basic + client key),
 * account state, the operation's scope and the daily quota. The OAuth endpoints authenticate in their handlers.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { SandboxEnv } from "../core/app.js";
import type { SpecValidator } from "../core/validator.js";
import { AppfiguresApiError, errorBody, oauth2Fail } from "./errors.js";
import { encodedPairs, type OAuth1IncomingRequest, protocolParams } from "./oauth1.js";
import { AppfiguresState, type Principal } from "./state.js";

/** What an Appfigures operation handler receives. */
export interface AppfiguresCall {
  /** The matched operation. */
  operationId: string;
  /** Sandbox clock (ms). */
  now: number;
  /** The request as OAuth 1.0a sees it (raw target, host, headers, body text). */
  request: OAuth1IncomingRequest;
  /** Decoded query (the first value of a repeated name). */
  query: Record<string, string>;
  /** Decoded form body, for `application/x-www-form-urlencoded`. */
  form: Record<string, string> | undefined;
  /** Parsed JSON body. */
  json: unknown;
  /** Path template parameters. */
  params: Record<string, string>;
  /** Who the call acts as (data operations only). */
  principal: Principal | undefined;
  /** The account's count for today after this call, and the limit (data operations only). */
  usage: { used: number; limit: number } | undefined;
}

/** Request variables of the Appfigures app. */
export interface AppfiguresVars {
  /** Set by {@link appfiguresGuard} once every check passed. */
  appfigures: AppfiguresCall;
}

/** The Appfigures app's Hono environment. */
export type AppfiguresEnv = SandboxEnv<AppfiguresVars>;

/** Operations that authenticate themselves (OAuth token endpoints) or are pages (authorization). */
const OAUTH = new Set([
  "oauth1RequestToken",
  "oauth1Authorize",
  "oauth1AccessToken",
  "oauth2Authorize",
  "oauth2AccessToken",
  "oauth2Revoke",
  "oauth2TokenInfo",
]);

/** Query parameters every operation accepts beside its own: the client key, `pretty`, OAuth 1.0a in the query. */
const GLOBAL_QUERY = /^(client_key|pretty|oauth_[a-z_]+)$/;

/** Decoded form or query text → record (the first value of a repeated name wins). */
export function decodeForm(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const dec = (x: string) => {
    try {
      return decodeURIComponent(x);
    } catch {
      return x;
    }
  };
  for (const [n, v] of encodedPairs(text)) {
    const name = dec(n);
    if (!(name in out)) out[name] = dec(v);
  }
  return out;
}

/** The scope an operation needs, from its `oauth2` security requirement. */
function requiredScope(op: Record<string, unknown> | undefined): string | undefined {
  const security = (op?.security ?? []) as Array<Record<string, string[]>>;
  return security.find((r) => "oauth2" in r)?.oauth2?.[0];
}

/** Options of {@link appfiguresGuard}. */
export interface AppfiguresGuardOptions {
  validator: SpecValidator;
  /** `/v2`. */
  basePath: string;
  state: AppfiguresState;
}

/** Authenticates a data call: Bearer, OAuth 1.0a (header, form body or query), or Basic + client key. */
function authenticate(
  state: AppfiguresState,
  req: OAuth1IncomingRequest,
  clientKey: string | undefined,
  now: number,
) {
  const authorization = req.authorization ?? "";
  if (/^Bearer /i.test(authorization)) return state.bearer(authorization.slice(7).trim());
  if (/^Basic /i.test(authorization)) return state.basic(authorization.slice(6).trim(), clientKey);
  const oauth = protocolParams(req);
  if (oauth) return state.oauth1Principal(state.verifyOAuth1(req, oauth, "access", now).token!);
  throw new AppfiguresApiError(401, errorBody(401, "Could not authenticate:", "No credentials."));
}

/** The middleware: throws `AppfiguresApiError` for a failed check, else sets `c.var.appfigures`. */
export function appfiguresGuard(options: AppfiguresGuardOptions): MiddlewareHandler<AppfiguresEnv> {
  const { validator, basePath, state } = options;
  return async (c, next) => {
    const now = c.var.sandbox.now();
    const raw = c.req.method === "GET" || c.req.method === "HEAD" ? undefined : await c.req.text();
    const url = new URL(c.req.url);
    const request: OAuth1IncomingRequest = {
      method: c.req.method,
      scheme: "http",
      host: c.req.header("host") ?? url.host,
      target: c.env?.incoming?.url ?? url.pathname + url.search,
      authorization: c.req.header("authorization"),
      contentType: c.req.header("content-type"),
      body: raw,
    };
    const form =
      raw && /x-www-form-urlencoded/i.test(request.contentType ?? "") ? decodeForm(raw) : undefined;
    let json: unknown;
    if (raw && !form) {
      try {
        json = JSON.parse(raw);
      } catch {
        throw new AppfiguresApiError(400, errorBody(400, "The request body is not valid JSON"));
      }
    }
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      if (GLOBAL_QUERY.test(key)) continue;
      const all = url.searchParams.getAll(key);
      query[key] = all.length === 1 ? all[0]! : all;
    }
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const checked = validator.validateRequest({
      method: c.req.method,
      path: url.pathname.slice(basePath.length) || "/",
      query,
      headers,
      body: form ?? json,
    });
    if (checked.routeStatus || !checked.operationId) {
      const status = checked.routeStatus ?? 404;
      throw new AppfiguresApiError(status, errorBody(status, checked.issues[0]?.message ?? "Not Found"));
    }
    const operationId = checked.operationId;
    const call: AppfiguresCall = {
      operationId,
      now,
      request,
      query: decodeForm(url.search.slice(1)),
      form,
      json,
      params: checked.params,
      principal: undefined,
      usage: undefined,
    };
    const issues = () =>
      checked.issues.map((i) => `${i.location} ${i.pointer || "(root)"}: ${i.message}`).join("; ");
    if (OAUTH.has(operationId)) {
      if (
        operationId.startsWith("oauth2") &&
        (!checked.valid || (operationId !== "oauth2Authorize" && !form))
      )
        oauth2Fail(400, "invalid_request", checked.valid ? "a form body is expected" : issues());
    } else {
      const principal = authenticate(
        state,
        request,
        c.req.header("x-client-key") ?? call.query.client_key,
        now,
      );
      AppfiguresState.checkAccount(principal.account);
      const scope = requiredScope(validator.operation(operationId) as Record<string, unknown>);
      if (scope && !principal.scopes.includes(scope))
        throw new AppfiguresApiError(
          403,
          errorBody(403, "Insufficient scope", `This request requires the ${scope} scope.`),
        );
      call.usage = state.count(principal.account.id, now);
      call.principal = principal;
      if (!checked.valid) throw new AppfiguresApiError(400, errorBody(400, "Invalid request", issues()));
    }
    c.set("appfigures", call);
    await next();
  };
}
