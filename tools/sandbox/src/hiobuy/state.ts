import type { Channel } from "./keys.js";

/** Money in CNY fen (orders and fulfillment). */
export interface Money {
  amount: number;
  currency: "CNY";
}

/** Yuan → fen money. */
export const fen = (amount: number): Money => ({ amount: Math.round(amount), currency: "CNY" });

/** One procurement order line. */
export interface OrderLine {
  offer_id: string;
  spec_id?: string;
  quantity: number;
  unit_price: Money;
  title: string;
}

/** Procurement order states in the sandbox. */
export type OrderStatus = "wait_payment" | "paid" | "seller_shipped" | "inbound" | "cancelled";

/** A procurement order kept in memory. */
export interface Order {
  order_id: string;
  channel: Channel;
  app: string;
  status: "wait_payment" | "paid" | "cancelled";
  lines: OrderLine[];
  receiver: Record<string, unknown>;
  total: { payment: Money; shipping: Money };
  external_order_id?: string;
  outer_purchase_id?: string;
  buyer_message?: string;
  created_at: number;
  paid_at?: number;
  cancelled_at?: number;
  cancel_reason?: string;
}

/** Seconds after payment when the seller ships, and when the parcel is inbound at the warehouse. */
export const SELLER_SHIPS_AFTER_S = 2;
/** See {@link SELLER_SHIPS_AFTER_S}. */
export const INBOUND_AFTER_S = 5;

/** The status an order shows at time `now` (paid orders progress with the sandbox clock). */
export function orderStatusAt(o: Order, now: number): OrderStatus {
  if (o.status !== "paid" || o.paid_at === undefined) return o.status;
  const s = (now - o.paid_at) / 1000;
  return s >= INBOUND_AFTER_S ? "inbound" : s >= SELLER_SHIPS_AFTER_S ? "seller_shipped" : "paid";
}

/** Parcel numbers of an order at time `now` (one per seller shipment, once inbound). */
export function parcelsAt(o: Order, now: number): string[] {
  return orderStatusAt(o, now) === "inbound" ? [`PCL${o.order_id}`] : [];
}

/** An international shipment kept in memory. */
export interface Shipment {
  shipment_id: string;
  app: string;
  status: "wait_payment" | "paid" | "cancelled";
  parcel_nos: string[];
  shipping_channel_code: string;
  receiver: Record<string, unknown>;
  services: string[];
  total: { freight: Money; services: Money; discount: Money; payment: Money };
  external_shipment_id?: string;
  remark?: string;
  created_at: number;
  paid_at?: number;
  cancelled_at?: number;
  cancel_reason?: string;
}

/** Starting fulfillment wallet balance of every app (fen): ¥2 000. */
export const INITIAL_BALANCE_FEN = 200_000;

/** All in-memory state of the HIOBuy sandbox (per app = per API key). */
export class HiobuyState {
  readonly orders = new Map<string, Order>();
  readonly shipments = new Map<string, Shipment>();
  /** `app + "\0" + external_shipment_id` → shipment_id. */
  readonly shipmentByExternal = new Map<string, string>();
  /** Fulfillment wallet per app: available / frozen fen. */
  readonly wallets = new Map<string, { available: number; frozen: number }>();
  /** Per-minute request counters per app: window start (ms) + count. */
  readonly rate = new Map<string, { windowStart: number; count: number }>();
  /** Daily units per app + channel + UTC day. */
  readonly quota = new Map<string, number>();
  private orderSeq = 0;
  private shipmentSeq = 0;

  /** Next order id: a numeric marketplace purchase number. */
  nextOrderId(): string {
    this.orderSeq += 1;
    return String(200106932660000 + this.orderSeq);
  }

  /** Next shipment id `shp_…` (ULID-like: time-ordered, Crockford base32). */
  nextShipmentId(now: number): string {
    this.shipmentSeq += 1;
    const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let t = Math.floor(now);
    let time = "";
    for (let i = 0; i < 10; i++) {
      time = alphabet[t % 32] + time;
      t = Math.floor(t / 32);
    }
    return `shp_${time}${String(this.shipmentSeq).padStart(16, "0")}`;
  }

  /** The app's wallet (created on first use). */
  wallet(app: string): { available: number; frozen: number } {
    let w = this.wallets.get(app);
    if (!w) {
      w = { available: INITIAL_BALANCE_FEN, frozen: 0 };
      this.wallets.set(app, w);
    }
    return w;
  }

  /** Forgets everything. */
  clear(): void {
    this.orders.clear();
    this.shipments.clear();
    this.shipmentByExternal.clear();
    this.wallets.clear();
    this.rate.clear();
    this.quota.clear();
    this.orderSeq = 0;
    this.shipmentSeq = 0;
  }
}
