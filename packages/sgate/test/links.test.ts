import { KeywayConfigError } from "@keyway/auth";
import { describe, expect, it } from "vitest";
import { sgateCashierUrl, sgateEmbedLink, sgateMethodLink, sgatePaymentLink } from "../src/index.js";

const order = { id: "M448726T2022123112531745487632", ticket: "abc123" };

describe("payment links", () => {
  it("builds the documented standard cashier link with an encoded returnURL", () => {
    expect(
      sgatePaymentLink(order, { returnURL: "https://shop.example/back?o=1&x=a b", language: "AR" }),
    ).toBe(
      "https://sandbox.sgate.sa/order/M448726T2022123112531745487632?ticket=abc123&returnURL=https%3A%2F%2Fshop.example%2Fback%3Fo%3D1%26x%3Da%20b&language=AR",
    );
    expect(sgatePaymentLink(order)).toBe(
      "https://sandbox.sgate.sa/order/M448726T2022123112531745487632?ticket=abc123&language=EN",
    );
  });

  it("builds forced-method and iframe links", () => {
    expect(sgateMethodLink(order, "stcpay", { returnURL: "https://s.example/r" })).toBe(
      "https://sandbox.sgate.sa/order/M448726T2022123112531745487632/stcpay?ticket=abc123&returnURL=https%3A%2F%2Fs.example%2Fr&language=EN&lockPayMethod=yes",
    );
    expect(sgateEmbedLink(order, "mada", { returnURL: "https://s.example/r" })).toBe(
      "https://sandbox.sgate.sa/embed/mada?orderId=M448726T2022123112531745487632&ticket=abc123&returnURL=https%3A%2F%2Fs.example%2Fr&language=EN",
    );
  });

  it("derives the cashier root from the API base URL (production, proxies, the local sandbox)", () => {
    expect(sgateCashierUrl("https://gateway.sgate.sa/api_v1")).toBe("https://gateway.sgate.sa");
    expect(sgateCashierUrl("http://127.0.0.1:4010/api_v1/")).toBe("http://127.0.0.1:4010");
    expect(sgatePaymentLink(order, { baseUrl: "http://127.0.0.1:4010/api_v1" })).toMatch(
      /^http:\/\/127\.0\.0\.1:4010\/order\//,
    );
    expect(sgatePaymentLink(order, { cashierUrl: "https://pay.example/" })).toMatch(
      /^https:\/\/pay\.example\/order\//,
    );
  });

  it("refuses ids and tickets that would change the link's meaning", () => {
    expect(() => sgatePaymentLink({ id: "a/../b", ticket: "t" })).toThrow(KeywayConfigError);
    expect(() => sgatePaymentLink({ id: "a", ticket: "t&x=1" })).toThrow(KeywayConfigError);
  });
});
