import { createHmac } from "node:crypto";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/index.js";
import { memoryIo } from "./helpers.js";

// SGate's documented example (docs/providers/sgate.md, "Authentication"): the inputs are the docs' error example,
// the signature is what the docs' four signing samples compute for them.
const DOC = {
  key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI",
  secret: "your secret",
  timestamp: "1672991487",
  url: "https://sandbox.sgate.sa/api_v1/merchants/M448726",
  canonical:
    "key=zS83UNCPhVTqBxDHACJ30sImZRKAlzQI&method=merchant.detail&signMethod=HmacSHA256&signVersion=1&timestamp=1672991487&uri=%2Fmerchants%2FM448726",
  signature: "daFE250/BIWoJGoZxFAsm6fWWyck1HxVpI6E/EXhYKQ=",
};

async function explainJson(argv: string[], env: Record<string, string> = {}) {
  const io = memoryIo({ env });
  const code = await run(["explain", ...argv, "--json"], io);
  expect(io.stderr(), "stderr").toBe("");
  expect(code).toBe(0);
  return JSON.parse(io.stdout()) as {
    operationId: string;
    scheme: string;
    canonical?: string;
    signature?: string;
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    secretsRedacted: boolean;
  };
}

/** Sends what explain printed, byte for byte, and returns the answer's status. */
async function replay(e: { method: string; url: string; headers: Record<string, string>; body?: string }) {
  const res = await fetch(e.url, { method: e.method, headers: e.headers, body: e.body });
  await res.arrayBuffer();
  return res.status;
}

let sandbox: RunningSandbox<"sgate" | "hishopping" | "hiobuy">;
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["sgate", "hishopping", "hiobuy"] });
}, 60_000);
afterAll(() => sandbox?.close());

describe("keyway explain sgate", () => {
  it("prints SGate's documented signature for the documented inputs", async () => {
    const io = memoryIo();
    const argv = ["explain", "sgate", "--key", DOC.key, "--secret", DOC.secret, "--timestamp", DOC.timestamp];
    expect(await run([...argv, "GET", DOC.url], io)).toBe(0);
    expect(io.stdout()).toContain(`Signature:\n  ${DOC.signature}\n`);
    expect(io.stdout()).toContain(`Canonical string:\n  ${DOC.canonical}\n`);
    expect(io.stdout()).toContain(`x-auth-signature: ${DOC.signature}\n`);
    expect(io.stdout()).not.toContain(DOC.secret);
  });

  it("reads the credentials from KEYWAY_SGATE_KEY / KEYWAY_SGATE_SECRET and takes a curl command", async () => {
    const e = await explainJson(["sgate", "--timestamp", DOC.timestamp, `curl -s '${DOC.url}'`], {
      KEYWAY_SGATE_KEY: DOC.key,
      KEYWAY_SGATE_SECRET: DOC.secret,
    });
    expect(e).toMatchObject({
      operationId: "getMerchant",
      canonical: DOC.canonical,
      signature: DOC.signature,
    });
    expect(e.headers["x-auth-timestamp"]).toBe(DOC.timestamp);
  });

  it("prints headers the sandbox's own verifier accepts", async () => {
    const url = `${sandbox.urls.sgate}/merchants/M448726`;
    const e = await explainJson(["sgate", "--key", DOC.key, "--secret", DOC.secret, "GET", url]);
    expect(await replay(e)).toBe(200);
  });
});

describe("keyway explain, every provider", () => {
  it("HIOBuy: shows the Bearer header, the token redacted unless --show-secrets", async () => {
    const token = "hio_test_explain_1234";
    const url = `${sandbox.urls.hiobuy}/products/detail`;
    const body = '{"channel":"1688","product_id":"554456348334"}';
    const hidden = await explainJson(["hiobuy", "--api-key", token, "POST", url, body]);
    expect(hidden.headers.authorization).toBe("Bearer [redacted]");
    expect(JSON.stringify(hidden)).not.toContain(token);
    expect(hidden).toMatchObject({ operationId: "productDetail", scheme: "bearer", secretsRedacted: true });
    const shown = await explainJson(["hiobuy", "--api-key", token, "--show-secrets", "POST", url, body]);
    expect(shown.headers.authorization).toBe(`Bearer ${token}`);
    expect(await replay(shown)).toBe(200);
  });

  it("HiShopping: prints the envelope, whose sign is HMAC-SHA256 of the canonical string, and the sandbox opens it", async () => {
    const keys = ["--app-id", "hs_app_sandbox", "--secret-key", "sandbox-secret-key-32-bytes-long"];
    const argv = ["hishopping", ...keys, "--sign-key", "sandbox-sign-key", "--show-secrets"];
    const e = await explainJson([...argv, "GET", `${sandbox.urls.hishopping}/credit`]);
    expect(e.scheme).toBe("hishopping-envelope");
    const expected = createHmac("sha256", "sandbox-sign-key").update(e.canonical!).digest("hex");
    expect(e.signature).toBe(expected);
    expect(new URL(e.url).searchParams.get("sign")).toBe(expected);
    expect(await replay(e)).toBe(200);
  });

  it("HiShopping: --nonce and --timestamp make the envelope reproducible; secrets stay out of it", async () => {
    const argv = ["hishopping", "--app-id", "a1", "--secret-key", "sandbox-secret-key-32-bytes-long"];
    const fixed = [...argv, "--sign-key", "sign-key-1", "--timestamp", "1700000000", "--nonce", "00ff"];
    const a = await explainJson([
      ...fixed,
      "POST",
      "https://hishopping.xyz/api/v1/orders",
      '{"sku_id":"1","quantity":1}',
    ]);
    const b = await explainJson([
      ...fixed,
      "POST",
      "https://hishopping.xyz/api/v1/orders",
      '{"sku_id":"1","quantity":1}',
    ]);
    expect(a.body).toBe(b.body);
    expect(JSON.parse(a.body!)).toMatchObject({
      app_id: "a1",
      nonce: "00ff".repeat(8),
      timestamp: 1700000000,
      sign: a.signature,
    });
    expect(JSON.stringify(a)).not.toMatch(/sandbox-secret-key|sign-key-1/);
  });

  it("HiShopping --protocol headers: Sign is HMAC-SHA256(Sign Key, app_id + timestamp), the body encrypted", async () => {
    const argv = [
      "hishopping",
      "--app-id",
      "a1",
      "--secret-key",
      "sandbox-secret-key-32-bytes-long",
      "--sign-key",
      "sign-key-1",
    ];
    const e = await explainJson([
      ...argv,
      "--protocol",
      "headers",
      "--timestamp",
      "1700000000",
      "POST",
      "https://hishopping.xyz/api/v1/orders",
      '{"sku_id":"1"}',
    ]);
    expect(e).toMatchObject({ scheme: "hishopping-headers", canonical: "a11700000000" });
    expect(e.signature).toBe(createHmac("sha256", "sign-key-1").update("a11700000000").digest("hex"));
    expect(e.headers).toMatchObject({ "app-id": "a1", timestamp: "1700000000", sign: e.signature });
    expect(e.body).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it("--base-url strips a proxy's mount point, and a URL outside it is refused", async () => {
    const argv = ["sgate", "--key", DOC.key, "--secret", DOC.secret, "--timestamp", DOC.timestamp];
    const e = await explainJson([
      ...argv,
      "--base-url",
      "https://proxy.example/sgate/api_v1",
      "GET",
      "https://proxy.example/sgate/api_v1/merchants/M448726",
    ]);
    expect(e.signature).toBe(DOC.signature);
    const io = memoryIo();
    expect(
      await run(["explain", ...argv, "--base-url", "https://other.example/api_v1", "GET", DOC.url], io),
    ).toBe(2);
    expect(io.stderr()).toBe(`keyway: ${DOC.url} is not under the base URL https://other.example/api_v1\n`);
  });

  it("Hyper: picks the surface's client (Bearer JWT or ApiKey) and sends the region", async () => {
    const reseller = await explainJson([
      "hyper",
      "--surface",
      "reseller",
      "--token",
      "eyJhbGciOiJIUzI1NiJ9.e30.sig",
      "GET",
      "https://api.bursagb.com/Categories",
    ]);
    expect(reseller).toMatchObject({ operationId: "listCategories", scheme: "jwt" });
    expect(reseller.headers.authorization).toBe("Bearer [redacted]");
    const env = { KEYWAY_HYPER_API_KEY: "ak_test_supplier_key" };
    const supplier = await explainJson(
      [
        "hyper",
        "--region",
        "TR",
        "--show-secrets",
        "POST",
        "https://api.bursagb.com/Supplier/Orders/Awaiting",
        "{}",
      ],
      env,
    );
    expect(supplier.headers).toMatchObject({ apikey: "ak_test_supplier_key", "h-region-code": "TR" });
  });

  it("Appfigures: OAuth 1.0a shows the base string and signature, hides the token and secrets", async () => {
    const creds = [
      "--client-key",
      "ck_explain",
      "--client-secret",
      "cs_explain_secret",
      "--oauth-token",
      "tok_explain",
    ];
    const fixed = [
      "--oauth-token-secret",
      "ts_explain_secret",
      "--timestamp",
      "1700000000",
      "--nonce",
      "00112233445566778899aabbccddeeff",
    ];
    const e = await explainJson([
      "appfigures",
      ...creds,
      ...fixed,
      "GET",
      "https://api.appfigures.com/v2/products/mine?store=apple",
    ]);
    expect(e.scheme).toBe("oauth1");
    expect(e.canonical).toMatch(/^GET&https%3A%2F%2Fapi\.appfigures\.com%2Fv2%2Fproducts%2Fmine&/);
    expect(e.canonical).toContain("oauth_nonce%3D00112233445566778899aabbccddeeff");
    expect(e.headers.authorization).toContain(`oauth_signature="${encodeURIComponent(e.signature!)}"`);
    expect(JSON.stringify(e)).not.toMatch(/ck_explain|cs_explain_secret|tok_explain|ts_explain_secret/);
  });

  it("Appfigures: Basic auth redacts the Authorization header and the password", async () => {
    const argv = [
      "appfigures",
      "--client-key",
      "ck_basic_1",
      "--username",
      "me@example.com",
      "--password",
      "open sesame",
    ];
    const e = await explainJson([...argv, "GET", "https://api.appfigures.com/v2/"]);
    expect(e.headers).toMatchObject({ authorization: "Basic [redacted]", "x-client-key": "[redacted]" });
  });
});

describe("keyway explain, errors", () => {
  it("names the missing credential and its environment variable (exit 2)", async () => {
    const io = memoryIo();
    expect(await run(["explain", "sgate", "--key", DOC.key, "GET", DOC.url], io)).toBe(2);
    expect(io.stderr()).toBe("keyway: sgate needs --secret (or KEYWAY_SGATE_SECRET)\n");
  });

  it("refuses a URL no operation of the spec matches", async () => {
    const io = memoryIo();
    const argv = [
      "explain",
      "sgate",
      "--key",
      DOC.key,
      "--secret",
      DOC.secret,
      "GET",
      "https://sandbox.sgate.sa/api_v1/nope",
    ];
    expect(await run(argv, io)).toBe(2);
    expect(io.stderr()).toMatch(/^keyway: no operation of the spec is GET \/api_v1\/nope/);
  });

  it("asks for --surface when a Hyper path is on two surfaces", async () => {
    const io = memoryIo();
    expect(
      await run(["explain", "hyper", "--token", "t", "GET", "https://api.bursagb.com/Categories"], io),
    ).toBe(2);
    expect(io.stderr()).toContain("on several surfaces (reseller, storefront); pass --surface");
  });

  it("reports what the client refuses, without a stack trace", async () => {
    const io = memoryIo();
    const argv = [
      "explain",
      "sgate",
      "--key",
      DOC.key,
      "--secret",
      DOC.secret,
      "GET",
      "https://sandbox.sgate.sa/api_v1/merchants/a~b",
    ];
    expect(await run(argv, io)).toBe(1);
    expect(io.stderr()).toMatch(/^keyway: SGate path parameter merchantId must match/);
    expect(io.stderr()).not.toMatch(/\n\s+at /);
  });
});
