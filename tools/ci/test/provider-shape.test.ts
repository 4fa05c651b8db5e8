import { readFileSync } from "node:fs";
import * as appfigures from "@keyway/appfigures";
import * as auth from "@keyway/auth";
import * as hiobuy from "@keyway/hiobuy";
import * as hishopping from "@keyway/hishopping";
import * as hyper from "@keyway/hyper";
import * as sgate from "@keyway/sgate";
import { describe, expect, it } from "vitest";

/**
 * The single-surface provider packages share one shape, so copying one for a new provider is safe: the same names
 * (`create<P>Client`, `<P>_BASE_URL`, `<P>Error`, `<p>ErrorFrom`, `is<P>Failure`, `operations`), the same
 * re-exported `@keyway/auth` errors and `unwrap`, the same options guard, and the same numbered export blocks
 * in each `src/index.ts`.
 */
const PROVIDERS = [
  {
    dir: "hiobuy",
    name: "Hiobuy",
    mod: hiobuy as Record<string, unknown>,
    sandboxBaseUrl: false,
    minimal: { apiKey: "hio_test_shape" },
  },
  {
    dir: "sgate",
    name: "Sgate",
    mod: sgate as Record<string, unknown>,
    sandboxBaseUrl: true,
    minimal: { key: "k", secret: "s" },
  },
  {
    dir: "hishopping",
    name: "Hishopping",
    mod: hishopping as Record<string, unknown>,
    sandboxBaseUrl: false,
    minimal: { appId: "a", secretKey: "sandbox-secret-key-32-bytes-long", signKey: "s" },
  },
  {
    dir: "appfigures",
    name: "Appfigures",
    mod: appfigures as Record<string, unknown>,
    sandboxBaseUrl: false,
    minimal: { auth: { type: "token", token: "t" } },
  },
] as const;

const SHARED = [
  "KeywayAuthError",
  "KeywayConfigError",
  "KeywayError",
  "KeywayNetworkError",
  "KeywayResponseError",
  "KeywayTimeoutError",
  "KeywayUnknownOutcomeError",
  "SignatureVerificationError",
  "unwrap",
] as const;

const BLOCKS = [
  "// 1. Errors shared by every Keyway client, and unwrap",
  "// 2. The client",
  "// 3. The provider's errors",
  "// 4. Generated types and operation table",
  "// 5. ",
];

describe.each(PROVIDERS)("@keyway/$dir", ({ dir, name, mod, sandboxBaseUrl, minimal }) => {
  const upper = name.toUpperCase();
  const lower = name.toLowerCase();

  it("re-exports the same @keyway/auth errors and unwrap (the very same objects)", () => {
    for (const shared of SHARED) expect(mod[shared], shared).toBe((auth as Record<string, unknown>)[shared]);
  });

  it("names its client, base URLs, error class, error factory and failure predicate the same way", () => {
    expect(typeof mod[`create${name}Client`]).toBe("function");
    expect(String(mod[`${upper}_BASE_URL`])).toMatch(/^https:\/\//);
    if (sandboxBaseUrl) expect(String(mod[`${upper}_SANDBOX_BASE_URL`])).toMatch(/^https:\/\//);
    else expect(mod).not.toHaveProperty(`${upper}_SANDBOX_BASE_URL`);
    const ErrorClass = mod[`${name}Error`] as typeof auth.ProviderError;
    expect(ErrorClass.prototype).toBeInstanceOf(auth.ProviderError);
    expect(typeof mod[`${lower}ErrorFrom`]).toBe("function");
    expect(typeof mod[`is${name}Failure`]).toBe("function");
    expect(typeof mod.operations).toBe("object");
  });

  it("defaults to the production <P>_BASE_URL when baseUrl is left out (one convention across providers)", () => {
    const create = mod[`create${name}Client`] as (options: unknown) => auth.KeywayClient<{}, unknown>;
    const client = create(minimal);
    expect(client.toJSON().baseUrl).toBe(String(mod[`${upper}_BASE_URL`]).replace(/\/+$/, ""));
    expect(client.toJSON().baseUrl).not.toMatch(/sandbox/);
  });

  it("refuses a missing options object with a KeywayConfigError naming the factory", () => {
    const create = mod[`create${name}Client`] as (options: unknown) => unknown;
    for (const bad of [undefined, null, "key"]) {
      expect(() => create(bad)).toThrow(auth.KeywayConfigError);
      expect(() => create(bad)).toThrow(`create${name}Client`);
    }
  });

  it("lays its index out in the five numbered blocks, in order", () => {
    const source = readFileSync(new URL(`../../../packages/${dir}/src/index.ts`, import.meta.url), "utf8");
    const at = BLOCKS.map((marker) => source.indexOf(marker));
    expect(
      at.every((i) => i >= 0),
      `${dir}/src/index.ts block markers: ${at.join(", ")}`,
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});

/**
 * Hyper has four surfaces, so four factories instead of one `createHyperClient`, and `operations` keyed by
 * surface; everything else has the same names and guards as the providers above.
 */
describe("@keyway/hyper", () => {
  const mod = hyper as Record<string, unknown>;
  const factories = [
    "createResellerClient",
    "createStorefrontClient",
    "createPaymentClient",
    "createSupplierClient",
  ] as const;

  it("re-exports the same @keyway/auth errors and unwrap", () => {
    for (const shared of SHARED) expect(mod[shared], shared).toBe((auth as Record<string, unknown>)[shared]);
  });

  it("names its base URL, error class, error factory, failure predicate and operation tables the same way", () => {
    expect(hyper.HYPER_BASE_URL).toMatch(/^https:\/\//);
    expect(mod).not.toHaveProperty("HYPER_SANDBOX_BASE_URL");
    expect(hyper.HyperError.prototype).toBeInstanceOf(auth.ProviderError);
    expect(typeof hyper.hyperErrorFrom).toBe("function");
    expect(typeof hyper.isHyperFailure).toBe("function");
    expect(Object.keys(hyper.operations)).toEqual(["reseller", "storefront", "payment", "supplier"]);
  });

  it.each(factories)("%s refuses a missing options object with a KeywayConfigError naming it", (factory) => {
    const create = mod[factory] as (options: unknown) => unknown;
    for (const bad of [undefined, null, "key"]) {
      expect(() => create(bad)).toThrow(auth.KeywayConfigError);
      expect(() => create(bad)).toThrow(factory);
    }
  });

  it("lays its index out in the five numbered blocks, in order", () => {
    const source = readFileSync(new URL("../../../packages/hyper/src/index.ts", import.meta.url), "utf8");
    const at = BLOCKS.map((marker) => source.indexOf(marker));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
