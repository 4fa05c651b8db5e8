/**
 * SGate amounts. Requests carry a **decimal string** in major units with at most two decimals (`"12.50"`,
 * `"127"`: the type SGate documents at https://docs.sgate.sa, for an order's or refund's `amount` and a line item's
 * `price` and `amount`); answers carry JSON numbers. Keyway never sends a binary float: the generated type of
 * each is the spec's `Amount` (a string), and the client refuses a number before the wire. These helpers make
 * the string exactly, without floating-point arithmetic.
 * @module
 */
import { KeywayConfigError } from "@keyway/auth";

/** A request amount as SGate documents it: a positive decimal string with at most two decimals. */
export type SgateAmount = string;

/** SGate's request amount pattern (the spec's `Amount`). */
const AMOUNT = /^[0-9]+(\.[0-9]{1,2})?$/;

/**
 * An SGate request amount from major units, with exactly two decimals: `sgateAmount(12.5)` → `"12.50"`,
 * `sgateAmount("127")` → `"127.00"`. A number is read as its shortest decimal form (`0.1 + 0.2` is
 * `0.30000000000000004` and is refused, never rounded).
 *
 * @throws {RangeError} for a value that is not a positive amount with at most two decimals.
 */
export function sgateAmount(value: number | string): SgateAmount {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  const m = typeof text === "string" ? /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim()) : null;
  if (!m) {
    throw new RangeError(
      `sgateAmount: ${JSON.stringify(value)} is not a positive amount with at most two decimals`,
    );
  }
  const whole = m[1]!.replace(/^0+(?=\d)/, "");
  const cents = (m[2] ?? "").padEnd(2, "0");
  if (whole === "0" && cents === "00") throw new RangeError("sgateAmount: the amount must be above 0");
  return `${whole}.${cents}`;
}

/**
 * An SGate request amount from integer minor units (halalas, fils, baisa: 1/100 here, as SGate takes two
 * decimals): `sgateAmountFromMinor(1250)` → `"12.50"`. Accepts a `bigint` for amounts beyond 2^53.
 *
 * @throws {RangeError} for a value that is not a positive safe integer.
 */
export function sgateAmountFromMinor(minor: number | bigint): SgateAmount {
  if (typeof minor === "number" && !Number.isSafeInteger(minor)) {
    throw new RangeError(`sgateAmountFromMinor: ${String(minor)} is not a whole number of minor units`);
  }
  const n = BigInt(minor);
  if (n <= 0n) throw new RangeError("sgateAmountFromMinor: the amount must be above 0");
  const digits = n.toString().padStart(3, "0");
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Refuses one amount field that is not an SGate amount string, naming it (`amount`, `products[0].price`). */
function checkField(value: unknown, field: string): void {
  if (typeof value === "string" && AMOUNT.test(value)) return;
  if (typeof value === "number") {
    throw new KeywayConfigError(
      `SGate ${field} must be a decimal string such as "12.50", not the number ${String(value)}: ` +
        `pass sgateAmount(${String(value)}) (or sgateAmountFromMinor for minor units)`,
    );
  }
  throw new KeywayConfigError(
    `SGate ${field} must be a positive decimal string with at most two decimals, such as "12.50"; got ${JSON.stringify(value)}`,
  );
}

/**
 * Refuses, before the wire, a request body with an amount that is not an SGate amount string: its `amount` (an
 * order, a refund) and each line item's `price` and `amount` (`products`). The client calls it on every body. A
 * JSON number is a float on the wire, so it is refused with the helper to use.
 *
 * @throws {KeywayConfigError} naming the field, the value and the fix.
 */
export function checkAmount(body: unknown): void {
  if (body === null || typeof body !== "object") return;
  const { amount, products } = body as { amount?: unknown; products?: unknown };
  if ("amount" in body) checkField(amount, "amount");
  if (!Array.isArray(products)) return;
  products.forEach((item: unknown, i) => {
    if (item === null || typeof item !== "object") return;
    for (const field of ["price", "amount"] as const) {
      if (field in item) checkField((item as Record<string, unknown>)[field], `products[${i}].${field}`);
    }
  });
}
