/**
 * Each distinct callback event — the payment, each refund by its id — reaches the caller's function exactly
 * once, whatever the order of callbacks and replays; a function that never settles does not block its event
 * forever; a secret source that throws is a configuration error.
 */
import { KeywayConfigError } from "@keyway/auth";
import { describe, expect, it } from "vitest";
import { createSgateClient, createSgateNotificationHandler, type SgateNotification } from "../src/index.js";

const ORDER = "M448726T2023010607512700001";

/** A fake SGate whose order and refunds can change between callbacks. */
function world() {
  const state = { refundTimes: 0, refunds: [] as string[] };
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  const client = createSgateClient({
    key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI",
    secret: "your secret",
    baseUrl: "https://sandbox.sgate.sa/api_v1",
    retry: false,
    fetch: async (req) => {
      const path = new URL(req.url).pathname;
      const refund = /\/refunds\/(.+)$/.exec(path)?.[1];
      if (refund) {
        const n = Number(refund.split("_R")[1]);
        return json({ id: refund, orderId: ORDER, amount: n, currency: "SAR", status: state.refunds[n - 1] });
      }
      return json({
        id: ORDER,
        merchantId: "M448726",
        status: "paid",
        amount: 20,
        currency: "SAR",
        refundTimes: state.refundTimes,
      });
    },
  });
  const refund = () => {
    state.refundTimes++;
    state.refunds.push("success");
  };
  return { client, refund };
}

const callback = (type: "payment" | "refund") =>
  new Request(`https://shop.example/notify?_orderId=${ORDER}&_type=${type}`);

describe("SGate callback events", () => {
  it("a payment callback replayed after a partial refund is not handed over again", async () => {
    const w = world();
    const seen: string[] = [];
    const h = createSgateNotificationHandler({
      client: w.client,
      key: "k",
      secret: "s",
      onNotification: (n) => void seen.push(n.key),
    });
    expect((await h(callback("payment"))).status).toBe(200);
    w.refund();
    expect((await h(callback("refund"))).status).toBe(200);
    expect((await h(callback("payment"))).status).toBe(200); // replay
    expect((await h(callback("refund"))).status).toBe(200); // replay
    expect(seen).toEqual([`${ORDER}:payment`, `${ORDER}:refund:${ORDER}_R1`]);
  });

  it("hands over every refund by its id, even when the first refund's callback was missed", async () => {
    const w = world();
    const got: SgateNotification[] = [];
    const h = createSgateNotificationHandler({
      client: w.client,
      key: "k",
      secret: "s",
      onNotification: (n) => void got.push(n),
    });
    w.refund();
    w.refund(); // the callback of the first refund never arrived
    expect((await h(callback("refund"))).status).toBe(200);
    expect((await h(callback("refund"))).status).toBe(200);
    expect(got.map((n) => [n.type, n.refund?.id])).toEqual([
      ["refund", `${ORDER}_R1`],
      ["refund", `${ORDER}_R2`],
    ]);
  });

  it("a function that never settles holds its claim only for the lease; a later delivery processes it", async () => {
    const w = world();
    let calls = 0;
    const h = createSgateNotificationHandler({
      client: w.client,
      key: "k",
      secret: "s",
      leaseMs: 50,
      onNotification: () => {
        calls++;
        if (calls === 1) return new Promise<void>(() => {});
      },
    });
    const first = await h(callback("payment"));
    expect(first.status).toBe(503);
    await new Promise((r) => setTimeout(r, 80));
    const again = await h(callback("payment"));
    expect([again.status, await again.text()]).toEqual([200, `COMPLETED::${ORDER}`]);
    expect(calls).toBe(2);
    expect((await h(callback("payment"))).status).toBe(200);
    expect(calls).toBe(2);
  });

  it("a secret source that throws is a KeywayConfigError naming the option", async () => {
    const w = world();
    const h = createSgateNotificationHandler({
      client: w.client,
      key: "k",
      secret: () => {
        throw new Error("vault down");
      },
      onNotification: () => {},
    });
    const signed = new Request(callback("payment").url, { headers: { "x-auth-signature": "x" } });
    const err = await h(signed).catch((e) => e);
    expect(err).toBeInstanceOf(KeywayConfigError);
    expect(err.message).toMatch(/secret source failed/);
  });
});
