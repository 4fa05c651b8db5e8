/**
 * OAuth 1.0a request signing, written from RFC 5849 (not from any OAuth library): HMAC-SHA1 and PLAINTEXT,
 * protocol parameters in the `Authorization: OAuth …` header (§3.5.1). Appfigures' "OAuth 1.0" scheme.
 *
 * Signature base string (§3.4.1): `METHOD&encode(base-uri)&encode(normalized-params)`, where
 * - base-uri is the final URL's scheme and host lower-cased, the port only when it is not the default,
 *   and the path exactly as sent (§3.4.1.2);
 * - the parameters are the query's and, for an `application/x-www-form-urlencoded` body, the body's pairs,
 *   decoded as form data (`+` is a space) and re-encoded with RFC 3986 percent-encoding (§3.6: only
 *   unreserved characters are left as is), plus every `oauth_*` protocol parameter but the signature;
 *   duplicates are kept, and the list is sorted by encoded name, then encoded value (§3.4.1.3.2).
 *
 * Also here: the three-legged flow's requests as pure functions that return request parts or URLs
 * ({@link requestTokenRequest}, {@link authorizeUrl}, {@link accessTokenRequest}) and a parser for the token
 * answer ({@link parseTokenResponse}).
 */
import { defaultRandom, fromUtf8, hmac, percentEncode, toBase64, toHex, utf8 } from "../core/crypto.js";
import { KeywayAuthError, KeywayConfigError } from "../core/errors.js";
import { opaque } from "../core/redact.js";
import { REDACTED, readSecret, type Scheme, type Secret, type SignContext } from "../core/types.js";

/** Signature methods this module implements (RFC 5849 §3.4.2 and §3.4.4). */
export type OAuth1SignatureMethod = "HMAC-SHA1" | "PLAINTEXT";

/** Options shared by the scheme and the three-legged helpers. */
export interface OAuth1CommonOptions {
  /** Signature method; default `HMAC-SHA1`. Appfigures accepts both. PLAINTEXT needs HTTPS. */
  readonly signatureMethod?: OAuth1SignatureMethod;
  /** `realm` of the Authorization header (§3.5.1); not part of the signature. */
  readonly realm?: string;
  /** Send `oauth_version="1.0"` (optional in RFC 5849 §3.1; some servers want it). Default false. */
  readonly version?: boolean;
  /** PLAINTEXT only: leave out `oauth_timestamp` and `oauth_nonce`, which §3.1 allows. Default false. */
  readonly plaintextWithoutNonce?: boolean;
  /** Random bytes behind the default nonce (hex-encoded). Default 16 (128 bits). */
  readonly nonceBytes?: number;
  /** Makes the nonce from random bytes; default: hex of `random(nonceBytes)`. For fixed test vectors. */
  readonly nonce?: (random: (n: number) => Uint8Array) => string;
}

/** Options of {@link oauth1}. */
export interface OAuth1Options extends OAuth1CommonOptions {
  /** The client identifier (`oauth_consumer_key`; Appfigures' `client_key`). */
  readonly consumerKey: Secret;
  /** The client shared secret (Appfigures' `client_secret`). */
  readonly consumerSecret: Secret;
  /** The token identifier (`oauth_token`); omit for two-legged requests signed with client credentials only. */
  readonly token?: Secret;
  /** The token shared secret; empty when there is no token. */
  readonly tokenSecret?: Secret;
}

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

const SIGNED_PROTOCOL = new Set([
  "oauth_consumer_key",
  "oauth_token",
  "oauth_signature_method",
  "oauth_signature",
  "oauth_timestamp",
  "oauth_nonce",
  "oauth_version",
  "oauth_callback",
  "oauth_verifier",
]);

const isUnreserved = (b: number) =>
  (b >= 0x41 && b <= 0x5a) ||
  (b >= 0x61 && b <= 0x7a) ||
  (b >= 0x30 && b <= 0x39) ||
  b === 0x2d ||
  b === 0x2e ||
  b === 0x5f ||
  b === 0x7e;

/** RFC 5849 §3.6 encoding of decoded octets: UTF-8 text through `percentEncode`, other octets byte by byte. */
function encodeOctets(bytes: Uint8Array): string {
  try {
    return percentEncode(fromUtf8(bytes));
  } catch {
    let out = "";
    for (const b of bytes)
      out += isUnreserved(b)
        ? String.fromCharCode(b)
        : `%${b < 16 ? "0" : ""}${b.toString(16).toUpperCase()}`;
    return out;
  }
}

const HEX = /^[0-9A-Fa-f]{2}$/;

/**
 * Decodes one form-encoded component to octets: `+` is a space, `%XX` an octet; any other character is
 * itself an octet when `octets` is set (body text made by {@link octetString}), else its UTF-8.
 */
function decodeFormComponent(text: string, octets = false): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2b) out.push(0x20);
    else if (c === 0x25 && HEX.test(text.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80 || octets) out.push(c);
    else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      for (const b of utf8(String.fromCodePoint(cp))) out.push(b);
    }
  }
  return Uint8Array.from(out);
}

/** Splits `application/x-www-form-urlencoded` text into encoded (§3.6) name/value pairs, duplicates kept. */
function formPairs(text: string, octets = false): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const segment of text.split("&")) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    const name = eq < 0 ? segment : segment.slice(0, eq);
    const value = eq < 0 ? "" : segment.slice(eq + 1);
    pairs.push([
      encodeOctets(decodeFormComponent(name, octets)),
      encodeOctets(decodeFormComponent(value, octets)),
    ]);
  }
  return pairs;
}

/** Body octets as a string of one char per octet, so form parsing sees bytes, not UTF-8 text. */
function octetString(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/** Whether a content type is `application/x-www-form-urlencoded` (parameters such as charset ignored). */
function isForm(contentType: string | null | undefined): boolean {
  return (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase() === "application/x-www-form-urlencoded";
}

/**
 * The base string URI of RFC 5849 §3.4.1.2: scheme and host lower-case, port only when not the scheme's
 * default (80 for http, 443 for https), path as sent; no query, no fragment, no user-info.
 * `GET /r%20v/X` to `EXAMPLE.COM:80` gives `http://example.com/r%20v/X`.
 * @throws KeywayConfigError for a URL that is not absolute http(s).
 */
export function baseStringUri(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    throw new KeywayConfigError("oauth1: the request URL is not an absolute URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new KeywayConfigError("oauth1: only http and https URLs can be signed");
  }
  // WHATWG URL already lower-cases scheme and host and drops a default port.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname || "/"}`;
}

/** Sorts encoded pairs by name, then value (byte order: encoded text is ASCII) and joins them (§3.4.1.3.2). */
function normalizeEncoded(pairs: Array<[string, string]>): string {
  return pairs
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([n, v]) => `${n}=${v}`)
    .join("&");
}

/**
 * Normalizes decoded parameters (RFC 5849 §3.4.1.3.2): each name and value percent-encoded (§3.6), sorted
 * by encoded name then encoded value, joined as `name=value` pairs with `&`. Duplicates are kept; the
 * result does not depend on the order of the input.
 * @throws KeywayConfigError for text that is not well-formed Unicode (a lone surrogate).
 */
export function normalizeParameters(pairs: Iterable<readonly [string, string]>): string {
  const encoded: Array<[string, string]> = [];
  for (const [name, value] of pairs) encoded.push([encode(name), encode(value)]);
  return normalizeEncoded(encoded);
}

/** `percentEncode`, with a lone surrogate (which has no UTF-8 form) reported as a config error. */
function encode(text: string): string {
  try {
    return percentEncode(text);
  } catch {
    throw new KeywayConfigError("oauth1: a parameter is not well-formed Unicode text (lone surrogate)");
  }
}

/** The request's own parameters, encoded: the URL query and a form body (§3.4.1.3.1). */
function requestPairs(url: URL, contentType: string | null | undefined, body: Uint8Array | undefined) {
  const pairs = formPairs(url.search.slice(1));
  if (body && body.length > 0 && isForm(contentType)) pairs.push(...formPairs(octetString(body), true));
  return pairs;
}

/** What {@link signatureBaseString} needs. */
export interface BaseStringInput {
  /** HTTP method (upper-cased for the base string). */
  readonly method: string;
  /** The final absolute URL, query included, as sent. */
  readonly url: string;
  /** The request's content type; a form body is signed only with `application/x-www-form-urlencoded`. */
  readonly contentType?: string | null;
  /** The exact body octets. */
  readonly body?: Uint8Array | string;
  /** The `oauth_*` protocol parameters (decoded), without `oauth_signature` and `realm`. */
  readonly oauthParams: Iterable<readonly [string, string]>;
}

/**
 * The signature base string of RFC 5849 §3.4.1 for a request. Exposed for tests and debugging; the scheme
 * computes it itself.
 * @throws KeywayConfigError for a URL that is not absolute http(s) or text that cannot be encoded.
 */
export function signatureBaseString(input: BaseStringInput): string {
  const uri = baseStringUri(input.url);
  const url = new URL(input.url);
  const body = typeof input.body === "string" ? utf8(input.body) : input.body;
  const pairs = requestPairs(url, input.contentType, body);
  for (const [name, value] of input.oauthParams) pairs.push([encode(name), encode(value)]);
  return `${input.method.toUpperCase()}&${percentEncode(uri)}&${percentEncode(normalizeEncoded(pairs))}`;
}

/** Everything one signature needs, secrets resolved. */
interface SignInput {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | null | undefined;
  readonly body: Uint8Array | undefined;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly token: string | undefined;
  readonly tokenSecret: string | undefined;
  readonly extra: ReadonlyArray<readonly [string, string]>;
  readonly options: OAuth1CommonOptions;
  readonly now: () => number;
  readonly random: (n: number) => Uint8Array;
}

interface Signed {
  readonly authorization: string;
  /** The same header with the signature replaced by `[redacted]`. */
  readonly redacted: string;
  /** The base string (HMAC-SHA1 only). */
  readonly baseString: string | undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const QUOTED_SAFE = /^[^"\\\u0000-\u001f\u007f]*$/;

function checkOptions(options: OAuth1CommonOptions): void {
  const method = options.signatureMethod ?? "HMAC-SHA1";
  if (method !== "HMAC-SHA1" && method !== "PLAINTEXT") {
    throw new KeywayConfigError('oauth1: signatureMethod must be "HMAC-SHA1" or "PLAINTEXT"');
  }
  if (options.realm !== undefined && !QUOTED_SAFE.test(options.realm)) {
    throw new KeywayConfigError("oauth1: realm must not contain quotes, backslashes or control characters");
  }
  const n = options.nonceBytes ?? 16;
  if (!Number.isInteger(n) || n < 8 || n > 64)
    throw new KeywayConfigError("oauth1: nonceBytes must be 8..64");
}

/** Signs one request (RFC 5849 §3.1–§3.5.1) and builds the Authorization header. */
async function signRequest(input: SignInput): Promise<Signed> {
  const { options } = input;
  const method = options.signatureMethod ?? "HMAC-SHA1";
  const url = new URL(input.url);
  const uri = baseStringUri(url);
  const requestParams = requestPairs(url, input.contentType, input.body);
  for (const [name] of requestParams) {
    if (SIGNED_PROTOCOL.has(name)) {
      throw new KeywayConfigError(
        `oauth1: the request already carries ${name} in its query or body; the scheme sends protocol parameters in the Authorization header only`,
      );
    }
  }
  const protocol: Array<[string, string]> = [["oauth_consumer_key", input.consumerKey]];
  if (input.token) protocol.push(["oauth_token", input.token]);
  protocol.push(["oauth_signature_method", method]);
  if (!(method === "PLAINTEXT" && options.plaintextWithoutNonce)) {
    protocol.push(["oauth_timestamp", String(Math.floor(input.now() / 1000))]);
    const nonce = options.nonce ? options.nonce(input.random) : toHex(input.random(options.nonceBytes ?? 16));
    if (typeof nonce !== "string" || nonce.length === 0)
      throw new KeywayConfigError("oauth1: the nonce is empty");
    protocol.push(["oauth_nonce", nonce]);
  }
  if (options.version) protocol.push(["oauth_version", "1.0"]);
  for (const [name, value] of input.extra) protocol.push([name, value]);

  const encodedProtocol = protocol.map(([n, v]): [string, string] => [encode(n), encode(v)]);
  // §3.4.4 / §3.4.2: the key is encode(client secret) "&" encode(token secret), the latter possibly empty.
  const key = `${encode(input.consumerSecret)}&${encode(input.tokenSecret ?? "")}`;
  let signature: string;
  let baseString: string | undefined;
  if (method === "HMAC-SHA1") {
    baseString = `${input.method.toUpperCase()}&${percentEncode(uri)}&${percentEncode(normalizeEncoded([...requestParams, ...encodedProtocol]))}`;
    signature = toBase64(await hmac("SHA-1", key, baseString));
  } else {
    signature = key;
  }
  const realm = options.realm === undefined ? [] : [`realm="${options.realm}"`];
  const fields = (sig: string) =>
    [...encodedProtocol, ["oauth_signature", sig] as [string, string]]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([n, v]) => `${n}="${v}"`);
  return {
    authorization: `OAuth ${[...realm, ...fields(percentEncode(signature))].join(", ")}`,
    redacted: `OAuth ${[...realm, ...fields(REDACTED)].join(", ")}`,
    baseString,
  };
}

async function resolve(
  secret: Secret | undefined,
  what: string,
  operation?: string,
): Promise<string | undefined> {
  if (secret === undefined) return undefined;
  let value: unknown;
  try {
    value = await readSecret(secret);
  } catch (err) {
    throw new KeywayAuthError(`oauth1: the ${what} source failed`, { operation }, { cause: err });
  }
  if (typeof value !== "string") throw new KeywayConfigError(`oauth1: ${what} must be a string`);
  return value;
}

/**
 * Creates the OAuth 1.0a scheme (RFC 5849). Every attempt gets a new `oauth_timestamp` (from `ctx.now()`,
 * seconds) and `oauth_nonce` (from `ctx.random`). Secrets may be functions, read per request; the HMAC key is
 * imported once per secret value (crypto.ts `hmac` cache).
 *
 * Debug events carry the base string (HMAC-SHA1) and the header with `oauth_signature="[redacted]"`; the
 * consumer key and token are identifiers, not secrets (§2.3, §3.1), so they stay readable there. The shared
 * secrets never appear; a PLAINTEXT signature (which *is* the secrets) is redacted like any other.
 *
 * @example
 * ```ts
 * import { oauth1 } from "@keyway/auth/oauth1";
 * // Appfigures, after the three-legged flow (see requestTokenRequest / accessTokenRequest):
 * const scheme = oauth1({
 *   consumerKey: "client_key", consumerSecret: () => vault.get("af-secret"),
 *   token: stored.token, tokenSecret: () => vault.get("af-token-secret"),
 * });
 * ```
 * @throws KeywayConfigError for an unknown signature method, a realm that cannot be quoted or a bad nonce size.
 */
export function oauth1(options: OAuth1Options): Scheme {
  checkOptions(options);
  const { consumerKey, consumerSecret, token, tokenSecret } = options;
  if (consumerKey === undefined || consumerSecret === undefined) {
    throw new KeywayConfigError("oauth1: consumerKey and consumerSecret are required");
  }
  const common: OAuth1CommonOptions = { ...options };
  const label = "[oauth1 scheme]";
  return Object.freeze({
    name: "oauth1",
    async sign(parts, ctx: SignContext) {
      const op = ctx.row.operationId;
      const key = await resolve(consumerKey, "consumer key", op);
      if (!key) throw new KeywayConfigError("oauth1: the consumer key is empty");
      const signed = await signRequest({
        method: parts.method,
        url: parts.url,
        contentType: parts.headers.get("content-type"),
        body: parts.body,
        consumerKey: key,
        consumerSecret: (await resolve(consumerSecret, "consumer secret", op)) ?? "",
        token: await resolve(token, "token", op),
        tokenSecret: await resolve(tokenSecret, "token secret", op),
        extra: [],
        options: common,
        now: ctx.now,
        random: ctx.random,
      });
      ctx.debug?.({
        scheme: "oauth1",
        operationId: op,
        attempt: ctx.attempt,
        ...(signed.baseString === undefined ? {} : { canonical: signed.baseString }),
        headers: { authorization: signed.redacted },
      });
      return { headers: { authorization: signed.authorization } };
    },
    ...opaque(label, {
      scheme: "oauth1",
      signatureMethod: options.signatureMethod ?? "HMAC-SHA1",
      consumerSecret: REDACTED,
      tokenSecret: REDACTED,
    }),
  } satisfies Scheme);
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
  const signed = await signRequest({
    method,
    url,
    contentType: undefined,
    body: undefined,
    consumerKey: creds.consumerKey,
    consumerSecret: creds.consumerSecret,
    token,
    tokenSecret,
    extra,
    options: creds,
    now: creds.now ?? Date.now,
    random: creds.random ?? defaultRandom,
  });
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

/**
 * Token credentials read from a token endpoint's answer. The secret is kept out of `toString`,
 * `JSON.stringify` and `util.inspect`; read `tokenSecret` explicitly to store it.
 */
export class OAuth1Credentials {
  /** The token identifier (`oauth_token`). */
  readonly token: string;
  /** `oauth_callback_confirmed` was `true` (temporary credentials, RFC 5849 §2.1). */
  readonly callbackConfirmed: boolean;
  /** Every other parameter of the answer, decoded (e.g. a user id). */
  readonly extra: Readonly<Record<string, string>>;
  readonly #secret: string;
  constructor(token: string, tokenSecret: string, callbackConfirmed: boolean, extra: Record<string, string>) {
    this.token = token;
    this.#secret = tokenSecret;
    this.callbackConfirmed = callbackConfirmed;
    this.extra = Object.freeze(extra);
  }
  /** The token shared secret (`oauth_token_secret`). */
  get tokenSecret(): string {
    return this.#secret;
  }
  /** The secret is redacted. */
  toJSON(): Record<string, unknown> {
    return { token: this.token, tokenSecret: REDACTED, callbackConfirmed: this.callbackConfirmed };
  }
  /** Never prints the secret. */
  toString(): string {
    return `[OAuth1Credentials ${this.token}]`;
  }
  /** Never prints the secret. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * Parses a temporary- or token-credentials answer (RFC 5849 §2.1, §2.3):
 * `application/x-www-form-urlencoded` `oauth_token=…&oauth_token_secret=…[&oauth_callback_confirmed=true]`.
 * @param body the answer body, as text or octets.
 * @throws KeywayAuthError when `oauth_token` or `oauth_token_secret` is missing, or the body is not form data
 *   (the body itself is never quoted: it may hold a secret).
 */
export function parseTokenResponse(body: string | Uint8Array): OAuth1Credentials {
  let text: string;
  try {
    text = typeof body === "string" ? body : fromUtf8(body);
  } catch {
    throw new KeywayAuthError("oauth1: the token answer is not UTF-8 form data");
  }
  const values = new Map<string, string>();
  for (const segment of text.trim().split("&")) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    const name = eq < 0 ? segment : segment.slice(0, eq);
    const value = eq < 0 ? "" : segment.slice(eq + 1);
    let decodedName: string;
    let decodedValue: string;
    try {
      decodedName = fromUtf8(decodeFormComponent(name));
      decodedValue = fromUtf8(decodeFormComponent(value));
    } catch {
      throw new KeywayAuthError("oauth1: the token answer is not UTF-8 form data");
    }
    if (!values.has(decodedName)) values.set(decodedName, decodedValue);
  }
  const token = values.get("oauth_token");
  const secret = values.get("oauth_token_secret");
  if (!token || secret === undefined) {
    throw new KeywayAuthError("oauth1: the token answer has no oauth_token and oauth_token_secret");
  }
  const extra: Record<string, string> = {};
  for (const [name, value] of values) {
    if (name !== "oauth_token" && name !== "oauth_token_secret" && name !== "oauth_callback_confirmed") {
      extra[name] = value;
    }
  }
  return new OAuth1Credentials(token, secret, values.get("oauth_callback_confirmed") === "true", extra);
}
