/**
 * `use()` hooks against the HiShopping sandbox: a hook sees the plaintext payload (the scheme encrypts and signs
 * after it) and the opened, decrypted answer, never the envelope.
 */
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { USER_AGENT, VERSION } from "../src/generated/version.js";
import { createHishoppingClient } from "../src/index.js";
import { APP, address } from "./sandbox-app.js";

const clock = 1_767_225_600_000;
let sandbox: RunningSandbox;
let base: string;
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hishopping"], now: () => clock });
  base = sandbox.urls.hishopping!;
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.reset());

describe("HiShopping: hooks see plaintext, the scheme seals after them", () => {
  it("a hook's change to the plaintext payload is encrypted, signed and accepted, on every attempt", async () => {
    const wire: { ua: string | null; body: string }[] = [];
    const hs = createHishoppingClient({
      ...APP,
      baseUrl: base,
      now: () => clock,
      retry: { baseMs: 1, maxMs: 2 },
      fetch: async (req, init) => {
        wire.push({ ua: req.headers.get("user-agent"), body: await req.clone().text() });
        return fetch(req, init);
      },
    });
    const seenByHook: unknown[] = [];
    const answers: unknown[] = [];
    hs.use({
      async onRequest({ request }) {
        const payload = (await request.json()) as Record<string, unknown>;
        seenByHook.push(payload);
        return new Request(request.url, {
          method: request.method,
          headers: request.headers,
          body: JSON.stringify({ ...payload, quantity: 3 }),
        });
      },
      async onResponse({ response }) {
        answers.push(await response.clone().json());
      },
    });
    sandbox.providers.hishopping!.faults.inject({
      kind: "drop",
      operationId: "createOrder",
      stage: "after",
    });
    const { data, error } = await hs.POST("/orders", {
      body: {
        goods_id: "601099512345678",
        sku_id: "17592186044417",
        quantity: 1,
        merchant_order_no: "KW-HOOK-1",
        shipping_address: address,
      },
    });
    expect(error).toBeUndefined();
    expect(data?.quantity).toBe(3);
    // the hook saw the caller's plaintext on both attempts; the wire carried only the envelope
    expect(seenByHook).toHaveLength(2);
    expect(seenByHook[0]).toMatchObject({ merchant_order_no: "KW-HOOK-1", quantity: 1 });
    expect(wire).toHaveLength(2);
    for (const w of wire) {
      expect(w.body).not.toContain("KW-HOOK-1");
      expect(w.ua).toBe(`keyway-hishopping/${pkg.version}`);
    }
    // onResponse saw the opened answer: signature checked, `data` decrypted to the order ({ code, message, data })
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ code: 0, data: { merchant_order_no: "KW-HOOK-1", quantity: 3 } });
    expect(answers[0]).not.toHaveProperty("sign");
  });

  it("VERSION and USER_AGENT are package.json's", () => {
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`keyway-hishopping/${pkg.version}`);
  });
});
