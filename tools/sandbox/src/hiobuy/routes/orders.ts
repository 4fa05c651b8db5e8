/**
 * HIOBuy marketplace-order routes (`/v1/orders/*`): preview, create, pay, detail, list, cancel, logistics trace.
 * @module
 */
import { priceLines } from "../basket.js";
import { HioBusinessFailure, HioError } from "../errors.js";
import { type HandlerContext, type Handlers, int, str } from "../handler.js";
import type { Channel } from "../keys.js";
import { fen, type Order, orderStatusAt, parcelsAt } from "../state.js";

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

const CANCELLABLE_ORDER = new Set(["wait_payment", "paid"]);

/** Order handlers by operationId. */
export const orderHandlers: Handlers = {
  orderPreview: (ctx) => {
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
  orderCreate: (ctx) => {
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
    // Like the real Gateway: a repeated external_order_id is NOT deduplicated (docs/providers/hiobuy.md).
    ctx.state.orders.set(order.order_id, order);
    return {
      order_id: order.order_id,
      ...(order.external_order_id ? { external_order_id: order.external_order_id } : {}),
      status: order.status,
      total: order.total,
    };
  },
  orderPay: (ctx) => {
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
  orderDetail: (ctx) => ({ order: orderView(findOrder(ctx), ctx.now) }),
  orderList: (ctx) => {
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
  orderCancel: (ctx) => {
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
  orderLogisticsTrace: (ctx) => {
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
};
