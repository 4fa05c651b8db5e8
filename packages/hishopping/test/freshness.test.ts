/**
 * HiShopping answers must be fresh and this request's: a genuinely signed answer that is a day old, a year
 * ahead, replays a nonce already seen, or is another request's receipt is refused with ResponseReplayError.
 * Answers are sealed here with node:crypto, independently of @keyway/auth.
 */
import { createCipheriv, createHmac, randomBytes } from "node:crypto";
import { ResponseReplayError } from "@keyway/auth";
import { describe, expect, it } from "vitest";
import { createHishoppingClient } from "../src/index.js";

const APP = "hs_app_sandbox";
const SECRET = "sandbox-secret-key-32-bytes-long"; // 32 bytes: used as the AES-256 key as is
const SIGN = "sandbox-sign-key";
const NOW = 1_764_590_000_000;

function canonical(o: Record<string, unknown>): string {
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(o[k])}`)
    .join(",")}}`;
}

/** A signed, encrypted answer as the server would send it. */
function answer(
  payload: unknown,
  { timestamp = Math.floor(NOW / 1000), nonce = randomBytes(16).toString("hex") } = {},
) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(SECRET, "utf8"), iv);
  const ct = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final()]);
  const data = Buffer.concat([iv, ct, cipher.getAuthTag()]).toString("base64");
  const fields = { app_id: APP, code: 0, data, message: "success", nonce, timestamp };
  const sign = createHmac("sha256", SIGN).update(canonical(fields), "utf8").digest("hex");
  return new Response(canonical({ ...fields, sign }), { headers: { "content-type": "application/json" } });
}

const order = (no: string) => ({
  order_no: `HS${no}`,
  merchant_order_no: no,
  status: "pending_payment",
  goods_id: "601099512345678",
  sku_id: "17592186044417",
  quantity: 1,
  amount: "3.20",
  fee: "1.00",
  currency: "USD",
  created_at: "2025-12-01T12:00:00Z",
});

function client(answers: (() => Response)[]) {
  return createHishoppingClient({
    appId: APP,
    secretKey: SECRET,
    signKey: SIGN,
    baseUrl: "http://127.0.0.1:9/api/v1",
    now: () => NOW,
    retry: false,
    fetch: async () => answers.shift()!(),
  });
}

const create = (c: ReturnType<typeof client>, no: string) =>
  c.POST("/orders", {
    body: {
      merchant_order_no: no,
      goods_id: "601099512345678",
      sku_id: "17592186044417",
      quantity: 1,
    } as never,
  });

describe("HiShopping answer freshness", () => {
  it("accepts a fresh answer for this request", async () => {
    const r = await create(client([() => answer(order("m-1"))]), "m-1");
    expect(r.error).toBeUndefined();
    expect((r.data as { merchant_order_no: string }).merchant_order_no).toBe("m-1");
  });

  it.each([
    ["a day old", Math.floor(NOW / 1000) - 86_400],
    ["a year ahead", Math.floor(NOW / 1000) + 365 * 86_400],
  ])("refuses a genuine signed answer %s", async (_what, timestamp) => {
    const err = await create(client([() => answer(order("m-2"), { timestamp })]), "m-2").catch((e) => e);
    expect(err).toBeInstanceOf(ResponseReplayError);
    expect(err.message).toMatch(/timestamp/);
  });

  it("refuses an answer whose nonce was already seen", async () => {
    const nonce = "0123456789abcdef0123456789abcdef";
    const c = client([() => answer(order("m-3"), { nonce }), () => answer(order("m-3"), { nonce })]);
    expect((await create(c, "m-3")).error).toBeUndefined();
    const err = await create(c, "m-3").catch((e) => e);
    expect(err).toBeInstanceOf(ResponseReplayError);
    expect(err.message).toMatch(/nonce/);
  });

  it("refuses another request's receipt (create X's answer returned for create Y)", async () => {
    const err = await create(client([() => answer(order("x-1"))]), "y-1").catch((e) => e);
    expect(err).toBeInstanceOf(ResponseReplayError);
    expect(err.message).toContain('"y-1"');
  });

  it("refuses a lookup answered with another order", async () => {
    const c = client([() => answer(order("x-2"))]);
    const err = await c
      .GET("/orders/merchant/{merchant_order_no}", { params: { path: { merchant_order_no: "y-2" } } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ResponseReplayError);
  });
});
