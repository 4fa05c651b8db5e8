/**
 * HIOBuy's official demos, their request builders and response readers written again here from what they
 * do, run against our sandbox both as they are (plain fetch, the demos' headers and bodies) and through our
 * client; both must agree.
 *
 * - https://github.com/hiobuy/shipping-quotes: src/lib/hiobuy.ts (hiobuyRequest, listShippingChannels,
 *   getShippingQuotes), src/lib/shipping-api-contract.ts (buildShippingChannelDetailPath, readBusinessFailure),
 *   src/lib/shipping-types.ts (the shapes read below).
 * - https://github.com/hiobuy/tracking-demo: src/app/api/tracking/route.ts (unwrap, normalizeEvent,
 *   shippingChannel, trackingNumber), src/lib/tracking-localization.ts (status and event vocabulary).
 * - https://github.com/hiobuy/starter: src/lib/hiobuy.ts (hiobuyFetch, searchProducts, getProductDetail);
 *   the search page sends a result's `id` back to product detail.
 */
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHiobuyClient } from "../src/index.js";

let sandbox: RunningSandbox;
let base: string;
const clock = Date.parse("2026-11-24T10:00:00Z");
const KEY = "hio_test_keyway_official_demos";

beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hiobuy"], now: () => clock });
  base = sandbox.urls.hiobuy!.replace(/\/v1\/?$/, "");
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const client = () => createHiobuyClient({ apiKey: KEY, baseUrl: `${base}/v1`, retry: false });

// ---- shipping-quotes demo, src/lib/hiobuy.ts + shipping-api-contract.ts (rewritten) ----

type Include = "regions" | "services" | "rate_cards" | "rules";

/** shipping-api-contract.ts buildShippingChannelDetailPath: the code URL-encoded, include defaulted. */
function buildShippingChannelDetailPath(code: string, o: { countryCode?: string; include?: Include[] } = {}) {
  const params = new URLSearchParams();
  if (o.countryCode) params.set("country_code", o.countryCode);
  params.set("include", (o.include ?? ["regions", "services", "rate_cards"]).join(","));
  return `/v1/fulfillment/shipping/channels/${encodeURIComponent(code)}?${params.toString()}`;
}

/** hiobuy.ts listShippingChannels: page 1, page_size 50 by default; include only when asked. */
function listShippingChannelsPath(o: { countryCode?: string; include?: Include[] } = {}) {
  const params = new URLSearchParams({ page: "1", page_size: "50" });
  if (o.countryCode) params.set("country_code", o.countryCode);
  if (o.include?.length) params.set("include", o.include.join(","));
  return `/v1/fulfillment/shipping/channels?${params}`;
}

/** shipping-api-contract.ts readBusinessFailure: a 200 with `success: false`. */
function readBusinessFailure(body: Record<string, unknown>) {
  if (body.success !== false) return null;
  const e = (body.error ?? {}) as Record<string, unknown>;
  return {
    code: typeof body.code === "string" ? body.code : typeof e.code === "string" ? e.code : undefined,
    message: typeof body.msg === "string" ? body.msg : typeof e.message === "string" ? e.message : "error",
  };
}

/** hiobuy.ts hiobuyRequest: Bearer, Accept, Language, JSON content type when there is a body. */
async function demoRequest(path: string, init: { method: string; body?: string }) {
  const res = await fetch(`${base}${path}`, {
    method: init.method,
    headers: {
      Authorization: `Bearer ${KEY}`,
      Accept: "application/json",
      Language: "en",
      ...(init.body ? { "Content-Type": "application/json" } : {}),
    },
    body: init.body,
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`HIOBuy API error (${res.status})`);
  const failure = readBusinessFailure(body);
  if (failure) throw new Error(failure.message);
  return body;
}

/** What the demo's calculator reads of each quote (shipping-types.ts ShippingQuote). */
function readQuote(q: Record<string, unknown>) {
  const total = q.total as { amount: number } | null | undefined;
  const transit = q.transit_time as { min_business_days?: number; max_business_days?: number } | null;
  const reason = q.unavailable_reason as { code?: string; message?: string } | null | undefined;
  const charges = q.charges as { base_freight?: { amount: number } } | null | undefined;
  return {
    code: (q.channel as { code: string }).code,
    available: q.available as boolean,
    total: total == null ? null : total.amount,
    known: (q.known_total as { amount: number }).amount,
    transit: transit == null ? null : [transit.min_business_days, transit.max_business_days],
    reason: reason?.message ?? null,
    freight: charges?.base_freight?.amount ?? null,
  };
}

const strip = (body: unknown) => {
  const { request_id: _r, generated_at: _g, ...rest } = body as Record<string, unknown>;
  return rest;
};

describe("hiobuy/shipping-quotes against the sandbox", () => {
  it("channel list: the demo's query, flat catalog, no optional sections without include", async () => {
    const raw = await demoRequest(listShippingChannelsPath({ countryCode: "US" }), { method: "GET" });
    expect(raw.monetary_unit).toBe("CNY_minor");
    expect(raw.pagination).toMatchObject({ page: 1, page_size: 50, has_more: false });
    const items = raw.items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);
    for (const ch of items) {
      expect(ch.capabilities).toMatchObject({
        delivery_methods: expect.any(Array),
        tracking_supported: true,
      });
      expect(ch.billing).toMatchObject({ basis: expect.any(String), volumetric_weight: expect.any(Object) });
      expect(ch).not.toHaveProperty("regions");
      expect(ch).not.toHaveProperty("channel_rules");
    }
    const typed = await client().GET("/fulfillment/shipping/channels", {
      params: { query: { page: 1, page_size: 50, country_code: "US" } },
    });
    expect(typed.error).toBeUndefined();
    expect(strip(typed.data)).toEqual(strip(raw));
  });

  it("channel detail: flat (never unwrapped from data), include honoured, rules only on request", async () => {
    const code = "HIO-EXPRESS";
    const raw = await demoRequest(buildShippingChannelDetailPath(code, { countryCode: "US" }), {
      method: "GET",
    });
    expect(raw).not.toHaveProperty("data");
    expect(raw.code).toBe(code);
    expect((raw.regions as unknown[]).length).toBe(1);
    expect((raw.rate_cards as unknown[]).length).toBe(1);
    expect((raw.value_added_services as unknown[]).length).toBe(1);
    expect(raw).not.toHaveProperty("channel_rules");
    const withRules = await demoRequest(
      buildShippingChannelDetailPath(code, { include: ["regions", "services", "rate_cards", "rules"] }),
      { method: "GET" },
    );
    expect(withRules.channel_rules).toMatchObject({ aggregation: "SUM_ALL", items: expect.any(Array) });
    const typed = await client().GET("/fulfillment/shipping/channels/{shipping_channel_code}", {
      params: {
        path: { shipping_channel_code: code },
        query: { country_code: "US", include: "regions,services,rate_cards" },
      },
    });
    expect(typed.error).toBeUndefined();
    expect(strip(typed.data)).toEqual(strip(raw));
    expect(typed.data?.regions?.[0]?.reference_transit_time).toMatchObject({ min_business_days: 4 });
  });

  it("an unknown channel code (URL-encoded by the demo) is an error either way", async () => {
    await expect(
      demoRequest(buildShippingChannelDetailPath("DHL/ECO +"), { method: "GET" }),
    ).rejects.toThrow();
    const typed = await client().GET("/fulfillment/shipping/channels/{shipping_channel_code}", {
      params: { path: { shipping_channel_code: "DHL/ECO +" } },
    });
    expect(typed.error?.code).toBe("NOT_FOUND");
  });

  it("quotes: the demo's input (services.channel: []), charges as groups, null total and transit read as such", async () => {
    const input = {
      destination: { country_code: "US" },
      weight_kg: 1.2,
      length_cm: 30,
      width_cm: 20,
      height_cm: 10,
      declared_value: { amount: 15_000, currency: "CNY" as const },
      services: { channel: [] },
    };
    const raw = await demoRequest("/v1/fulfillment/shipping/quotes", {
      method: "POST",
      body: JSON.stringify(input),
    });
    expect(raw).toMatchObject({
      success: true,
      estimate_type: "DECLARED",
      completeness: { level: "PARTIAL" },
    });
    const read = (raw.quotes as Record<string, unknown>[]).map(readQuote);
    const express = read.find((q) => q.code === "HIO-EXPRESS")!;
    expect(express).toMatchObject({ available: true, transit: [4, 7] });
    expect(express.total).toBe(express.known);
    expect(express.freight).toBe(express.known);
    const sea = read.find((q) => q.code === "HIO-SEA")!;
    expect(sea).toMatchObject({ available: true, total: null });
    const eu = read.find((q) => q.code === "HIO-EU-LINE")!;
    expect(eu).toMatchObject({ available: false, total: null, transit: null, reason: expect.any(String) });

    const typed = await client().POST("/fulfillment/shipping/quotes", { body: input });
    expect(typed.error).toBeUndefined();
    expect(strip(typed.data)).toEqual(strip(raw));
    const q = typed.data!.quotes.find((x) => x.channel.code === "HIO-EU-LINE")!;
    expect(q.unavailable_reason?.code).toBe("DESTINATION_NOT_SERVED");
  });

  it("locations: wrapped in data, as the demo reads them", async () => {
    const raw = await demoRequest("/v1/fulfillment/locations?status=ACTIVE", { method: "GET" });
    const first = (raw.data as Record<string, unknown>[])[0]!;
    expect(first).toMatchObject({ status: "ACTIVE", receiving_status: "OPEN" });
    expect((first.supported_destinations as string[]).every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
    const typed = await client().GET("/fulfillment/locations", { params: { query: { status: "ACTIVE" } } });
    expect(strip(typed.data)).toEqual(strip(raw));
  });
});

// ---- tracking-demo, src/app/api/tracking/route.ts (rewritten) ----

const object = (v: unknown) =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const text = (v: unknown) =>
  typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : null;
const first = (...vs: unknown[]) => vs.map(text).find((x) => x !== null) ?? null;

/** normalizeTracking: unwrap data/result, channel name from an object, events by code/event_time. */
function normalizeTracking(body: unknown, sn: string) {
  const root = object(body);
  const data = object(root?.data) ?? object(root?.result) ?? root!;
  const channel =
    text(data.shipping_channel) ??
    (() => {
      const c = object(data.shipping_channel);
      return c ? first(c.name, c.code, c.label) : null;
    })();
  const tracking = object(data.international_tracking);
  return {
    tracking_number: text(data.international_tracking) ?? first(tracking?.logistics_sn, sn),
    shipping_channel: channel,
    status: first(data.status, "UNKNOWN"),
    timeline: (Array.isArray(data.timeline) ? data.timeline : []).map((e) => {
      const ev = object(e)!;
      return {
        time: first(ev.time, ev.occurred_at, ev.event_time, ev.timestamp),
        status: first(ev.code, ev.event_code, ev.status),
        label: first(ev.status_label, ev.label, ev.title),
        station_name: first(object(ev.details)?.station_name),
      };
    }),
  };
}

/** tracking-localization.ts: the event codes the demo has labels for. */
const KNOWN_EVENTS = new Set([
  "SHIPMENT_CREATED",
  "SHIPMENT_PACKED",
  "SHIPMENT_PAID",
  "SHIPMENT_DISPATCHED",
  "SHIPMENT_SIGNED",
  "SHIPMENT_CANCELLED",
  "DISTRIBUTION_CENTER_SORTED",
  "PICKUP_STATION_ARRIVED",
]);
const KNOWN_STATUS = new Set([
  "PENDING",
  "WAIT_PAYMENT",
  "WAIT_SHIP",
  "SHIPPED",
  "IN_TRANSIT",
  "SIGNED",
  "CANCELLED",
]);

describe("hiobuy/tracking-demo against the sandbox", () => {
  it("reads a tracking record: channel name from the object, every event time and known code", async () => {
    const sn = "sb_track_demo";
    const url = new URL(`${base}/v1/fulfillment/tracking`);
    url.searchParams.set("sn", sn);
    const res = await fetch(url, { headers: { Authorization: `Bearer ${KEY}`, Accept: "application/json" } });
    expect(res.status).toBe(200);
    const body = await res.json();
    const record = normalizeTracking(body, sn);
    expect(record.shipping_channel).toBe("HIOBuy Standard Air");
    expect(record.tracking_number).toMatch(/^HIO/);
    expect(KNOWN_STATUS.has(record.status!)).toBe(true);
    expect(record.timeline.length).toBeGreaterThan(0);
    for (const e of record.timeline) {
      expect(e.time).not.toBeNull();
      expect(KNOWN_EVENTS.has(e.status!)).toBe(true);
      expect(e.label).not.toBeNull();
    }
    const typed = await client().GET("/fulfillment/tracking", { params: { query: { sn } } });
    expect(typed.error).toBeUndefined();
    expect(strip(typed.data)).toEqual(strip(body));
    expect(normalizeTracking(typed.data, sn)).toEqual(record);
  });

  it("an unknown number is a 404 both ways", async () => {
    const res = await fetch(`${base}/v1/fulfillment/tracking?sn=NO-SUCH`, {
      headers: { Authorization: `Bearer ${KEY}` },
    });
    expect(res.status).toBe(404);
    const typed = await client().GET("/fulfillment/tracking", { params: { query: { sn: "NO-SUCH" } } });
    expect(typed.error?.status).toBe(404);
  });
});

// ---- starter, src/lib/hiobuy.ts (rewritten) ----

/** hiobuyFetch: POST with language and response_format defaults, body fields after them. */
async function starterFetch(path: string, body: Record<string, unknown>) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${KEY}`,
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    body: JSON.stringify({ language: "en", response_format: "standard", ...body }),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as Record<string, unknown>;
}

describe("hiobuy/starter against the sandbox", () => {
  it("search, then detail with the search item's id, as the starter's pages do", async () => {
    const search = await starterFetch("/v1/products/search", {
      channel: "1688",
      keyword: "phone case",
      page: 1,
      page_size: 20,
      sort_field: "price",
      sort_order: "asc",
    });
    const items = search.items as Array<{ id: string; channel: string }>;
    expect(items.length).toBeGreaterThan(0);
    const item = items[0]!;
    expect(item.id.startsWith("1688_")).toBe(true);
    const detail = await starterFetch("/v1/products/detail", { channel: "1688", id: item.id });
    const product = detail.product as { id: string; images?: { url: string }[]; variants?: unknown[] };
    expect(product.id).toBe(item.id);

    const typed = await client().POST("/products/detail", {
      body: { channel: "1688", id: item.id, language: "en", response_format: "standard" },
    });
    expect(typed.error).toBeUndefined();
    expect(strip(typed.data)).toEqual(strip(detail));
    const typedSearch = await client().POST("/products/search", {
      body: {
        channel: "1688",
        keyword: "phone case",
        page: 1,
        page_size: 20,
        sort_field: "price",
        sort_order: "asc",
      },
    });
    expect(strip(typedSearch.data)).toEqual(strip(search));
  });
});
