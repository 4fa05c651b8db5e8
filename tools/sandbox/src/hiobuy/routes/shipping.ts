/**
 * HIOBuy fulfillment warehouse data and routes: shipping channels, quotes, locations, item attributes and the
 * freight estimate (`/v1/fulfillment/shipping/*`, `/v1/fulfillment/locations`, `/v1/fulfillment/shipments/
 * item-attributes` and `…/freight/estimate`).
 * @module
 */
import { HioError } from "../errors.js";
import type { Handlers } from "../handler.js";
import { fen } from "../state.js";

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

export function freightFor(ch: (typeof SHIPPING_CHANNELS)[number], kg: number): number {
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

/** Item attribute codes accepted by `/fulfillment/shipments/freight/estimate`. */
const ITEM_ATTRIBUTES = [
  { code: "general", name: "General goods" },
  { code: "battery", name: "Contains batteries", description: "Built-in or packed lithium batteries." },
  { code: "liquid", name: "Liquids", description: "Liquids, creams and gels." },
  { code: "magnetic", name: "Magnetic", description: "Magnets or items containing them." },
] as const;

/** Shipping handlers by operationId. */
export const shippingHandlers: Handlers = {
  shippingChannelList: (ctx) => {
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
  shippingChannelDetail: (ctx) => {
    const code = Object.values(ctx.params)[0];
    const ch = SHIPPING_CHANNELS.find((c) => c.code === code);
    if (!ch) throw new HioError("NOT_FOUND", `Shipping channel ${code} not found.`);
    return channelView(ch);
  },
  shippingQuotes: (ctx) => {
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
  fulfillmentLocationList: () => ({
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
  shipmentItemAttributes: () => ({ items: ITEM_ATTRIBUTES.map((a) => ({ ...a })) }),
  shipmentFreightEstimate: (ctx) => {
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
};
