/**
 * A user's code against the installed tarballs: a few calls per provider, type-checked by pack-install.test.ts
 * under `nodenext` and `bundler` with the strictest flags (copied into a temp project, beside a generated file
 * that imports every entry point of every package). It is only compiled, never run: the README quick starts run.
 */

import { type AppfiguresError, createAppfiguresClient } from "@keyway/appfigures";
import { bearer } from "@keyway/auth/bearer";
import { createHiobuyClient, formatFen, KeywayTimeoutError, unwrap } from "@keyway/hiobuy";
import { createHishoppingClient, type HishoppingError } from "@keyway/hishopping";
import { createResellerClient } from "@keyway/hyper";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { createSgateClient, type SgateError, sgatePaymentLink } from "@keyway/sgate";

/** HIOBuy: a product's title, a typed error code, or a timeout. */
export async function productTitle(apiKey: string, baseUrl?: string): Promise<string> {
  const hiobuy = createHiobuyClient({ apiKey, baseUrl, timeoutMs: 5_000, retry: { maxAttempts: 2 } });
  try {
    const { data, error } = await hiobuy.POST("/products/detail", {
      body: { channel: "1688", product_id: "554456348334", language: "en" },
    });
    if (error) return `${error.status} ${error.code} ${error.requestId ?? "-"}`;
    return `${data.product.title.translated ?? data.product.title.original} ${formatFen(0)}`;
  } catch (e) {
    if (e instanceof KeywayTimeoutError) return "timeout";
    throw e;
  }
}

/** SGate: create an order and build its payment link. */
export async function payOrder(secret: () => string, baseUrl: string): Promise<string> {
  const sgate = createSgateClient({ key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI", secret, baseUrl });
  const order = unwrap(
    await sgate.POST("/merchants/{merchantId}/orders", {
      params: { path: { merchantId: "M448726" } },
      body: { merchantOrderId: "shop-1", amount: "12.50", currency: "SAR", name: "coins" },
    }),
  );
  const { error } = await sgate.GET("/orders/{orderId}", { params: { path: { orderId: order.id } } });
  if (error) return (error satisfies SgateError).code;
  return sgatePaymentLink(order, { baseUrl, returnURL: "https://shop.example/back" });
}

/** HiShopping: the credit line's currency, or the provider's error. */
export async function creditCurrency(baseUrl: string | undefined): Promise<string | HishoppingError> {
  const hs = createHishoppingClient({
    appId: "hs_app_sandbox",
    secretKey: "sandbox-secret-key-32-bytes-long",
    signKey: "sandbox-sign-key",
    baseUrl,
  });
  const { data, error } = await hs.GET("/credit");
  return error ?? data.currency;
}

/** Hyper: the first product's id from a reseller's list. */
export async function firstProduct(baseUrl: string): Promise<number | undefined> {
  const reseller = createResellerClient({ baseUrl, credentials: { email: "r@x.test", password: "p" } });
  const products = unwrap(
    await reseller.POST("/Products/List", { params: { query: { page: 1, pageSize: 1 } } }),
  );
  return products.data[0]?.customerStoreProductID;
}

/** Appfigures: the user's email, or the error's kind. */
export async function whoAmI(token: string, baseUrl?: string): Promise<string> {
  const af = createAppfiguresClient({ auth: { type: "token", token }, baseUrl });
  const { data, error } = await af.GET("/");
  if (error) return (error satisfies AppfiguresError).kind;
  return data.user.email;
}

/** The sandbox as a test fixture: typed URLs for the providers started. */
export async function withSandbox(): Promise<RunningSandbox<"hiobuy" | "sgate">> {
  const sandbox = await startSandbox({ providers: ["hiobuy", "sgate"] });
  const url: string = sandbox.urls.hiobuy;
  if (!url.startsWith("http://127.0.0.1:")) throw new Error(url);
  return sandbox;
}

/** @keyway/auth on its own: a Bearer scheme whose secret is read per request. */
export const scheme = bearer({ token: () => "hio_test_pack" });
