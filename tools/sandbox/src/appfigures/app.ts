/**
 * The Appfigures API v2 sandbox: `/v2/*` validated against specs/appfigures/openapi.yaml, authenticated by the
 * sandbox's own rules (state.ts; OAuth 1.0a verified by oauth1.ts with node:crypto), scope-checked with the
 * scope each operation's `oauth2` requirement names, counted against a daily quota, and answered from the
 * fixtures (fixtures.ts). OAuth 1.0a and OAuth 2.0 authorization pages approve as the sandbox's test user.
 */
import type { Context } from "hono";
import { createSandboxApp, type SandboxEnv } from "../core/app.js";
import { SandboxError } from "../core/errors.js";
import { loadSpec } from "../core/spec.js";
import type { ProviderCreateOptions, ProviderSandbox } from "../core/types.js";
import { SpecValidator } from "../core/validator.js";
import {
  CATEGORIES,
  COUNTRIES,
  CURRENCIES,
  dailySales,
  LANGUAGES,
  PRODUCT_META,
  PRODUCTS,
  REVIEWS,
  type SandboxProduct,
  STORES,
  USERS,
} from "./fixtures.js";
import { encodedPairs, type OAuth1IncomingRequest, protocolParams } from "./oauth1.js";
import { AppfiguresApiError, AppfiguresState, errorBody, type Principal } from "./state.js";

/** The real base path of API v2. */
export const APPFIGURES_BASE_PATH = "/v2";

/** Options of {@link createAppfiguresSandbox}. */
export interface AppfiguresSandboxOptions extends ProviderCreateOptions {
  /** Requests per account per UTC day, shown in `GET /` (default 5000). */
  dailyLimit?: number;
  /** Accepted distance of `oauth_timestamp` from the sandbox clock, in seconds (default 300). */
  toleranceSeconds?: number;
}

/** A created Appfigures sandbox: the generic provider sandbox plus its state and validator, for tests. */
export interface AppfiguresSandbox extends ProviderSandbox {
  state: AppfiguresState;
  validator: SpecValidator;
}

/** Query parameters every operation accepts beside its own: the client key, `pretty`, OAuth 1.0a in the query. */
const GLOBAL_QUERY = /^(client_key|pretty|oauth_[a-z_]+)$/;

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );

/** Decoded form or query text → record (the first value of a repeated name wins). */
function decodeForm(text: string): Record<string, string> {
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

const money = (cents: number) => (cents / 100).toFixed(2);
const DAY = 86_400_000;

/** The first day of the period a day falls in. */
function period(day: string, granularity: string): string {
  if (granularity === "monthly") return `${day.slice(0, 7)}-01`;
  if (granularity === "yearly") return `${day.slice(0, 4)}-01-01`;
  if (granularity === "weekly") {
    const t = Date.parse(`${day}T00:00:00Z`);
    const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
    return new Date(monday).toISOString().slice(0, 10);
  }
  return day;
}

type Metrics = ReturnType<typeof dailySales>;
const METRIC_KEYS = Object.keys(dailySales(1, "2026-01-01", "US", "app")) as Array<keyof Metrics>;
const zero = (): Metrics => Object.fromEntries(METRIC_KEYS.map((k) => [k, 0])) as Metrics;
const add = (a: Metrics, b: Metrics) => {
  for (const k of METRIC_KEYS) a[k] += b[k];
};
const render = (m: Metrics, extra: Record<string, unknown> = {}) => ({
  ...extra,
  ...m,
  revenue: money(m.revenue),
});

const FIELD: Record<string, string> = {
  products: "product_id",
  countries: "country",
  dates: "date",
  stores: "store",
  device: "device",
};

/** Builds a fresh Appfigures sandbox (fresh state, fresh fault queue). */
export async function createAppfiguresSandbox(
  options: AppfiguresSandboxOptions = {},
): Promise<AppfiguresSandbox> {
  const now = options.now ?? Date.now;
  const validator = await SpecValidator.create(loadSpec("appfigures", { specsDir: options.specsDir }), {
    basePath: APPFIGURES_BASE_PATH,
  });
  const state = new AppfiguresState({
    dailyLimit: options.dailyLimit ?? 5000,
    toleranceSeconds: options.toleranceSeconds ?? 300,
  });
  const sandbox = createSandboxApp({
    name: "appfigures",
    basePath: APPFIGURES_BASE_PATH,
    validator,
    now,
    faultError: ({ status, message }) =>
      new SandboxError(status, errorBody(status, message ?? `Sandbox fault ${status}`)),
    onReset: () => state.clear(),
  });
  const { app } = sandbox;

  const owned = (accountId: number) => PRODUCTS.filter((p) => p.accountId === accountId);
  const findProduct = (id: number) => PRODUCTS.find((p) => p.body.id === id);
  const notFound = (what: string): never => {
    throw new AppfiguresApiError(404, errorBody(404, "Not Found", what));
  };
  const withMeta = (p: SandboxProduct, meta: string | undefined) =>
    meta === "true" || meta === "True" || meta === "1" ? { ...p.body, meta: PRODUCT_META } : p.body;

  function sales(
    principal: Principal,
    q: Record<string, string>,
    pathGroup: string | undefined,
    today: string,
  ) {
    const groups = pathGroup ? [pathGroup] : (q.group_by ?? "").split(",").filter(Boolean);
    const end = q.end_date ?? today;
    const start =
      q.start_date ?? new Date(Date.parse(`${end}T00:00:00Z`) - 30 * DAY).toISOString().slice(0, 10);
    const from = Date.parse(`${start}T00:00:00Z`);
    const to = Date.parse(`${end}T00:00:00Z`);
    if (!(from <= to))
      throw new AppfiguresApiError(400, errorBody(400, "start_date must not be after end_date"));
    if (to - from > 731 * DAY)
      throw new AppfiguresApiError(400, errorBody(400, "The date range is limited to two years"));
    const mine = owned(principal.account.id);
    let products = mine;
    if (q.products) {
      const ids = q.products.split(/[,;]/).map(Number);
      products = mine.filter((p) => ids.includes(p.body.id));
      if (q.include_inapps === "true")
        products = mine.filter(
          (p) => products.includes(p) || products.some((x) => x.body.children.includes(p.body.id)),
        );
    }
    const countries = q.countries ? q.countries.split(",") : COUNTRIES.map((c) => c.iso);
    const granularity = q.granularity ?? "daily";
    const keyOf = (g: string, p: SandboxProduct, day: string, iso: string): string | number =>
      g === "products"
        ? p.body.id
        : g === "countries"
          ? iso
          : g === "dates"
            ? period(day, granularity)
            : g === "stores"
              ? p.body.store
              : String((p.body.devices as string[] | undefined)?.[0] ?? "unknown").toLowerCase();
    const total = zero();
    const nested = new Map<
      string,
      {
        key: string | number;
        metrics: Metrics;
        inner: Map<string, { key: string | number; metrics: Metrics }>;
      }
    >();
    for (let t = from; t <= to; t += DAY) {
      const day = new Date(t).toISOString().slice(0, 10);
      for (const p of products) {
        for (const iso of countries) {
          const m = dailySales(p.body.id, day, iso, p.body.type);
          add(total, m);
          if (!groups.length) continue;
          const k1 = keyOf(groups[0]!, p, day, iso);
          let outer = nested.get(String(k1));
          if (!outer) {
            outer = { key: k1, metrics: zero(), inner: new Map() };
            nested.set(String(k1), outer);
          }
          add(outer.metrics, m);
          if (groups[1]) {
            const k2 = keyOf(groups[1], p, day, iso);
            let inner = outer.inner.get(String(k2));
            if (!inner) {
              inner = { key: k2, metrics: zero() };
              outer.inner.set(String(k2), inner);
            }
            add(inner.metrics, m);
          }
        }
      }
    }
    if (!groups.length) return render(total);
    const out: Record<string, unknown> = {};
    for (const [k, v] of nested) {
      if (!groups[1]) out[k] = render(v.metrics, { [FIELD[groups[0]!]!]: v.key });
      else {
        const inner: Record<string, unknown> = {};
        for (const [k2, w] of v.inner)
          inner[k2] = render(w.metrics, { [FIELD[groups[0]!]!]: v.key, [FIELD[groups[1]]!]: w.key });
        out[k] = inner;
      }
    }
    return out;
  }

  function reviews(principal: Principal, q: Record<string, string>) {
    const ids = q.products
      ? q.products.split(/[,;]/).map(Number)
      : owned(principal.account.id).map((p) => p.body.id);
    const split = (s: string | undefined) => (s ? s.split(",") : undefined);
    const countries = split(q.countries);
    const stars = split(q.stars);
    const versions = split(q.versions);
    const text = q.q?.toLowerCase();
    const list = REVIEWS.filter(
      (r) =>
        ids.includes(r.product) &&
        (!countries || countries.includes(r.iso)) &&
        (!stars || stars.includes(r.stars.slice(0, 1))) &&
        (!versions || versions.includes(r.version ?? "")) &&
        (!q.lang || r.language === q.lang) &&
        (!q.author || r.author === q.author) &&
        (!text || `${r.title} ${r.review}`.toLowerCase().includes(text)) &&
        (!q.start || r.date.slice(0, 10) >= q.start) &&
        (!q.end || r.date.slice(0, 10) <= q.end),
    );
    return { list, text };
  }

  function reviewPage(principal: Principal, q: Record<string, string>) {
    let { list } = reviews(principal, q);
    const sort = q.sort ?? "-date";
    const field = sort.replace(/^-/, "") as "date" | "stars" | "country";
    const get = (r: (typeof list)[number]) =>
      field === "country" ? r.iso : field === "stars" ? r.stars : r.date;
    list = [...list].sort(
      (a, b) => (get(a) < get(b) ? -1 : get(a) > get(b) ? 1 : 0) * (sort.startsWith("-") ? -1 : 1),
    );
    const count = Number(q.count ?? 25);
    const page = Number(q.page ?? 1);
    return {
      total: list.length,
      pages: Math.max(1, Math.ceil(list.length / count)),
      this_page: page,
      reviews: list.slice((page - 1) * count, page * count).map(({ language: _l, ...r }) => r),
    };
  }

  function reviewCounts(principal: Principal, q: Record<string, string>) {
    const { list } = reviews(principal, q);
    const counts = { stars: {} as Record<string, number>, versions: {} as Record<string, number> };
    const countries: Record<string, number> = {};
    const products: Record<string, number> = {};
    const languages: Record<string, number> = {};
    for (const s of ["1", "2", "3", "4", "5"]) counts.stars[s] = 0;
    const inc = (m: Record<string, number>, k: string) => {
      m[k] = (m[k] ?? 0) + 1;
    };
    for (const r of list) {
      inc(counts.stars, r.stars.slice(0, 1));
      if (r.version) inc(counts.versions, r.version);
      inc(countries, r.iso);
      inc(products, String(r.product));
      inc(languages, r.language);
    }
    return { ...counts, countries, products, languages, tags: {} };
  }

  function ratings(principal: Principal, q: Record<string, string>) {
    const ids = q.products
      ? q.products.split(/[,;]/).map(Number)
      : owned(principal.account.id).map((p) => p.body.id);
    return PRODUCTS.filter((p) => ids.includes(p.body.id) && p.body.type === "app").map((p) => {
      const base = p.body.id % 97;
      const breakdown = [3 + (base % 5), 1 + (base % 3), 4 + (base % 7), 20 + base, 100 + base * 2];
      for (const r of REVIEWS) if (r.product === p.body.id) breakdown[Number(r.stars.slice(0, 1)) - 1]! += 1;
      const total = breakdown.reduce((a, b) => a + b, 0);
      const average = breakdown.reduce((a, b, i) => a + b * (i + 1), 0) / total;
      return { product: p.body.id, breakdown, average: average.toFixed(2), total };
    });
  }

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

  /** The raw request target (path and query as sent) and the OAuth 1.0a view of the request. */
  const incoming = (c: Context<SandboxEnv>, body: string | undefined): OAuth1IncomingRequest => {
    const u = new URL(c.req.url);
    return {
      method: c.req.method,
      scheme: "http",
      host: c.req.header("host") ?? u.host,
      target: c.env?.incoming?.url ?? u.pathname + u.search,
      authorization: c.req.header("authorization"),
      contentType: c.req.header("content-type"),
      body,
    };
  };

  const answer = (c: Context<SandboxEnv>, e: unknown) => {
    if (e instanceof AppfiguresApiError) return c.json(e.body, e.status as 400);
    throw e;
  };

  app.all(`${APPFIGURES_BASE_PATH}/*`, async (c) => {
    const ctx = c.get("sandbox");
    const t = ctx.now();
    const raw = c.req.method === "GET" || c.req.method === "HEAD" ? undefined : await c.req.text();
    const req = incoming(c, raw);
    const url = new URL(c.req.url);
    const query = decodeForm(url.search.slice(1));
    const form = raw && /x-www-form-urlencoded/i.test(req.contentType ?? "") ? decodeForm(raw) : undefined;
    let json: unknown;
    if (raw && !form) {
      try {
        json = JSON.parse(raw);
      } catch {
        return c.json(errorBody(400, "The request body is not valid JSON"), 400);
      }
    }
    const path = url.pathname.slice(APPFIGURES_BASE_PATH.length) || "/";
    const validatedQuery: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      if (GLOBAL_QUERY.test(key)) continue;
      const all = url.searchParams.getAll(key);
      validatedQuery[key] = all.length === 1 ? all[0]! : all;
    }
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const checked = validator.validateRequest({
      method: c.req.method,
      path,
      query: validatedQuery,
      headers,
      body: form ?? json,
    });
    if (checked.routeStatus || !checked.operationId) {
      return c.json(
        errorBody(checked.routeStatus ?? 404, checked.issues[0]?.message ?? "Not Found"),
        checked.routeStatus ?? 404,
      );
    }
    const operationId = checked.operationId;
    const invalid = () =>
      c.json(
        errorBody(
          400,
          "Invalid request",
          checked.issues.map((i) => `${i.location} ${i.pointer || "(root)"}: ${i.message}`).join("; "),
        ),
        400,
      );
    try {
      // ---- OAuth endpoints ------------------------------------------------------------------------------------
      switch (operationId) {
        case "oauth1RequestToken":
        case "oauth1AccessToken": {
          const oauth = protocolParams(req);
          if (!oauth)
            return c.json(errorBody(401, "Could not authenticate:", "No OAuth 1.0a parameters."), 401);
          const step = operationId === "oauth1RequestToken" ? "none" : "temp";
          const { client, token } = state.verifyOAuth1(req, oauth, step, t);
          const text =
            step === "none"
              ? state.issueTemp(client, oauth.params.get("oauth_callback"), c.req.header("x-oauth-scope"))
              : state.issueAccess(token!, oauth.params.get("oauth_verifier"));
          return c.body(text, 200, { "content-type": "application/x-www-form-urlencoded" });
        }
        case "oauth1Authorize": {
          const { verifier, callback } = state.approveTemp(query.oauth_token);
          if (callback === "oob") {
            return c.html(
              `<!doctype html><meta charset="utf-8"><title>Appfigures sandbox: authorized</title>` +
                `<p>Aladdin authorized the app. Your verifier: <code id="verifier">${esc(verifier)}</code></p>`,
            );
          }
          const back = new URL(callback);
          back.searchParams.set("oauth_token", query.oauth_token!);
          back.searchParams.set("oauth_verifier", verifier);
          return c.redirect(back.href, 302);
        }
        case "oauth2Authorize": {
          if (!checked.valid)
            return c.json({ error: "invalid_request", error_description: checked.issues[0]?.message }, 400);
          const { code, redirectUri } = state.authorize2(query, t);
          if (redirectUri === "urn:ietf:wg:oauth:2.0:oob") {
            return c.html(
              `<!doctype html><meta charset="utf-8"><title>Appfigures sandbox: authorized</title>` +
                `<p>Paste this code into the app: <code id="code">${esc(code)}</code></p>`,
            );
          }
          const back = new URL(redirectUri);
          back.searchParams.set("code", code);
          if (query.state !== undefined) back.searchParams.set("state", query.state);
          return c.redirect(back.href, 302);
        }
        case "oauth2AccessToken":
        case "oauth2Revoke":
        case "oauth2TokenInfo": {
          if (!checked.valid || !form)
            return c.json(
              {
                error: "invalid_request",
                error_description: checked.issues[0]?.message ?? "form body expected",
              },
              400,
            );
          const auth = c.req.header("authorization");
          if (operationId === "oauth2AccessToken") return c.json(state.exchange(form, auth, t));
          if (operationId === "oauth2Revoke") {
            state.revoke(form, auth);
            return c.body(null, 200);
          }
          return c.json(state.introspect(form, auth));
        }
      }

      // ---- Data operations: authenticate, scope, quota --------------------------------------------------------
      const authorization = c.req.header("authorization") ?? "";
      let principal: Principal;
      const oauth =
        /^Bearer /i.test(authorization) || /^Basic /i.test(authorization) ? undefined : protocolParams(req);
      if (/^Bearer /i.test(authorization)) principal = state.bearer(authorization.slice(7).trim());
      else if (oauth) {
        const { token } = state.verifyOAuth1(req, oauth, "access", t);
        principal = state.oauth1Principal(token!);
      } else if (/^Basic /i.test(authorization))
        principal = state.basic(
          authorization.slice(6).trim(),
          c.req.header("x-client-key") ?? query.client_key,
        );
      else return c.json(errorBody(401, "Could not authenticate:", "No credentials."), 401);
      AppfiguresState.checkAccount(principal.account);
      const scope = requiredScope(validator.operation(operationId) as Record<string, unknown>);
      if (scope && !principal.scopes.includes(scope)) {
        return c.json(errorBody(403, "Insufficient scope", `This request requires the ${scope} scope.`), 403);
      }
      const usage = state.count(principal.account.id, t);
      if (!checked.valid) return invalid();
      const p = checked.params;
      const accountId = principal.account.id;
      const today = new Date(t).toISOString().slice(0, 10);
      switch (operationId) {
        case "getRoot":
          return c.json({
            status: "200",
            message: "OK",
            see: "https://docs.appfigures.com/api/reference/v2/",
            version: "2.0",
            user: { id: principal.user.id, name: principal.user.name, email: principal.user.email },
            usage: { daily_used: usage.used, daily_limit: usage.limit },
            sequence: ++state.sequence,
            source: "sandbox-1",
          });
        case "listMyProducts":
          return c.json(
            Object.fromEntries(
              owned(accountId)
                .filter((x) => !query.store || x.body.store === query.store)
                .map((x) => [String(x.body.id), x.body]),
            ),
          );
        case "getProduct": {
          const found = findProduct(Number(p.product_id));
          return c.json(withMeta(found ?? notFound(`No product ${p.product_id}`), query.meta));
        }
        case "getProductByStoreId": {
          const found = PRODUCTS.find(
            (x) =>
              x.body.store === p.store &&
              [x.body.ref_no, x.body.package_name, x.body.vendor_identifier]
                .map(String)
                .includes(p.store_product_id!),
          );
          return c.json(
            withMeta(found ?? notFound(`No ${p.store} product ${p.store_product_id}`), query.meta),
          );
        }
        case "getSalesReport":
          return c.json(sales(principal, query, undefined, today));
        case "getSalesReportGrouped":
          return c.json(sales(principal, query, p.group_by, today));
        case "listReviews":
          return c.json(reviewPage(principal, query));
        case "countReviews":
          return c.json(reviewCounts(principal, query));
        case "getRatings":
          return c.json(ratings(principal, query));
        case "listUsers": {
          const all = USERS.filter((u) => u.accountId === accountId).map(user);
          const count = Number(query.count ?? 25);
          const page = Number(query.page ?? 1);
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
        }
        case "getUser": {
          const u = AppfiguresState.user(p.user!);
          return c.json(u && u.accountId === accountId ? user(u) : notFound(`No user ${p.user}`));
        }
        case "listExternalAccounts":
          return c.json(
            Object.fromEntries(
              state.externalAccounts.filter((a) => a.account_id === accountId).map((a) => [String(a.id), a]),
            ),
          );
        case "getExternalAccount": {
          const a = state.externalAccounts.find((x) => x.id === Number(p.id) && x.account_id === accountId);
          return c.json(a ?? notFound(`No external account ${p.id}`));
        }
        case "createExternalAccount": {
          const b = json as {
            nickname: string;
            username: string;
            auto_import?: boolean;
            store: string;
            metadata?: object;
          };
          const store = STORES[b.store as keyof typeof STORES];
          if (!store)
            return c.json(
              errorBody(400, "Unknown store", `store must be one of ${Object.keys(STORES).join(", ")}`),
              400,
            );
          const created = {
            id: state.nextExternalId++,
            account_id: accountId,
            nickname: b.nickname,
            username: b.username,
            auto_import: b.auto_import ?? true,
            store_id: store.id,
            store: store.name,
            metadata: { ...(b.metadata ?? {}) },
          };
          state.externalAccounts.push(created);
          return c.json(created);
        }
        case "listStores":
          return c.json(STORES);
        case "listCountries":
          return c.json(Object.fromEntries(COUNTRIES.map((x) => [x.iso, x])));
        case "listLanguages":
          return c.json(LANGUAGES);
        case "listCategories":
          return c.json(CATEGORIES);
        case "listCurrencies":
          return c.json(CURRENCIES);
        default:
          return c.json(errorBody(501, `${operationId} is not served by the sandbox`), 501);
      }
    } catch (e) {
      return answer(c, e);
    }
  });

  return { ...sandbox, state, validator, name: "appfigures", basePath: APPFIGURES_BASE_PATH };
}
