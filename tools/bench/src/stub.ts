/**
 * The stub fetches every case calls: no network, a fresh small JSON `Response` per call (as a real fetch
 * builds one), the same function for Keyway, bare openapi-fetch and the peers of a case. Like a real fetch,
 * each reads the abort signal it is given.
 */
import { createHmac, randomBytes } from "node:crypto";
import { sealHishoppingPayload } from "@keyway/auth/hishopping";

/** A fetch of any caller's shape: openapi-fetch and ky pass a `Request`, octokit and openai a URL and init. */
export type StubFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const JSON_HEADERS = { "content-type": "application/json" } as const;

/**
 * Takes the abort signal of `init` as a spec fetch does (`new Request(input, init)` reads `init.signal` and
 * refuses to start when it is aborted). A stub that never read it would hide what a client's signal costs: on
 * Node 20, making an `AbortSignal` costs more than the rest of a Keyway call (tools/bench/README.md).
 */
export function takeSignal(init: RequestInit | undefined): void {
  const signal = init?.signal;
  if (signal?.aborted) throw signal.reason;
}

/** A stub answering `body` (a JSON text) with 200 on every call. */
export function jsonStub(body: string): StubFetch {
  return async (_input, init) => {
    takeSignal(init);
    return new Response(body, { status: 200, headers: JSON_HEADERS });
  };
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

/** A Hyper envelope (`{ success, message, errorCode, data }`) listing one item: the answer of a list route. */
export const HYPER_LIST_JSON = JSON.stringify({
  success: true,
  message: "",
  errorCode: null,
  data: [{ id: 1, name: "bench" }],
});

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A JWT-shaped token (HS256 header, `exp` in 2100): what the Hyper stub's Generate Token answers. */
export const HYPER_JWT = `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ sub: "bench", exp: 4_102_444_800 })}.YmVuY2g`;

/**
 * A stub Hyper tenant: its login routes (`/Login/…`) answer {@link HYPER_JWT} with a far `expiration`, every
 * other route answers `body`. A JWT client logs in once, then reuses the token, as it does against the platform.
 */
export function hyperStub(body: string): StubFetch {
  const login = jsonStub(
    JSON.stringify({
      success: true,
      message: "",
      errorCode: null,
      data: { token: HYPER_JWT, expiration: "2100-01-01T00:00:00Z" },
    }),
  );
  const other = jsonStub(body);
  return (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return (url.includes("/Login/") ? login : other)(input, init);
  };
}

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
 * A stub HiShopping server: every call answers a fresh envelope `{app_id, code, data, message, nonce,
 * timestamp, sign}`. `data` is AES-256-GCM of {@link HISHOPPING_ORDER}, sealed once with the scheme's own
 * helper; each answer gets a new nonce and the current timestamp (clients refuse stale or replayed answers)
 * and is signed with node:crypto HMAC-SHA256 over the canonical JSON of the other fields, so the stub's own
 * cost stays small and equal for every HiShopping case.
 */
export async function hishoppingStub(): Promise<{ fetch: StubFetch }> {
  const plaintext = new TextEncoder().encode(JSON.stringify(HISHOPPING_ORDER));
  const data = await sealHishoppingPayload(HISHOPPING_APP.secretKey, randomBytes(12), plaintext);
  // Keys in byte order: app_id, code, data, message, nonce, timestamp.
  const head = `{"app_id":${JSON.stringify(HISHOPPING_APP.appId)},"code":0,"data":${JSON.stringify(data)},"message":"success"`;
  const fetch: StubFetch = async (_input, init) => {
    takeSignal(init);
    const nonce = randomBytes(16).toString("hex");
    const timestamp = Math.floor(Date.now() / 1000);
    const tail = `"nonce":"${nonce}"`;
    const sign = createHmac("sha256", HISHOPPING_APP.signKey)
      .update(`${head},${tail},"timestamp":${timestamp}}`)
      .digest("hex");
    return new Response(`${head},${tail},"sign":"${sign}","timestamp":${timestamp}}`, {
      status: 200,
      headers: JSON_HEADERS,
    });
  };
  return { fetch };
}
