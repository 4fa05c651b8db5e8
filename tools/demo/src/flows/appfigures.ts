/**
 * Appfigures demo: the OAuth 1.0a three-legged login with `oob` (request token → the user approves and reads
 * the verifier → access token) → who am I and today's quota → my products → sales grouped by product → the
 * latest reviews; then the same root call with a personal access token, and with legacy Basic + the client key
 * in the query string. Uses only the public @keyway/appfigures package; the sandbox's API client, token and
 * user are listed in tools/sandbox/README.md ("Appfigures").
 */
import {
  createAppfiguresClient,
  getAccessToken,
  getRequestToken,
  oauth1AuthorizeUrl,
  unwrap,
} from "@keyway/appfigures";
import type { Flow } from "../flow.js";

const CLIENT_KEY = "kw_demo_client";
const CLIENT_SECRET = "kw_demo_secret";
const PERSONAL_TOKEN = "pat_kw_demo_full";
const USER = { username: "aladdin@example.com", password: "open sesame" };

/** Runs the Appfigures flow against `baseUrl` (the sandbox's `/v2` URL). */
export const run: Flow = async ({ baseUrl, log }) => {
  const app = { clientKey: CLIENT_KEY, clientSecret: CLIENT_SECRET, baseUrl };

  // 1. OAuth 1.0a, out of band: the user opens the authorization page and pastes the verifier back.
  const temp = await getRequestToken({ ...app, scope: ["products:read", "private:read", "public:read"] });
  log(`OAuth 1.0a request token ${temp.token} (callback confirmed: ${temp.callbackConfirmed})`);
  const page = await (await fetch(oauth1AuthorizeUrl(temp, { baseUrl }))).text();
  const verifier = /id="verifier">([^<]+)</.exec(page)?.[1];
  if (!verifier) throw new Error("the authorization page showed no verifier");
  log(
    `the user approved at ${oauth1AuthorizeUrl(temp, { baseUrl }).replace(baseUrl, "…")}; verifier pasted back`,
  );
  const access = await getAccessToken({ ...app, requestToken: temp, verifier });
  log(
    `access token ${access.token.slice(0, 6)}… and its secret (never printed: ${JSON.stringify(access.toJSON().tokenSecret)})`,
  );

  const af = createAppfiguresClient({
    auth: { type: "oauth1", clientKey: CLIENT_KEY, clientSecret: CLIENT_SECRET, ...tokenOf(access) },
    baseUrl,
  });
  const me = unwrap(await af.GET("/"));
  log(
    `who am I: ${me.user.name} <${me.user.email}>, ${me.usage.daily_used}/${me.usage.daily_limit} requests today`,
  );

  const mine = unwrap(await af.GET("/products/mine"));
  for (const p of Object.values(mine)) log(`product ${p.id} ${p.name} (${p.store}, ${p.type})`);

  const end = new Date().toISOString().slice(0, 10);
  const start = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
  const sales = unwrap(
    await af.GET("/reports/sales/{group_by}", {
      params: { path: { group_by: "products" }, query: { start_date: start, end_date: end } },
    }),
  );
  for (const [id, row] of Object.entries(sales)) {
    const r = row as { downloads?: number; revenue?: string | number };
    log(`sales ${start}..${end} product ${id}: ${r.downloads} downloads, ${r.revenue} revenue`);
  }

  const reviews = unwrap(await af.GET("/reviews", { params: { query: { count: 3, sort: "-date" } } }));
  log(`${reviews.total} reviews; latest:`);
  for (const r of reviews.reviews ?? [])
    log(`  ${r.stars}★ ${r.date?.slice(0, 10) ?? "?"} ${r.author}: ${r.title}`);

  const denied = await af.GET("/users");
  if (denied.error) log(`GET /users without account:read → ${denied.error.status} ${denied.error.kind}`);

  // 2. The same root call with a personal access token (the recommended way in).
  const pat = createAppfiguresClient({ auth: { type: "token", token: PERSONAL_TOKEN }, baseUrl });
  const viaPat = unwrap(await pat.GET("/"));
  log(
    `personal access token: ${viaPat.user.email}, ${viaPat.usage.daily_used}/${viaPat.usage.daily_limit} today`,
  );

  // 3. And with legacy Basic auth + the client key in the query string.
  const events: string[] = [];
  const basic = createAppfiguresClient({
    auth: { type: "basic", ...USER, clientKey: CLIENT_KEY, clientKeyIn: "query" },
    baseUrl,
    onSign: (e) => events.push(`${e.headers.authorization} ${e.url?.replace(baseUrl, "…")}`),
  });
  const viaBasic = unwrap(await basic.GET("/"));
  log(`Basic + client_key in the query: ${viaBasic.user.email} (debug hook saw: ${events[0]})`);
};

/** The token credentials of an OAuth 1.0a answer, for the client's `auth`. */
function tokenOf(creds: { token: string; tokenSecret: string }) {
  return { token: creds.token, tokenSecret: creds.tokenSecret };
}
