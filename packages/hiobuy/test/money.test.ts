import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fenToYuan, formatFen, yuanToFen } from "../src/money.js";

describe("yuanToFen", () => {
  it("converts decimal strings exactly", () => {
    const cases: [string, number][] = [
      ["12.34", 1234],
      ["105.00", 10500],
      ["0", 0],
      ["0.01", 1],
      ["0.1", 10],
      [".5", 50],
      ["7.", 700],
      ["+3.20", 320],
      ["  19.9 ", 1990],
      ["1e2", 10000],
      ["1.5E-1", 15],
      ["90071992547409.91", 9007199254740991],
    ];
    for (const [yuan, fen] of cases) expect(yuanToFen(yuan), yuan).toBe(fen);
  });

  it("reads numbers as their decimal form, not their binary value", () => {
    // In binary floating point 4.35 * 100 === 434.99999999999994 and 19.99 * 100 === 1998.9999999999998.
    expect(Math.trunc(4.35 * 100)).toBe(434);
    expect(yuanToFen(4.35)).toBe(435);
    expect(yuanToFen(4.35, { rounding: "exact" })).toBe(435);
    expect(yuanToFen(12.34)).toBe(1234);
    expect(yuanToFen(0.07)).toBe(7);
    expect(yuanToFen(19.99, { rounding: "exact" })).toBe(1999);
    expect(yuanToFen(1.15, { rounding: "exact" })).toBe(115);
    expect(yuanToFen(1e-7)).toBe(0);
    expect(yuanToFen(1.5e3)).toBe(150000);
  });

  it("rounds sub-fen digits half-up by default (away from zero)", () => {
    // Math.round(1.005 * 100) === 100 because 1.005 * 100 === 100.49999999999999.
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(yuanToFen(1.005)).toBe(101);
    expect(yuanToFen("0.125")).toBe(13);
    expect(yuanToFen("0.124")).toBe(12);
    expect(yuanToFen("0.1251")).toBe(13);
    expect(yuanToFen("0.004999")).toBe(0);
    expect(yuanToFen("-0.125", { allowNegative: true })).toBe(-13);
  });

  it("rounds half-even on request", () => {
    expect(yuanToFen("1.005", { rounding: "half-even" })).toBe(100);
    expect(yuanToFen("1.015", { rounding: "half-even" })).toBe(102);
    expect(yuanToFen("1.0051", { rounding: "half-even" })).toBe(101);
    expect(yuanToFen("-1.015", { rounding: "half-even", allowNegative: true })).toBe(-102);
  });

  it("refuses sub-fen digits under rounding: exact, but accepts trailing zeros", () => {
    expect(() => yuanToFen("1.005", { rounding: "exact" })).toThrow(RangeError);
    expect(yuanToFen("1.00000", { rounding: "exact" })).toBe(100);
    expect(yuanToFen("1.230", { rounding: "exact" })).toBe(123);
  });

  it("refuses NaN, infinities, negatives and unsafe results", () => {
    expect(() => yuanToFen(Number.NaN)).toThrow(RangeError);
    expect(() => yuanToFen(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => yuanToFen(-1)).toThrow(RangeError);
    expect(() => yuanToFen("-0.01")).toThrow(RangeError);
    expect(() => yuanToFen("90071992547409.92")).toThrow(RangeError);
    expect(() => yuanToFen(1e21)).toThrow(RangeError);
    expect(() => yuanToFen("1e999999")).toThrow(RangeError);
  });

  it("accepts negatives with allowNegative and never returns -0", () => {
    expect(yuanToFen("-1.5", { allowNegative: true })).toBe(-150);
    expect(Object.is(yuanToFen("-0"), 0)).toBe(true);
    expect(Object.is(yuanToFen("-0.001"), 0)).toBe(true);
  });

  it("refuses what is not a plain decimal", () => {
    for (const bad of ["", " ", "abc", "1,000.00", "¥12", "12.3.4", "0x10", ".", "1e", "12 34", "--1"]) {
      expect(() => yuanToFen(bad), bad).toThrow(TypeError);
    }
    expect(() => yuanToFen(null as unknown as string)).toThrow(TypeError);
    expect(() => yuanToFen(12n as unknown as number)).toThrow(TypeError);
  });

  it("handles very small exponents without huge divisors", () => {
    expect(yuanToFen("5e-400")).toBe(0);
    expect(yuanToFen(`${"9".repeat(5)}e-7`)).toBe(1); // 0.0099999 yuan = 0.99999 fen
  });
});

describe("fenToYuan", () => {
  it("prints two decimals exactly", () => {
    expect(fenToYuan(1234)).toBe("12.34");
    expect(fenToYuan(5)).toBe("0.05");
    expect(fenToYuan(0)).toBe("0.00");
    expect(fenToYuan(100)).toBe("1.00");
    expect(fenToYuan(-150)).toBe("-1.50");
    expect(fenToYuan(-5)).toBe("-0.05");
    expect(fenToYuan(9007199254740991)).toBe("90071992547409.91");
    expect(fenToYuan(123456789012345678901n)).toBe("1234567890123456789.01");
  });

  it("refuses non-integers and unsafe numbers", () => {
    expect(() => fenToYuan(12.5)).toThrow(RangeError);
    expect(() => fenToYuan(Number.NaN)).toThrow(RangeError);
    expect(() => fenToYuan(2 ** 53)).toThrow(RangeError);
  });

  it("round-trips through yuanToFen for every safe amount", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (fen) => {
        expect(yuanToFen(fenToYuan(fen), { rounding: "exact", allowNegative: true })).toBe(fen);
      }),
      { numRuns: 500 },
    );
  });
});

describe("formatFen", () => {
  it("formats without a locale as ¥ and two decimals", () => {
    expect(formatFen(1234)).toBe("¥12.34");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(-1234)).toBe("-¥12.34");
    expect(formatFen(123456)).toBe("¥1234.56");
  });

  it("formats with a locale through Intl, keeping every digit", () => {
    expect(formatFen(1234, { locale: "zh-CN" })).toBe("¥12.34");
    expect(formatFen(123456, { locale: "en-US" })).toBe("CN¥1,234.56");
    expect(formatFen(123456, { locale: ["de-DE"] })).toBe("1.234,56\u00a0CN¥");
    // 9007199254740991 / 100 prints as 90071992547409.9 in floating point: exact decimal input keeps the .91.
    expect(formatFen(9007199254740991, { locale: "en-US" })).toBe("CN¥90,071,992,547,409.91");
  });

  it("refuses non-integer fen", () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });
});
