import { describe, expect, it } from "vitest";
import {
  createSgateClient,
  KeywayConfigError,
  type SgateClient,
  sgateAmount,
  sgateAmountFromMinor,
} from "../src/index.js";

describe("sgateAmount", () => {
  it("gives SGate's decimal string with two decimals, from a number or a string", () => {
    expect(sgateAmount(12.5)).toBe("12.50");
    expect(sgateAmount(127)).toBe("127.00");
    expect(sgateAmount("127")).toBe("127.00");
    expect(sgateAmount(" 1.35 ")).toBe("1.35");
    expect(sgateAmount(0.1)).toBe("0.10");
    expect(sgateAmount("007.5")).toBe("7.50");
    expect(sgateAmount(10.03)).toBe("10.03");
  });

  it("refuses what is not a positive amount with at most two decimals, never rounding", () => {
    expect(() => sgateAmount(0.1 + 0.2)).toThrow(/0\.30000000000000004.*at most two decimals/);
    expect(() => sgateAmount(12.345)).toThrow(RangeError);
    expect(() => sgateAmount(-1)).toThrow(RangeError);
    expect(() => sgateAmount(0)).toThrow(/above 0/);
    expect(() => sgateAmount(Number.NaN)).toThrow(RangeError);
    expect(() => sgateAmount(1e21)).toThrow(RangeError);
    expect(() => sgateAmount("1,000.00")).toThrow(RangeError);
    expect(() => sgateAmount("12.")).toThrow(RangeError);
  });
});

describe("sgateAmountFromMinor", () => {
  it("turns integer minor units into the decimal string", () => {
    expect(sgateAmountFromMinor(1250)).toBe("12.50");
    expect(sgateAmountFromMinor(5)).toBe("0.05");
    expect(sgateAmountFromMinor(100)).toBe("1.00");
    expect(sgateAmountFromMinor(90071992547409930n)).toBe("900719925474099.30");
  });

  it("refuses fractions, zero and negatives", () => {
    expect(() => sgateAmountFromMinor(12.5)).toThrow(/whole number/);
    expect(() => sgateAmountFromMinor(0)).toThrow(/above 0/);
    expect(() => sgateAmountFromMinor(-100n)).toThrow(/above 0/);
  });
});

/** A client whose fetch records each request and answers a created order (no network). */
function client(): { sgate: SgateClient; sent: Request[] } {
  const sent: Request[] = [];
  const sgate = createSgateClient({
    key: "k",
    secret: "s",
    baseUrl: "http://127.0.0.1:9/api_v1",
    retry: false,
    fetch: async (request: Request) => {
      sent.push(request);
      return Response.json({ id: "o1" });
    },
  });
  return { sgate, sent };
}

describe("the client refuses a float amount before the wire", () => {
  const order = { merchantOrderId: "a", currency: "SAR", name: "n" } as const;
  const path = { params: { path: { merchantId: "M1" } } };

  it("a number: KeywayConfigError naming the helper, nothing sent", async () => {
    const { sgate, sent } = client();
    // A JavaScript caller (or a cast) can still pass a number; the types refuse it (client.test-d.ts).
    const body = { ...order, amount: 12.5 as unknown as string };
    const call = sgate.POST("/merchants/{merchantId}/orders", { ...path, body });
    await expect(call).rejects.toThrow(KeywayConfigError);
    await expect(call).rejects.toThrow('must be a decimal string such as "12.50", not the number 12.5');
    await expect(call).rejects.toThrow("sgateAmount(12.5)");
    const refund = sgate.POST("/orders/{orderId}/refunds", {
      params: { path: { orderId: "o1" } },
      body: { amount: 3 as unknown as string, reason: "" },
    });
    await expect(refund).rejects.toThrow(/not the number 3/);
    expect(sent).toHaveLength(0);
  });

  it("a malformed string is refused too; a valid one goes out as sent", async () => {
    const { sgate, sent } = client();
    const bad = sgate.POST("/merchants/{merchantId}/orders", {
      ...path,
      body: { ...order, amount: "12.345" },
    });
    await expect(bad).rejects.toThrow(/at most two decimals, such as "12.50"; got "12.345"/);
    expect(sent).toHaveLength(0);
    const ok = await sgate.POST("/merchants/{merchantId}/orders", {
      ...path,
      body: { ...order, amount: sgateAmount(12.5) },
    });
    expect(ok.response.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(await sent[0]!.json()).toMatchObject({ amount: "12.50" });
  });
});

describe("line items: price and amount are Amount strings too", () => {
  const item = {
    name: "100 coins",
    type: "digital",
    quantity: 2,
    sku: "COIN-100",
    avatar: "https://x.example/c.png",
  };
  const order = { merchantOrderId: "a", amount: "25.00", currency: "SAR", name: "n" } as const;
  function orders() {
    const { sgate, sent } = client();
    const create = (products: unknown[]) =>
      sgate.POST("/merchants/{merchantId}/orders", {
        params: { path: { merchantId: "M1" } },
        body: { ...order, products: products as never },
      });
    return { create, sent };
  }

  it("a number as a line item's price or amount: KeywayConfigError naming the item and the helper, nothing sent", async () => {
    const { create, sent } = orders();
    const price = create([{ ...item, price: 12.5, amount: "25.00" }]);
    await expect(price).rejects.toThrow(KeywayConfigError);
    await expect(price).rejects.toThrow(
      'SGate products[0].price must be a decimal string such as "12.50", not the number 12.5: pass sgateAmount(12.5)',
    );
    const amount = create([
      { ...item, price: "12.50", amount: "25.00" },
      { ...item, price: "12.50", amount: 25 },
    ]);
    await expect(amount).rejects.toThrow(
      /SGate products\[1\]\.amount .* not the number 25: pass sgateAmount\(25\)/,
    );
    const malformed = create([{ ...item, price: "12.505", amount: "25.01" }]);
    await expect(malformed).rejects.toThrow(
      /products\[0\]\.price .* at most two decimals, such as "12\.50"; got "12\.505"/,
    );
    expect(sent).toHaveLength(0);
  });

  it("Amount strings go out byte for byte as given", async () => {
    const { create, sent } = orders();
    const ok = await create([{ ...item, price: sgateAmount(12.5), amount: sgateAmountFromMinor(2500) }]);
    expect(ok.response.status).toBe(200);
    expect(sent).toHaveLength(1);
    const body = (await sent[0]!.json()) as { products: { price: unknown; amount: unknown }[] };
    expect(body.products[0]).toMatchObject({ price: "12.50", amount: "25.00" });
  });
});
