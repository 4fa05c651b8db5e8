/** `use()` hooks, default headers and the User-Agent against the HIOBuy sandbox (Bearer). */
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { USER_AGENT, VERSION } from "../src/generated/version.js";
import { createHiobuyClient, KeywayNetworkError } from "../src/index.js";

let sandbox: RunningSandbox;
let baseUrl: string;
const KEY = "hio_test_keyway_hook_tests";
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hiobuy"] });
  baseUrl = sandbox.urls.hiobuy!;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function recording(extra: Partial<Parameters<typeof createHiobuyClient>[0]> = {}) {
  const sent: { ua: string | null; auth: string | null; trace: string | null; body: string }[] = [];
  const client = createHiobuyClient({
    apiKey: KEY,
    baseUrl,
    retry: { baseMs: 1, maxMs: 5 },
    headers: { "x-trace": "default" },
    fetch: async (req, init) => {
      sent.push({
        ua: req.headers.get("user-agent"),
        auth: req.headers.get("authorization"),
        trace: req.headers.get("x-trace"),
        body: await req.clone().text(),
      });
      return fetch(req, init);
    },
    ...extra,
  });
  return { client, sent };
}

describe("HIOBuy: hooks run before the Bearer scheme", () => {
  it("a hook cannot replace the Bearer token; its body change is sent; User-Agent on every attempt", async () => {
    const { client, sent } = recording();
    client.use({
      async onRequest({ request }) {
        const body = { ...(await request.json()), product_id: "554456348335" };
        const headers = new Headers(request.headers);
        headers.set("authorization", "Bearer hio_test_forged");
        return new Request(request.url, { method: "POST", headers, body: JSON.stringify(body) });
      },
    });
    sandbox.providers.hiobuy!.faults.inject({
      kind: "status",
      status: 503,
      operationId: "productDetail",
      times: 1,
    });
    const { data, error } = await client.POST("/products/detail", {
      body: { channel: "1688", product_id: "554456348334" },
      headers: { "x-trace": "call" },
    });
    expect(error).toBeUndefined();
    expect(data?.product.id).toContain("554456348335");
    expect(sent).toHaveLength(2);
    for (const s of sent) {
      expect(s.auth).toBe(`Bearer ${KEY}`);
      expect(s.ua).toBe(`keyway-hiobuy/${pkg.version}`);
      expect(s.trace).toBe("call");
    }
  });

  it("onError sees the named network error once, after the retries", async () => {
    const errors: unknown[] = [];
    const client = createHiobuyClient({
      apiKey: KEY,
      baseUrl,
      retry: { baseMs: 1, maxMs: 2 },
      fetch: async () => {
        throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
      },
    });
    client.use({ onError: ({ error }) => void errors.push(error) });
    await expect(
      client.POST("/products/detail", { body: { channel: "1688", product_id: "1" } }),
    ).rejects.toThrow(KeywayNetworkError);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(KeywayNetworkError);
  });

  it("VERSION and USER_AGENT are package.json's", () => {
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`keyway-hiobuy/${pkg.version}`);
  });
});
