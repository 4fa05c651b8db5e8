/**
 * The stub fetches every case calls: no network, a fresh small JSON `Response` per call (as a real fetch
 * builds one), the same function for Keyway, bare openapi-fetch and the peers of a case.
 */
import { sealHishoppingPayload, signHishoppingEnvelope } from "@keyway/auth/hishopping";

/** A fetch of any caller's shape: openapi-fetch and ky pass a `Request`, octokit and openai a URL and init. */
export type StubFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const JSON_HEADERS = { "content-type": "application/json" } as const;

/** A stub answering `body` (a JSON text) with 200 on every call. */
export function jsonStub(body: string): StubFetch {
  return async () => new Response(body, { status: 200, headers: JSON_HEADERS });
}

/** HIOBuy's `POST /products/detail` success answer (also what the peers receive). */
export const PRODUCT_JSON = JSON.stringify({
  success: true,
  data: { id: "1688_554456348334", title: "Sample", price: "12.50", currency: "CNY" },
});

/** SGate's `GET /merchants/{merchantId}` answer. */
export const MERCHANT_JSON = JSON.stringify({ id: "M448726", name: "Bench Store", status: "active" });

/** Appfigures' `GET /` answer. */
export const APPFIGURES_ROOT_JSON = JSON.stringify({ user: { id: 1, name: "bench" }, products: [] });

/** The credentials of the HiShopping stub app (the client and the hand-written middleware share them). */
export const HISHOPPING_APP = {
  appId: "app_bench_0001",
  secretKey: "bench-secret-key-for-aes-256-gcm",
  signKey: "bench-sign-key-for-hmac-sha256",
} as const;

/** A string of `n` printable ASCII characters, to pad payloads to a size. */
export const filler = (n: number): string => "x".repeat(n);

/** The order HiShopping answers `POST /orders` with, about 1 KB of JSON before encryption. */
export const HISHOPPING_ORDER = {
  order_no: "HS202612010001",
  merchant_order_no: "bench-0001",
  goods_id: "10001",
  sku_id: "20001",
  quantity: 1,
  status: "processing",
  amount: "12.50",
  currency: "USD",
  remark: filler(820),
};

/**
 * A stub HiShopping server: every call answers one envelope `{app_id, code, data, message, nonce, timestamp,
 * sign}` with `data` = AES-256-GCM of {@link HISHOPPING_ORDER}, sealed and signed once with the scheme's own
 * helpers (the client verifies the signature and decrypts it on every call; it checks no freshness).
 */
export async function hishoppingStub(): Promise<{ fetch: StubFetch; envelope: string }> {
  const plaintext = new TextEncoder().encode(JSON.stringify(HISHOPPING_ORDER));
  const iv = new Uint8Array(12).fill(7);
  const data = await sealHishoppingPayload(HISHOPPING_APP.secretKey, iv, plaintext);
  const fields = {
    app_id: HISHOPPING_APP.appId,
    code: 0,
    data,
    message: "success",
    nonce: "0123456789abcdef0123456789abcdef",
    timestamp: 1764547200,
  };
  const { sign } = await signHishoppingEnvelope(HISHOPPING_APP.signKey, fields);
  const envelope = JSON.stringify({ ...fields, sign });
  return { fetch: jsonStub(envelope), envelope };
}
