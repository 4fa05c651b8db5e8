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

type ChannelData = (typeof SHIPPING_CHANNELS)[number];
const kg = (value: number) => ({ value, unit: "KG" });
/** The sections `include` can add (HIOBuy's demo: regions, services, rate_cards, rules). */
export type ChannelSection = "regions" | "services" | "rate_cards" | "rules";

/** Reads `include` (comma list); unknown names are ignored. */
export function includeOf(raw: unknown): Set<ChannelSection> {
  const names = typeof raw === "string" ? raw.split(",").map((x) => x.trim()) : [];
  return new Set(
    names.filter((n): n is ChannelSection => ["regions", "services", "rate_cards", "rules"].includes(n)),
  );
}

function regionCode(ch: ChannelData): string {
  return `${ch.code}-R1`;
}

/**
 * A channel in the shape of HIOBuy's official shipping demo (`ShippingChannel` of
 * https://github.com/hiobuy/shipping-quotes src/lib/shipping-types.ts): capabilities and billing always,
 * regions / value-added services / rate cards / rules only when `include` names them.
 */
export function channelView(ch: ChannelData, include: Set<ChannelSection> = new Set()) {
  const region = regionCode(ch);
  return {
    code: ch.code,
    name: ch.name,
    description: null,
    logo_url: null,
    status: "ACTIVE",
    tags: ch.code === "HIO-EXPRESS" ? ["EXPRESS"] : [],
    warehouse: { code: "GZ01", name: "Guangzhou Baiyun warehouse" },
    capabilities: {
      delivery_methods: ["DOOR_DELIVERY"],
      multi_package_supported: ch.maxKg > 2,
      tracking_supported: true,
      shipping_label_supported: false,
    },
    billing: {
      basis: "WEIGHT",
      calculation_model: "FIRST_AND_ADDITIONAL",
      quantity_unit: "KG",
      supported_range: { minimum: kg(0.1), maximum: kg(ch.maxKg), out_of_range_behavior: "REJECT" },
      minimum: { ...kg(0.5), ceil_to_minimum: true },
      rounding: { single_package_step: kg(0.5), multi_package_step: kg(0.5), ignore_below: kg(0) },
      multi_package: {
        mode: "COMBINED",
        calculation_scope: "SHIPMENT",
        aggregation: "PRICE_COMBINED_QUANTITY",
        minimum_per_package: kg(0.1),
        minimum_total: kg(0.5),
      },
      volumetric_weight: { enabled: true, divisor: 6000, average_with_actual: false, exemption: null },
      range_right_closed: true,
    },
    ...(include.has("regions")
      ? {
          regions: [
            {
              code: region,
              name: ch.countries ? ch.countries.join(", ") : "Worldwide",
              match_type: "COUNTRY_REGION",
              countries: ch.countries ? [...ch.countries] : ["*"],
              postal_code_required: false,
              reference_transit_time: { min_business_days: ch.days[0], max_business_days: ch.days[1] },
            },
          ],
        }
      : {}),
    ...(include.has("rate_cards")
      ? {
          rate_cards: [
            {
              region_code: region,
              billing_basis: "WEIGHT",
              calculation_model: "FIRST_AND_ADDITIONAL",
              quantity_unit: "KG",
              currency: "CNY",
              reference_only: true,
              price_rows: [
                { type: "FIRST_WEIGHT", first_quantity: kg(0.5), charge: fen(ch.first) },
                { type: "ADDITIONAL_WEIGHT", step: kg(0.5), charge: fen(Math.round(ch.perKg / 2)) },
              ],
            },
          ],
        }
      : {}),
    ...(include.has("services")
      ? {
          value_added_services: [
            {
              code: "photo",
              name: "Photo check",
              description: "Photos of the parcel before dispatch.",
              request_mode: "OPTIONAL",
              pricing_type: "FIXED",
              pricing_scope: "PER_SHIPMENT",
              pricing_basis: "SHIPMENT",
              region_prices: [
                { region_code: region, value: 300, value_unit: "MINOR_UNIT", fixed_charge: fen(0) },
              ],
              final_quote_required: false,
              may_be_adjusted: false,
            },
          ],
        }
      : {}),
    ...(include.has("rules")
      ? {
          channel_rules: {
            aggregation: "SUM_ALL",
            cap: null,
            items: ch.battery
              ? [
                  {
                    code: "BATTERY_SURCHARGE",
                    rule_id: `${ch.code}-BAT`,
                    name: "Battery surcharge",
                    condition_match: "ALL",
                    conditions: [
                      { parameter: "attributes", operator: "CONTAINS", threshold_value: "battery" },
                    ],
                    rule_type: "SURCHARGE",
                    charge_mode: "FIXED",
                    charge_value: fen(1_000),
                    min_charge: null,
                    max_charge: null,
                    formula: null,
                  },
                ]
              : [],
          },
        }
      : {}),
    final_quote_required: ch.code === "HIO-SEA",
    config_updated_at: "2026-07-01T00:00:00Z",
  };
}

export function freightFor(ch: (typeof SHIPPING_CHANNELS)[number], kg: number): number {
  return ch.first + Math.ceil(Math.max(0, kg - 0.5) / 0.5) * Math.round(ch.perKg / 2);
}

/**
 * One channel's quote in the shape of HIOBuy's official demo (`ShippingQuote`): `charges` an object of charge
 * groups, `unavailable_reason` an object, `total` and `transit_time` null when unknown. Sea freight needs a
 * final quote, so its total stays null (`REVIEW_REQUIRED`).
 */
function quote(ch: ChannelData, country: string, weight: number, battery: boolean) {
  let reason: { code: string; message: string } | undefined;
  if (ch.countries && !(ch.countries as readonly string[]).includes(country))
    reason = {
      code: "DESTINATION_NOT_SERVED",
      message: `Destination ${country} is not served by ${ch.code}.`,
    };
  else if (weight > ch.maxKg)
    reason = {
      code: "WEIGHT_OUT_OF_RANGE",
      message: `Weight ${weight} kg exceeds the ${ch.maxKg} kg limit of ${ch.code}.`,
    };
  else if (battery && !ch.battery)
    reason = { code: "ITEM_NOT_ACCEPTED", message: `${ch.code} does not accept batteries.` };
  const channel = { code: ch.code, name: ch.name };
  if (reason) {
    return {
      channel,
      available: false,
      quote_status: "UNAVAILABLE",
      unavailable_reason: reason,
      matched_region: null,
      weights: null,
      transit_time: null,
      service_options: [],
      charges: null,
      total: null,
      known_total: fen(0),
      warnings: [],
    };
  }
  const freight = freightFor(ch, weight);
  const review = ch.code === "HIO-SEA";
  const group = (amount: number | null) => ({
    amount,
    known_amount: amount ?? 0,
    currency: "CNY",
    calculation_status: amount === null ? "PENDING_REVIEW" : "COMPLETE",
    items: [],
  });
  return {
    channel,
    available: true,
    quote_status: review ? "REVIEW_REQUIRED" : "COMPLETE",
    unavailable_reason: null,
    matched_region: {
      code: regionCode(ch),
      name: ch.countries ? ch.countries.join(", ") : "Worldwide",
      match_type: "COUNTRY_REGION",
    },
    weights: { actual: kg(weight), chargeable: kg(Math.max(0.5, Math.ceil(weight / 0.5) * 0.5)) },
    transit_time: { min_business_days: ch.days[0], max_business_days: ch.days[1] },
    service_options: [],
    charges: {
      base_freight: fen(freight),
      channel_services: group(0),
      channel_rules: { ...group(review ? null : 0), aggregation: "SUM_ALL", cap: null },
    },
    total: review ? null : fen(freight),
    known_total: fen(freight),
    warnings: review
      ? [
          {
            code: "FINAL_QUOTE_REQUIRED",
            message: "Final price is confirmed after warehouse measurement.",
            affects: [ch.code],
          },
        ]
      : [],
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
    const include = includeOf(ctx.query.include);
    const items = all.slice((page - 1) * pageSize, page * pageSize).map((c) => channelView(c, include));
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
    return channelView(ch, includeOf(ctx.query.include));
  },
  shippingQuotes: (ctx) => {
    const b = ctx.body;
    const dest = b.destination as { country_code: string };
    const weight = Number(b.weight_kg);
    const codes = b.channel_codes as string[] | undefined;
    const chosen = SHIPPING_CHANNELS.filter((c) => !codes || codes.includes(c.code));
    const quotes = chosen.map((c) => quote(c, dest.country_code.toUpperCase(), weight, false));
    const complete = quotes.every((q) => !q.available || q.total !== null);
    return {
      success: true,
      estimate_type: "DECLARED",
      completeness: { level: complete ? "COMPLETE" : "PARTIAL" },
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
    const weight =
      typeof b.weight_kg === "number"
        ? b.weight_kg
        : (Number(b.length_cm) * Number(b.width_cm) * Number(b.height_cm)) / 6000;
    const battery = attributes.includes("battery");
    const quotes = SHIPPING_CHANNELS.map((c) => quote(c, dest.country_code.toUpperCase(), weight, battery))
      .filter((q) => q.available)
      .map((q) => ({
        shipping_channel_code: q.channel.code,
        shipping_channel_name: q.channel.name,
        freight: q.known_total,
        total: q.known_total,
      }));
    return { quotes };
  },
};
