/**
 * The Appfigures sandbox's operation handlers, keyed by the spec's operationId: the OAuth 1.0a and OAuth 2.0
 * endpoints (which authenticate themselves) and the data operations (already authenticated, scope-checked and
 * counted by the guard), answered from the fixtures.
 * @module
 */
import type { Context } from "hono";
import type { AppfiguresCall, AppfiguresEnv } from "./api.js";
import { AppfiguresApiError, errorBody } from "./errors.js";
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
import { protocolParams } from "./oauth1.js";
import { AppfiguresState, type Principal } from "./state.js";

/** An Appfigures operation handler. */
export type AppfiguresHandler = (call: AppfiguresCall, c: Context<AppfiguresEnv>) => Response;

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );

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
