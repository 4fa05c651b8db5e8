/**
 * Hyper demo, two-sided: the reseller logs in → categories and products → creates an order (and sees a
 * refused one with its per-line reason); the supplier lists awaiting orders → delivers E-PIN codes; the
 * reseller's callback handler receives the verified delivery; the reseller reads the line delivered. The
 * sandbox issues 4-second tokens for this run, so the first token expires mid-flow and the client logs in
 * again on its own. Uses only the public @keyway/hyper package and the sandbox's documented credentials
 * (tools/sandbox/README.md, "Hyper").
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createDeliveryCallbackHandler,
  createResellerClient,
  createSupplierClient,
  type HyperDelivery,
  unwrap,
} from "@keyway/hyper";

const RESELLER = { email: "reseller@bursagb.test", password: "reseller-pass" };
/** The reseller account's own key: the `Apikey` the platform puts on its callbacks. */
const RESELLER_ACCOUNT_KEY = `ak_test_${"b0a1".repeat(8)}`;
const SUPPLIER_KEY = `ak_test_${"b5e3".repeat(8)}`;
const TOKEN_SECONDS = 4;

/** Serves a Fetch-API handler on 127.0.0.1 (POST bodies included). */
async function serveCallback(handler: (request: Request) => Promise<Response>) {
  const server = createServer(async (req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await handler(
      new Request(`http://127.0.0.1${req.url ?? "/"}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      }),
    );
    res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs the Hyper flow against `baseUrl` (a sandbox tenant, e.g. `http://127.0.0.1:<port>/tenants/bursagb`). */
export async function run(ctx: { baseUrl: string; log: (line: string) => void }): Promise<void> {
  const { baseUrl, log } = ctx;
  const control = `${new URL(baseUrl).origin}/__sandbox/hyper`;
  const setTtl = (seconds: number) =>
    fetch(`${control}/token-ttl`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seconds }),
    });
  const stats = async () =>
    (await (await fetch(`${control}/stats`)).json()) as {
      logins: Record<string, number>;
      refusedTokens: Record<string, number>;
    };
  await setTtl(TOKEN_SECONDS);

  const deliveries: HyperDelivery[] = [];
  let delivered: () => void = () => {};
  const arrived = new Promise<void>((resolve) => {
    delivered = resolve;
  });
  const receiver = await serveCallback(
    createDeliveryCallbackHandler({
      apiKey: RESELLER_ACCOUNT_KEY,
      onDelivery: (d) => {
        deliveries.push(d);
        if (d.delivered) delivered();
      },
    }),
  );
  try {
    // --- Reseller side: JWT session from email + password, refreshed by the client.
    const reseller = createResellerClient({ baseUrl, credentials: RESELLER, refreshMarginMs: 500 });
    const me = unwrap(await reseller.GET("/Customer/Get"));
    // The token was issued before this answer arrived, so it expires at the latest TOKEN_SECONDS from now.
    const loginAt = Date.now();
    log(
      `reseller ${me.data.email} logged in (Generate Token; tokens live ${TOKEN_SECONDS} s here), balance ${me.data.balance} ${me.data.currencyCode}`,
    );
    const categories = unwrap(await reseller.GET("/Categories")).data;
    const roots = categories.filter((c) => c.parentID === null).map((c) => c.categoryName);
    log(`categories: ${categories.length} (top level: ${roots.join(", ")})`);
    const products = unwrap(
      await reseller.POST("/Products/List", {
        params: { query: { page: 1, pageSize: 20, productCategoryID: 0 } },
      }),
    ).data;
    log(
      `products: ${products.map((p) => `${p.productName} ${p.salePrice} TRY (stock ${p.totalStock})`).join("; ")}`,
    );
    const gold = products.find((p) => p.productName === "Knight Online 10 GB")!;
    const valorant = products.find((p) => p.totalStock === 0)!;

    const refused = await reseller.POST("/Order/create", {
      body: {
        basketData: [
          {
            deliverID: "demo-1-1",
            customerStoreProductID: gold.customerStoreProductID,
            quantity: 1,
            requireData: [{ productRequireID: 3, value: "DarkKnight" }],
          },
          { deliverID: "demo-1-2", customerStoreProductID: valorant.customerStoreProductID, quantity: 1 },
        ],
      },
    });
    if (!refused.error) throw new Error("expected the order with an out-of-stock line to be refused");
    log(
      `create order with ${valorant.productName}: refused (HyperError ${refused.error.code}, HTTP ${refused.error.status}), ` +
        refused.error.lines.map((l) => `${l.deliverID}: ${l.message}`).join("; ") +
        " — no order created",
    );

    const order = unwrap(
      await reseller.POST("/Order/create", {
        body: {
          basketData: [
            {
              deliverID: "demo-2-1",
              customerStoreProductID: gold.customerStoreProductID,
              quantity: 2,
              requireData: [{ productRequireID: 3, value: "DarkKnight" }],
            },
          ],
          notifyURL: `${receiver.url}/hyper/delivery`,
        },
      }),
    );
    const line = order.data.details![0]!;
    log(
      `order ${order.data.orderID} created: line ${line.orderDetailID} (deliverID ${line.deliverID}), ${line.quantity} × ${gold.productName} = ${line.price} TRY`,
    );

    // --- Supplier side: ApiKey header.
    const supplier = createSupplierClient({ baseUrl, apiKey: SUPPLIER_KEY });
    const awaiting = unwrap(await supplier.POST("/Supplier/Orders/Awaiting", { body: {} })).data;
    const job = awaiting.find((a) => a.orderDetailID === line.orderDetailID)!;
    log(
      `supplier sees ${awaiting.length} awaiting line(s): ${job.productName} × ${job.quantity} for ${job.requiredData?.map((r) => `${r.title} = ${r.value}`).join(", ")}`,
    );
    // The supplier takes its time: long enough for the reseller's first token to expire.
    const wait = Math.max(0, loginAt + TOKEN_SECONDS * 1000 + 500 - Date.now());
    await new Promise((r) => setTimeout(r, wait));
    const codes = ["GB-7Q2M-91XK", "GB-3LZP-08RT"];
    unwrap(
      await supplier.POST("/Order/deliver", {
        body: {
          deliverID: job.deliverID ?? undefined,
          orderDetailID: job.orderDetailID,
          status: 1,
          deliveryData: codes,
        },
      }),
    );
    log(
      `supplier delivered ${codes.length} E-PIN codes (after ${((Date.now() - loginAt) / 1000).toFixed(1)} s)`,
    );

    // --- Back on the reseller side.
    await Promise.race([
      arrived,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("no delivery callback within 15 s")), 15_000),
      ),
    ]);
    const d = deliveries.find((x) => x.delivered)!;
    log(
      `callback received and verified (Apikey, constant time): line ${d.orderDetailID} status ${d.status} (delivered), codes ${d.deliveryData?.join(", ")}; answered {"success":true,"message":"OK"}`,
    );
    const detail = unwrap(
      await reseller.GET("/Order/detail/{orderDetailID}", {
        params: { path: { orderDetailID: line.orderDetailID } },
      }),
    );
    const after = unwrap(await reseller.GET("/Customer/Get"));
    const s = await stats();
    log(
      `reseller reads line ${detail.data.orderDetailID}: status ${detail.data.status}, codes ${detail.data.deliveryData?.join(", ")}; balance now ${after.data.balance} TRY`,
    );
    log(
      `the first token expired mid-flow: logins ${s.logins.bursagb ?? 0}, refused tokens ${JSON.stringify(s.refusedTokens)} — the client logged in again by itself, no call of the flow failed`,
    );
    if ((s.logins.bursagb ?? 0) < 2) throw new Error("expected a second login after the token expired");
  } finally {
    await receiver.close();
    await setTtl(300);
  }
}
