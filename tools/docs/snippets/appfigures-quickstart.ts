import { createAppfiguresClient, unwrap } from "@keyway/appfigures";
import { startSandbox } from "@keyway/sandbox";

const sandbox = await startSandbox({ providers: ["appfigures"] });
const af = createAppfiguresClient({
  auth: { type: "token", token: "pat_kw_demo_full" }, // a personal access token (the sandbox's test token)
  baseUrl: sandbox.urls.appfigures, // omit for https://api.appfigures.com/v2
});

const me = unwrap(await af.GET("/"));
console.log(me.user.email, `${me.usage.daily_used}/${me.usage.daily_limit} requests today`);

const page = unwrap(await af.GET("/reviews", { params: { query: { count: 3, sort: "-date" } } }));
for (const review of page.reviews ?? []) console.log(review.stars, review.title);

const { error } = await af.GET("/products/{product_id}", { params: { path: { product_id: 1 } } });
if (error) console.log(error.status, error.kind); // typed AppfiguresError: 404 not-found

await sandbox.close();
