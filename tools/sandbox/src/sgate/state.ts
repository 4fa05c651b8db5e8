/**
 * In-memory SGate pay-in state: merchants' orders, transactions and refunds, and the state machine the
 * docs describe (create → pending → doing → paid | closed; refunds → refundStatus partial | full).
 * Pure apart from randomness for tickets: the clock is passed in, notifications are reported through `onEvent`.
 * Storage and order lookups live in store.ts, record shapes and constants in records.ts; this file adds payments
 * and refunds and is the module the rest of the sandbox imports from.
 */
import { SgateApiError } from "./errors.js";
import {
  type CashierMethod,
  iso,
  type Json,
  type OrderRecord,
  parseAmount,
  type RefundRecord,
  round2,
  TEST_CARD,
  TEST_STCPAY,
  type TransactionRecord,
} from "./records.js";
import { SgateStore } from "./store.js";

export {
  CASHIER_METHODS,
  type CashierMethod,
  type OrderRecord,
  parseAmount,
  type RefundRecord,
  type SgateEvent,
  TEST_CARD,
  TEST_STCPAY,
  type TransactionRecord,
} from "./records.js";

/** The sandbox's pay-in state. */
export class SgateState extends SgateStore {
  protected newTransaction(order: OrderRecord, now: number, extra: Json): TransactionRecord {
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
}
