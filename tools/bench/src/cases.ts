/**
 * What is measured: each case is one call a user makes, against the stub fetch of its group. Every Keyway
 * client is compared with bare openapi-fetch making the same HTTP call with the same stub; the peers make
 * HIOBuy's `POST /products/detail` call the way their users write it.
 */
import {
  type AppfiguresClient,
  type paths as AppfiguresPaths,
  createAppfiguresClient,
} from "@keyway/appfigures";
import { createHiobuyClient, type HiobuyClient, type paths as HiobuyPaths } from "@keyway/hiobuy";
import {
  createHishoppingClient,
  type HishoppingClient,
  type paths as HishoppingPaths,
} from "@keyway/hishopping";
import {
  createResellerClient,
  createSupplierClient,
  type ResellerClient,
  type ResellerPaths,
  type SupplierClient,
  type SupplierPaths,
} from "@keyway/hyper";
import { createSgateClient, type SgateClient, type paths as SgatePaths } from "@keyway/sgate";
import { Octokit } from "@octokit/core";
import ky from "ky";
import OpenAI from "openai";
import createClient from "openapi-fetch";
import { hishoppingMiddleware, sgateMiddleware } from "./baselines.js";
import {
  APPFIGURES_ROOT_JSON,
  filler,
  HISHOPPING_APP,
  HYPER_JWT,
  HYPER_LIST_JSON,
  hishoppingStub,
  hyperStub,
  jsonStub,
  MERCHANT_JSON,
  PRODUCT_JSON,
} from "./stub.js";

/** One measured call and how its result is checked once before timing. */
export interface Case {
  /** Stable id (results.json key). */
  readonly id: string;
  /** What the table prints. */
  readonly label: string;
  /** The bare openapi-fetch case making the same HTTP call (itself for a bare case). */
  readonly bare: string;
  /** The hand-written node:crypto middleware case doing the same signing, when there is one. */
  readonly middleware?: string;
  /** One call; rejects when the answer is not the expected one. */
  readonly call: () => Promise<unknown>;
  /** A field of the answer that must read `expected` (checked once, before timing). */
  readonly probe: () => Promise<unknown>;
  readonly expected: unknown;
}

const TOKEN = "hio_test_0123456789abcdef";
const HIOBUY_BASE = "https://api.hiobuy.com/v1";
const detail = { channel: "1688", product_id: "554456348334" } as const;
const SGATE = { key: "zS83bench0key", secret: "bench-sgate-secret", base: "https://gateway.sgate.sa/api_v1" };
const merchant = { params: { path: { merchantId: "M448726" } } } as const;
/** A Hyper tenant's API host (every tenant runs the same routes on its own host). */
const HYPER_BASE = "https://api.bursagb.com";
const HYPER_API_KEY = `ak_test_${"b5e3".repeat(8)}`;
const BASIC = { username: "bench@example.com", password: "bench-password", clientKey: "ck_bench0123456789" };
/** A create-order request of about 1 KB of JSON (the sealed payload). */
const order = {
  goods_id: "10001",
  sku_id: "20001",
  quantity: 1,
  merchant_order_no: "bench-0001",
  shipping_address: {
    name: "Bench User",
    phone: "+10000000000",
    address: filler(760),
    city: "Riyadh",
    state: "Riyadh",
    country: "SA",
    postal_code: "12211",
  },
} as const;

const ok = (r: { data?: unknown; error?: unknown }): unknown => {
  if (r.error !== undefined || r.data === undefined) throw new Error(`call failed: ${String(r.error)}`);
  return r.data;
};

/**
 * What a user of bare openapi-fetch writes for a per-call timeout: an AbortController, a timer, and the timer
 * cleared once the call settles (`AbortSignal.timeout` would leave a 60 s timer behind every call).
 */
async function withTimeout<T>(call: (signal: AbortSignal) => Promise<T>, ms = 60_000): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await call(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** Builds every case (the HiShopping stub seals its answer once, hence async). */
export async function buildCases(): Promise<Case[]> {
  const productStub = jsonStub(PRODUCT_JSON);
  const merchantStub = jsonStub(MERCHANT_JSON);
  const rootStub = jsonStub(APPFIGURES_ROOT_JSON);
  const hs = await hishoppingStub();

  const bare = createClient<HiobuyPaths>({
    baseUrl: HIOBUY_BASE,
    fetch: productStub,
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const hiobuy: HiobuyClient = createHiobuyClient({ apiKey: TOKEN, fetch: productStub });
  const hiobuyNoTimeout: HiobuyClient = createHiobuyClient({
    apiKey: TOKEN,
    fetch: productStub,
    timeoutMs: 0,
  });
  const octokit = new Octokit({ auth: TOKEN, baseUrl: HIOBUY_BASE, request: { fetch: productStub } });
  const kyClient = ky.create({
    prefixUrl: HIOBUY_BASE,
    headers: { authorization: `Bearer ${TOKEN}` },
    fetch: productStub,
  });
  const openai = new OpenAI({ apiKey: TOKEN, baseURL: HIOBUY_BASE, fetch: productStub });

  const bareGet = createClient<AppfiguresPaths>({
    baseUrl: "https://api.appfigures.com/v2",
    fetch: rootStub,
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const appfigures: AppfiguresClient = createAppfiguresClient({
    auth: { type: "token", token: TOKEN },
    fetch: rootStub,
  });
  const appfiguresNoTimeout: AppfiguresClient = createAppfiguresClient({
    auth: { type: "token", token: TOKEN },
    fetch: rootStub,
    timeoutMs: 0,
  });

  // The other Bearer-family schemes: Basic + client key (Appfigures), a JWT session (Hyper Reseller, logging
  // in once through the stub), an `ApiKey` header (Hyper Supplier); each beside bare openapi-fetch sending
  // the same headers to the same stub.
  const bareBasic = createClient<AppfiguresPaths>({
    baseUrl: "https://api.appfigures.com/v2",
    fetch: rootStub,
    headers: {
      authorization: `Basic ${Buffer.from(`${BASIC.username}:${BASIC.password}`).toString("base64")}`,
      "x-client-key": BASIC.clientKey,
    },
  });
  const appfiguresBasic: AppfiguresClient = createAppfiguresClient({
    auth: { type: "basic", ...BASIC },
    fetch: rootStub,
  });
  const hyperFetch = hyperStub(HYPER_LIST_JSON);
  const bareJwt = createClient<ResellerPaths>({
    baseUrl: HYPER_BASE,
    fetch: hyperFetch,
    headers: { authorization: `Bearer ${HYPER_JWT}` },
  });
  const reseller: ResellerClient = createResellerClient({
    baseUrl: HYPER_BASE,
    credentials: { email: BASIC.username, password: BASIC.password },
    fetch: hyperFetch,
  });
  const bareApiKey = createClient<SupplierPaths>({
    baseUrl: HYPER_BASE,
    fetch: hyperFetch,
    headers: { ApiKey: HYPER_API_KEY },
  });
  const supplier: SupplierClient = createSupplierClient({
    baseUrl: HYPER_BASE,
    apiKey: HYPER_API_KEY,
    fetch: hyperFetch,
  });

  const bareSgate = createClient<SgatePaths>({ baseUrl: SGATE.base, fetch: merchantStub });
  const sgateMw = createClient<SgatePaths>({ baseUrl: SGATE.base, fetch: merchantStub });
  sgateMw.use(
    sgateMiddleware({
      key: SGATE.key,
      secret: SGATE.secret,
      basePath: "/api_v1",
      methods: { "/merchants/{merchantId}": "merchant.detail" },
    }),
  );
  const sgate: SgateClient = createSgateClient({
    key: SGATE.key,
    secret: SGATE.secret,
    baseUrl: SGATE.base,
    fetch: merchantStub,
  });

  const hsBase = "https://hishopping.xyz/api/v1";
  const bareHs = createClient<HishoppingPaths>({ baseUrl: hsBase, fetch: hs.fetch });
  const hsMw = createClient<HishoppingPaths>({ baseUrl: hsBase, fetch: hs.fetch });
  hsMw.use(hishoppingMiddleware(HISHOPPING_APP));
  const hishopping: HishoppingClient = createHishoppingClient({ ...HISHOPPING_APP, fetch: hs.fetch });

  type Data = Record<string, unknown> & { data?: Record<string, unknown> };
  const productId = "1688_554456348334";
  /** Appfigures' `GET /` (the account's user) through one client, compared with bare openapi-fetch's (`bare`). */
  const rootGet = (
    id: string,
    label: string,
    client: { GET(path: "/"): Promise<{ data?: unknown; error?: unknown }> },
    bare = "bare-get",
  ): Case => ({
    id,
    label,
    bare,
    call: async () => ok(await client.GET("/")),
    probe: async () => ((ok(await client.GET("/")) as Data).user as Data).name,
    expected: "bench",
  });
  /** One Hyper call (its answer a `{ success, … }` envelope) through one client, compared with `bare`. */
  const hyperCase = (
    id: string,
    label: string,
    bare: string,
    send: () => Promise<{ data?: unknown; error?: unknown }>,
  ): Case => ({
    id,
    label,
    bare,
    call: async () => ok(await send()),
    probe: async () => (ok(await send()) as Data).success,
    expected: true,
  });
  return [
    {
      id: "bare-post",
      label: "bare openapi-fetch POST (Bearer header)",
      bare: "bare-post",
      call: async () => ok(await bare.POST("/products/detail", { body: detail })),
      probe: async () => (ok(await bare.POST("/products/detail", { body: detail })) as Data).data?.id,
      expected: productId,
    },
    {
      id: "hiobuy",
      label: "Keyway HIOBuy (Bearer, default timeout)",
      bare: "bare-post",
      call: async () => ok(await hiobuy.POST("/products/detail", { body: detail })),
      probe: async () => (ok(await hiobuy.POST("/products/detail", { body: detail })) as Data).data?.id,
      expected: productId,
    },
    {
      id: "hiobuy-no-timeout",
      label: "Keyway HIOBuy (Bearer, timeoutMs: 0)",
      bare: "bare-post",
      call: async () => ok(await hiobuyNoTimeout.POST("/products/detail", { body: detail })),
      probe: async () =>
        (ok(await hiobuyNoTimeout.POST("/products/detail", { body: detail })) as Data).data?.id,
      expected: productId,
    },
    {
      id: "bare-post-timeout",
      label: "bare openapi-fetch POST + a hand-made 60 s timeout",
      bare: "bare-post",
      call: () => withTimeout((signal) => bare.POST("/products/detail", { body: detail, signal })),
      probe: async () =>
        (ok(await withTimeout((signal) => bare.POST("/products/detail", { body: detail, signal }))) as Data)
          .data?.id,
      expected: productId,
    },
    {
      id: "octokit",
      label: "@octokit/core request()",
      bare: "bare-post",
      call: () => octokit.request("POST /products/detail", detail),
      probe: async () => ((await octokit.request("POST /products/detail", detail)).data as Data).data?.id,
      expected: productId,
    },
    {
      id: "ky",
      label: "ky post().json()",
      bare: "bare-post",
      call: () => kyClient.post("products/detail", { json: detail }).json(),
      probe: async () => (await kyClient.post("products/detail", { json: detail }).json<Data>()).data?.id,
      expected: productId,
    },
    {
      id: "openai",
      label: "openai client.post()",
      bare: "bare-post",
      call: () => openai.post("/products/detail", { body: detail }),
      probe: async () => (await openai.post<Data>("/products/detail", { body: detail })).data?.id,
      expected: productId,
    },
    rootGet("bare-get", "bare openapi-fetch GET (Bearer header)", bareGet),
    rootGet("appfigures", "Keyway Appfigures (token, default timeout)", appfigures),
    rootGet("appfigures-no-timeout", "Keyway Appfigures (token, timeoutMs: 0)", appfiguresNoTimeout),
    rootGet("bare-basic", "bare openapi-fetch GET (Basic + client key headers)", bareBasic, "bare-basic"),
    rootGet("appfigures-basic", "Keyway Appfigures (Basic + client key)", appfiguresBasic, "bare-basic"),
    hyperCase("bare-jwt", "bare openapi-fetch GET (Bearer JWT header)", "bare-jwt", () =>
      bareJwt.GET("/Categories"),
    ),
    hyperCase("hyper-jwt", "Keyway Hyper Reseller (JWT session)", "bare-jwt", () =>
      reseller.GET("/Categories"),
    ),
    hyperCase("bare-api-key", "bare openapi-fetch POST (ApiKey header)", "bare-api-key", () =>
      bareApiKey.POST("/Supplier/Orders/Awaiting"),
    ),
    hyperCase("hyper-api-key", "Keyway Hyper Supplier (ApiKey)", "bare-api-key", () =>
      supplier.POST("/Supplier/Orders/Awaiting"),
    ),
    {
      id: "bare-sgate",
      label: "bare openapi-fetch GET (unsigned)",
      bare: "bare-sgate",
      call: async () => ok(await bareSgate.GET("/merchants/{merchantId}", merchant)),
      probe: async () => (ok(await bareSgate.GET("/merchants/{merchantId}", merchant)) as Data).id,
      expected: "M448726",
    },
    {
      id: "sgate-middleware",
      label: "hand-written node:crypto SGate middleware",
      bare: "bare-sgate",
      call: async () => ok(await sgateMw.GET("/merchants/{merchantId}", merchant)),
      probe: async () => (ok(await sgateMw.GET("/merchants/{merchantId}", merchant)) as Data).id,
      expected: "M448726",
    },
    {
      id: "sgate",
      label: "Keyway SGate (HMAC-SHA256)",
      bare: "bare-sgate",
      middleware: "sgate-middleware",
      call: async () => ok(await sgate.GET("/merchants/{merchantId}", merchant)),
      probe: async () => (ok(await sgate.GET("/merchants/{merchantId}", merchant)) as Data).id,
      expected: "M448726",
    },
    {
      id: "bare-hishopping",
      label: "bare openapi-fetch POST 1 KB (no envelope)",
      bare: "bare-hishopping",
      call: async () => ok(await bareHs.POST("/orders", { body: order })),
      probe: async () => (ok(await bareHs.POST("/orders", { body: order })) as Data).code,
      expected: 0,
    },
    {
      id: "hishopping-middleware",
      label: "hand-written node:crypto HiShopping middleware",
      bare: "bare-hishopping",
      call: async () => ok(await hsMw.POST("/orders", { body: order })),
      probe: async () => (ok(await hsMw.POST("/orders", { body: order })) as Data).data?.order_no,
      expected: "HS202612010001",
    },
    {
      id: "hishopping",
      label: "Keyway HiShopping (AES-GCM + HMAC, 1 KB)",
      bare: "bare-hishopping",
      middleware: "hishopping-middleware",
      call: async () => ok(await hishopping.POST("/orders", { body: order })),
      probe: async () => (ok(await hishopping.POST("/orders", { body: order })) as Data).order_no,
      expected: "HS202612010001",
    },
  ];
}

/** The case of cases.ts with id `id`. */
export async function findCase(id: string): Promise<Case> {
  const c = (await buildCases()).find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id}`);
  return c;
}
