/**
 * The two user-authorization flows Appfigures offers, each step sent through the spec's own operations
 * (`/oauth/*` for OAuth 1.0a, RFC 5849; `/oauth2/*` for OAuth 2.0, RFC 6749/7009/7662). Unlike client calls,
 * these helpers return the result and throw an {@link AppfiguresError} when Appfigures answers with a failure.
 */
import {
  commonOptions,
  createKeywayClient,
  type KeywayClient,
  type KeywayCommonOptions,
  KeywayConfigError,
  KeywayResponseError,
  REDACTED,
  readSecret,
  type Scheme,
  type Secret,
} from "@keyway/auth";
import { percentEncode } from "@keyway/auth/internal";
import {
  accessTokenRequest,
  type OAuth1Credentials,
  parseTokenResponse,
  requestTokenRequest,
} from "@keyway/auth/oauth1";
import { APPFIGURES_BASE_URL, hideOAuthTokens } from "./client.js";
import { type AppfiguresError, appfiguresErrorFrom } from "./errors.js";
import { operations, type paths } from "./generated/index.js";
import { USER_AGENT } from "./generated/version.js";

/** Scopes Appfigures documents (https://docs.appfigures.com/api/oauth-2). */
export type AppfiguresScope =
  | "account:read"
  | "account:write"
  | "products:read"
  | "products:write"
  | "public:read"
  | "public:write"
  | "private:read"
  | "private:write";

/** The API client's credentials and the common options of a flow helper. */
export interface AppfiguresClientCredentials extends KeywayCommonOptions {
  /** The API client's `client_key` (OAuth 2.0 `client_id`). */
  readonly clientKey: Secret;
  /** The API client's `client_secret`. */
  readonly clientSecret: Secret;
  /** Base URL including `/v2`. Default {@link APPFIGURES_BASE_URL}. */
  readonly baseUrl?: string | undefined;
}

/** OAuth 1.0a options shared by both token requests. */
export interface AppfiguresOAuth1FlowOptions extends AppfiguresClientCredentials {
  /** Default `HMAC-SHA1`. */
  readonly signatureMethod?: "HMAC-SHA1" | "PLAINTEXT" | undefined;
}

/** Temporary or token credentials as the flow returns them (the secret is hidden from printouts). */
export type AppfiguresOAuth1Token = OAuth1Credentials;

type FlowClient = KeywayClient<paths, AppfiguresError>;

async function secretValue(secret: Secret, what: string): Promise<string> {
  const value = await readSecret(secret);
  if (typeof value !== "string" || value === "") throw new KeywayConfigError(`appfigures: ${what} is empty`);
  return value;
}

function flowClient(options: AppfiguresClientCredentials, scheme: Scheme): FlowClient {
  return createKeywayClient<paths, AppfiguresError>({
    baseUrl: options.baseUrl ?? APPFIGURES_BASE_URL,
    userAgent: USER_AGENT,
    operations,
    scheme,
    ...commonOptions(options),
    onSign: options.onSign && ((event) => options.onSign?.(hideOAuthTokens(event))),
    toError: appfiguresErrorFrom,
  });
}

/** No credentials on the wire (the OAuth 2.0 endpoints authenticate the client in the form body). */
const NO_AUTH: Scheme = Object.freeze({ name: "none", sign: () => ({}) });

const SIGNATURE = /oauth_signature="[^"]*"/;

/** A scheme for one OAuth 1.0a token request: the protocol parameters of that step, signed per attempt. */
function tokenStepScheme(
  step: "request" | "access",
  creds: { clientKey: string; clientSecret: string; signatureMethod: "HMAC-SHA1" | "PLAINTEXT" },
  extra: { callback?: string; token?: string; tokenSecret?: string; verifier?: string },
): Scheme {
  const label = `[appfigures oauth1 ${step}-token step]`;
  return Object.freeze({
    name: "oauth1",
    async sign(parts, ctx) {
      const common = {
        url: parts.url,
        method: parts.method,
        consumerKey: creds.clientKey,
        consumerSecret: creds.clientSecret,
        signatureMethod: creds.signatureMethod,
        now: ctx.now,
        random: ctx.random,
      };
      const prepared =
        step === "request"
          ? await requestTokenRequest({ ...common, callback: extra.callback ?? "oob" })
          : await accessTokenRequest({
              ...common,
              token: extra.token ?? "",
              tokenSecret: extra.tokenSecret ?? "",
              verifier: extra.verifier ?? "",
            });
      const authorization = prepared.headers.authorization!;
      ctx.debug?.({
        scheme: "oauth1",
        operationId: ctx.row.operationId,
        attempt: ctx.attempt,
        headers: { authorization: authorization.replace(SIGNATURE, `oauth_signature="${REDACTED}"`) },
      });
      return { headers: { authorization } };
    },
    toJSON: () => ({ scheme: "oauth1", step, secrets: REDACTED }),
    toString: () => label,
    [Symbol.for("nodejs.util.inspect.custom")]: () => label,
  } as Scheme);
}

/** Reads a form-encoded token answer; throws the typed error of a failure. */
function tokenAnswer(
  result: { data?: unknown; error?: AppfiguresError },
  operation: string,
): AppfiguresOAuth1Token {
  if (result.error) throw result.error;
  if (typeof result.data !== "string") {
    throw new KeywayResponseError(`appfigures: ${operation} answered no form data`, { operation });
  }
  try {
    return parseTokenResponse(result.data);
  } catch (err) {
    throw new KeywayResponseError(
      `appfigures: ${operation} answered no oauth_token/oauth_token_secret`,
      {
        operation,
      },
      { cause: err },
    );
  }
}

async function oauth1Creds(options: AppfiguresOAuth1FlowOptions) {
  const signatureMethod = options.signatureMethod ?? "HMAC-SHA1";
  if (signatureMethod !== "HMAC-SHA1" && signatureMethod !== "PLAINTEXT") {
    throw new KeywayConfigError('appfigures: signatureMethod must be "HMAC-SHA1" or "PLAINTEXT"');
  }
  return {
    clientKey: await secretValue(options.clientKey, "clientKey"),
    clientSecret: await secretValue(options.clientSecret, "clientSecret"),
    signatureMethod,
  } as const;
}

/**
 * OAuth 1.0a step 1 (`POST /oauth/request_token`): temporary credentials. `callback` defaults to `oob` (the
 * user is shown a verifier to paste back); `scope` goes in `X-OAuth-Scope` (default: the client key's scopes).
 * @throws AppfiguresError when Appfigures refuses (e.g. `bad-credentials` for a wrong client secret).
 */
export async function getRequestToken(
  options: AppfiguresOAuth1FlowOptions & {
    readonly callback?: string | undefined;
    readonly scope?: AppfiguresScope | readonly AppfiguresScope[] | (string & {}) | undefined;
  },
): Promise<AppfiguresOAuth1Token> {
  const creds = await oauth1Creds(options);
  const scope = Array.isArray(options.scope)
    ? options.scope.join(",")
    : (options.scope as string | undefined);
  const client = flowClient(
    options,
    tokenStepScheme("request", creds, { callback: options.callback ?? "oob" }),
  );
  const result = await client.POST("/oauth/request_token", {
    params: { header: scope ? { "X-OAuth-Scope": scope } : {} },
    parseAs: "text",
  });
  return tokenAnswer(result, "oauth1RequestToken");
}

/**
 * OAuth 1.0a step 2: the page to send the user to (`GET /oauth/authorize?oauth_token=…`).
 * @param requestToken the temporary token (or the credentials {@link getRequestToken} returned).
 */
export function oauth1AuthorizeUrl(
  requestToken: string | { readonly token: string },
  options: { readonly baseUrl?: string } = {},
): string {
  const token = typeof requestToken === "string" ? requestToken : requestToken.token;
  if (!token) throw new KeywayConfigError("appfigures: the request token is empty");
  const base = (options.baseUrl ?? APPFIGURES_BASE_URL).replace(/\/+$/, "");
  return `${base}/oauth/authorize?oauth_token=${percentEncode(token)}`;
}

/**
 * OAuth 1.0a step 3 (`POST /oauth/access_token`): exchanges the temporary credentials and the verifier the user
 * brought back for token credentials. Pass them to `createAppfiguresClient({ auth: { type: "oauth1", … } })`.
 * @throws AppfiguresError when Appfigures refuses (wrong verifier, used or expired request token).
 */
export async function getAccessToken(
  options: AppfiguresOAuth1FlowOptions & {
    /** The temporary credentials from {@link getRequestToken}. */
    readonly requestToken: { readonly token: string; readonly tokenSecret: string };
    /** The verifier the user pasted back (or the callback received). */
    readonly verifier: string;
  },
): Promise<AppfiguresOAuth1Token> {
  const creds = await oauth1Creds(options);
  if (!options.verifier) throw new KeywayConfigError("appfigures: the verifier is empty");
  const client = flowClient(
    options,
    tokenStepScheme("access", creds, {
      token: options.requestToken.token,
      tokenSecret: options.requestToken.tokenSecret,
      verifier: options.verifier,
    }),
  );
  const result = await client.POST("/oauth/access_token", { parseAs: "text" });
  return tokenAnswer(result, "oauth1AccessToken");
}

/** The out-of-band redirect URI of OAuth 2.0: Appfigures shows the code for the user to paste back. */
export const OAUTH2_OOB = "urn:ietf:wg:oauth:2.0:oob";

/**
 * OAuth 2.0: the page to send the user to (`GET /oauth2/authorize`, response type `code`). `redirectUri` must
 * match one configured on the API client exactly; use {@link OAUTH2_OOB} for an out-of-band flow.
 */
export function oauth2AuthorizeUrl(options: {
  readonly clientKey: string;
  readonly redirectUri: string;
  readonly scope: AppfiguresScope | readonly AppfiguresScope[] | (string & {});
  /** An unguessable value you check when the user comes back (CSRF protection). */
  readonly state: string;
  readonly baseUrl?: string | undefined;
}): string {
  if (!options.clientKey) throw new KeywayConfigError("appfigures: clientKey is empty");
  if (!options.redirectUri) throw new KeywayConfigError("appfigures: redirectUri is empty");
  if (!options.state) throw new KeywayConfigError("appfigures: state is empty (it protects the redirect)");
  const scope = Array.isArray(options.scope) ? options.scope.join(" ") : String(options.scope);
  const base = (options.baseUrl ?? APPFIGURES_BASE_URL).replace(/\/+$/, "");
  const query = [
    ["response_type", "code"],
    ["client_id", options.clientKey],
    ["redirect_uri", options.redirectUri],
    ["scope", scope],
    ["state", options.state],
  ]
    .map(([k, v]) => `${k}=${percentEncode(v!)}`)
    .join("&");
  return `${base}/oauth2/authorize?${query}`;
}

/** An OAuth 2.0 access token as the token endpoint returns it (the token is hidden from printouts). */
export class AppfiguresOAuth2Token {
  /** `bearer`. */
  readonly tokenType: string;
  /** The granted scopes. */
  readonly scope: readonly string[];
  /** Lifetime in seconds, when Appfigures says. */
  readonly expiresIn: number | undefined;
  readonly #access: string;
  readonly #refresh: string | undefined;
  constructor(body: {
    access_token: string;
    token_type: string;
    scope?: string;
    expires_in?: number;
    refresh_token?: string;
  }) {
    this.#access = body.access_token;
    this.#refresh = body.refresh_token;
    this.tokenType = body.token_type;
    this.scope = (body.scope ?? "").split(/[\s,]+/).filter(Boolean);
    this.expiresIn = body.expires_in;
  }
  /** The access token: `createAppfiguresClient({ auth: { type: "token", token: t.accessToken } })`. */
  get accessToken(): string {
    return this.#access;
  }
  /** A refresh token, if Appfigures issued one. */
  get refreshToken(): string | undefined {
    return this.#refresh;
  }
  /** The token is redacted. */
  toJSON(): Record<string, unknown> {
    return { accessToken: REDACTED, tokenType: this.tokenType, scope: this.scope, expiresIn: this.expiresIn };
  }
  /** Never prints the token. */
  toString(): string {
    return `[AppfiguresOAuth2Token ${this.scope.join(" ")}]`;
  }
  /** Never prints the token. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" } as const;

/**
 * OAuth 2.0: exchanges the authorization code for an access token (`POST /oauth2/access_token`), with the same
 * `redirectUri` as the authorization request.
 * @throws AppfiguresError (`invalid-grant`, `invalid-client`, …) when Appfigures refuses.
 */
export async function exchangeCode(
  options: AppfiguresClientCredentials & { readonly code: string; readonly redirectUri: string },
): Promise<AppfiguresOAuth2Token> {
  if (!options.code) throw new KeywayConfigError("appfigures: code is empty");
  const client = flowClient(options, NO_AUTH);
  const result = await client.POST("/oauth2/access_token", {
    body: {
      grant_type: "authorization_code",
      code: options.code,
      redirect_uri: options.redirectUri,
      client_id: await secretValue(options.clientKey, "clientKey"),
      client_secret: await secretValue(options.clientSecret, "clientSecret"),
    },
    headers: FORM,
  });
  if (result.error) throw result.error;
  return new AppfiguresOAuth2Token(result.data);
}

/**
 * OAuth 2.0: revokes a token (`POST /oauth2/revoke`, RFC 7009). Succeeds for a token that was already invalid.
 * @throws AppfiguresError when Appfigures refuses the client credentials.
 */
export async function revokeToken(
  options: AppfiguresClientCredentials & {
    readonly token: Secret;
    readonly tokenTypeHint?: "access_token" | "refresh_token" | undefined;
  },
): Promise<void> {
  const client = flowClient(options, NO_AUTH);
  const result = await client.POST("/oauth2/revoke", {
    body: {
      token: await secretValue(options.token, "token"),
      ...(options.tokenTypeHint ? { token_type_hint: options.tokenTypeHint } : {}),
      client_id: await secretValue(options.clientKey, "clientKey"),
      client_secret: await secretValue(options.clientSecret, "clientSecret"),
    },
    headers: FORM,
    parseAs: "text",
  });
  if (result.error) throw result.error;
}

/** What {@link tokenInfo} says of a token (RFC 7662 §2.2). */
export interface AppfiguresTokenInfo {
  /** False for an unknown, expired or revoked token. */
  readonly active: boolean;
  readonly scope: readonly string[];
  readonly clientId: string | undefined;
  readonly username: string | undefined;
  /** Expiry, seconds since the epoch, when there is one. */
  readonly exp: number | undefined;
}

/**
 * OAuth 2.0: introspects a token (`POST /oauth2/tokeninfo`, RFC 7662).
 * @throws AppfiguresError when Appfigures refuses the client credentials.
 */
export async function tokenInfo(
  options: AppfiguresClientCredentials & { readonly token: Secret },
): Promise<AppfiguresTokenInfo> {
  const client = flowClient(options, NO_AUTH);
  const result = await client.POST("/oauth2/tokeninfo", {
    body: {
      token: await secretValue(options.token, "token"),
      client_id: await secretValue(options.clientKey, "clientKey"),
      client_secret: await secretValue(options.clientSecret, "clientSecret"),
    },
    headers: FORM,
  });
  if (result.error) throw result.error;
  const d = result.data;
  return {
    active: d.active === true,
    scope: (d.scope ?? "").split(/[\s,]+/).filter(Boolean),
    clientId: d.client_id,
    username: d.username,
    exp: d.exp,
  };
}
