/**
 * `createAppfiguresClient`: the typed openapi-fetch client for Appfigures API v2, with one of the four ways
 * Appfigures lets a caller in (`auth`): a personal access token or OAuth 2.0 access token (Bearer), OAuth 1.0a
 * (HMAC-SHA1 or PLAINTEXT), or legacy HTTP Basic + client key. Every attempt is signed anew (new OAuth 1.0a
 * timestamp and nonce).
 */
import {
  commonOptions,
  createKeywayClient,
  type KeywayClient,
  type KeywayCommonOptions,
  KeywayConfigError,
  REDACTED,
  type Scheme,
  type Secret,
  type SignDebugEvent,
} from "@keyway/auth";
import { basicClientKey } from "@keyway/auth/basic";
import { bearer } from "@keyway/auth/bearer";
import { oauth1 } from "@keyway/auth/oauth1";
import { type AppfiguresError, appfiguresErrorFrom } from "./errors.js";
import { operations, type paths } from "./generated/index.js";
import { USER_AGENT } from "./generated/version.js";
import { guardScheme } from "./guard.js";

/** The shape of a `client.use()` hook set (openapi-fetch's middleware; see @keyway/auth). */
export type { Middleware, MiddlewareCallbackParams } from "@keyway/auth";

/** Appfigures' API base URL (the default). */
export const APPFIGURES_BASE_URL = "https://api.appfigures.com/v2";

/** A personal access token or an OAuth 2.0 access token, sent as `Authorization: Bearer …` (recommended). */
export interface AppfiguresTokenAuth {
  readonly type: "token";
  /** The token, or a function read per request. */
  readonly token: Secret;
}

/** OAuth 1.0a token credentials (from {@link getAccessToken} or stored), signed per RFC 5849. */
export interface AppfiguresOAuth1Auth {
  readonly type: "oauth1";
  /** The API client's `client_key` (`oauth_consumer_key`). */
  readonly clientKey: Secret;
  /** The API client's `client_secret`. */
  readonly clientSecret: Secret;
  /** The access token (`oauth_token`). */
  readonly token: Secret;
  /** The access token's secret. */
  readonly tokenSecret: Secret;
  /** Default `HMAC-SHA1`. `PLAINTEXT` sends `enc(clientSecret)&enc(tokenSecret)` as the signature: HTTPS only. */
  readonly signatureMethod?: "HMAC-SHA1" | "PLAINTEXT" | undefined;
}

/**
 * Legacy HTTP Basic (user name and password) plus the API client key. Appfigures marks Basic "no longer
 * supported" for new clients and allows it only for internal tools; the key must belong to the same account.
 */
export interface AppfiguresBasicAuth {
  readonly type: "basic";
  /** The API client's `client_key`, created by the same account as the user. */
  readonly clientKey: Secret;
  /** The Appfigures user name (e-mail). A `:` is refused (RFC 7617). */
  readonly username: string;
  /** The password, or a function read per request. */
  readonly password: Secret;
  /** Where the key goes: `X-Client-Key` header (default) or `client_key` query parameter. */
  readonly clientKeyIn?: "header" | "query" | undefined;
}

/** The credentials of a client: one of the four ways in. */
export type AppfiguresAuth = AppfiguresTokenAuth | AppfiguresOAuth1Auth | AppfiguresBasicAuth;

/** Options of {@link createAppfiguresClient}. */
export interface AppfiguresClientOptions extends KeywayCommonOptions {
  /** The credentials. */
  readonly auth: AppfiguresAuth;
  /** Base URL including `/v2`. Default {@link APPFIGURES_BASE_URL}. */
  readonly baseUrl?: string | undefined;
}

/** The Appfigures client: openapi-fetch's call shape, `error` typed as {@link AppfiguresError}. */
export type AppfiguresClient = KeywayClient<paths, AppfiguresError>;

/**
 * Hides OAuth 1.0a token identifiers and verifiers in a debug event too (RFC 5849 treats `oauth_token` as an
 * identifier, but a token in a log is one step from a leaked credential): in the header and the base string.
 */
export function hideOAuthTokens(event: SignDebugEvent): SignDebugEvent {
  const header = (v: string) =>
    v.replace(
      /(oauth_(?:token|verifier))=("?)[^",]*\2/g,
      (_m, name: string, q: string) => `${name}=${q}${REDACTED}${q}`,
    );
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers)) headers[k] = k === "authorization" ? header(v) : v;
  return {
    ...event,
    headers,
    ...(event.canonical === undefined
      ? {}
      : {
          canonical: event.canonical.replace(/(oauth_(?:token|verifier)%3D).*?(?=%26|$)/g, `$1${REDACTED}`),
        }),
  };
}

function schemeFor(auth: AppfiguresAuth): Scheme {
  if (!auth || typeof auth !== "object") throw new KeywayConfigError("appfigures: auth is required");
  switch (auth.type) {
    case "token":
      return bearer({ token: auth.token });
    case "oauth1":
      return oauth1({
        consumerKey: auth.clientKey,
        consumerSecret: auth.clientSecret,
        token: auth.token,
        tokenSecret: auth.tokenSecret,
        signatureMethod: auth.signatureMethod ?? "HMAC-SHA1",
      });
    case "basic":
      return basicClientKey({
        username: auth.username,
        password: auth.password,
        clientKey: auth.clientKey,
        clientKeyIn: auth.clientKeyIn ?? "header",
      });
    default:
      throw new KeywayConfigError(
        `appfigures: auth.type must be "token", "oauth1" or "basic", got ${JSON.stringify((auth as { type?: unknown }).type)}`,
      );
  }
}

/**
 * Creates an Appfigures API v2 client.
 *
 * ```ts
 * const af = createAppfiguresClient({ auth: { type: "token", token: process.env.APPFIGURES_TOKEN! } });
 * const { data, error } = await af.GET("/reports/sales/{group_by}", {
 *   params: { path: { group_by: "products" }, query: { start_date: "2026-11-01", end_date: "2026-11-30" } },
 * });
 * ```
 * @throws KeywayConfigError for a bad `auth` (e.g. a Basic user name with `:`) or base URL, before any call.
 */
export function createAppfiguresClient(options: AppfiguresClientOptions): AppfiguresClient {
  if (options === null || typeof options !== "object")
    throw new KeywayConfigError("createAppfiguresClient needs options");
  const scheme = guardScheme(schemeFor(options.auth), options.auth.type);
  return createKeywayClient<paths, AppfiguresError>({
    baseUrl: options.baseUrl ?? APPFIGURES_BASE_URL,
    provider: "Appfigures",
    userAgent: USER_AGENT,
    describe: { auth: options.auth.type },
    operations,
    scheme,
    ...commonOptions(options),
    onSign: options.onSign && ((event) => options.onSign?.(hideOAuthTokens(event))),
    toError: appfiguresErrorFrom,
    unknownOutcome: (call) =>
      call.row.operationId === "createExternalAccount"
        ? {
            hint: "The store account may have been linked: GET /external_accounts and look for its nickname before trying again.",
            details: { operation: call.row.operationId },
          }
        : undefined,
  });
}
