/**
 * Secrets as a property: for random secrets, no error a client returns or throws (provider errors whose body
 * echoes the request's headers and body, unknown outcomes, network errors, refusals, unreadable answers),
 * and no debug event, shows a secret in its message, `String()`, `JSON.stringify` or `util.inspect`.
 */
import { inspect } from "node:util";
import type { SignDebugEvent } from "@keyway/auth";
import { createHiobuyClient } from "@keyway/hiobuy";
import { createHishoppingClient } from "@keyway/hishopping";
import { createSgateClient } from "@keyway/sgate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

/** An answer mode of the stub provider. */
type Mode = "echo" | "network" | "unreadable";

/** A stub fetch that echoes everything the request carried (headers, URL, body) in a 400 error. */
function provider(mode: () => Mode) {
  return async (req: Request) => {
    const m = mode();
    if (m === "network") {
      throw Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      });
    }
    if (m === "unreadable") return new Response("<html>ok</html>", { status: 200 });
    const echoed = {
      code: "BAD_REQUEST",
      message: `rejected; you sent ${JSON.stringify(Object.fromEntries(req.headers))}`,
      error: { code: "BAD_REQUEST", message: `headers: ${[...req.headers].join(";")}` },
      request: { url: req.url, headers: Object.fromEntries(req.headers), body: await req.text() },
    };
    return new Response(JSON.stringify(echoed), {
      status: 400,
      headers: { "content-type": "application/json" },
    });
  };
}

/** Every way the errors and events could show a secret. */
function leaks(secret: string, things: unknown[]): string[] {
  const found: string[] = [];
  for (const t of things) {
    const views = [
      inspect(t, { depth: 12, showHidden: true }),
      JSON.stringify(t, (_k, v) => (typeof v === "bigint" ? String(v) : v)) ?? "",
      String(t),
      t instanceof Error
        ? `${t.message} ${t.stack ?? ""} ${JSON.stringify((t as { body?: unknown }).body)}`
        : "",
    ];
    for (const view of views) if (view.includes(secret)) found.push(view.slice(0, 300));
  }
  return found;
}

/** Collects what each call ends with: the resolved error or the rejection. */
async function settle(p: Promise<{ error?: unknown }>): Promise<unknown> {
  try {
    return (await p).error;
  } catch (err) {
    return err;
  }
}

const secretArb = fc.stringMatching(/^[A-Za-z0-9_-]{16,40}$/);
const modes: Mode[] = ["echo", "network", "unreadable"];
const RUNS = 15;

describe("no secret in any error or debug event", () => {
  it("HIOBuy: the API key", async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, async (raw) => {
        const secret = `hio_test_${raw}`;
        const events: SignDebugEvent[] = [];
        let mode: Mode = "echo";
        const client = createHiobuyClient({
          apiKey: () => secret,
          baseUrl: "http://127.0.0.1:9/v1",
          retry: false,
          fetch: provider(() => mode),
          onSign: (e) => events.push(e),
        });
        const things: unknown[] = [client, events];
        for (mode of modes) {
          things.push(
            await settle(client.POST("/products/detail", { body: { channel: "1688", product_id: "1" } })),
          );
          things.push(
            await settle(client.POST("/orders/create", { body: { channel: "1688", lines: [] } as never })),
          );
        }
        things.push(
          await settle(
            client.GET("/fulfillment/shipping/channels/{shipping_channel_code}", {
              params: { path: { shipping_channel_code: ".." } },
            }),
          ),
        );
        expect(leaks(secret, things)).toEqual([]);
        expect(leaks(raw, things)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("SGate: the key and the secret", async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, secretArb, async (key, secret) => {
        const events: SignDebugEvent[] = [];
        let mode: Mode = "echo";
        const client = createSgateClient({
          key,
          secret,
          baseUrl: "http://127.0.0.1:9/api_v1",
          retry: false,
          fetch: provider(() => mode),
          onSign: (e) => events.push(e),
        });
        const things: unknown[] = [client];
        for (mode of modes) {
          things.push(
            await settle(
              client.GET("/merchants/{merchantId}", { params: { path: { merchantId: "M448726" } } }),
            ),
          );
          things.push(
            await settle(
              client.POST("/merchants/{merchantId}/orders", {
                params: { path: { merchantId: "M448726" } },
                body: { merchantOrderId: "r1", amount: "1.00", currency: "SAR", name: "n" },
              }),
            ),
          );
        }
        // The debug events show the key on purpose (it is part of SGate's canonical string), never the secret.
        expect(leaks(secret, [...things, events])).toEqual([]);
        expect(leaks(key, things)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("HiShopping: the Secret Key and the Sign Key", async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, secretArb, async (secretKey, signKey) => {
        const events: SignDebugEvent[] = [];
        let mode: Mode = "echo";
        const client = createHishoppingClient({
          appId: "hs_app_sandbox",
          secretKey,
          signKey,
          baseUrl: "http://127.0.0.1:9/api/v1",
          retry: false,
          fetch: provider(() => mode),
          onSign: (e) => events.push(e),
        });
        const things: unknown[] = [client, events];
        for (mode of modes) {
          things.push(await settle(client.GET("/credit")));
          things.push(
            await settle(
              client.POST("/orders", {
                body: { merchant_order_no: "m1", goods_id: "1", sku_id: "2", quantity: 1 } as never,
              }),
            ),
          );
        }
        expect(leaks(secretKey, things)).toEqual([]);
        expect(leaks(signKey, things)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
