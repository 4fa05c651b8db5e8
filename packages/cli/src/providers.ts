/**
 * What `keyway explain` knows of each provider: its credential options (flag and environment variable), the
 * operation tables to find the request's operation in, and how to build the provider's own client. The
 * signing itself is always the client's: nothing here computes a signature.
 * @module
 */
import { operations as appfiguresOperations, createAppfiguresClient } from "@keyway/appfigures";
import type { KeywayClient, KeywayCommonOptions, OperationTable } from "@keyway/auth";
import { createHiobuyClient, operations as hiobuyOperations } from "@keyway/hiobuy";
import { createHishoppingClient, operations as hishoppingOperations } from "@keyway/hishopping";
import {
  createPaymentClient,
  createResellerClient,
  createStorefrontClient,
  createSupplierClient,
  operations as hyperOperations,
} from "@keyway/hyper";
import { createSgateClient, operations as sgateOperations } from "@keyway/sgate";
import { CliError } from "./errors.js";

/** One option of a provider: its flag, the environment variable read when the flag is absent, and whether it is a secret. */
export interface ProviderOption {
  /** Commander flag spelling, e.g. `--secret <secret>`. */
  readonly flag: string;
  /** The camel-case property commander stores it under, e.g. `secret`. */
  readonly name: string;
  /** Environment variable read when the flag is not given, e.g. `KEYWAY_SGATE_SECRET` (none for choices). */
  readonly env?: string;
  /** Whether the value is a secret: redacted from every printout unless `--show-secrets`. */
  readonly secret: boolean;
  readonly description: string;
}

/** The values of a provider's options, after flags and environment. */
export type ProviderValues = Readonly<Record<string, string | undefined>>;

/** A client of any provider, called by method name with a path template. */
export type AnyClient = KeywayClient<{}, unknown>;

/** One provider as `keyway explain` sees it. */
export interface ProviderAdapter {
  /** The CLI name, e.g. `sgate`. */
  readonly name: string;
  /** The display name, e.g. `SGate`. */
  readonly title: string;
  /** The path every production URL starts with (`/api_v1`), which breaks ties when matching a URL. */
  readonly basePath: string;
  readonly options: readonly ProviderOption[];
  /** The operation tables to match a request against, by surface (`""` for a provider with one surface). */
  readonly tables: Readonly<Record<string, OperationTable>>;
  /** Builds the provider's client for a surface from the option values and the common options. */
  client(
    surface: string,
    values: ProviderValues,
    common: KeywayCommonOptions & { baseUrl: string },
  ): AnyClient;
}

const opt = (
  flag: string,
  name: string,
  env: string | undefined,
  secret: boolean,
  description: string,
): ProviderOption => ({ flag, name, ...(env ? { env } : {}), secret, description });

/** Returns the named values, or fails naming the flag and variable of the first one missing. */
function need(adapter: string, options: readonly ProviderOption[], values: ProviderValues, names: string[]) {
  return names.map((name) => {
    const value = values[name];
    if (value) return value;
    const o = options.find((x) => x.name === name)!;
    throw new CliError(`${adapter} needs ${o.flag.split(" ")[0]}${o.env ? ` (or ${o.env})` : ""}`, 2);
  });
}

const hiobuyOptions = [
  opt("--api-key <key>", "apiKey", "KEYWAY_HIOBUY_API_KEY", true, "API key (hio_live_… / hio_test_…)"),
];
const sgateOptions = [
  opt("--key <key>", "key", "KEYWAY_SGATE_KEY", false, "client key (x-auth-key)"),
  opt("--secret <secret>", "secret", "KEYWAY_SGATE_SECRET", true, "client secret (the HMAC key)"),
];
const hishoppingOptions = [
  opt("--app-id <id>", "appId", "KEYWAY_HISHOPPING_APP_ID", false, "App ID"),
  opt("--secret-key <key>", "secretKey", "KEYWAY_HISHOPPING_SECRET_KEY", true, "Secret Key (AES-256-GCM)"),
  opt("--sign-key <key>", "signKey", "KEYWAY_HISHOPPING_SIGN_KEY", true, "Sign Key (HMAC-SHA256)"),
  opt(
    "--protocol <protocol>",
    "protocol",
    undefined,
    false,
    'request protocol: "envelope" (default) or "headers"',
  ),
  opt(
    "--data-encoding <encoding>",
    "dataEncoding",
    undefined,
    false,
    'envelope data: "base64" (default) or "hex"',
  ),
];
const hyperOptions = [
  opt(
    "--token <jwt>",
    "token",
    "KEYWAY_HYPER_TOKEN",
    true,
    "JWT of the Reseller / Storefront surfaces (see keyway login hyper)",
  ),
  opt("--api-key <key>", "apiKey", "KEYWAY_HYPER_API_KEY", true, "ApiKey of the Payment / Supplier surfaces"),
  opt(
    "--surface <surface>",
    "surface",
    undefined,
    false,
    "reseller, storefront, payment or supplier (when the path is ambiguous)",
  ),
  opt("--region <code>", "region", undefined, false, "h-region-code header, e.g. TR"),
];
const appfiguresOptions = [
  opt(
    "--token <token>",
    "token",
    "KEYWAY_APPFIGURES_TOKEN",
    true,
    "personal access token or OAuth 2.0 access token (Bearer)",
  ),
  opt(
    "--client-key <key>",
    "clientKey",
    "KEYWAY_APPFIGURES_CLIENT_KEY",
    true,
    "API client key (OAuth 1.0a consumer key, or Basic's X-Client-Key)",
  ),
  opt(
    "--client-secret <secret>",
    "clientSecret",
    "KEYWAY_APPFIGURES_CLIENT_SECRET",
    true,
    "API client secret (OAuth 1.0a)",
  ),
  opt(
    "--oauth-token <token>",
    "oauthToken",
    "KEYWAY_APPFIGURES_OAUTH_TOKEN",
    true,
    "OAuth 1.0a access token",
  ),
  opt(
    "--oauth-token-secret <secret>",
    "oauthTokenSecret",
    "KEYWAY_APPFIGURES_OAUTH_TOKEN_SECRET",
    true,
    "OAuth 1.0a access token secret",
  ),
  opt(
    "--signature-method <method>",
    "signatureMethod",
    undefined,
    false,
    "OAuth 1.0a: HMAC-SHA1 (default) or PLAINTEXT",
  ),
  opt("--username <email>", "username", "KEYWAY_APPFIGURES_USERNAME", false, "Basic auth user name"),
  opt("--password <password>", "password", "KEYWAY_APPFIGURES_PASSWORD", true, "Basic auth password"),
];

function choice<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  throw new CliError(`${name} must be ${allowed.join(" or ")}, got ${JSON.stringify(value)}`, 2);
}

/** Every provider `keyway explain` supports, in the order `--help` lists them. */
export const PROVIDERS: readonly ProviderAdapter[] = [
  {
    name: "hiobuy",
    title: "HIOBuy",
    basePath: "/v1",
    options: hiobuyOptions,
    tables: { "": hiobuyOperations },
    client: (_s, v, common) => {
      const [apiKey] = need("hiobuy", hiobuyOptions, v, ["apiKey"]);
      return createHiobuyClient({ ...common, apiKey: apiKey! }) as unknown as AnyClient;
    },
  },
  {
    name: "sgate",
    title: "SGate",
    basePath: "/api_v1",
    options: sgateOptions,
    tables: { "": sgateOperations },
    client: (_s, v, common) => {
      const [key, secret] = need("sgate", sgateOptions, v, ["key", "secret"]);
      return createSgateClient({ ...common, key: key!, secret: secret! }) as unknown as AnyClient;
    },
  },
  {
    name: "hishopping",
    title: "HiShopping",
    basePath: "/api/v1",
    options: hishoppingOptions,
    tables: { "": hishoppingOperations },
    client: (_s, v, common) => {
      const [appId, secretKey, signKey] = need("hishopping", hishoppingOptions, v, [
        "appId",
        "secretKey",
        "signKey",
      ]);
      return createHishoppingClient({
        ...common,
        appId: appId!,
        secretKey: secretKey!,
        signKey: signKey!,
        protocol: choice("--protocol", v.protocol, ["envelope", "headers"] as const),
        dataEncoding: choice("--data-encoding", v.dataEncoding, ["base64", "hex"] as const),
      }) as unknown as AnyClient;
    },
  },
  {
    name: "hyper",
    title: "Hyper",
    basePath: "",
    options: hyperOptions,
    tables: hyperOperations,
    client: (surface, v, common) => {
      const regionCode = v.region;
      if (surface === "reseller" || surface === "storefront") {
        const [token] = need(`hyper (${surface})`, hyperOptions, v, ["token"]);
        const create = surface === "reseller" ? createResellerClient : createStorefrontClient;
        return create({ ...common, regionCode, token: token! }) as unknown as AnyClient;
      }
      const [apiKey] = need(`hyper (${surface})`, hyperOptions, v, ["apiKey"]);
      const create = surface === "payment" ? createPaymentClient : createSupplierClient;
      return create({ ...common, regionCode, apiKey: apiKey! }) as unknown as AnyClient;
    },
  },
  {
    name: "appfigures",
    title: "Appfigures",
    basePath: "/v2",
    options: appfiguresOptions,
    tables: { "": appfiguresOperations },
    client: (_s, v, common) => {
      const o = appfiguresOptions;
      let auth: Parameters<typeof createAppfiguresClient>[0]["auth"];
      if (v.token) auth = { type: "token", token: v.token };
      else if (v.oauthToken || v.clientSecret) {
        const [clientKey, clientSecret, token, tokenSecret] = need("appfigures (OAuth 1.0a)", o, v, [
          "clientKey",
          "clientSecret",
          "oauthToken",
          "oauthTokenSecret",
        ]);
        const signatureMethod = choice("--signature-method", v.signatureMethod, [
          "HMAC-SHA1",
          "PLAINTEXT",
        ] as const);
        auth = {
          type: "oauth1",
          clientKey: clientKey!,
          clientSecret: clientSecret!,
          token: token!,
          tokenSecret: tokenSecret!,
          signatureMethod,
        };
      } else if (v.username || v.password) {
        const [clientKey, username, password] = need("appfigures (Basic)", o, v, [
          "clientKey",
          "username",
          "password",
        ]);
        auth = { type: "basic", clientKey: clientKey!, username: username!, password: password! };
      } else {
        throw new CliError(
          "appfigures needs credentials: --token (personal or OAuth 2.0 token), or --client-key, --client-secret, --oauth-token and --oauth-token-secret (OAuth 1.0a), or --client-key, --username and --password (Basic)",
          2,
        );
      }
      return createAppfiguresClient({ ...common, auth }) as unknown as AnyClient;
    },
  },
];

/** The adapter of a provider name, or a usage error listing the known ones. */
export function providerNamed(name: string): ProviderAdapter {
  const found = PROVIDERS.find((p) => p.name === name);
  if (!found)
    throw new CliError(`unknown provider "${name}"; known: ${PROVIDERS.map((p) => p.name).join(", ")}`, 2);
  return found;
}
