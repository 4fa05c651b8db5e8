import type { HandlerContext } from "./app.js";
import { listItem, parseProductUrl, productFor, searchIds } from "./catalog.js";
import { HioBusinessFailure, HioError } from "./errors.js";
import type { Channel } from "./keys.js";
import {
  fen,
  type Money,
  type Order,
  type OrderLine,
  orderStatusAt,
  parcelsAt,
  type Shipment,
} from "./state.js";

/** A route handler: returns the 200 body (without `request_id`) or throws HioError / HioBusinessFailure. */
export type Handler = (ctx: HandlerContext) => Record<string, unknown> | Promise<Record<string, unknown>>;

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const int = (v: unknown, d: number) => (typeof v === "number" && Number.isInteger(v) ? v : d);
const lang = (b: Record<string, unknown>) => str(b.language) ?? "en";

/** Throws the documented sandbox outcome for a magic product id. */
function productScenario(id: string): void {
  if (id === "sb_prod_not_found") throw new HioError("NOT_FOUND", "Product not found.");
  if (id === "sb_prod_upstream_error") {
    throw new HioError("CHANNEL_UPSTREAM_ERROR", "The marketplace rejected the call.", {
      upstream: { code: "gw.QueryProductDetail.error", message: "offer is offline" },
    });
  }
}

function detail(ctx: HandlerContext): Record<string, unknown> {
  const b = ctx.body;
  const channel = b.channel as Channel;
  let id = str(b.product_id) ?? str(b.id) ?? str(b.mi_id);
  if (!id && str(b.url)) id = parseProductUrl(str(b.url)!)?.id;
  if (!id && str(b.tao_password))
    id = String(7_100_000_000_000 + ((str(b.tao_password)!.length * 7919) % 1_000_000));
  if (!id) throw new HioError("VALIDATION_ERROR", "product_id, url, mi_id, or tao_password is required.");
  productScenario(id);
  if (channel === "weidian" && id === "sb_prod_capability")
    throw new HioError("CHANNEL_CAPABILITY_NOT_SUPPORTED");
  return { product: productFor(channel, id, lang(b)) };
}

function search(ctx: HandlerContext, keyword: string): Record<string, unknown> {
  const b = ctx.body;
  const channel = b.channel as Channel;
  if (channel === "weidian") {
    throw new HioError("CHANNEL_CAPABILITY_NOT_SUPPORTED", "Search is not available on the weidian channel.");
  }
  const page = int(b.page, 1);
  const pageSize = int(b.page_size, 20);
  if (keyword === "sb_search_empty") return { items: [], page, page_size: pageSize, total: 0 };
  const { ids, total } = searchIds(channel, keyword, page, pageSize);
  let items = ids.map((id) => listItem(productFor(channel, id, lang(b))));
  const min = typeof b.price_start === "number" ? b.price_start : undefined;
  const max = typeof b.price_end === "number" ? b.price_end : undefined;
  if (min !== undefined || max !== undefined) {
    items = items.filter(
      (i) =>
        (min === undefined || i.price.display_amount >= min) &&
        (max === undefined || i.price.display_amount <= max),
    );
  }
  if (b.sort_field === "price") {
    items.sort(
      (x, y) => (x.price.display_amount - y.price.display_amount) * (b.sort_order === "desc" ? -1 : 1),
    );
  }
  return { items, page, page_size: pageSize, total };
}

/** Prices order lines; returns priced lines and the unavailable ones. */
function priceLines(channel: Channel, lines: Array<Record<string, unknown>>) {
  const priced: OrderLine[] = [];
  const unavailable: Array<Record<string, unknown>> = [];
  for (const l of lines) {
    const offer = String(l.offer_id);
    const spec = str(l.spec_id);
    const quantity = int(l.quantity, 1);
    const p = productFor(channel, offer);
    const variant = spec ? p.variants.find((v) => v.sku_id === spec) : p.variants[0];
    let reason: string | undefined;
    if (offer.startsWith("sb_ord_unavailable") || offer.startsWith("sb_prod_not_found"))
      reason = "OFFER_UNAVAILABLE";
    else if (!variant) reason = "SPEC_NOT_FOUND";
    else if (variant.stock < quantity) reason = "OUT_OF_STOCK";
    if (reason || !variant) {
      unavailable.push({
        offer_id: offer,
        ...(spec ? { spec_id: spec } : {}),
        quantity,
        reason: reason ?? "SPEC_NOT_FOUND",
      });
      continue;
    }
    const yuan = variant.price.promotion_amount ?? variant.price.display_amount;
    priced.push({
      offer_id: offer,
      spec_id: variant.sku_id,
      quantity,
      unit_price: fen(yuan * 100),
      title: p.title.translated ?? p.title.original,
    });
  }
  const payment = priced.reduce((s, l) => s + l.unit_price.amount * l.quantity, 0);
  const sellers = new Map<string, Array<{ offer_id: string; spec_id?: string; quantity: number }>>();
  for (const l of priced) {
    const seller = productFor(channel, l.offer_id).seller.id;
    sellers.set(seller, [
      ...(sellers.get(seller) ?? []),
      { offer_id: l.offer_id, spec_id: l.spec_id, quantity: l.quantity },
    ]);
  }
  const shipping = sellers.size * 600; // ¥6 domestic freight per seller
  return { priced, unavailable, sellers, shipping, payment: payment + shipping };
}

function orderView(o: Order, now: number): Record<string, unknown> {
  return {
    order_id: o.order_id,
    channel: o.channel,
    status: orderStatusAt(o, now),
    lines: o.lines.map((l) => ({
      offer_id: l.offer_id,
      spec_id: l.spec_id,
      quantity: l.quantity,
      unit_price: l.unit_price,
      title: l.title,
    })),
    total: o.total,
    parcel_nos: parcelsAt(o, now),
    ...(o.external_order_id !== undefined ? { external_order_id: o.external_order_id } : {}),
    ...(o.outer_purchase_id !== undefined ? { outer_purchase_id: o.outer_purchase_id } : {}),
    created_at: new Date(o.created_at).toISOString(),
    ...(o.paid_at !== undefined ? { paid_at: new Date(o.paid_at).toISOString() } : {}),
    ...(o.cancelled_at !== undefined ? { cancelled_at: new Date(o.cancelled_at).toISOString() } : {}),
  };
}

function findOrder(ctx: HandlerContext): Order {
  const id = String(ctx.body.order_id);
  const o = ctx.state.orders.get(id);
  if (!o || o.app !== ctx.key.key || o.channel !== ctx.body.channel)
    throw new HioError("NOT_FOUND", `Order ${id} not found.`);
  return o;
}

/** Shipping channels of the fulfillment warehouse (prices in fen). */
export const SHIPPING_CHANNELS = [
  {
    code: "HIO-EXPRESS",
    name: "HIOBuy Express (DHL)",
    first: 12_000,
    perKg: 6_000,
    days: [4, 7],
    maxKg: 30,
    battery: false,
    countries: null,
  },
  {
    code: "HIO-STANDARD",
    name: "HIOBuy Standard Air",
    first: 8_000,
    perKg: 4_500,
    days: [8, 15],
    maxKg: 20,
    battery: true,
    countries: null,
  },
  {
    code: "HIO-SEA",
    name: "HIOBuy Sea Freight",
    first: 15_000,
    perKg: 1_200,
    days: [30, 45],
    maxKg: 100,
    battery: true,
    countries: ["US", "GB", "DE", "FR", "AU", "CA"],
  },
  {
    code: "HIO-EU-LINE",
    name: "HIOBuy EU Special Line",
    first: 7_000,
    perKg: 3_800,
    days: [10, 14],
    maxKg: 2,
    battery: false,
    countries: ["DE", "FR", "IT", "ES", "NL"],
  },
] as const;

function channelView(ch: (typeof SHIPPING_CHANNELS)[number]) {
  return {
    code: ch.code,
    name: ch.name,
    status: "ACTIVE",
    warehouse: { code: "GZ01", name: "Guangzhou Baiyun warehouse" },
    capabilities: { battery: ch.battery, max_weight_kg: ch.maxKg, tracking: true },
    billing: {
      first_weight_kg: 0.5,
      first_weight_fee: fen(ch.first),
      additional_weight_kg: 0.5,
      additional_weight_fee: fen(ch.perKg / 2),
    },
    regions: (ch.countries ?? ["*"]).map((c) => ({ country_code: c })),
    final_quote_required: ch.code === "HIO-SEA",
  };
}

function freightFor(ch: (typeof SHIPPING_CHANNELS)[number], kg: number): number {
  return ch.first + Math.ceil(Math.max(0, kg - 0.5) / 0.5) * Math.round(ch.perKg / 2);
}

function quote(ch: (typeof SHIPPING_CHANNELS)[number], country: string, kg: number, battery: boolean) {
  let reason: string | undefined;
  if (ch.countries && !(ch.countries as readonly string[]).includes(country))
    reason = `Destination ${country} is not served by ${ch.code}.`;
  else if (kg > ch.maxKg) reason = `Weight ${kg} kg exceeds the ${ch.maxKg} kg limit of ${ch.code}.`;
  else if (battery && !ch.battery) reason = `${ch.code} does not accept batteries.`;
  const freight = freightFor(ch, kg);
  return reason
    ? {
        channel: { code: ch.code, name: ch.name },
        available: false,
        quote_status: "UNAVAILABLE",
        unavailable_reason: reason,
        service_options: [],
        known_total: fen(0),
        warnings: [],
      }
    : {
        channel: { code: ch.code, name: ch.name },
        available: true,
        quote_status: ch.code === "HIO-SEA" ? "REVIEW_REQUIRED" : "COMPLETE",
        transit_time: { min_days: ch.days[0], max_days: ch.days[1] },
        service_options: [],
        charges: [{ code: "freight", name: "Freight", amount: fen(freight) }],
        total: fen(freight),
        known_total: fen(freight),
        warnings: ch.code === "HIO-SEA" ? ["Final price is confirmed after warehouse measurement."] : [],
      };
}

/** One international-leg event, before it is shaped for `/fulfillment/tracking` or `/shipments/logistics/trace`. */
interface LegEvent {
  time: string;
  status: "warehouse_outbound" | "in_transit" | "delivered";
  label: string;
  description: string;
  location: string;
}

/**
 * International-leg events (warehouse → destination) of a shipment at time `now`: none before payment, then
 * outbound after 1 h, in transit after 20 h, delivered after 60 h. Without a shipment (an `sb_track_…` number)
 * the whole delivered timeline, ending now.
 */
function shipmentEvents(s: Shipment | undefined, now: number): LegEvent[] {
  if (s && (s.status !== "paid" || s.paid_at === undefined)) return [];
  const start = s ? s.paid_at! : now - 60 * 3_600_000;
  const at = (h: number) => new Date(start + h * 3_600_000).toISOString();
  const city = s && typeof s.receiver.city === "string" ? s.receiver.city : "Destination";
  const country = s && typeof s.receiver.country_code === "string" ? `, ${s.receiver.country_code}` : "";
  const all: LegEvent[] = [
    {
      time: at(1),
      status: "warehouse_outbound",
      label: "Left the warehouse",
      description: "Parcel left Guangzhou Baiyun warehouse",
      location: "Guangzhou, CN",
    },
    {
      time: at(20),
      status: "in_transit",
      label: "In transit",
      description: "Departed from origin airport",
      location: "Guangzhou, CN",
    },
    {
      time: at(60),
      status: "delivered",
      label: "Delivered",
      description: "Delivered to the recipient",
      location: `${city}${country}`,
    },
  ];
  return all.filter((e) => Date.parse(e.time) <= now);
}

function shipmentView(s: Shipment): Record<string, unknown> {
  return {
    shipment_id: s.shipment_id,
    status: s.status,
    parcel_nos: s.parcel_nos,
    shipping_channel_code: s.shipping_channel_code,
    total: s.total,
    ...(s.external_shipment_id !== undefined ? { external_shipment_id: s.external_shipment_id } : {}),
    created_at: new Date(s.created_at).toISOString(),
  };
}

const SERVICE_FEES: Record<string, number> = { photo: 300, qc: 500, reinforce: 800, remove_invoice: 0 };

/** Item attribute codes accepted by `/fulfillment/shipments/freight/estimate`. */
const ITEM_ATTRIBUTES = [
  { code: "general", name: "General goods" },
  { code: "battery", name: "Contains batteries", description: "Built-in or packed lithium batteries." },
  { code: "liquid", name: "Liquids", description: "Liquids, creams and gels." },
  { code: "magnetic", name: "Magnetic", description: "Magnets or items containing them." },
] as const;

function shipmentTotals(ctx: HandlerContext) {
  const b = ctx.body;
  const code = String(b.shipping_channel_code);
  const ch = SHIPPING_CHANNELS.find((c) => c.code === code);
  if (!ch) throw new HioError("INVALID_SHIPPING_CHANNEL", `Unknown shipping channel ${code}.`);
  const parcels = (b.parcel_nos as string[] | undefined) ?? [];
  for (const p of parcels) {
    const order = ctx.state.orders.get(p.replace(/^PCL/, ""));
    if (!order || order.app !== ctx.key.key || !parcelsAt(order, ctx.now).includes(p)) {
      throw new HioError("PARCEL_NOT_FOUND", `Parcel ${p} is invalid or not yet inbound.`);
    }
  }
  const services = ((b.services as unknown[] | undefined) ?? []).map((s) =>
    typeof s === "string" ? s : String((s as { code?: unknown }).code),
  );
  const kg = parcels.length * 1.2;
  const freight = freightFor(ch, kg);
  const servicesFee = services.reduce((s, code) => s + (SERVICE_FEES[code] ?? 0), 0);
  return {
    ch,
    parcels,
    services,
    freight: fen(freight),
    services_fee: fen(servicesFee),
    discount: fen(0),
    payment: fen(freight + servicesFee),
  };
}

const CANCELLABLE_ORDER = new Set(["wait_payment", "paid"]);

/** Handlers by `METHOD /path` relative to `/v1`. */
export const HANDLERS: Record<string, Handler> = {
  "POST /products/detail": detail,
  "POST /products/parse": (ctx) => {
    const url = String(ctx.body.url);
    const parsed = parseProductUrl(url);
    if (!parsed) throw new HioError("VALIDATION_ERROR", "url is not a 1688, Taobao or Weidian product link.");
    const channel = (str(ctx.body.channel) as Channel | undefined) ?? parsed.channel;
    productScenario(parsed.id);
    return { product: productFor(channel, parsed.id, lang(ctx.body)) };
  },
  "POST /products/search": (ctx) => search(ctx, str(ctx.body.keyword) ?? ""),
  "POST /products/upload-image": (ctx) => {
    const b = ctx.body;
    if (b.channel === "taobao" && !str(b.image_base64))
      throw new HioError("VALIDATION_ERROR", "image_base64 is required for taobao.");
    if (!str(b.image_base64) && !str(b.image_url))
      throw new HioError("VALIDATION_ERROR", "image_base64 or image_url is required.");
    const seed = (str(b.image_base64) ?? str(b.image_url) ?? "").length;
    return { channel: b.channel, image_id: `img_${(seed * 2654435761) % 4294967296}` };
  },
  "POST /products/search-by-image": (ctx) => {
    const b = ctx.body;
    const ref = str(b.image_id) ?? str(b.image_url) ?? str(b.image_base64)?.slice(0, 32);
    if (!ref) throw new HioError("VALIDATION_ERROR", "image_id, image_base64 or image_url is required.");
    const out = search(ctx, `${str(b.keyword) ?? ""} image:${ref}`);
    return { ...out, pic_region_info: { current_region: "0,800,0,800", yolo_crop_region: "120,680,90,710" } };
  },
  "POST /products/freight/estimate": (ctx) => {
    const b = ctx.body;
    const r = priceLines(b.channel as Channel, b.lines as Array<Record<string, unknown>>);
    return {
      estimate: { freight: fen(r.shipping) },
      shipping: fen(r.shipping),
      unavailable_lines: r.unavailable,
      monetary_unit: "CNY_minor",
    };
  },
  "POST /orders/preview": (ctx) => {
    const b = ctx.body;
    const channel = b.channel as Channel;
    const r = priceLines(channel, b.lines as Array<Record<string, unknown>>);
    return {
      channel,
      success: r.priced.length > 0 && ctx.trigger !== "sb_ord_preview_failed",
      total: { payment: fen(r.payment), shipping: fen(r.shipping) },
      unavailable_lines: r.unavailable,
      sellers: [...r.sellers].map(([seller_id, lines]) => ({ seller_id, lines })),
    };
  },
  "POST /orders/create": (ctx) => {
    const b = ctx.body;
    const channel = b.channel as Channel;
    if (ctx.trigger === "sb_ord_create_declined")
      throw new HioBusinessFailure("ORDER_CREATE_FAILED", "The seller declined the order.");
    const r = priceLines(channel, b.lines as Array<Record<string, unknown>>);
    if (r.unavailable.length > 0) {
      throw new HioBusinessFailure(
        "LINES_UNAVAILABLE",
        `${r.unavailable.length} line(s) unavailable: ${r.unavailable.map((l) => `${l.offer_id} (${l.reason})`).join(", ")}`,
      );
    }
    const order: Order = {
      order_id: ctx.state.nextOrderId(),
      channel,
      app: ctx.key.key,
      status: "wait_payment",
      lines: r.priced,
      receiver: b.receiver as Record<string, unknown>,
      total: { payment: fen(r.payment), shipping: fen(r.shipping) },
      ...(str(b.external_order_id) !== undefined ? { external_order_id: str(b.external_order_id) } : {}),
      ...(str(b.outer_purchase_id) !== undefined ? { outer_purchase_id: str(b.outer_purchase_id) } : {}),
      ...(str(b.buyer_message) !== undefined ? { buyer_message: str(b.buyer_message) } : {}),
      created_at: ctx.now,
    };
    // Like the real Gateway (notes §6): a repeated external_order_id is NOT deduplicated.
    ctx.state.orders.set(order.order_id, order);
    return {
      order_id: order.order_id,
      ...(order.external_order_id ? { external_order_id: order.external_order_id } : {}),
      status: order.status,
      total: order.total,
    };
  },
  "POST /orders/pay": (ctx) => {
    const o = findOrder(ctx);
    if (ctx.trigger === "sb_ord_pay_declined" || o.external_order_id === "sb_ord_pay_declined") {
      throw new HioBusinessFailure("PAYMENT_DECLINED", "The marketplace wallet declined the payment.");
    }
    if (o.status === "cancelled")
      throw new HioBusinessFailure("ORDER_CANCELLED", `Order ${o.order_id} is cancelled.`);
    if (o.status === "paid")
      throw new HioBusinessFailure("ORDER_ALREADY_PAID", `Order ${o.order_id} is already paid.`);
    o.status = "paid";
    o.paid_at = ctx.now;
    return { order_id: o.order_id, status: orderStatusAt(o, ctx.now), success: true };
  },
  "POST /orders/detail": (ctx) => ({ order: orderView(findOrder(ctx), ctx.now) }),
  "POST /orders/list": (ctx) => {
    const b = ctx.body;
    const page = int(b.page, 1);
    const pageSize = int(b.page_size, 20);
    const from = str(b.created_from) ? Date.parse(str(b.created_from)!) : Number.NEGATIVE_INFINITY;
    const to = str(b.created_to) ? Date.parse(str(b.created_to)!) : Number.POSITIVE_INFINITY;
    const all = [...ctx.state.orders.values()]
      .filter(
        (o) => o.app === ctx.key.key && o.channel === b.channel && o.created_at >= from && o.created_at <= to,
      )
      .filter((o) => b.status === undefined || orderStatusAt(o, ctx.now) === b.status)
      .sort((x, y) => y.created_at - x.created_at);
    const items = all.slice((page - 1) * pageSize, page * pageSize).map((o) => orderView(o, ctx.now));
    return { items, total: all.length, page, page_size: pageSize };
  },
  "POST /orders/cancel": (ctx) => {
    const o = findOrder(ctx);
    const status = orderStatusAt(o, ctx.now);
    if (!CANCELLABLE_ORDER.has(status)) {
      throw new HioBusinessFailure(
        "ORDER_NOT_CANCELLABLE",
        `Order ${o.order_id} is ${status} and can no longer be cancelled.`,
      );
    }
    o.status = "cancelled";
    o.cancelled_at = ctx.now;
    if (str(ctx.body.cancel_reason)) o.cancel_reason = str(ctx.body.cancel_reason);
    return { order_id: o.order_id, status: "cancelled", success: true };
  },
  "POST /orders/logistics/trace": (ctx) => {
    const o = findOrder(ctx);
    const status = orderStatusAt(o, ctx.now);
    const events: Array<Record<string, unknown>> = [];
    if (o.paid_at !== undefined && status !== "paid" && status !== "cancelled") {
      const t = (s: number) => new Date(o.paid_at! + s * 1000).toISOString();
      events.push({
        time: t(2),
        status: "shipped",
        description: "卖家已发货 Seller shipped",
        location: "Yiwu, Zhejiang",
      });
      if (status === "inbound")
        events.push({
          time: t(5),
          status: "inbound",
          description: "仓库已签收 Received at warehouse",
          location: "Guangzhou",
        });
    }
    return {
      channel: o.channel,
      order_id: o.order_id,
      packages: events.length
        ? [
            {
              logistics_id: `LP${o.order_id}`,
              company: "中通快递",
              tracking_no: `7531${o.order_id.slice(-8)}`,
              events,
            },
          ]
        : [],
    };
  },
  "GET /fulfillment/shipping/channels": (ctx) => {
    const page = Number(ctx.query.page ?? 1) || 1;
    const pageSize = Number(ctx.query.page_size ?? 20) || 20;
    const country =
      typeof ctx.query.country_code === "string" ? ctx.query.country_code.toUpperCase() : undefined;
    const all = SHIPPING_CHANNELS.filter(
      (c) => !country || !c.countries || (c.countries as readonly string[]).includes(country),
    );
    const items = all.slice((page - 1) * pageSize, page * pageSize).map(channelView);
    return {
      items,
      pagination: { page, page_size: pageSize, total: all.length, has_more: page * pageSize < all.length },
      monetary_unit: "CNY_minor",
      generated_at: new Date(ctx.now).toISOString(),
    };
  },
  "GET /fulfillment/shipping/channels/{shipping_channel_code}": (ctx) => {
    const code = Object.values(ctx.params)[0];
    const ch = SHIPPING_CHANNELS.find((c) => c.code === code);
    if (!ch) throw new HioError("NOT_FOUND", `Shipping channel ${code} not found.`);
    return channelView(ch);
  },
  "POST /fulfillment/shipping/quotes": (ctx) => {
    const b = ctx.body;
    const dest = b.destination as { country_code: string };
    const kg = Number(b.weight_kg);
    const codes = b.channel_codes as string[] | undefined;
    const chosen = SHIPPING_CHANNELS.filter((c) => !codes || codes.includes(c.code));
    const quotes = chosen.map((c) => quote(c, dest.country_code.toUpperCase(), kg, false));
    return {
      success: true,
      estimate_type: "DECLARED",
      warnings: [],
      quotes,
      generated_at: new Date(ctx.now).toISOString(),
    };
  },
  "GET /fulfillment/locations": () => ({
    data: [
      {
        id: "GZ01",
        name: "Guangzhou Baiyun warehouse",
        status: "ACTIVE",
        receiving_status: "OPEN",
        supported_destinations: [
          "US",
          "GB",
          "DE",
          "FR",
          "IT",
          "ES",
          "NL",
          "AU",
          "CA",
          "JP",
          "KR",
          "SA",
          "AE",
        ],
      },
    ],
  }),
  "GET /fulfillment/tracking": (ctx) => {
    const sn = String(ctx.query.sn ?? "");
    const s = [...ctx.state.shipments.values()].find(
      (x) => x.app === ctx.key.key && (x.shipment_id === sn || x.external_shipment_id === sn),
    );
    const demo = sn.startsWith("sb_track_");
    if (!s && !demo) throw new HioError("NOT_FOUND", `No shipment for ${sn}.`);
    const timeline = shipmentEvents(s, ctx.now).map((e) => ({
      time: e.time,
      code: e.status,
      status_label: e.label,
      description: e.description,
      location: e.location,
    }));
    const last = timeline[timeline.length - 1];
    return {
      id: s?.shipment_id ?? sn,
      order_sn: s?.external_shipment_id ?? sn,
      international_tracking: { logistics_sn: `HIO${(s?.shipment_id ?? sn).slice(-10).toUpperCase()}` },
      shipping_channel: s?.shipping_channel_code ?? "HIO-STANDARD",
      status: last?.code ?? "created",
      status_label: last?.status_label ?? "Created",
      timeline,
    };
  },
  "GET /fulfillment/balance": (ctx) => {
    const w = ctx.state.wallet(ctx.key.key);
    return {
      balance: { available: fen(w.available), frozen: fen(w.frozen), total: fen(w.available + w.frozen) },
    };
  },
  "GET /fulfillment/shipments/item-attributes": () => ({ items: ITEM_ATTRIBUTES.map((a) => ({ ...a })) }),
  "POST /fulfillment/shipments/freight/estimate": (ctx) => {
    const b = ctx.body;
    const attributes = (b.attributes as string[] | undefined) ?? [];
    const unknown = attributes.filter((a) => !ITEM_ATTRIBUTES.some((x) => x.code === a));
    if (unknown.length > 0)
      throw new HioError("VALIDATION_ERROR", `Unknown item attribute(s): ${unknown.join(", ")}.`);
    if (
      typeof b.weight_kg !== "number" &&
      !(typeof b.length_cm === "number" && typeof b.width_cm === "number" && typeof b.height_cm === "number")
    )
      throw new HioError("VALIDATION_ERROR", "weight_kg or length_cm, width_cm and height_cm is required.");
    const dest = b.destination as { country_code: string };
    const kg =
      typeof b.weight_kg === "number"
        ? b.weight_kg
        : (Number(b.length_cm) * Number(b.width_cm) * Number(b.height_cm)) / 6000;
    const battery = attributes.includes("battery");
    const quotes = SHIPPING_CHANNELS.map((c) => quote(c, dest.country_code.toUpperCase(), kg, battery))
      .filter((q) => q.available)
      .map((q) => ({
        shipping_channel_code: q.channel.code,
        shipping_channel_name: q.channel.name,
        freight: q.total!,
        total: q.total!,
      }));
    return { quotes };
  },
  "POST /fulfillment/shipments/preview": (ctx) => {
    const t = shipmentTotals(ctx);
    return {
      shipping_channel_code: t.ch.code,
      freight: t.freight,
      services: t.services_fee,
      total: { freight: t.freight, services: t.services_fee, discount: t.discount, payment: t.payment },
    };
  },
  "POST /fulfillment/shipments/create": (ctx) => {
    const b = ctx.body;
    const ext = str(b.external_shipment_id);
    if (ext) {
      const existing = ctx.state.shipmentByExternal.get(`${ctx.key.key}\u0000${ext}`);
      if (existing) {
        const s = ctx.state.shipments.get(existing)!;
        return {
          shipment_id: s.shipment_id,
          status: s.status,
          ...(s.external_shipment_id ? { external_shipment_id: s.external_shipment_id } : {}),
        };
      }
    }
    const t = shipmentTotals(ctx);
    const sent = b.total as { payment?: Money } | undefined;
    if (sent?.payment && sent.payment.amount !== t.payment.amount) {
      throw new HioError(
        "VALIDATION_ERROR",
        `total.payment ${sent.payment.amount} does not match the current quote ${t.payment.amount}; preview again.`,
      );
    }
    const s: Shipment = {
      shipment_id: ctx.state.nextShipmentId(ctx.now),
      app: ctx.key.key,
      status: "wait_payment",
      parcel_nos: t.parcels,
      shipping_channel_code: t.ch.code,
      receiver: b.receiver as Record<string, unknown>,
      services: t.services,
      total: { freight: t.freight, services: t.services_fee, discount: t.discount, payment: t.payment },
      ...(ext ? { external_shipment_id: ext } : {}),
      ...(str(b.remark) ? { remark: str(b.remark) } : {}),
      created_at: ctx.now,
    };
    ctx.state.shipments.set(s.shipment_id, s);
    if (ext) ctx.state.shipmentByExternal.set(`${ctx.key.key}\u0000${ext}`, s.shipment_id);
    return { shipment_id: s.shipment_id, status: s.status, ...(ext ? { external_shipment_id: ext } : {}) };
  },
  "POST /fulfillment/shipments/pay": (ctx) => {
    const s = findShipment(ctx);
    if (s.status !== "wait_payment")
      throw new HioBusinessFailure("SHIPMENT_NOT_PAYABLE", `Shipment ${s.shipment_id} is ${s.status}.`);
    const w = ctx.state.wallet(ctx.key.key);
    if (w.available < s.total.payment.amount || ctx.trigger === "sb_ful_insufficient_balance") {
      throw new HioError(
        "INSUFFICIENT_BALANCE",
        `Available ${w.available} fen < ${s.total.payment.amount} fen.`,
      );
    }
    w.available -= s.total.payment.amount;
    s.status = "paid";
    s.paid_at = ctx.now;
    return { shipment_id: s.shipment_id, status: s.status };
  },
  "POST /fulfillment/shipments/cancel": (ctx) => {
    const s = findShipment(ctx);
    if (s.status === "cancelled")
      throw new HioBusinessFailure(
        "SHIPMENT_NOT_CANCELLABLE",
        `Shipment ${s.shipment_id} is already cancelled.`,
      );
    if (s.status === "paid") ctx.state.wallet(ctx.key.key).available += s.total.payment.amount;
    s.status = "cancelled";
    s.cancelled_at = ctx.now;
    if (str(ctx.body.cancel_reason)) s.cancel_reason = str(ctx.body.cancel_reason);
    return { shipment_id: s.shipment_id, status: s.status };
  },
  "POST /fulfillment/shipments/detail": (ctx) => ({ shipment: shipmentView(findShipment(ctx)) }),
  "POST /fulfillment/shipments/logistics/trace": (ctx) => {
    const s = findShipment(ctx);
    return {
      shipment_id: s.shipment_id,
      events: shipmentEvents(s, ctx.now).map((e) => ({
        time: e.time,
        status: e.status,
        description: e.description,
        location: e.location,
      })),
    };
  },
};

function findShipment(ctx: HandlerContext): Shipment {
  const id = String(ctx.body.shipment_id);
  const s = ctx.state.shipments.get(id);
  if (!s || s.app !== ctx.key.key) throw new HioError("NOT_FOUND", `Shipment ${id} not found.`);
  return s;
}
