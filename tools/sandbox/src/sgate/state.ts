/**
 * In-memory SGate pay-in state: merchants' orders, transactions and refunds, and the state machine the
 * docs describe (create → pending → doing → paid | closed; refunds → refundStatus partial | full).
 * Pure apart from randomness for tickets: the clock is passed in, notifications are reported through `onEvent`.
 */
import { randomBytes } from "node:crypto";
import { SgateApiError } from "./errors.js";

type Json = Record<string, unknown>;

/** Payment methods the sandbox cashier offers (the forced-method link names). */
export const CASHIER_METHODS = ["mada", "stcpay", "applepay", "intl-card", "tamara", "tabby"] as const;
/** One cashier payment method. */
export type CashierMethod = (typeof CASHIER_METHODS)[number];

/** The documented sandbox test card (3.1.16): number, expiry 01/39, CVV 100. */
export const TEST_CARD = { number: "5123450000000008", month: 1, year: "39", cvv: "100" } as const;
/** The documented sandbox STCPay mobile and OTP. */
export const TEST_STCPAY = { mobile: "548220713", otp: "12345" } as const;

const LIMITS: Record<string, [number, number]> = {
  SAR: [0.1, 10000],
  KWD: [0.25, Number.POSITIVE_INFINITY],
  BHD: [0.1, 3000],
  AED: [0.1, 29000],
  OMR: [0.1, 3000],
  QAR: [0.1, 29000],
};

/** An order as stored (the `order.detail` shape). */
export interface OrderRecord extends Json {
  id: string;
  merchantId: string;
  clientId: string;
  ticket: string;
  status: "pending" | "doing" | "paid" | "closed" | "error" | "locked" | "expired";
  amount: number;
  currency: string;
  notificationURL: string | null;
  refundAmount: number;
  refundTimes: number;
  refundStatus: "none" | "fail" | "processing" | "partial" | "full";
  expiredAt: string;
}

/** A transaction as stored. */
export interface TransactionRecord extends Json {
  id: string;
  orderId: string;
  merchantId: string;
  type: "payment" | "refund";
  result: "Approved" | "Declined_Retirable" | "Declined_NoRetry" | "Not_Yet" | "Aborted";
  amount: number;
  notificationTimes: number;
  successfullyNotifiedAt: string | null;
  lastNotifiedAt: string | null;
}

/** A refund as stored (the `refund.detail` shape). */
export interface RefundRecord extends Json {
  id: string;
  orderId: string;
  merchantId: string;
  amount: number;
  status: "pending" | "success" | "fail";
}

/** What happened, for the notifier: a payment or a refund of an order completed. */
export interface SgateEvent {
  type: "payment" | "refund";
  order: OrderRecord;
  transaction: TransactionRecord;
}

const iso = (ms: number) => new Date(ms).toISOString();
const round2 = (n: number) => Math.round(n * 100) / 100;

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(
    d.getUTCMinutes(),
  )}${p(d.getUTCSeconds())}${p(d.getUTCMilliseconds(), 3)}`;
}

/** Parses an SGate amount (decimal string or number, ≤ 2 decimals). */
export function parseAmount(value: unknown, field = "amount"): number {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !/^\d+(\.\d{1,2})?$/.test(text)) {
    throw new SgateApiError(
      400,
      "invalidParameter",
      `${field} must be a positive amount with at most 2 decimals`,
    );
  }
  const n = Number(text);
  if (!(n > 0)) throw new SgateApiError(400, "invalidParameter", `${field} must be greater than 0`);
  return n;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** The sandbox's pay-in state. */
export class SgateState {
  private readonly orders = new Map<string, OrderRecord>();
  private readonly transactions = new Map<string, TransactionRecord>();
  private readonly refunds = new Map<string, RefundRecord>();
  private readonly merchantOrderIds = new Set<string>();
  /** Shipping e-mails "sent" (order id + body), newest last. */
  readonly emails: Array<{ orderId: string; email: Json }> = [];
  private seq = 0;

  constructor(private readonly onEvent: (event: SgateEvent) => void) {}

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

  private nextTransactionId(orderId: string): string {
    let n = 1;
    while (this.transactions.has(`${orderId}_${n}`)) n += 1;
    return `${orderId}_${n}`;
  }

  private payable(order: OrderRecord): void {
    if (order.status !== "pending" && order.status !== "doing") {
      throw new SgateApiError(409, "invalidOrderStatus", `order ${order.id} is ${order.status}`);
    }
  }

  private newTransaction(order: OrderRecord, now: number, extra: Json): TransactionRecord {
    const t: TransactionRecord = {
      id: this.nextTransactionId(order.id),
      clientId: order.clientId,
      orderId: order.id,
      merchantId: order.merchantId,
      feeId: null,
      amount: order.amount,
      currency: order.currency,
      deviceId: null,
      clientIp: order.clientIp,
      userAgent: null,
      result: "Not_Yet",
      completedAt: null,
      type: "payment",
      paymentMethod: null,
      payerDigest: null,
      successfullyNotifiedAt: null,
      notificationTimes: 0,
      lastNotifiedAt: null,
      channelOrderResult: null,
      cleared: "no",
      status: "initial",
      createdAt: iso(now),
      updatedAt: iso(now),
      ...extra,
    };
    // An older open attempt is superseded.
    for (const other of this.transactions.values()) {
      if (other.orderId === order.id && other.type === "payment" && other.result === "Not_Yet")
        other.result = "Aborted";
    }
    this.transactions.set(t.id, t);
    order.status = "doing";
    order.updatedAt = iso(now);
    return t;
  }

  /** Completes a payment transaction: approved → order paid and a `payment` event; else declined. */
  settle(t: TransactionRecord, approved: boolean, now: number, retryable = false): void {
    const order = this.order(t.orderId, undefined, now);
    t.completedAt = iso(now);
    t.updatedAt = iso(now);
    if (!approved) {
      t.result = retryable ? "Declined_Retirable" : "Declined_NoRetry";
      return;
    }
    this.payable(order);
    t.result = "Approved";
    order.status = "paid";
    order.paidAt = iso(now);
    order.successPaymentMethod = String(t.paymentMethod);
    order.successPaymentCardBrand = t.paymentMethod === "mastercard" ? "mastercard" : null;
    order.payerInfo = t.payerDigest as string | null;
    order.updatedAt = iso(now);
    this.onEvent({ type: "payment", order, transaction: t });
  }

  /** A payment through the hosted cashier (or the sandbox-only pay route). */
  payByCashier(orderId: string, method: CashierMethod, approve: boolean, now: number): TransactionRecord {
    const order = this.order(orderId, undefined, now);
    this.payable(order);
    const paymentMethod = method === "stcpay" ? "stcpay" : method === "applepay" ? "applePay" : "mastercard";
    const t = this.newTransaction(order, now, {
      paymentMethod,
      payerDigest: JSON.stringify(
        method === "stcpay" ? { mobile: "5482****3" } : { cardNumber: "512345******0008" },
      ),
      channelOrderResult: { method, sandbox: true },
    });
    this.settle(t, approve, now);
    return t;
  }

  /** order.startByDirectMastercard: the test card goes to 3-D Secure; any other card is declined. */
  startMastercard(orderId: string, merchantId: string, body: Json, now: number, origin: string): Json {
    const order = this.order(orderId, merchantId, now);
    this.payable(order);
    const good =
      body.cardNumber === TEST_CARD.number &&
      Number(body.expiryMonth) === TEST_CARD.month &&
      body.expiryYear === TEST_CARD.year &&
      body.securityCode === TEST_CARD.cvv;
    const card = String(body.cardNumber);
    const t = this.newTransaction(order, now, {
      paymentMethod: "mastercard",
      feeId: typeof body.feeId === "string" ? body.feeId : null,
      payerDigest: JSON.stringify({ cardNumber: `${card.slice(0, 6)}******${card.slice(-4)}` }),
      returnURL: typeof body.returnURL === "string" ? body.returnURL : null,
    });
    if (!good) this.settle(t, false, now);
    return {
      id: t.id,
      feeId: t.feeId,
      orderId: t.orderId,
      merchantId: t.merchantId,
      amount: t.amount,
      currency: t.currency,
      paymentMethod: t.paymentMethod,
      type: t.type,
      result: t.result,
      completedAt: t.completedAt,
      createdAt: t.createdAt,
      redirectURL: `${origin}/direct/mastercard?transactionId=${encodeURIComponent(t.id)}`,
    };
  }

  /** The 3-D Secure page of a direct card payment: approves it. Returns where to send the payer. */
  complete3ds(transactionId: string, now: number): string | null {
    const t = this.transaction(transactionId, undefined);
    if (t.result !== "Not_Yet")
      throw new SgateApiError(409, "invalidTransactionStatus", `transaction is ${t.result}`);
    this.settle(t, true, now);
    return typeof t.returnURL === "string" ? t.returnURL : null;
  }

  /** order.startByStcpay: the test mobile gets an OTP; others are declined. */
  startStcpay(orderId: string, merchantId: string, body: Json, now: number): Json {
    const order = this.order(orderId, merchantId, now);
    if (body.ticket !== order.ticket)
      throw new SgateApiError(400, "invalidParameter", "ticket does not match the order");
    this.payable(order);
    const t = this.newTransaction(order, now, {
      paymentMethod: "stcpay",
      payerDigest: JSON.stringify({ mobile: String(body.mobile).replace(/^(\d{4})\d+(\d)$/, "$1****$2") }),
    });
    if (body.mobile !== TEST_STCPAY.mobile) this.settle(t, false, now);
    return {
      id: t.id,
      orderId: t.orderId,
      amount: t.amount,
      result: t.result,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    };
  }

  /** transaction.completeByStcpay: the test OTP approves; a wrong OTP declines (retryable). */
  completeStcpay(transactionId: string, merchantId: string, body: Json, now: number): Json {
    const t = this.transaction(transactionId, merchantId);
    const order = this.order(t.orderId, merchantId, now);
    if (body.ticket !== order.ticket)
      throw new SgateApiError(400, "invalidParameter", "ticket does not match the order");
    if (t.paymentMethod !== "stcpay" || t.result !== "Not_Yet") {
      throw new SgateApiError(409, "invalidTransactionStatus", `transaction is ${t.result}`);
    }
    this.settle(t, body.OtpValue === TEST_STCPAY.otp, now, true);
    return {
      id: t.id,
      orderId: t.orderId,
      merchantId: t.merchantId,
      amount: t.amount,
      currency: t.currency,
      paymentMethod: t.paymentMethod,
      result: t.result,
      createdAt: t.createdAt,
      completedAt: t.completedAt,
    };
  }

  /** order.refund: paid orders only, up to the amount not yet refunded. Settles at once (a `refund` event). */
  createRefund(
    orderId: string,
    merchantId: string,
    body: Json,
    now: number,
  ): { created: Json; refund: RefundRecord } {
    const order = this.order(orderId, merchantId, now);
    if (order.status !== "paid")
      throw new SgateApiError(409, "invalidOrderStatus", `order ${orderId} is ${order.status}`);
    const amount = parseAmount(body.amount);
    const left = round2(order.amount - order.refundAmount);
    if (amount > left) {
      throw new SgateApiError(
        400,
        "invalidParameter",
        `refund amount ${amount} exceeds the refundable ${left}`,
      );
    }
    const origin = [...this.transactions.values()].find(
      (t) => t.orderId === orderId && t.type === "payment" && t.result === "Approved",
    );
    const id = `${orderId}_R${order.refundTimes + 1}`;
    const refund: RefundRecord = {
      id,
      orderId,
      merchantId,
      merchantRefundId: typeof body.merchantRefundId === "string" ? body.merchantRefundId : null,
      originTransactionId: origin?.id ?? null,
      refundTransactionId: null,
      amount,
      currency: order.currency,
      paymentMethod: origin?.paymentMethod ?? "mastercard",
      status: "pending",
      reason: String(body.reason),
      finishedAt: null,
      createdAt: iso(now),
      updatedAt: iso(now),
    };
    this.refunds.set(id, refund);
    const { refundTransactionId: _t, reason: _r, finishedAt: _f, ...created } = refund;
    const snapshot = { ...created };
    // The sandbox's acquirer answers at once: the refund succeeds right after it is accepted.
    const t: TransactionRecord = {
      ...(origin ?? {}),
      id: this.nextTransactionId(orderId),
      orderId,
      merchantId,
      type: "refund",
      result: "Approved",
      amount,
      currency: order.currency,
      notificationTimes: 0,
      successfullyNotifiedAt: null,
      lastNotifiedAt: null,
      completedAt: iso(now),
      createdAt: iso(now),
      updatedAt: iso(now),
    };
    this.transactions.set(t.id, t);
    refund.status = "success";
    refund.refundTransactionId = t.id;
    refund.finishedAt = iso(now);
    refund.updatedAt = iso(now);
    order.refundTimes += 1;
    order.refundAmount = round2(order.refundAmount + amount);
    order.refundStatus = order.refundAmount >= order.amount ? "full" : "partial";
    order.updatedAt = iso(now);
    this.onEvent({ type: "refund", order, transaction: t });
    return { created: snapshot, refund };
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
