/** `use()` hooks, default headers and the User-Agent against the SGate sandbox (its own HMAC verifier). */
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { USER_AGENT, VERSION } from "../src/generated/version.js";
import { createSgateClient } from "../src/index.js";

const clock = 1_700_000_000_000;
let sandbox: RunningSandbox;
let base: string;
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["sgate"], now: () => clock });
  base = sandbox.urls.sgate!;
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.reset());

/** What reached the wire, per attempt. */
function recording() {
  const sent: { ua: string | null; trace: string | null; url: string }[] = [];
  const f = async (req: Request, init?: RequestInit) => {
    sent.push({ ua: req.headers.get("user-agent"), trace: req.headers.get("x-trace"), url: req.url });
    return fetch(req, init);
  };
  return { fetch: f, sent };
}

describe("SGate: hooks run before signing", () => {
  it("the sandbox verifies the signature (over the uri) after a hook changed the path, body and a header, on every attempt", async () => {
    const rec = recording();
    const sgate = createSgateClient({
      key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI",
      secret: "your secret",
      baseUrl: base,
      now: () => clock,
      fetch: rec.fetch,
      retry: { baseMs: 1, maxMs: 1 },
    });
    let redirectTo = "";
    sgate.use({
      async onRequest({ request, attempt }) {
        const headers = new Headers(request.headers);
        headers.set("x-trace", `t${attempt}`);
        // SGate signs the uri: a hook that points the read at another order is signed for that order.
        if (request.method === "GET")
          return new Request(request.url.replace(/[^/]+$/, redirectTo), { headers });
        const body = { ...(await request.json()), amount: "42.50" };
        return new Request(request.url, { method: request.method, headers, body: JSON.stringify(body) });
      },
    });
    const create = (ref: string) =>
      sgate.POST("/merchants/{merchantId}/orders", {
        params: { path: { merchantId: "M448726" } },
        body: { merchantOrderId: ref, amount: "1.00", currency: "SAR", name: "n" },
      });
    const created = await create("hook-1");
    const other = await create("hook-2");
    expect(created.error ?? other.error).toBeUndefined();
    redirectTo = other.data!.id;
    // getOrder is safe to retry: its second attempt is signed again, after the hook ran again.
    sandbox.providers.sgate!.faults.inject({
      kind: "status",
      status: 503,
      operationId: "getOrder",
      times: 1,
    });
    const read = await sgate.GET("/orders/{orderId}", { params: { path: { orderId: created.data!.id } } });
    expect(read.error).toBeUndefined();
    expect(read.data?.id).toBe(other.data!.id);
    expect(String(read.data?.amount)).toMatch(/^42\.50?$/);
    expect(rec.sent.map((s) => s.trace)).toEqual(["t1", "t1", "t1", "t2"]);
    expect(rec.sent.every((s) => s.ua === `keyway-sgate/${pkg.version}`)).toBe(true);
  });

  it("VERSION and USER_AGENT are package.json's (run `pnpm version-packages`, never `changeset version` alone)", () => {
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`keyway-sgate/${pkg.version}`);
  });
});
