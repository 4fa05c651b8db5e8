/**
 * SGate demo: create an order → build the payment link → the payer pays on the (sandbox) cashier →
 * SGate's callback arrives, is verified, confirmed with order.detail and answered `COMPLETED::<id>` →
 * the order shows `paid` → partial refund → refund detail. Uses only the public @keyway/sgate package;
 * the sandbox accepts the docs' example credentials (tools/sandbox/README.md, "SGate").
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createSgateClient,
  createSgateNotificationHandler,
  type SgateNotification,
  sgatePaymentLink,
  unwrap,
} from "@keyway/sgate";

const KEY = "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI";
const SECRET = "your secret";
const MERCHANT_ID = "M448726";

/** Serves a Fetch-API handler on 127.0.0.1 (enough for SGate's GET callbacks). */
async function serveCallback(handler: (request: Request) => Promise<Response>) {
  const answers: string[] = [];
  const server = createServer(async (req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const answer = await handler(
      new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method, headers }),
    );
    const text = await answer.text();
    answers.push(`${answer.status} ${text}`);
    res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs the SGate flow against `baseUrl` (the sandbox's `/api_v1` URL). */
export async function run(ctx: { baseUrl: string; log: (line: string) => void }): Promise<void> {
  const { baseUrl, log } = ctx;
  const sgate = createSgateClient({ key: KEY, secret: SECRET, baseUrl });

  const notifications: SgateNotification[] = [];
  let notified: () => void = () => {};
  const handler = createSgateNotificationHandler({
    client: sgate,
    key: KEY,
    secret: SECRET,
    onNotification: (n) => {
      notifications.push(n);
      notified();
    },
  });
  const callback = await serveCallback(handler);
  try {
    const merchant = unwrap(
      await sgate.GET("/merchants/{merchantId}", { params: { path: { merchantId: MERCHANT_ID } } }),
    );
    log(`merchant ${merchant.id} (${merchant.name}), currencies ${merchant.currencys}`);

    const merchantOrderId = `demo-${Date.now()}`;
    const order = unwrap(
      await sgate.POST("/merchants/{merchantId}/orders", {
        params: { path: { merchantId: MERCHANT_ID } },
        body: {
          merchantOrderId,
          amount: "49.90",
          currency: "SAR",
          name: "Demo: 500 game coins",
          notificationURL: `${callback.url}/sgate/notify`,
          customer: { nickname: "Demo Player", address: "Riyadh", email: "player@example.com" },
        },
      }),
    );
    log(
      `order ${order.id} created for ${merchantOrderId}: ${order.amount} ${order.currency}, ${order.status}`,
    );

    const link = sgatePaymentLink(order, {
      baseUrl,
      returnURL: "https://shop.example/return",
      language: "EN",
    });
    log(`payment link ${link.replace(order.ticket, `${order.ticket.slice(0, 8)}…`)}`);

    // The payer opens the link and pays with mada on the sandbox cashier.
    const arrived = new Promise<void>((resolve) => {
      notified = resolve;
    });
    const page = await fetch(link);
    const html = await page.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    const ticket = /name="ticket" value="([^"]+)"/.exec(html)?.[1];
    if (!page.ok || !action || !ticket) throw new Error(`the cashier page did not load (${page.status})`);
    const paid = await fetch(new URL(action, link), {
      method: "POST",
      body: new URLSearchParams({ ticket, method: "mada" }),
      redirect: "manual",
    });
    log(`payer paid on the cashier (HTTP ${paid.status})`);

    await Promise.race([
      arrived,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("no SGate callback within 10 s")), 10_000),
      ),
    ]);
    const n = notifications[0]!;
    log(
      `callback: ${n.type} for ${n.orderId}, x-auth signature ${n.signature}, confirmed: ${n.order.status}`,
    );
    for (let i = 0; i < 100 && callback.answers.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    log(`callback answered: ${callback.answers[0] ?? "(nothing yet)"}`);

    const detail = unwrap(await sgate.GET("/orders/{orderId}", { params: { path: { orderId: order.id } } }));
    log(
      `order detail: status ${detail.status}, paid at ${detail.paidAt}, method ${detail.successPaymentMethod}`,
    );
    if (detail.status !== "paid") throw new Error(`expected a paid order, got ${detail.status}`);

    const refund = unwrap(
      await sgate.POST("/orders/{orderId}/refunds", {
        params: { path: { orderId: order.id } },
        body: {
          amount: "10.00",
          reason: "demo partial refund",
          merchantRefundId: `${merchantOrderId}_refund_1`,
        },
      }),
    );
    log(`refund ${refund.id} requested: ${refund.amount} ${refund.currency}, ${refund.status}`);
    const refundDetail = unwrap(
      await sgate.GET("/refunds/{refundId}", { params: { path: { refundId: refund.id } } }),
    );
    log(`refund detail: ${refundDetail.status}, finished ${refundDetail.finishedAt}`);

    const after = unwrap(await sgate.GET("/orders/{orderId}", { params: { path: { orderId: order.id } } }));
    log(
      `order now: refundStatus ${after.refundStatus}, refunded ${after.refundAmount} ${after.currency} in ${after.refundTimes} refund(s)`,
    );
  } finally {
    await callback.close();
  }
}
