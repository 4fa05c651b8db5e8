/**
 * In-memory business state of the HiShopping sandbox: a credit line that orders draw down, a small Temu-style
 * catalogue with stock, orders (idempotent by `merchant_order_no`), batches and credit transactions. Money is
 * kept in integer cents and rendered as decimal strings.
 */
import { canonicalJson } from "./protocol.js";

/** A business outcome: code 0 with a payload, or a failure code and message. */
export type Outcome =
  | { code: 0; payload: unknown; message?: undefined }
  | { code: number; message: string; payload?: undefined };

interface SkuState {
  sku_id: string;
  sku_sn: string;
  specs: { name: string; value: string }[];
  priceCents: number;
  stock: number;
}
interface ProductState {
  goods_id: string;
  title: string;
  category_id: string;
  images: string[];
  skus: SkuState[];
}
interface ShippingAddress {
  name: string;
  phone: string;
  address: string;
  city: string;
  country: string;
  postal_code: string;
  state?: string;
}
interface CreateOrderInput {
  goods_id: string;
  sku_id: string;
  quantity: number;
  merchant_order_no?: string;
  shipping_address: ShippingAddress;
}
interface OrderState {
  order_no: string;
  merchant_order_no: string;
  status: "pending" | "processing" | "shipped" | "completed" | "cancelled" | "failed";
  goods_id: string;
  sku_id: string;
  quantity: number;
  goodsCents: number;
  feeCents: number;
  shipping_address: ShippingAddress;
  created_at: number;
  updated_at: number;
  /** Canonical JSON of the creating payload, for idempotency. */
  fingerprint: string;
}
interface BatchItem {
  index: number;
  merchant_order_no: string;
  order_no: string | null;
  code: number;
  message: string;
}
interface BatchState {
  batch_no: string;
  merchant_batch_no: string;
  items: BatchItem[];
  created_at: number;
  fingerprint: string;
}
interface Transaction {
  reference_no: string;
  type: "order_charge" | "refund" | "top_up" | "adjustment";
  amountCents: number;
  beforeCents: number;
  afterCents: number;
  created_at: number;
}

/** The per-order fee the sandbox charges, in cents. */
export const FEE_CENTS = 100;
/** The sandbox credit line, in cents. */
export const CREDIT_LIMIT_CENTS = 500_000;

const money = (cents: number) => {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};

/** The initial catalogue: the demo's out-of-stock SKU is `17592186044419`. */
function catalogue(): ProductState[] {
  return [
    {
      goods_id: "601099512345678",
      title: "Silicone phone case, shockproof",
      category_id: "12",
      images: ["https://img.hishopping.xyz/g/601099512345678/1.jpg"],
      skus: [
        {
          sku_id: "17592186044417",
          sku_sn: "CASE-BLK-15",
          specs: [
            { name: "Color", value: "Black" },
            { name: "Model", value: "iPhone 15" },
          ],
          priceCents: 320,
          stock: 120,
        },
        {
          sku_id: "17592186044418",
          sku_sn: "CASE-CLR-15",
          specs: [
            { name: "Color", value: "Clear" },
            { name: "Model", value: "iPhone 15" },
          ],
          priceCents: 290,
          stock: 40,
        },
      ],
    },
    {
      goods_id: "601099512345679",
      title: "USB-C fast charger 20W",
      category_id: "15",
      images: ["https://img.hishopping.xyz/g/601099512345679/1.jpg"],
      skus: [
        {
          sku_id: "17592186044419",
          sku_sn: "CHG-20W-EU",
          specs: [{ name: "Plug", value: "EU" }],
          priceCents: 650,
          stock: 0,
        },
        {
          sku_id: "17592186044420",
          sku_sn: "CHG-20W-UK",
          specs: [{ name: "Plug", value: "UK" }],
          priceCents: 650,
          stock: 25,
        },
      ],
    },
    {
      goods_id: "601099512345680",
      title: "Stainless steel water bottle 750 ml",
      category_id: "21",
      images: ["https://img.hishopping.xyz/g/601099512345680/1.jpg"],
      skus: [
        {
          sku_id: "17592186044421",
          sku_sn: "BTL-750-SLV",
          specs: [{ name: "Color", value: "Silver" }],
          priceCents: 1180,
          stock: 60,
        },
      ],
    },
  ];
}

/** Everything the sandbox remembers; `reset()` restores the initial state. */
export class HishoppingState {
  private products = catalogue();
  private orders = new Map<string, OrderState>();
  private byMerchantNo = new Map<string, string>();
  private batches = new Map<string, BatchState>();
  private byMerchantBatch = new Map<string, string>();
  private transactions: Transaction[] = [];
  private usedCents = 0;
  private seq = 0;
  private readonly nonces = new Map<string, number>();

  /** Restores the initial catalogue, credit and empty order books. */
  reset(): void {
    this.products = catalogue();
    this.orders.clear();
    this.byMerchantNo.clear();
    this.batches.clear();
    this.byMerchantBatch.clear();
    this.transactions = [];
    this.usedCents = 0;
    this.seq = 0;
    this.nonces.clear();
  }

  /**
   * Records a nonce for an app; false when it was already seen within `windowMs`. Expired entries are pruned
   * (bounded by the window, so the map cannot grow without limit under a steady request rate).
   */
  useNonce(appId: string, nonce: string, nowMs: number, windowMs = 600_000): boolean {
    for (const [k, exp] of this.nonces) if (exp <= nowMs) this.nonces.delete(k);
    const key = `${appId}\u0000${nonce}`;
    if (this.nonces.has(key)) return false;
    this.nonces.set(key, nowMs + windowMs);
    return true;
  }

  private next(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(8, "0")}`;
  }

  private productView(p: ProductState, withSkus: boolean) {
    const min = Math.min(...p.skus.map((s) => s.priceCents));
    const base = {
      goods_id: p.goods_id,
      title: p.title,
      images: p.images,
      category_id: p.category_id,
      currency: "USD",
      min_price: money(min),
    };
    return withSkus ? { ...base, skus: p.skus.map((s) => this.skuView(s)) } : base;
  }

  private skuView(s: SkuState) {
    return { sku_id: s.sku_id, sku_sn: s.sku_sn, specs: s.specs, price: money(s.priceCents), stock: s.stock };
  }

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

  /** GET /products. */
  listProducts(q: { page?: number; page_size?: number; keyword?: string; category_id?: string }): Outcome {
    const page = q.page ?? 1;
    const size = q.page_size ?? 20;
    const kw = q.keyword?.toLowerCase();
    const all = this.products.filter(
      (p) =>
        (kw === undefined || p.title.toLowerCase().includes(kw)) &&
        (q.category_id === undefined || p.category_id === q.category_id),
    );
    const list = all.slice((page - 1) * size, page * size).map((p) => this.productView(p, true));
    return { code: 0, payload: { list, total: all.length, page, page_size: size } };
  }

  /** GET /products/{goods_id}. */
  getProduct(goodsId: string): Outcome {
    const p = this.products.find((x) => x.goods_id === goodsId);
    return p ? { code: 0, payload: this.productView(p, true) } : { code: 3001, message: "Product not found" };
  }

  /** GET /products/sku/{sku_id}. */
  getProductBySku(skuId: string): Outcome {
    for (const p of this.products) {
      const s = p.skus.find((x) => x.sku_id === skuId);
      if (s) return { code: 0, payload: { product: this.productView(p, false), sku: this.skuView(s) } };
    }
    return { code: 3001, message: "Product not found" };
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

  /** GET /credit. */
  getCredit(): Outcome {
    const available = CREDIT_LIMIT_CENTS - this.usedCents;
    return {
      code: 0,
      payload: {
        currency: "USD",
        credit_limit: money(CREDIT_LIMIT_CENTS),
        used: money(this.usedCents),
        available: money(available),
        balance: money(available),
        status: "active",
      },
    };
  }

  /** GET /credit/transactions, newest first. */
  listTransactions(q: {
    page?: number;
    page_size?: number;
    type?: string;
    start_time?: number;
    end_time?: number;
  }): Outcome {
    const page = q.page ?? 1;
    const size = q.page_size ?? 20;
    const all = this.transactions
      .filter(
        (t) =>
          (q.type === undefined || t.type === q.type) &&
          (q.start_time === undefined || t.created_at >= q.start_time) &&
          (q.end_time === undefined || t.created_at <= q.end_time),
      )
      .reverse();
    const list = all.slice((page - 1) * size, page * size).map((t) => ({
      reference_no: t.reference_no,
      type: t.type,
      amount: money(t.amountCents),
      balance_before: money(t.beforeCents),
      balance_after: money(t.afterCents),
      created_at: t.created_at,
    }));
    return { code: 0, payload: { list, total: all.length, page, page_size: size } };
  }

  /** Sets the stock of a SKU (scenario helper for tests). */
  setStock(skuId: string, stock: number): boolean {
    for (const p of this.products) {
      const s = p.skus.find((x) => x.sku_id === skuId);
      if (s) {
        s.stock = stock;
        return true;
      }
    }
    return false;
  }

  /** Uses up credit so that only `availableCents` remain (scenario helper for 2001). */
  setAvailableCredit(availableCents: number): void {
    this.usedCents = CREDIT_LIMIT_CENTS - availableCents;
  }
}
