/**
 * The three-legged flow of RFC 5849 §2 as pure functions that return request parts or URLs: temporary
 * credentials ({@link requestTokenRequest}), the user's authorization ({@link authorizeUrl}) and the token
 * request ({@link accessTokenRequest}). Read each answer with `parseTokenResponse` (./credentials.ts).
 */
import { defaultRandom } from "../../core/crypto.js";
import { KeywayConfigError } from "../../core/errors.js";
import { encode } from "./base-string.js";
import { checkOptions, type OAuth1CommonOptions, oauth1Signer } from "./signer.js";

/** A request to send, as a three-legged helper prepares it: `fetch(r.url, { method: r.method, headers: r.headers })`. */
export interface OAuth1PreparedRequest {
  readonly method: string;
  readonly url: string;
  /** The `authorization` header (it holds the signature; with PLAINTEXT, the secrets) and any extra header. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Clock and randomness of a three-legged helper (defaults: `Date.now` and Web Crypto). */
export interface OAuth1HelperEnv {
  readonly now?: () => number;
  readonly random?: (n: number) => Uint8Array;
}

/** Client credentials and options of a three-legged helper. */
export interface OAuth1ClientCredentials extends OAuth1CommonOptions, OAuth1HelperEnv {
  readonly consumerKey: string;
  readonly consumerSecret: string;
}

/** Appends already-decoded `name=value` pairs to a URL's query, RFC 3986-encoded, keeping what is there. */
function appendQuery(url: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  const hashAt = url.indexOf("#");
  const base = hashAt < 0 ? url : url.slice(0, hashAt);
  const added = pairs.map(([n, v]) => `${encode(n)}=${encode(v)}`).join("&");
  if (added === "") return base;
  const sep = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return `${base}${sep}${added}`;
}

async function prepare(
  creds: OAuth1ClientCredentials,
  url: string,
  method: string,
  token: string | undefined,
  tokenSecret: string | undefined,
  extra: Array<[string, string]>,
  headers: Readonly<Record<string, string>>,
): Promise<OAuth1PreparedRequest> {
  checkOptions(creds);
  if (!creds.consumerKey) throw new KeywayConfigError("oauth1: the consumer key is empty");
  const sign = oauth1Signer(
    { consumerKey: creds.consumerKey, consumerSecret: creds.consumerSecret, token, tokenSecret },
    creds,
    extra,
  );
  const signed = await sign(
    method,
    url,
    undefined,
    undefined,
    creds.now ?? Date.now,
    creds.random ?? defaultRandom,
    false,
  );
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return { method, url, headers: { ...lower, authorization: signed.authorization } };
}

/**
 * Step 1 of the three-legged flow (RFC 5849 §2.1): the signed temporary-credentials request, with
 * `oauth_callback` (default `oob`, out of band: the user is shown a verifier to paste back). Send it, then
 * read the answer with {@link parseTokenResponse}.
 *
 * @example
 * ```ts
 * // Appfigures: POST https://api.appfigures.com/v2/oauth/request_token, scope in X-OAuth-Scope
 * const req = await requestTokenRequest({
 *   url: "https://api.appfigures.com/v2/oauth/request_token",
 *   consumerKey: clientKey, consumerSecret: clientSecret,
 *   headers: { "X-OAuth-Scope": "products:read,private:read" },
 * });
 * const temp = parseTokenResponse(await (await fetch(req.url, req)).text());
 * ```
 */
export async function requestTokenRequest(
  options: OAuth1ClientCredentials & {
    /** The temporary-credentials endpoint. */
    readonly url: string;
    /** Where the server sends the user back; default `oob`. */
    readonly callback?: string;
    /** HTTP method; default POST (RFC 5849 §2.1). */
    readonly method?: string;
    /** Extra headers (Appfigures: `X-OAuth-Scope`). */
    readonly headers?: Readonly<Record<string, string>>;
  },
): Promise<OAuth1PreparedRequest> {
  return prepare(
    options,
    options.url,
    (options.method ?? "POST").toUpperCase(),
    undefined,
    undefined,
    [["oauth_callback", options.callback ?? "oob"]],
    options.headers ?? {},
  );
}

/**
 * Step 2 (RFC 5849 §2.2): the URL to send the user to, with the temporary token as `oauth_token`
 * (RFC 3986-encoded), keeping any query the endpoint already has.
 * @example
 * ```ts
 * authorizeUrl("https://api.appfigures.com/v2/oauth/authorize", temp.token)
 * // → https://api.appfigures.com/v2/oauth/authorize?oauth_token=…
 * ```
 */
export function authorizeUrl(
  endpoint: string,
  requestToken: string,
  extra: Readonly<Record<string, string>> = {},
): string {
  return appendQuery(endpoint, [["oauth_token", requestToken], ...Object.entries(extra)]);
}

/**
 * Step 3 (RFC 5849 §2.3): the signed token request, with the temporary credentials and `oauth_verifier`.
 * Read the answer with {@link parseTokenResponse}; its token and secret go to {@link oauth1}.
 * @example
 * ```ts
 * const req = await accessTokenRequest({
 *   url: "https://api.appfigures.com/v2/oauth/access_token",
 *   consumerKey: clientKey, consumerSecret: clientSecret,
 *   token: temp.token, tokenSecret: temp.tokenSecret, verifier,
 * });
 * const creds = parseTokenResponse(await (await fetch(req.url, req)).text());
 * ```
 */
export async function accessTokenRequest(
  options: OAuth1ClientCredentials & {
    /** The token endpoint. */
    readonly url: string;
    /** The temporary token (from step 1). */
    readonly token: string;
    /** The temporary token secret (from step 1). */
    readonly tokenSecret: string;
    /** The verification code the user brought back. */
    readonly verifier: string;
    /** HTTP method; default POST (RFC 5849 §2.3). */
    readonly method?: string;
    /** Extra headers. */
    readonly headers?: Readonly<Record<string, string>>;
  },
): Promise<OAuth1PreparedRequest> {
  if (!options.token || !options.verifier)
    throw new KeywayConfigError("oauth1: token and verifier are required");
  return prepare(
    options,
    options.url,
    (options.method ?? "POST").toUpperCase(),
    options.token,
    options.tokenSecret,
    [["oauth_verifier", options.verifier]],
    options.headers ?? {},
  );
}
