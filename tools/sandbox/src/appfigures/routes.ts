/**
 * The Appfigures sandbox's operation handlers, keyed by the spec's operationId: the OAuth 1.0a and OAuth 2.0
 * endpoints (which authenticate themselves) and the data operations (already authenticated, scope-checked and
 * counted by the guard), answered from the fixtures (report computations live in `reports.ts`).
 * @module
 */
import type { Context } from "hono";
import type { AppfiguresCall, AppfiguresEnv } from "./api.js";
import { AppfiguresApiError, errorBody } from "./errors.js";
import {
  CATEGORIES,
  COUNTRIES,
  CURRENCIES,
  LANGUAGES,
  PRODUCT_META,
  PRODUCTS,
  type SandboxProduct,
  STORES,
  USERS,
} from "./fixtures.js";
import { protocolParams } from "./oauth1.js";
import { owned, ratings, reviewCounts, reviewPage, sales } from "./reports.js";
import { AppfiguresState } from "./state.js";

/** An Appfigures operation handler. */
export type AppfiguresHandler = (call: AppfiguresCall, c: Context<AppfiguresEnv>) => Response;

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );

const findProduct = (id: number) => PRODUCTS.find((p) => p.body.id === id);
const notFound = (what: string): never => {
  throw new AppfiguresApiError(404, errorBody(404, "Not Found", what));
};
const withMeta = (p: SandboxProduct, meta: string | undefined) =>
  meta === "true" || meta === "True" || meta === "1" ? { ...p.body, meta: PRODUCT_META } : p.body;

const user = (u: (typeof USERS)[number]) => {
  const account = AppfiguresState.account(u.accountId);
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    active: true,
    role: u.role,
    is_owner: u.isOwner,
    currency: "USD",
    region: "US",
    timezone: "America/New_York",
    date_format: "mm/dd/yyyy",
    last_login: "2026-11-30T09:12:00",
    avatar_url: `https://example.com/avatars/${u.id}.png`,
    products: owned(u.accountId).map((p) => p.body.id),
    entitlements: ["api"],
    account: {
      id: account.id,
      name: account.name,
      company: account.name,
      auto_import: true,
      last_import: "2026-11-30T06:00:00",
      plan: account.plan,
      plan_id: 12,
      is_premium: true,
    },
  };
};

/** The handlers of every operation, over one sandbox's state. */
export function appfiguresHandlers(state: AppfiguresState): Record<string, AppfiguresHandler> {
  const who = (call: AppfiguresCall) => call.principal!;
  const today = (call: AppfiguresCall) => new Date(call.now).toISOString().slice(0, 10);
  return {
    // ---- OAuth 1.0a -------------------------------------------------------------------------------------------
    oauth1RequestToken: (call, c) => {
      const oauth = protocolParams(call.request);
      if (!oauth)
        throw new AppfiguresApiError(
          401,
          errorBody(401, "Could not authenticate:", "No OAuth 1.0a parameters."),
        );
      const { client } = state.verifyOAuth1(call.request, oauth, "none", call.now);
      const text = state.issueTemp(client, oauth.params.get("oauth_callback"), c.req.header("x-oauth-scope"));
      return c.body(text, 200, { "content-type": "application/x-www-form-urlencoded" });
    },
    oauth1Authorize: (call, c) => {
      const { verifier, callback } = state.approveTemp(call.query.oauth_token);
      if (callback === "oob") {
        return c.html(
          `<!doctype html><meta charset="utf-8"><title>Appfigures sandbox: authorized</title>` +
            `<p>Aladdin authorized the app. Your verifier: <code id="verifier">${esc(verifier)}</code></p>`,
        );
      }
      const back = new URL(callback);
      back.searchParams.set("oauth_token", call.query.oauth_token!);
      back.searchParams.set("oauth_verifier", verifier);
      return c.redirect(back.href, 302);
    },
    oauth1AccessToken: (call, c) => {
      const oauth = protocolParams(call.request);
      if (!oauth)
        throw new AppfiguresApiError(
          401,
          errorBody(401, "Could not authenticate:", "No OAuth 1.0a parameters."),
        );
      const { token } = state.verifyOAuth1(call.request, oauth, "temp", call.now);
      const text = state.issueAccess(token!, oauth.params.get("oauth_verifier"));
      return c.body(text, 200, { "content-type": "application/x-www-form-urlencoded" });
    },
    // ---- OAuth 2.0 --------------------------------------------------------------------------------------------
    oauth2Authorize: (call, c) => {
      const { code, redirectUri } = state.authorize2(call.query, call.now);
      if (redirectUri === "urn:ietf:wg:oauth:2.0:oob") {
        return c.html(
          `<!doctype html><meta charset="utf-8"><title>Appfigures sandbox: authorized</title>` +
            `<p>Paste this code into the app: <code id="code">${esc(code)}</code></p>`,
        );
      }
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      if (call.query.state !== undefined) back.searchParams.set("state", call.query.state);
      return c.redirect(back.href, 302);
    },
    oauth2AccessToken: (call, c) => c.json(state.exchange(call.form!, call.request.authorization, call.now)),
    oauth2Revoke: (call, c) => {
      state.revoke(call.form!, call.request.authorization);
      return c.body(null, 200);
    },
    oauth2TokenInfo: (call, c) => c.json(state.introspect(call.form!, call.request.authorization)),
    // ---- Data --------------------------------------------------------------------------------------------------
    getRoot: (call, c) =>
      c.json({
        status: "200",
        message: "OK",
        see: "https://docs.appfigures.com/api/reference/v2/",
        version: "2.0",
        user: { id: who(call).user.id, name: who(call).user.name, email: who(call).user.email },
        usage: { daily_used: call.usage!.used, daily_limit: call.usage!.limit },
        sequence: ++state.sequence,
        source: "sandbox-1",
      }),
    listMyProducts: (call, c) =>
      c.json(
        Object.fromEntries(
          owned(who(call).account.id)
            .filter((x) => !call.query.store || x.body.store === call.query.store)
            .map((x) => [String(x.body.id), x.body]),
        ),
      ),
    getProduct: (call, c) => {
      const found = findProduct(Number(call.params.product_id));
      return c.json(withMeta(found ?? notFound(`No product ${call.params.product_id}`), call.query.meta));
    },
    getProductByStoreId: (call, c) => {
      const { store, store_product_id: id } = call.params;
      const found = PRODUCTS.find(
        (x) =>
          x.body.store === store &&
          [x.body.ref_no, x.body.package_name, x.body.vendor_identifier].map(String).includes(id!),
      );
      return c.json(withMeta(found ?? notFound(`No ${store} product ${id}`), call.query.meta));
    },
    getSalesReport: (call, c) => c.json(sales(who(call), call.query, undefined, today(call))),
    getSalesReportGrouped: (call, c) =>
      c.json(sales(who(call), call.query, call.params.group_by, today(call))),
    listReviews: (call, c) => c.json(reviewPage(who(call), call.query)),
    countReviews: (call, c) => c.json(reviewCounts(who(call), call.query)),
    getRatings: (call, c) => c.json(ratings(who(call), call.query)),
    listUsers: (call, c) => {
      const all = USERS.filter((u) => u.accountId === who(call).account.id).map(user);
      const count = Number(call.query.count ?? 25);
      const page = Number(call.query.page ?? 1);
      return c.json({
        metadata: {
          resultset: {
            count,
            page,
            total_count: all.length,
            total_pages: Math.max(1, Math.ceil(all.length / count)),
          },
        },
        results: all.slice((page - 1) * count, page * count),
      });
    },
    getUser: (call, c) => {
      const u = AppfiguresState.user(call.params.user!);
      return c.json(
        u && u.accountId === who(call).account.id ? user(u) : notFound(`No user ${call.params.user}`),
      );
    },
    listExternalAccounts: (call, c) =>
      c.json(
        Object.fromEntries(
          state.externalAccounts
            .filter((a) => a.account_id === who(call).account.id)
            .map((a) => [String(a.id), a]),
        ),
      ),
    getExternalAccount: (call, c) => {
      const a = state.externalAccounts.find(
        (x) => x.id === Number(call.params.id) && x.account_id === who(call).account.id,
      );
      return c.json(a ?? notFound(`No external account ${call.params.id}`));
    },
    createExternalAccount: (call, c) => {
      const b = call.json as {
        nickname: string;
        username: string;
        auto_import?: boolean;
        store: string;
        metadata?: object;
      };
      const store = STORES[b.store as keyof typeof STORES];
      if (!store)
        throw new AppfiguresApiError(
          400,
          errorBody(400, "Unknown store", `store must be one of ${Object.keys(STORES).join(", ")}`),
        );
      const created = {
        id: state.nextExternalId++,
        account_id: who(call).account.id,
        nickname: b.nickname,
        username: b.username,
        auto_import: b.auto_import ?? true,
        store_id: store.id,
        store: store.name,
        metadata: { ...(b.metadata ?? {}) },
      };
      state.externalAccounts.push(created);
      return c.json(created);
    },
    listStores: (_call, c) => c.json(STORES),
    listCountries: (_call, c) => c.json(Object.fromEntries(COUNTRIES.map((x) => [x.iso, x]))),
    listLanguages: (_call, c) => c.json(LANGUAGES),
    listCategories: (_call, c) => c.json(CATEGORIES),
    listCurrencies: (_call, c) => c.json(CURRENCIES),
  };
}
