/**
 * The storage half of the SGate sandbox state: the order, transaction and refund maps, lookups (expired unpaid
 * orders close on read), order creation, the merchant profile and the logistics / after-sale updates.
 * `SgateState` (state.ts) adds payments and refunds on top.
 */
import { randomBytes } from "node:crypto";
import { SgateApiError } from "./errors.js";
import {
  iso,
  type Json,
  json,
  LIMITS,
  type OrderRecord,
  parseAmount,
  type RefundRecord,
  type SgateEvent,
  stamp,
  type TransactionRecord,
} from "./records.js";

/** Orders, transactions and refunds of the sandbox, with lookups and order creation. */
export class SgateStore {
  protected readonly orders = new Map<string, OrderRecord>();
  protected readonly transactions = new Map<string, TransactionRecord>();
  protected readonly refunds = new Map<string, RefundRecord>();
  protected readonly merchantOrderIds = new Set<string>();
  /** Shipping e-mails "sent" (order id + body), newest last. */
  readonly emails: Array<{ orderId: string; email: Json }> = [];
  protected seq = 0;

  constructor(protected readonly onEvent: (event: SgateEvent) => void) {}

  /** Forgets everything. */
  clear(): void {
    this.orders.clear();
    this.transactions.clear();
    this.refunds.clear();
    this.merchantOrderIds.clear();
    this.emails.length = 0;
    this.seq = 0;
  }

  /** The merchant profile of a merchant id. */
  merchant(merchantId: string, now: number): Json {
    return {
      id: merchantId,
      invoicePrefix: "INV",
      name: `Sandbox Merchant ${merchantId}`,
      name_en: `Sandbox Merchant ${merchantId}`,
      status: "enabled",
      ownerId: `U${merchantId.slice(1)}`,
      CR_file: null,
      CR_number: "1010000000",
      CR_vatNumber: "300000000000003",
      CR_expiredAt: iso(now + 365 * 86_400_000),
      address: "Riyadh",
      telephone: "+966500000000",
      scope: "sandbox",
      legalPerson: "Sandbox Owner",
      mcc: "5816",
      agencyId: null,
      currencys: "SAR,KWD,BHD,AED,OMR,QAR",
      addressFile: null,
      vatFile: null,
      nationalId: null,
      logoFile: null,
      website: null,
      email: null,
      city: "Riyadh",
      district: null,
      street: null,
      zipcode: null,
      feeRate: 0.025,
      statementStatus: "daily",
      bankCardWhiteList: "[]",
      createdAt: "2022-10-10T08:00:00.000Z",
      updatedAt: "2022-10-10T08:00:00.000Z",
      owner: { id: `U${merchantId.slice(1)}`, name: "Sandbox Owner", mobile: "+966500000000" },
    };
  }

  /** merchant.addOrder. */
  createOrder(args: {
    merchantId: string;
    clientId: string;
    body: Json;
    now: number;
    clientIp: string;
  }): OrderRecord {
    const { merchantId, body, now } = args;
    const amount = parseAmount(body.amount);
    const currency = String(body.currency);
    const [min, max] = LIMITS[currency] ?? [0, 0];
    if (amount < min || amount > max) {
      throw new SgateApiError(
        400,
        "invalidParameter",
        `amount ${amount} ${currency} is outside ${min}–${max}`,
      );
    }
    const merchantOrderId = String(body.merchantOrderId);
    const uniq = `${merchantId}\u0000${merchantOrderId}`;
    if (this.merchantOrderIds.has(uniq)) {
      throw new SgateApiError(
        409,
        "duplicateMerchantOrderId",
        `merchantOrderId ${merchantOrderId} already exists`,
      );
    }
    const expiredAt = typeof body.expiredAt === "string" ? body.expiredAt : iso(now + 30 * 60_000); // docs: default 30 min
    if (Date.parse(expiredAt) <= now)
      throw new SgateApiError(400, "invalidParameter", "expiredAt is in the past");
    this.seq += 1;
    const id = `${merchantId}T${stamp(now)}${String(this.seq).padStart(5, "0")}`;
    const order: OrderRecord = {
      id,
      clientId: args.clientId,
      clientIp: typeof body.clientIp === "string" ? body.clientIp : args.clientIp,
      merchantId,
      payLinkId: null,
      ticket: randomBytes(32).toString("hex"),
      name: String(body.name),
      merchantOrderId,
      notificationURL: typeof body.notificationURL === "string" ? body.notificationURL : null,
      referenceURL: typeof body.referenceURL === "string" ? body.referenceURL : null,
      amount,
      tip: 0,
      taxAmount: 0,
      needTax: false,
      exchangeRate: null,
      currency,
      status: "pending",
      paidAt: "None", // the docs' example quirk for "not paid"
      closedAt: null,
      expiredAt,
      message: null,
      invoiceId: null,
      products: json(body.products),
      customer: json(body.customer),
      beneficiary: json(body.beneficiary),
      logistics: null,
      overseasLogistics: null,
      clientPayerInfo: null,
      payerInfo: null,
      payLink: null,
      deliveryStatus: "pending",
      afterSaleStatus: "none",
      complainStatus: "normal",
      refundStatus: "none",
      refundAmount: 0,
      refundTimes: 0,
      successPaymentCardBrand: null,
      successPaymentMethod: null,
      createdAt: iso(now),
      updatedAt: iso(now),
    };
    this.orders.set(id, order);
    this.merchantOrderIds.add(uniq);
    return order;
  }

  /** The created-order view (the addOrder response fields). */
  static created(order: OrderRecord): Json {
    const keys = [
      "id",
      "clientId",
      "clientIp",
      "merchantId",
      "status",
      "ticket",
      "name",
      "merchantOrderId",
      "notificationURL",
      "amount",
      "tip",
      "currency",
      "expiredAt",
      "createdAt",
      "refundTimes",
      "refundAmount",
      "refundStatus",
    ];
    return Object.fromEntries(keys.map((k) => [k, order[k]]));
  }

  /** An order of this merchant (expired unpaid orders close on read), or a 404. */
  order(id: string, merchantId: string | undefined, now: number): OrderRecord {
    const order = this.orders.get(id);
    if (!order || (merchantId !== undefined && order.merchantId !== merchantId)) {
      throw new SgateApiError(404, "notFound", `order ${id} not found`);
    }
    if ((order.status === "pending" || order.status === "doing") && Date.parse(order.expiredAt) <= now) {
      order.status = "closed";
      order.closedAt = order.expiredAt;
      order.updatedAt = order.expiredAt;
    }
    return order;
  }

  /** A transaction of this merchant, or a 404. */
  transaction(id: string, merchantId: string | undefined): TransactionRecord {
    const t = this.transactions.get(id);
    if (!t || (merchantId !== undefined && t.merchantId !== merchantId)) {
      throw new SgateApiError(404, "notFound", `transaction ${id} not found`);
    }
    return t;
  }

  /** A refund of this merchant, or a 404. */
  refund(id: string, merchantId: string | undefined): RefundRecord {
    const r = this.refunds.get(id);
    if (!r || (merchantId !== undefined && r.merchantId !== merchantId)) {
      throw new SgateApiError(404, "notFound", `refund ${id} not found`);
    }
    return r;
  }

  /** Every order (for the control routes). */
  allOrders(): OrderRecord[] {
    return [...this.orders.values()];
  }

  protected nextTransactionId(orderId: string): string {
    let n = 1;
    while (this.transactions.has(`${orderId}_${n}`)) n += 1;
    return `${orderId}_${n}`;
  }

  protected payable(order: OrderRecord): void {
    if (order.status !== "pending" && order.status !== "doing") {
      throw new SgateApiError(409, "invalidOrderStatus", `order ${order.id} is ${order.status}`);
    }
  }

  /** The logistics / after-sale PUTs. */
  update(orderId: string, merchantId: string, field: string, body: Json, now: number): void {
    const order = this.order(orderId, merchantId, now);
    switch (field) {
      case "logistics":
      case "overseasLogistics":
        order[field] = JSON.stringify(body.value);
        break;
      case "deliveryStatus":
      case "afterSaleStatus":
        order[field] = body.value;
        break;
      case "shippingEmail":
        this.emails.push({ orderId, email: body });
        break;
      default:
        throw new Error(`unknown update ${field}`);
    }
    order.updatedAt = iso(now);
  }
}
