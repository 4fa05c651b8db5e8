/**
 * The Appfigures sandbox's report computations behind the data handlers: sales (totals, one- or two-level
 * grouping by product, country, date period, store or device), reviews (filtered pages and counts) and ratings,
 * all derived from the fixtures.
 * @module
 */
import { AppfiguresApiError, errorBody } from "./errors.js";
import { COUNTRIES, dailySales, PRODUCTS, REVIEWS, type SandboxProduct } from "./fixtures.js";
import type { Principal } from "./state.js";

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

/** The products an account owns. */
export const owned = (accountId: number) => PRODUCTS.filter((p) => p.accountId === accountId);

/** The Sales report: totals, or grouped by one or two `group_by` keys. */
export function sales(
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

/** One page of reviews, sorted. */
export function reviewPage(principal: Principal, q: Record<string, string>) {
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

/** Review counts by stars, version, country, product and language. */
export function reviewCounts(principal: Principal, q: Record<string, string>) {
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

/** The star breakdown and average of each requested app. */
export function ratings(principal: Principal, q: Record<string, string>) {
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
