/**
 * The Hyper sandbox's tenants and their in-memory state: accounts and balances, order lines and payments, over
 * the catalog of `catalog.ts` and the tenants of `tenants.ts` (re-exported here). Each tenant is independent
 * (its own JWT secret, keys, catalog and orders), as each store of the white-label platform is.
 */

import { CatalogState, catalog } from "./catalog.js";
import { HyperSandboxError } from "./errors.js";
import type { HyperAccount, HyperTenantConfig } from "./tenants.js";

export type { Product } from "./catalog.js";
export { HYPER_TENANTS, type HyperAccount, type HyperTenantConfig } from "./tenants.js";

/** The delivery state of an order line: 0 cancelled, 1 delivered, 2 processing, 3 removed from processing. */
export type DeliveryStatus = 0 | 1 | 2 | 3;

/** One order line. */
export interface OrderLine {
  orderID: number;
  orderDetailID: number;
  deliverID: string | null;
  customerStoreProductID: number;
  productID: number;
  productName: string;
  quantity: number;
  price: number;
  status: DeliveryStatus;
  deliveryData: string[] | null;
  deliveryNote: string | string[] | null;
  requiredData: Array<{ title: string; value: string }>;
  createdAt: string;
  customerID: number;
  notifyURL: string | null;
}

/** A recorded payment (Payment API). */
export interface Payment {
  paymentID: string;
  orderID: number | null;
  customerID: number | null;
  amount: number;
  currency: string;
  status: "pending" | "paid" | "failed" | "refunded" | "partially_refunded";
  refundedAmount: number;
}

/** A line Create Order refuses, with why. */
export interface RefusedLine {
  deliverID: string | null;
  customerStoreProductID: number;
  message: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The mutable state of one tenant. */
export class TenantState extends CatalogState {
  readonly accounts: HyperAccount[];
  lines: OrderLine[] = [];
  payments = new Map<string, Payment>();
  private nextOrder = 70001;
  private nextLine = 55501;

  constructor(readonly config: HyperTenantConfig) {
    super();
    this.accounts = [{ ...config.reseller }, { ...config.customer }];
  }

  /** Back to the initial state. */
  reset(): void {
    for (const [i, base] of [this.config.reseller, this.config.customer].entries()) {
      this.accounts[i]!.balance = base.balance;
    }
    this.products = catalog();
    this.lines = [];
    this.payments.clear();
    this.nextOrder = 70001;
    this.nextLine = 55501;
    this.nextProduct = 600;
  }

  account(customerID: number): HyperAccount | undefined {
    return this.accounts.find((a) => a.customerID === customerID);
  }

  login(email: string, password: string, api: boolean): HyperAccount {
    const account = this.accounts.find((a) => a.email.toLowerCase() === email.toLowerCase());
    if (!account || account.password !== password)
      throw new HyperSandboxError(400, -2, "Invalid email or password");
    if (account.isApi !== api) {
      throw new HyperSandboxError(
        400,
        -3,
        api ? "The customer is not an API customer (IsAPI = 0)" : "API customers log in with Generate Token",
      );
    }
    return account;
  }

  /**
   * Create Order: all or nothing. Refused lines (unknown or passive product, not enough stock, missing
   * required data) come back in the result and nothing changes; an order over the balance is refused whole.
   */
  createOrder(
    account: HyperAccount,
    basket: Array<{
      deliverID?: string;
      customerStoreProductID: number;
      quantity: number;
      requireData?: Array<{ productRequireID?: number; identifier?: string; title?: string; value: string }>;
    }>,
    notifyURL: string | null,
    now: number,
  ): { refused: RefusedLine[] } | { orderID: number; lines: OrderLine[] } {
    const refused: RefusedLine[] = [];
    const wanted = new Map<number, number>();
    for (const item of basket) {
      const p = this.products.find((x) => x.customerStoreProductID === item.customerStoreProductID);
      const deliverID = item.deliverID ?? null;
      const already = wanted.get(item.customerStoreProductID) ?? 0;
      if (p?.status !== 1) {
        refused.push({
          deliverID,
          customerStoreProductID: item.customerStoreProductID,
          message: "Product not available",
        });
      } else if (p.totalStock < already + item.quantity) {
        refused.push({
          deliverID,
          customerStoreProductID: item.customerStoreProductID,
          message: "Out of stock",
        });
      } else {
        const given = new Set((item.requireData ?? []).map((r) => r.productRequireID ?? r.identifier));
        const missing = p.productRequire.filter(
          (r) => !given.has(r.productRequireID) && !given.has(r.identifier),
        );
        if (missing.length) {
          refused.push({
            deliverID,
            customerStoreProductID: item.customerStoreProductID,
            message: `Missing required data: ${missing.map((m) => m.title).join(", ")}`,
          });
        }
      }
      wanted.set(item.customerStoreProductID, already + item.quantity);
    }
    if (refused.length) return { refused };
    const products = basket.map(
      (item) => this.products.find((x) => x.customerStoreProductID === item.customerStoreProductID)!,
    );
    const total = round2(basket.reduce((sum, item, i) => sum + products[i]!.salePrice * item.quantity, 0));
    if (total > account.balance) {
      throw new HyperSandboxError(
        200,
        -30,
        `Insufficient balance: the order costs ${total}, the balance is ${account.balance}`,
        {
          orderID: null,
          details: null,
          items: null,
        },
      );
    }
    account.balance = round2(account.balance - total);
    const orderID = this.nextOrder++;
    const lines = basket.map((item, i) => {
      const p = products[i]!;
      p.totalStock -= item.quantity;
      const line: OrderLine = {
        orderID,
        orderDetailID: this.nextLine++,
        deliverID: item.deliverID ?? null,
        customerStoreProductID: p.customerStoreProductID,
        productID: p.productID,
        productName: p.productName,
        quantity: item.quantity,
        price: round2(p.salePrice * item.quantity),
        status: 2 as DeliveryStatus,
        deliveryData: null,
        deliveryNote: null,
        requiredData: (item.requireData ?? []).map((r) => ({
          title:
            r.title ??
            p.productRequire.find(
              (x) => x.productRequireID === r.productRequireID || x.identifier === r.identifier,
            )?.title ??
            r.identifier ??
            "value",
          value: r.value,
        })),
        createdAt: new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z"),
        customerID: account.customerID,
        notifyURL,
      };
      this.lines.push(line);
      return line;
    });
    return { orderID, lines };
  }

  /** The caller's line, or a 404. */
  lineOf(account: HyperAccount | undefined, orderDetailID: number): OrderLine {
    const line = this.lines.find(
      (l) => l.orderDetailID === orderDetailID && (!account || l.customerID === account.customerID),
    );
    if (!line) throw new HyperSandboxError(404, -404, `No order line ${orderDetailID}`);
    return line;
  }

  /** Sets a line's state (supplier delivery or reseller cancel); cancelling refunds the line and its stock. */
  setStatus(
    line: OrderLine,
    status: DeliveryStatus,
    data: string[] | null,
    note: string | string[] | null,
  ): void {
    if (line.status === 0 || line.status === 1) {
      throw new HyperSandboxError(
        400,
        -40,
        `Order line ${line.orderDetailID} is already ${line.status === 1 ? "delivered" : "cancelled"}`,
      );
    }
    if (status === 0) {
      const account = this.account(line.customerID);
      if (account) account.balance = round2(account.balance + line.price);
      const p = this.products.find((x) => x.productID === line.productID);
      if (p) p.totalStock += line.quantity;
    }
    line.status = status;
    if (status === 1) {
      line.deliveryData = data;
      line.deliveryNote = note;
    } else if (note !== null) {
      line.deliveryNote = note;
    }
  }

  lineView(l: OrderLine) {
    return {
      deliverID: l.deliverID,
      orderDetailID: l.orderDetailID,
      status: l.status,
      deliveryData: l.deliveryData,
      deliveryNote: l.deliveryNote,
    };
  }

  awaiting() {
    return this.lines
      .filter((l) => l.status === 2 || l.status === 3)
      .map((l) => ({
        orderID: l.orderID,
        orderDetailID: l.orderDetailID,
        deliverID: l.deliverID,
        productID: l.productID,
        productName: l.productName,
        quantity: l.quantity,
        requiredData: l.requiredData.map((r) => ({ ...r })),
        createdAt: l.createdAt,
      }));
  }

  notifyPayment(input: {
    paymentID: string;
    orderID?: number;
    customerID?: number;
    amount: number;
    currency: string;
    status: Payment["status"];
  }): Payment {
    if (this.payments.has(input.paymentID)) {
      throw new HyperSandboxError(400, -50, `Payment ${input.paymentID} is already recorded`);
    }
    const payment: Payment = {
      paymentID: input.paymentID,
      orderID: input.orderID ?? null,
      customerID: input.customerID ?? null,
      amount: input.amount,
      currency: input.currency,
      status: input.status,
      refundedAmount: 0,
    };
    if (input.status === "paid" && input.customerID !== undefined) {
      const account = this.account(input.customerID);
      if (!account) throw new HyperSandboxError(404, -404, `No customer ${input.customerID}`);
      account.balance = round2(account.balance + input.amount);
    }
    this.payments.set(payment.paymentID, payment);
    return payment;
  }

  payment(paymentID: string): Payment {
    const p = this.payments.get(paymentID);
    if (!p) throw new HyperSandboxError(404, -404, `No payment ${paymentID}`);
    return p;
  }

  refund(paymentID: string, amount: number): Payment {
    const p = this.payment(paymentID);
    if (p.status !== "paid" && p.status !== "partially_refunded") {
      throw new HyperSandboxError(400, -51, `Payment ${paymentID} is ${p.status}`);
    }
    if (round2(p.refundedAmount + amount) > p.amount) {
      throw new HyperSandboxError(
        400,
        -52,
        `Refund exceeds the payment (${p.amount - p.refundedAmount} left)`,
      );
    }
    p.refundedAmount = round2(p.refundedAmount + amount);
    p.status = p.refundedAmount === p.amount ? "refunded" : "partially_refunded";
    if (p.customerID !== null) {
      const account = this.account(p.customerID);
      if (account) account.balance = round2(account.balance - amount);
    }
    return p;
  }
}
