/** `use()` hooks against the Appfigures sandbox: OAuth 1.0a signs the query a hook rewrote. */
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { USER_AGENT, VERSION } from "../src/generated/version.js";
import { createAppfiguresClient, getAccessToken, getRequestToken, oauth1AuthorizeUrl } from "../src/index.js";

let sandbox: RunningSandbox;
let baseUrl: string;
// The sandbox's documented demo client (tools/sandbox/README.md, "Appfigures").
const demo = { clientKey: "kw_demo_client", clientSecret: "kw_demo_secret" };
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["appfigures"] });
  baseUrl = sandbox.urls.appfigures!;
});
afterAll(() => sandbox.close());

describe("Appfigures: hooks run before OAuth 1.0a signing", () => {
  it("the sandbox verifies the HMAC-SHA1 signature over a query the hook rewrote, on every attempt", async () => {
    const temp = await getRequestToken({ ...demo, baseUrl, scope: ["products:read", "private:read"] });
    const page = await (await fetch(oauth1AuthorizeUrl(temp, { baseUrl }))).text();
    const verifier = /id="verifier">([^<]+)</.exec(page)![1]!;
    const access = await getAccessToken({ ...demo, baseUrl, requestToken: temp, verifier });
    const wire: { url: string; ua: string | null; auth: string }[] = [];
    const af = createAppfiguresClient({
      auth: { type: "oauth1", ...demo, token: access.token, tokenSecret: access.tokenSecret },
      baseUrl,
      retry: { baseMs: 1, maxMs: 2 },
      fetch: async (req, init) => {
        wire.push({
          url: req.url,
          ua: req.headers.get("user-agent"),
          auth: req.headers.get("authorization") ?? "",
        });
        return fetch(req, init);
      },
    });
    af.use({
      onRequest({ request }) {
        const url = new URL(request.url);
        url.searchParams.set("store", "apple");
        url.searchParams.set("pretty", "true");
        return new Request(url, { headers: request.headers });
      },
    });
    sandbox.providers.appfigures!.faults.inject({ kind: "status", status: 503, times: 1 });
    const mine = await af.GET("/products/mine", { params: { query: { store: "google_play" } } });
    expect(mine.error).toBeUndefined();
    expect(Object.keys(mine.data ?? {})).toEqual(["40000812345", "40000812399"]);
    expect(wire).toHaveLength(2);
    for (const w of wire) {
      expect(new URL(w.url).searchParams.get("store")).toBe("apple");
      expect(w.auth).toMatch(/^OAuth /);
      expect(w.ua).toBe(`keyway-appfigures/${pkg.version}`);
    }
    expect(wire[0]!.auth).not.toBe(wire[1]!.auth); // each attempt signed anew
  });

  it("VERSION and USER_AGENT are package.json's", () => {
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`keyway-appfigures/${pkg.version}`);
  });
});
