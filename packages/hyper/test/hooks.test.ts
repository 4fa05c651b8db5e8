/** `use()` hooks against the Hyper sandbox: the JWT session signs after the hooks, whatever they set. */
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { USER_AGENT, VERSION } from "../src/generated/version.js";
import { createResellerClient } from "../src/index.js";

// The sandbox's documented credentials (tools/sandbox/README.md, "Hyper").
const RESELLER = { email: "reseller@bursagb.test", password: "reseller-pass" };
let sandbox: RunningSandbox;
let base: string;
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["hyper"] });
  base = sandbox.urls.hyper!;
});
afterAll(() => sandbox.close());

describe("Hyper: hooks run before the JWT is attached", () => {
  it("a hook's forged Authorization is replaced by the session's JWT, which the sandbox verifies, on every attempt", async () => {
    const wire: { path: string; ua: string | null; auth: string | null; trace: string | null }[] = [];
    const reseller = createResellerClient({
      baseUrl: base,
      credentials: RESELLER,
      retry: { baseMs: 1, maxMs: 2 },
      fetch: async (req, init) => {
        wire.push({
          path: new URL(req.url).pathname,
          ua: req.headers.get("user-agent"),
          auth: req.headers.get("authorization"),
          trace: req.headers.get("x-trace"),
        });
        return fetch(req, init);
      },
    });
    const hooked: string[] = [];
    reseller.use({
      onRequest({ request, schemaPath }) {
        hooked.push(schemaPath);
        // (the login route is public: nothing signs it, so a header set there would go out as is)
        if (schemaPath.startsWith("/Login/")) return;
        request.headers.set("authorization", "Bearer forged.jwt.value");
        request.headers.set("x-trace", "hooked");
      },
    });
    sandbox.providers.hyper!.faults.inject({
      kind: "status",
      status: 503,
      operationId: "listCategories",
      times: 1,
    });
    const r = await reseller.GET("/Categories");
    expect(r.error).toBeUndefined();
    expect(r.data?.success).toBe(true);
    const calls = wire.filter((w) => w.path.endsWith("/Categories"));
    expect(calls).toHaveLength(2);
    for (const w of calls) {
      expect(w.auth).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(w.auth).not.toContain("forged");
      expect(w.trace).toBe("hooked");
    }
    // the login the session made while signing is a call of this client too: it ran the hooks (after the
    // first /Categories attempt's, which came before signing) and carried the User-Agent
    expect(hooked).toEqual(["/Categories", "/Login/Customer/Api/Verify", "/Categories"]);
    expect(wire.every((w) => w.ua === `keyway-hyper/${pkg.version}`)).toBe(true);
  });

  it("VERSION and USER_AGENT are package.json's", () => {
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`keyway-hyper/${pkg.version}`);
  });
});
