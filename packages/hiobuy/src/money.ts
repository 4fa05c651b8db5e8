/**
 * CNY amounts as HIOBuy sends them: product prices in **yuan** decimals (`ProductPrice`), order and
 * fulfillment amounts in integer **fen** (`Money.amount`, 1 yuan = 100 fen).
 *
 * Conversions here never run fen through floating-point arithmetic: decimals are parsed digit by
 * digit and scaled with `bigint`, so `"12.34"` and `12.34` both give exactly `1234` fen (where
 * `12.34 * 100` gives `1233.9999999999998`).
 */

/**
 * How {@link yuanToFen} treats a value with more than two decimal places:
 * - `"half-up"` (default): round half away from zero (`1.005` → `101`, `0.125` → `13`), the usual
 *   rule for a price shown to a person;
 * - `"half-even"`: banker's rounding (`1.005` → `100`, `1.015` → `102`);
 * - `"exact"`: refuse (throw a `RangeError`) rather than round.
 */
export type YuanRounding = "half-up" | "half-even" | "exact";

/** Options of {@link yuanToFen}. */
export interface YuanToFenOptions {
  /** Rounding of sub-fen digits; default `"half-up"`. */
  readonly rounding?: YuanRounding;
  /** Accept negative amounts (refunds, discounts shown as negatives); default `false`. */
  readonly allowNegative?: boolean;
}

/** Options of {@link formatFen}. */
export interface FormatFenOptions {
  /**
   * A BCP 47 locale (e.g. `"zh-CN"`, `"en-US"`): format with `Intl.NumberFormat` as CNY currency
   * (grouping and symbol follow the locale, e.g. `"CN¥1,234.50"` in `en-US`). Without a locale the
   * result is locale-independent: `"¥1234.50"`, `"-¥0.05"`.
   */
  readonly locale?: string | readonly string[];
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Converts a yuan amount to integer fen, exactly.
 *
 * `yuan` is a decimal string (`"12.34"`, `"105.00"`, `".5"`, `"1e-3"`; surrounding whitespace is
 * ignored; no grouping separators or currency signs) or a finite number, read as its shortest
 * round-trip decimal form (`12.34` is read as `"12.34"`, not as the binary value below it).
 * Digits beyond the second decimal place are rounded by `options.rounding` (see {@link YuanRounding}).
 *
 * @throws {TypeError} when `yuan` is neither a number nor a decimal string.
 * @throws {RangeError} for `NaN` / `±Infinity`, a negative amount without `allowNegative`, sub-fen
 *   digits under `rounding: "exact"`, or a result beyond `Number.MAX_SAFE_INTEGER` fen.
 */
export function yuanToFen(yuan: string | number, options: YuanToFenOptions = {}): number {
  const rounding = options.rounding ?? "half-up";
  let text: string;
  if (typeof yuan === "number") {
    if (!Number.isFinite(yuan)) throw new RangeError(`yuanToFen: not a finite amount: ${yuan}`);
    text = String(yuan);
  } else if (typeof yuan === "string") {
    text = yuan.trim();
  } else {
    throw new TypeError(`yuanToFen: expected a number or a decimal string, got ${typeof yuan}`);
  }
  const m = DECIMAL.exec(text);
  const intDigits = m?.[2] ?? "";
  const fracDigits = m?.[3] ?? "";
  if (!m || (intDigits === "" && fracDigits === "")) {
    throw new TypeError(`yuanToFen: not a decimal amount: ${JSON.stringify(yuan)}`);
  }
  const negative = m[1] === "-";
  const digits = BigInt(intDigits + fracDigits);
  // value = digits * 10^(exp - fracDigits.length); fen = value * 100.
  const scale = Number(m[4] ?? "0") - fracDigits.length + 2;
  let fen: bigint;
  if (scale >= 0) {
    if (scale > 32) throw new RangeError(`yuanToFen: amount too large: ${JSON.stringify(yuan)}`);
    fen = digits * 10n ** BigInt(scale);
  } else {
    // Beyond len+1 places the value is below 0.1 fen and rounds to 0 either way: cap the divisor.
    const divisor = 10n ** BigInt(Math.min(-scale, intDigits.length + fracDigits.length + 1));
    const q = digits / divisor;
    const r = digits % divisor;
    fen = q;
    if (r !== 0n) {
      if (rounding === "exact") {
        throw new RangeError(`yuanToFen: ${JSON.stringify(yuan)} has more than two decimal places`);
      }
      const twice = 2n * r;
      if (twice > divisor || (twice === divisor && (rounding === "half-up" || q % 2n === 1n))) fen = q + 1n;
    }
  }
  if (negative && fen !== 0n && !options.allowNegative) {
    throw new RangeError(`yuanToFen: negative amount ${JSON.stringify(yuan)} (pass allowNegative)`);
  }
  if (fen > MAX_SAFE) throw new RangeError(`yuanToFen: amount too large: ${JSON.stringify(yuan)}`);
  return negative && fen !== 0n ? -Number(fen) : Number(fen);
}

function fenBigInt(fen: number | bigint, fn: string): bigint {
  if (typeof fen === "bigint") return fen;
  if (typeof fen !== "number" || !Number.isSafeInteger(fen)) {
    throw new RangeError(`${fn}: fen must be a safe integer, got ${String(fen)}`);
  }
  return BigInt(fen);
}

/**
 * Converts integer fen to an exact yuan decimal string with two decimals: `1234` → `"12.34"`,
 * `5` → `"0.05"`, `-150` → `"-1.50"`. Accepts a `bigint` for amounts beyond 2^53.
 *
 * @throws {RangeError} when `fen` is a number that is not a safe integer (fractional, `NaN`, huge).
 */
export function fenToYuan(fen: number | bigint): string {
  const value = fenBigInt(fen, "fenToYuan");
  const negative = value < 0n;
  const abs = (negative ? -value : value).toString().padStart(3, "0");
  return `${negative ? "-" : ""}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats integer fen as a CNY amount for display, e.g. `formatFen(1234)` → `"¥12.34"`.
 * The decimal is built exactly ({@link fenToYuan}) and, with `options.locale`, handed to
 * `Intl.NumberFormat` as a decimal string, so no digit is lost to floating point on large amounts.
 *
 * @throws {RangeError} when `fen` is a number that is not a safe integer, or the locale is invalid.
 */
export function formatFen(fen: number | bigint, options: FormatFenOptions = {}): string {
  const yuan = fenToYuan(fen);
  if (options.locale === undefined) {
    return yuan.startsWith("-") ? `-¥${yuan.slice(1)}` : `¥${yuan}`;
  }
  const locales = typeof options.locale === "string" ? [options.locale] : [...options.locale];
  const key = locales.join(",");
  let nf = formatters.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locales, {
      style: "currency",
      currency: "CNY",
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    formatters.set(key, nf);
  }
  return nf.format(yuan as Intl.StringNumericLiteral);
}
