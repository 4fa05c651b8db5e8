/**
 * The SGate sandbox's browser pages and control routes: the hosted-cashier stand-in (`/order/{id}`,
 * `/embed/{method}`, what payment links open), the direct-card 3-D Secure page, and `/__sandbox/orders`,
 * `/__sandbox/notifications`, `/__sandbox/emails`. Failures are thrown as `SgateApiError`; the app renders them
 * as HTML outside `/api_v1` and `/__sandbox`.
 * @module
 */
import type { Context, Hono } from "hono";
import type { SgateEnv } from "./api.js";
import { SgateApiError } from "./errors.js";
import type { Notifier } from "./notifier.js";
import { CASHIER_METHODS, type CashierMethod, type SgateState } from "./state.js";

/** Escapes text for HTML. */
export const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );

/** Adds the cashier, 3-D Secure and control routes to `app`. */
export function addSgatePages(
  app: Hono<SgateEnv>,
  state: SgateState,
  notifier: Notifier,
  now: () => number,
): void {
  const cashier = (c: Context<SgateEnv>, orderId: string, forced: string | undefined) => {
    const ticket = c.req.query("ticket") ?? "";
    let order: ReturnType<SgateState["order"]>;
    try {
      order = state.order(orderId, undefined, now());
    } catch {
      throw new SgateApiError(404, "notFound", "Order not found");
    }
    if (ticket !== order.ticket) throw new SgateApiError(403, "notAllowed", "Invalid ticket");
    const methods = forced && c.req.query("lockPayMethod") === "yes" ? [forced] : [...CASHIER_METHODS];
    const returnURL = c.req.query("returnURL") ?? "";
    const buttons = methods
      .map((m) => `<button name="method" value="${esc(m)}">${esc(m)}</button>`)
      .join(" ");
    return c.html(
      `<!doctype html><html lang="${c.req.query("language") === "AR" ? "ar" : "en"}"><meta charset="utf-8">` +
        `<title>SGate sandbox cashier</title><h1>${esc(String(order.name))}</h1>` +
        `<p id="amount">${order.amount} ${esc(order.currency)}</p><p id="status">${esc(order.status)}</p>` +
        `<form method="post" action="/order/${encodeURIComponent(order.id)}/pay">` +
        `<input type="hidden" name="ticket" value="${esc(order.ticket)}">` +
        `<input type="hidden" name="returnURL" value="${esc(returnURL)}">${buttons}</form></html>`,
    );
  };
  app.get("/order/:orderId", (c) => cashier(c, c.req.param("orderId"), undefined));
  app.get("/order/:orderId/:method", (c) => cashier(c, c.req.param("orderId"), c.req.param("method")));
  app.get("/embed/:method", (c) => cashier(c, c.req.query("orderId") ?? "", c.req.param("method")));
  // The older link forms SGate's own plugins build (the WooCommerce plugin's iframe adds a trailing slash;
  // its payment-page mode and the OpenCart plugin send the payer to the root with orderId, ticket, returnURL;
  // the 2021–22 gateway had /wire-transfer/ and /mastercard-hosted/ pages with the same parameters):
  // https://github.com/SGATE-IT/woo-gccpay woo-gccpay.php, https://github.com/SGATE-IT/opcart-gccpay
  // upload/catalog/controller/extension/payment/gccpay.php, https://github.com/SGATE-IT/public README.md.
  app.get("/embed/:method/", (c) => cashier(c, c.req.query("orderId") ?? "", c.req.param("method")));
  app.get("/", (c) => {
    const orderId = c.req.query("orderId");
    if (!orderId) return c.text("SGate sandbox", 200);
    return cashier(c, orderId, undefined);
  });
  for (const legacy of ["/wire-transfer/", "/mastercard-hosted/"]) {
    app.get(legacy, (c) => cashier(c, c.req.query("orderId") ?? "", undefined));
  }
  app.post("/order/:orderId/pay", async (c) => {
    const form = await c.req.parseBody();
    const orderId = c.req.param("orderId");
    const method = String(form.method ?? "mada") as CashierMethod;
    const order = state.order(orderId, undefined, now());
    if (form.ticket !== order.ticket) throw new SgateApiError(403, "notAllowed", "Invalid ticket");
    if (!CASHIER_METHODS.includes(method)) throw new SgateApiError(400, "invalidParameter", "Unknown method");
    state.payByCashier(orderId, method, true, now());
    const returnURL = typeof form.returnURL === "string" ? form.returnURL : "";
    if (returnURL) {
      const back = new URL(returnURL);
      back.searchParams.set("orderId", order.id);
      back.searchParams.set("ticket", order.ticket);
      back.searchParams.set("action", "complete");
      return c.redirect(back.href, 303);
    }
    return c.html(`<h1>Paid</h1><p id="status">${esc(order.status)}</p>`);
  });

  app.get("/direct/mastercard", (c) => {
    const back = state.complete3ds(c.req.query("transactionId") ?? "", now());
    return back ? c.redirect(back, 302) : c.html("<h1>3-D Secure passed</h1>");
  });

  app.post("/__sandbox/orders/:orderId/pay", async (c) => {
    let body: { method?: string; outcome?: string } = {};
    try {
      const text = await c.req.text();
      body = text ? JSON.parse(text) : {};
    } catch {
      return c.json({ error: "body must be JSON: { method?, outcome? }" }, 400);
    }
    const method = (body.method ?? "mada") as CashierMethod;
    if (!CASHIER_METHODS.includes(method))
      return c.json({ error: `method must be one of ${CASHIER_METHODS}` }, 400);
    const tx = state.payByCashier(c.req.param("orderId"), method, body.outcome !== "decline", now());
    return c.json({ transaction: tx, order: state.order(tx.orderId, undefined, now()) });
  });
  app.get("/__sandbox/orders", (c) => c.json({ orders: state.allOrders() }));
  app.get("/__sandbox/notifications", (c) => c.json({ attempts: notifier.attempts() }));
  app.get("/__sandbox/emails", (c) => c.json({ emails: state.emails }));
}
