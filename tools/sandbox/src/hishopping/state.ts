/**
 * In-memory business state of the HiShopping sandbox: a credit line that orders draw down, a small Temu-style
 * catalogue with stock, orders (idempotent by `merchant_order_no`), batches and credit transactions. Money is
 * kept in integer cents and rendered as decimal strings. Catalogue, credit and nonces live in stock.ts, record
 * shapes in records.ts; this file adds orders and batches and is the module the rest of the sandbox imports from.
 */
import { canonicalJson } from "./protocol.js";
import {
  type BatchItem,
  type BatchState,
  CREDIT_LIMIT_CENTS,
  type CreateOrderInput,
  FEE_CENTS,
  money,
  type OrderState,
  type Outcome,
} from "./records.js";
import { HishoppingStock } from "./stock.js";

export { CREDIT_LIMIT_CENTS, FEE_CENTS, type Outcome } from "./records.js";

/** Everything the sandbox remembers; `reset()` restores the initial state. */
export class HishoppingState extends HishoppingStock {
  private orderView(o: OrderState) {
    return {
      order_no: o.order_no,
      merchant_order_no: o.merchant_order_no,
      status: o.status,
      goods_id: o.goods_id,
      sku_id: o.sku_id,
      quantity: o.quantity,
      goods_amount: money(o.goodsCents),
      fee: money(o.feeCents),
      total_charge: money(o.goodsCents + o.feeCents),
      currency: "USD",
      shipping_address: o.shipping_address,
      created_at: o.created_at,
      updated_at: o.updated_at,
    };
  }

  /**
   * POST /orders: idempotent by merchant_order_no (same payload → original order; different → 2002). With
   * `rejectDuplicates` (an app with `duplicates: "reject"`) any reuse answers 2002, the other server behaviour.
   */
  createOrder(input: CreateOrderInput, nowS: number, options: { rejectDuplicates?: boolean } = {}): Outcome {
    const merchantNo = input.merchant_order_no ?? this.next("HSM");
    const fingerprint = canonicalJson({ ...input, merchant_order_no: merchantNo });
    const existing = this.byMerchantNo.get(merchantNo);
    if (existing) {
      const o = this.orders.get(existing)!;
      return o.fingerprint === fingerprint && !options.rejectDuplicates
        ? { code: 0, payload: this.orderView(o) }
        : { code: 2002, message: "Duplicate order" };
    }
    const p = this.products.find((x) => x.goods_id === input.goods_id);
    const s = p?.skus.find((x) => x.sku_id === input.sku_id);
    if (!p || !s) return { code: 3001, message: "Product not found" };
    if (s.stock < input.quantity) return { code: 3002, message: "Product out of stock" };
    const goodsCents = s.priceCents * input.quantity;
    const total = goodsCents + FEE_CENTS;
    const before = CREDIT_LIMIT_CENTS - this.usedCents;
    if (total > before) return { code: 2001, message: "Insufficient credit" };
    s.stock -= input.quantity;
    this.usedCents += total;
    const order: OrderState = {
      order_no: this.next("HS"),
      merchant_order_no: merchantNo,
      status: "pending",
      goods_id: p.goods_id,
      sku_id: s.sku_id,
      quantity: input.quantity,
      goodsCents,
      feeCents: FEE_CENTS,
      shipping_address: input.shipping_address,
      created_at: nowS,
      updated_at: nowS,
      fingerprint,
    };
    this.orders.set(order.order_no, order);
    this.byMerchantNo.set(merchantNo, order.order_no);
    this.transactions.push({
      reference_no: order.order_no,
      type: "order_charge",
      amountCents: -total,
      beforeCents: before,
      afterCents: before - total,
      created_at: nowS,
    });
    return { code: 0, payload: this.orderView(order) };
  }

  /** GET /orders/{order_no}. */
  getOrder(orderNo: string): Outcome {
    const o = this.orders.get(orderNo);
    return o ? { code: 0, payload: this.orderView(o) } : { code: 4001, message: "Order not found" };
  }

  /** GET /orders/merchant/{merchant_order_no}. */
  getOrderByMerchantNo(merchantNo: string): Outcome {
    const no = this.byMerchantNo.get(merchantNo);
    return no ? this.getOrder(no) : { code: 4001, message: "Order not found" };
  }

  private batchView(b: BatchState, full: boolean) {
    const ok = b.items.filter((i) => i.code === 0).length;
    const failed = b.items.length - ok;
    if (!full) {
      return {
        batch_no: b.batch_no,
        merchant_batch_no: b.merchant_batch_no,
        total: b.items.length,
        accepted: ok,
        rejected: failed,
        items: b.items,
      };
    }
    return {
      batch_no: b.batch_no,
      merchant_batch_no: b.merchant_batch_no,
      status: failed === 0 ? "completed" : ok === 0 ? "failed" : "partially_failed",
      total: b.items.length,
      success_count: ok,
      failed_count: failed,
      items: b.items,
      created_at: b.created_at,
    };
  }

  /** POST /batch-orders: each item on its own; idempotent by merchant_batch_no. */
  createBatch(input: { merchant_batch_no?: string; orders: CreateOrderInput[] }, nowS: number): Outcome {
    const merchantBatchNo = input.merchant_batch_no ?? this.next("HSMB");
    const orders = input.orders.map((o) => ({
      ...o,
      merchant_order_no: o.merchant_order_no ?? this.next("HSM"),
    }));
    const fingerprint = canonicalJson({ merchant_batch_no: merchantBatchNo, orders });
    const existing = this.byMerchantBatch.get(merchantBatchNo);
    if (existing) {
      const b = this.batches.get(existing)!;
      return b.fingerprint === fingerprint
        ? { code: 0, payload: this.batchView(b, false) }
        : { code: 2002, message: "Duplicate order" };
    }
    const items: BatchItem[] = orders.map((o, index) => {
      const r = this.createOrder(o, nowS);
      return r.code === 0
        ? {
            index,
            merchant_order_no: o.merchant_order_no,
            order_no: (r.payload as { order_no: string }).order_no,
            code: 0,
            message: "success",
          }
        : {
            index,
            merchant_order_no: o.merchant_order_no,
            order_no: null,
            code: r.code,
            message: r.message ?? "",
          };
    });
    const batch: BatchState = {
      batch_no: this.next("B"),
      merchant_batch_no: merchantBatchNo,
      items,
      created_at: nowS,
      fingerprint,
    };
    this.batches.set(batch.batch_no, batch);
    this.byMerchantBatch.set(merchantBatchNo, batch.batch_no);
    return { code: 0, payload: this.batchView(batch, false) };
  }

  /** GET /batch-orders/{batch_no}. */
  getBatch(batchNo: string): Outcome {
    const b = this.batches.get(batchNo);
    return b ? { code: 0, payload: this.batchView(b, true) } : { code: 4001, message: "Batch not found" };
  }
}
