/**
 * The catalogue and credit half of the HiShopping sandbox state: products and stock, the credit line and its
 * transactions, replay nonces, id sequence and reset. `HishoppingState` (state.ts) adds orders and batches.
 */
import {
  type BatchState,
  CREDIT_LIMIT_CENTS,
  catalogue,
  money,
  type OrderState,
  type Outcome,
  type ProductState,
  type SkuState,
  type Transaction,
} from "./records.js";

/** Products, stock, credit and nonces of the sandbox; `reset()` restores the initial state. */
export class HishoppingStock {
  protected products = catalogue();
  protected orders = new Map<string, OrderState>();
  protected byMerchantNo = new Map<string, string>();
  protected batches = new Map<string, BatchState>();
  protected byMerchantBatch = new Map<string, string>();
  protected transactions: Transaction[] = [];
  protected usedCents = 0;
  protected seq = 0;
  protected readonly nonces = new Map<string, number>();

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

  protected next(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(8, "0")}`;
  }

  protected productView(p: ProductState, withSkus: boolean) {
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

  protected skuView(s: SkuState) {
    return { sku_id: s.sku_id, sku_sn: s.sku_sn, specs: s.specs, price: money(s.priceCents), stock: s.stock };
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
