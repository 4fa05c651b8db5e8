/**
 * SGate sandbox records: the stored order, transaction and refund shapes, the cashier methods, the documented
 * test card and STCPay credentials, per-currency amount limits and small formatting helpers.
 */
import { SgateApiError } from "./errors.js";

/** A JSON object. */
export type Json = Record<string, unknown>;

/** Payment methods the sandbox cashier offers (the forced-method link names). */
export const CASHIER_METHODS = ["mada", "stcpay", "applepay", "intl-card", "tamara", "tabby"] as const;
/** One cashier payment method. */
export type CashierMethod = (typeof CASHIER_METHODS)[number];

/** The documented sandbox test card (3.1.16): number, expiry 01/39, CVV 100. */
export const TEST_CARD = { number: "5123450000000008", month: 1, year: "39", cvv: "100" } as const;
/** The documented sandbox STCPay mobile and OTP. */
export const TEST_STCPAY = { mobile: "548220713", otp: "12345" } as const;

/** Per-currency [min, max] order amounts. */
export const LIMITS: Record<string, [number, number]> = {
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

/** An ISO-8601 timestamp of epoch milliseconds. */
export const iso = (ms: number) => new Date(ms).toISOString();
/** Rounds to 2 decimals. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

/** The compact UTC timestamp order ids embed (yyyyMMddHHmmssSSS). */
export function stamp(ms: number): string {
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

/** JSON text of a value, or null when absent. */
export const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
