/**
 * HIOBuy shipment routes: the international leg from the warehouse (`/v1/fulfillment/shipments/*` preview,
 * create, pay, cancel, detail, trace), tracking and the fulfillment wallet balance.
 * @module
 */
import { HioBusinessFailure, HioError } from "../errors.js";
import { type HandlerContext, type Handlers, str } from "../handler.js";
import { fen, type Money, parcelsAt, type Shipment } from "../state.js";
import { freightFor, SHIPPING_CHANNELS } from "./shipping.js";

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
/** Our leg events in HIOBuy's tracking vocabulary: the event code and the shipment status it leaves. */
const TRACKING_EVENT = {
  warehouse_outbound: { code: "SHIPMENT_DISPATCHED", status: "SHIPPED" },
  in_transit: { code: "DISTRIBUTION_CENTER_SORTED", status: "IN_TRANSIT" },
  delivered: { code: "SHIPMENT_SIGNED", status: "SIGNED" },
} as const;

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

function findShipment(ctx: HandlerContext): Shipment {
  const id = String(ctx.body.shipment_id);
  const s = ctx.state.shipments.get(id);
  if (!s || s.app !== ctx.key.key) throw new HioError("NOT_FOUND", `Shipment ${id} not found.`);
  return s;
}

/** Shipment, tracking and balance handlers by operationId. */
export const shipmentHandlers: Handlers = {
  fulfillmentTracking: (ctx) => {
    const sn = String(ctx.query.sn ?? "");
    const s = [...ctx.state.shipments.values()].find(
      (x) => x.app === ctx.key.key && (x.shipment_id === sn || x.external_shipment_id === sn),
    );
    const demo = sn.startsWith("sb_track_");
    if (!s && !demo) throw new HioError("NOT_FOUND", `No shipment for ${sn}.`);
    // The shape and vocabulary of HIOBuy's tracking demo fixture (https://github.com/hiobuy/tracking-demo
    // tests/tracking-route.test.ts, src/lib/tracking-localization.ts): upper-case status, SHIPMENT_* event
    // codes, event_time, shipping_channel as an object.
    const events = shipmentEvents(s, ctx.now);
    const timeline = events.map((e) => ({
      event_time: e.time,
      code: TRACKING_EVENT[e.status].code,
      status_label: e.label,
      description: e.description,
      location: e.location,
    }));
    const last = events[events.length - 1];
    const code = s?.shipping_channel_code ?? "HIO-STANDARD";
    const channel = SHIPPING_CHANNELS.find((c) => c.code === code);
    const status = last
      ? TRACKING_EVENT[last.status].status
      : s?.status === "paid"
        ? "WAIT_SHIP"
        : "WAIT_PAYMENT";
    return {
      id: s?.shipment_id ?? sn,
      order_sn: s?.external_shipment_id ?? sn,
      international_tracking: { logistics_sn: `HIO${(s?.shipment_id ?? sn).slice(-10).toUpperCase()}` },
      shipping_channel: { code, name: channel?.name ?? code },
      status,
      status_label: last?.label ?? (status === "WAIT_SHIP" ? "Awaiting shipment" : "Awaiting payment"),
      timeline,
    };
  },
  fulfillmentBalance: (ctx) => {
    const w = ctx.state.wallet(ctx.key.key);
    return {
      balance: { available: fen(w.available), frozen: fen(w.frozen), total: fen(w.available + w.frozen) },
    };
  },
  shipmentPreview: (ctx) => {
    const t = shipmentTotals(ctx);
    return {
      shipping_channel_code: t.ch.code,
      freight: t.freight,
      services: t.services_fee,
      total: { freight: t.freight, services: t.services_fee, discount: t.discount, payment: t.payment },
    };
  },
  shipmentCreate: (ctx) => {
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
  shipmentPay: (ctx) => {
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
  shipmentCancel: (ctx) => {
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
  shipmentDetail: (ctx) => ({ shipment: shipmentView(findShipment(ctx)) }),
  shipmentLogisticsTrace: (ctx) => {
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
