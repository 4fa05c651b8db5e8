import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createDeliveryCallbackHandler,
  createResellerClient,
  createSupplierClient,
  type HyperDelivery,
  unwrap as unwrapHyper,
} from "@keyway/hyper";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { createSgateClient, createSgateNotificationHandler, unwrap as unwrapSgate } from "@keyway/sgate";
import { afterAll, beforeAll, expect, it } from "vitest";

// #region listen
/** Serves a Fetch-API handler (what Keyway's callback handlers are) on a free loopback port, with node:http. */
async function listen(handle: (request: Request) => Promise<Response>) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(name, value);
    const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host}`), {
      method: req.method ?? "GET",
      headers,
      body: chunks.length ? Buffer.concat(chunks) : null,
    });
    const response = await handle(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
// #endregion

// #region start
let sandbox: RunningSandbox<"sgate" | "hyper">;
beforeAll(async () => {
  sandbox = await startSandbox({
    providers: ["sgate", "hyper"],
    // Retries of an unanswered callback come quickly in tests (defaults: seconds apart).
    options: { sgate: { notificationRetryDelaysMs: [50, 50] }, hyper: { callbackRetryDelaysMs: [50, 50] } },
  });
});
afterAll(() => sandbox.close());
// #endregion

// #region sgate
it("receives SGate's payment notification, once, through the handler your server runs", async () => {
  const credentials = { key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI", secret: "your secret" };
  const sgate = createSgateClient({ ...credentials, baseUrl: sandbox.urls.sgate });
  const events: string[] = [];
  const receiver = await listen(
    createSgateNotificationHandler({
      client: sgate,
      ...credentials,
      onNotification: async ({ type, order }) => {
        events.push(`${type} ${order.merchantOrderId}`);
      },
    }),
  );
  try {
    const order = unwrapSgate(
      await sgate.POST("/merchants/{merchantId}/orders", {
        params: { path: { merchantId: "M448726" } },
        body: {
          merchantOrderId: "shop-cb-1",
          amount: "5.00",
          currency: "SAR",
          name: "100 game coins",
          notificationURL: `${receiver.url}/sgate/notify`,
        },
      }),
    );
    // Pay as the hosted cashier would: the sandbox then calls the order's notificationURL.
    sandbox.providers.sgate.state.payByCashier(order.id, "mada", true, Date.now());
    await sandbox.providers.sgate.notifier.idle();
    expect(events).toEqual(["payment shop-cb-1"]);
    const attempts = sandbox.providers.sgate.notifier.attempts();
    expect(attempts.map((a) => [a.type, a.completed])).toEqual([["payment", true]]);
  } finally {
    await receiver.close();
  }
});
// #endregion

// #region hyper
it("receives Hyper's delivery callback, signed with the reseller's callback key", async () => {
  const deliveries: HyperDelivery[] = [];
  const receiver = await listen(
    createDeliveryCallbackHandler({
      apiKey: `ak_test_${"b0a1".repeat(8)}`, // the bursagb reseller's callback key
      onDelivery: (delivery) => {
        deliveries.push(delivery);
      },
    }),
  );
  try {
    const baseUrl = sandbox.urls.hyper;
    const reseller = createResellerClient({
      baseUrl,
      credentials: { email: "reseller@bursagb.test", password: "reseller-pass" },
    });
    const order = unwrapHyper(
      await reseller.POST("/Order/create", {
        body: {
          basketData: [
            {
              deliverID: "shop-cb-2",
              customerStoreProductID: 9002,
              quantity: 1,
              requireData: [{ productRequireID: 4, value: "5123456789" }],
            },
          ],
          notifyURL: `${receiver.url}/hyper/delivery`,
        },
      }),
    );
    const line = order.data.details![0]!;
    const supplier = createSupplierClient({ baseUrl, apiKey: `ak_test_${"b5e3".repeat(8)}` });
    unwrapHyper(
      await supplier.POST("/Order/deliver", {
        body: { orderDetailID: line.orderDetailID, status: 1, deliveryData: ["UC-0002-XYZ"] },
      }),
    );
    await sandbox.providers.hyper.callbacksIdle();
    const delivered = deliveries.find((d) => d.delivered);
    expect(delivered?.orderDetailID).toBe(line.orderDetailID);
    expect(delivered?.deliveryData).toEqual(["UC-0002-XYZ"]);
  } finally {
    await receiver.close();
  }
});
// #endregion
