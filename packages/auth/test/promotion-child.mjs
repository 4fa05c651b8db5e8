/**
 * Child of promotion.test.ts: `node promotion-child.mjs <dir> keyway|bare`. Runs one client alone in a fresh
 * process (V8 decides which allocation sites to pretenure while the young generation is still small, and a
 * decision made for openapi-fetch's code under one client also holds for the other): a Keyway client from
 * `@keyway/auth` as tsc compiles it (in `<dir>`), or bare openapi-fetch making the same call with the same stub
 * fetch. Prints the bytes per call that reach the old generation.
 */
import { getHeapSpaceStatistics } from "node:v8";
import createClient from "openapi-fetch";

const [dir, side] = process.argv.slice(2);
const { createKeywayClient } = await import(new URL(`${dir}/src/index.js`, import.meta.url).href);
const { bearer } = await import(new URL(`${dir}/src/schemes/bearer.js`, import.meta.url).href);

const BASE = "https://api.example.com/v1";
const TOKEN = "tok_0123456789abcdef";
const ANSWER = JSON.stringify({ id: "t1", name: "thing" });
const stub = async () =>
  new Response(ANSWER, { status: 200, headers: { "content-type": "application/json" } });
const operations = {
  "POST /things": {
    operationId: "createThing",
    method: "POST",
    path: "/things",
    security: [{ bearerAuth: [] }],
    retry: "safe",
    responseBody: true,
    extensions: {},
  },
};

const oldSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === "old_space").space_used_size;
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Old-space growth between batches of 64 concurrent calls (the bench's shape), summed, per call. */
async function promotedPerCall(call, batches) {
  const pending = new Array(64);
  let grown = 0;
  let last = oldSpace();
  for (let b = 0; b < batches; b++) {
    for (let i = 0; i < 64; i++) pending[i] = call();
    await Promise.all(pending);
    await turn();
    const now = oldSpace();
    if (now > last) grown += now - last;
    last = now;
  }
  return grown / (batches * 64);
}

const body = { name: "thing" };
let call;
if (side === "bare") {
  const bare = createClient({ baseUrl: BASE, fetch: stub, headers: { authorization: `Bearer ${TOKEN}` } });
  call = () => bare.POST("/things", { body });
} else {
  const keyway = createKeywayClient({
    baseUrl: BASE,
    operations,
    scheme: bearer({ token: TOKEN }),
    fetch: stub,
    timeoutMs: 0,
    toError: (f) => new Error(String(f.status)),
  });
  call = () => keyway.POST("/things", { body });
}
await promotedPerCall(call, 60);
process.stdout.write(String(await promotedPerCall(call, 300)));
