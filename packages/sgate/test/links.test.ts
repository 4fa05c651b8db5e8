import { KeywayConfigError } from "@keyway/auth";
import { describe, expect, it } from "vitest";
import {
  SGATE_BASE_URL,
  SGATE_SANDBOX_BASE_URL,
  sgateCashierUrl,
  sgateEmbedLink,
  sgateMethodLink,
  sgatePaymentLink,
} from "../src/index.js";

const sandbox = { baseUrl: SGATE_SANDBOX_BASE_URL };

const order = { id: "M448726T2022123112531745487632", ticket: "abc123" };

describe("payment links", () => {
  it("builds the documented standard cashier link with an encoded returnURL", () => {
    expect(
      sgatePaymentLink(order, {
        ...sandbox,
        returnURL: "https://shop.example/back?o=1&x=a b",
        language: "AR",
      }),
    ).toBe(
      "https://sandbox.sgate.sa/order/M448726T2022123112531745487632?ticket=abc123&returnURL=https%3A%2F%2Fshop.example%2Fback%3Fo%3D1%26x%3Da%20b&language=AR",
    );
    expect(sgatePaymentLink(order, sandbox)).toBe(
      "https://sandbox.sgate.sa/order/M448726T2022123112531745487632?ticket=abc123&language=EN",
    );
  });

  it("builds forced-method and iframe links", () => {
    expect(sgateMethodLink(order, "stcpay", { ...sandbox, returnURL: "https://s.example/r" })).toBe(
      "https://sandbox.sgate.sa/order/M448726T2022123112531745487632/stcpay?ticket=abc123&returnURL=https%3A%2F%2Fs.example%2Fr&language=EN&lockPayMethod=yes",
    );
    expect(sgateEmbedLink(order, "mada", { ...sandbox, returnURL: "https://s.example/r" })).toBe(
      "https://sandbox.sgate.sa/embed/mada?orderId=M448726T2022123112531745487632&ticket=abc123&returnURL=https%3A%2F%2Fs.example%2Fr&language=EN",
    );
  });

  it("derives the cashier root from the API base URL (production, proxies, the local sandbox)", () => {
    expect(sgateCashierUrl(SGATE_BASE_URL)).toBe("https://gateway.sgate.sa");
    expect(sgateCashierUrl("http://127.0.0.1:4010/api_v1/")).toBe("http://127.0.0.1:4010");
    expect(sgatePaymentLink(order, { baseUrl: "http://127.0.0.1:4010/api_v1" })).toMatch(
      /^http:\/\/127\.0\.0\.1:4010\/order\//,
    );
    expect(sgatePaymentLink(order, { cashierUrl: "https://pay.example/" })).toMatch(
      /^https:\/\/pay\.example\/order\//,
    );
  });

  it("refuses ids and tickets that would change the link's meaning", () => {
    expect(() => sgatePaymentLink({ id: "a/../b", ticket: "t" }, sandbox)).toThrow(KeywayConfigError);
    expect(() => sgatePaymentLink({ id: "a", ticket: "t&x=1" }, sandbox)).toThrow(KeywayConfigError);
  });

  it("needs the base URL the order was created on, or an explicit cashier root (no default environment)", () => {
    expect(() => sgatePaymentLink(order, {} as never)).toThrow(/baseUrl/);
    expect(() => sgateEmbedLink(order, "mada", { baseUrl: "" } as never)).toThrow(KeywayConfigError);
    expect(sgatePaymentLink(order, { baseUrl: SGATE_BASE_URL, cashierUrl: "https://pay.example" })).toMatch(
      /^https:\/\/pay\.example\/order\//,
    );
  });
});
