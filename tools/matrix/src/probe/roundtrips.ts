/**
 * One round trip per provider against the sandbox the runner started, through each public client exactly as
 * a user calls it: signing (or the JWT login, or the OAuth 1.0a flow) on this runtime, verification by the
 * sandbox's own implementation on the host. Each returns the number of requests it made and throws when an
 * answer is not the documented one.
 */
import {
  createAppfiguresClient,
  getAccessToken,
  getRequestToken,
  oauth1AuthorizeUrl,
  unwrap as unwrapAppfigures,
} from "@keyway/appfigures";
import { createHiobuyClient, unwrap } from "@keyway/hiobuy";
import { createHishoppingClient } from "@keyway/hishopping";
import { createResellerClient } from "@keyway/hyper";
import { createSgateClient } from "@keyway/sgate";
import type { SandboxUrls } from "./types.js";

/** Options every client gets: the sandbox URL, and `dangerouslyAllowBrowser` in a page. */
interface Target {
  readonly baseUrl: string;
  readonly dangerouslyAllowBrowser: boolean;
}

function expectValue(what: string, got: unknown, want: unknown): void {
  if (got !== want) throw new Error(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}

/** HIOBuy: Bearer `hio_test_…`, `POST /products/detail` on the documented 1688 product. */
async function hiobuy(t: Target): Promise<number> {
  const client = createHiobuyClient({ apiKey: "hio_test_matrix", ...t });
  const data = unwrap(
    await client.POST("/products/detail", { body: { channel: "1688", product_id: "554456348334" } }),
  );
  expectValue("hiobuy product channel", data.product.channel, "1688");
  return 1;
}

/** SGate: `x-auth-*` HMAC-SHA256 with the documented example credentials, `GET /merchants/{id}`. */
async function sgate(t: Target): Promise<number> {
  const client = createSgateClient({ key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI", secret: "your secret", ...t });
  const merchant = unwrap(
    await client.GET("/merchants/{merchantId}", { params: { path: { merchantId: "M448726" } } }),
  );
  expectValue("sgate merchant id", merchant.id, "M448726");
  return 1;
}

/** HiShopping: AES-256-GCM payload in an HMAC-signed envelope, the signed answer verified and decrypted. */
async function hishopping(t: Target): Promise<number> {
  const client = createHishoppingClient({
    appId: "hs_app_sandbox",
    secretKey: "sandbox-secret-key-32-bytes-long",
    signKey: "sandbox-sign-key",
    ...t,
  });
  const { data, error } = await client.GET("/credit");
  if (error) throw error;
  expectValue("hishopping credit currency", typeof data?.currency, "string");
  return 1;
}

/** Hyper Reseller: the JWT session logs in (Generate Token) and calls `GET /Customer/Get` with the token. */
async function hyper(t: Target): Promise<number> {
  const client = createResellerClient({
    credentials: { email: "reseller@bursagb.test", password: "reseller-pass" },
    ...t,
  });
  const { data, error } = await client.GET("/Customer/Get");
  if (error) throw error;
  expectValue("hyper customer email", data?.data.email, "reseller@bursagb.test");
  return 2;
}

/** Appfigures: the OAuth 1.0a three-legged flow (HMAC-SHA1 on every step), then `GET /` signed with the token. */
async function appfigures(t: Target): Promise<number> {
  const app = { clientKey: "kw_demo_client", clientSecret: "kw_demo_secret", ...t };
  const temp = await getRequestToken({ ...app, scope: ["public:read"] });
  const page = await (await fetch(oauth1AuthorizeUrl(temp, { baseUrl: t.baseUrl }))).text();
  const verifier = /id="verifier">([^<]+)</.exec(page)?.[1];
  if (!verifier) throw new Error("appfigures: the authorization page showed no verifier");
  const access = await getAccessToken({ ...app, requestToken: temp, verifier });
  const client = createAppfiguresClient({
    auth: {
      type: "oauth1",
      clientKey: app.clientKey,
      clientSecret: app.clientSecret,
      token: access.token,
      tokenSecret: access.tokenSecret,
    },
    ...t,
  });
  const me = unwrapAppfigures(await client.GET("/"));
  expectValue("appfigures user", me.user.email, "aladdin@example.com");
  return 4;
}

/** The round trips by provider, in table order. */
export const ROUND_TRIPS: Readonly<Record<keyof SandboxUrls, (t: Target) => Promise<number>>> = {
  hiobuy,
  sgate,
  hishopping,
  hyper,
  appfigures,
};
