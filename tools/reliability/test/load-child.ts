/**
 * Child process of load.test.ts: 10,000 HIOBuy calls at concurrency 64 against a loopback server, then it
 * closes the server and returns. It must exit on its own: a leaked socket, timer or listener keeps it alive.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createHiobuyClient } from "@keyway/hiobuy";

const CALLS = Number(process.env.CALLS ?? 10_000);
const CONCURRENCY = 64;
let unhandled = 0;
process.on("unhandledRejection", () => void unhandled++);

const body = JSON.stringify({ success: true, data: { product_id: "1", title: "x" }, request_id: "req_1" });
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(body));
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const client = createHiobuyClient({
  apiKey: "hio_test_load",
  baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
});

let next = 0;
let ok = 0;
let errors = 0;
const started = performance.now();
async function worker() {
  while (next < CALLS) {
    next++;
    try {
      const r = await client.POST("/products/detail", { body: { channel: "1688", product_id: "1" } });
      if (r.error) errors++;
      else ok++;
    } catch {
      errors++;
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const ms = Math.round(performance.now() - started);
server.closeIdleConnections();
await new Promise((r) => server.close(r));
console.log(JSON.stringify({ calls: CALLS, concurrency: CONCURRENCY, ok, errors, unhandled, ms }));
