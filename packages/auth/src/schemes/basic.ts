/**
 * HTTP Basic (RFC 7617) plus an application client key: Appfigures' "HTTP Auth" scheme.
 * `Authorization: Basic base64(utf8(user ":" password))`, and the client key in the `X-Client-Key` header
 * (preferred) or the `client_key` query parameter. Basic sends the password on every request: HTTPS only.
 */
import { percentEncode, toBase64, utf8 } from "../core/crypto.js";
import { KeywayConfigError } from "../core/errors.js";
import { opaque, redactQueryParams } from "../core/redact.js";
import { checkSecret, emitSign, resolveSecret, type SecretOption } from "../core/scheme-kit.js";
import {
  REDACTED,
  type RequestParts,
  type Scheme,
  type Secret,
  type SignContext,
  type SignResult,
} from "../core/types.js";

/** Options of {@link basicClientKey}. */
export interface BasicClientKeyOptions {
  /** The user-id. RFC 7617 §2: it must not contain a colon or control characters. */
  readonly username: string;
  /** The password, or a (possibly async) function returning it, read on every request. */
  readonly password: Secret;
  /** The API client key (Appfigures' `client_key`), or a function returning it. */
  readonly clientKey: Secret;
  /** Where the client key goes: the `X-Client-Key` header (default, preferred) or the `client_key` query parameter. */
  readonly clientKeyIn?: "header" | "query";
}

/** A Basic + client-key scheme; `redactUrl` hides `client_key` in a URL (pass it as the client's `redactUrl`). */
export interface BasicClientKeyScheme extends Scheme {
  /** Redacts the `client_key` query value (and other well-known secrets) of a URL. */
  redactUrl(url: string): string;
}

/** The query parameter Appfigures reads the client key from. */
export const CLIENT_KEY_PARAM = "client_key";
/** The header Appfigures reads the client key from. */
export const CLIENT_KEY_HEADER = "x-client-key";

// RFC 7617 §2: "The user-id and password MUST NOT contain any control characters".
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

function checkUser(username: unknown): string {
  if (typeof username !== "string") throw new KeywayConfigError("basic: username must be a string");
  if (username.includes(":")) {
    throw new KeywayConfigError("basic: the username contains a colon, which RFC 7617 forbids in a user-id");
  }
  if (CONTROL.test(username)) throw new KeywayConfigError("basic: the username contains control characters");
  return username;
}

function checkPassword(password: unknown): string {
  if (typeof password !== "string") throw new KeywayConfigError("basic: password must be a string");
  if (CONTROL.test(password)) throw new KeywayConfigError("basic: the password contains control characters");
  return password;
}

const PASSWORD: SecretOption = { scheme: "basic", option: "password", allowEmpty: true };
/** What a debug event shows of the header mode's headers. */
const HEADER_DEBUG = /* @__PURE__ */ Object.freeze({
  headers: Object.freeze({ authorization: `Basic ${REDACTED}`, [CLIENT_KEY_HEADER]: REDACTED }),
});
const CLIENT_KEY: SecretOption = { scheme: "basic", option: "client key" };

function checkClientKey(key: string): string {
  if (!VISIBLE_ASCII.test(key))
    throw new KeywayConfigError("basic: client key has characters other than visible ASCII");
  return key;
}

/**
 * The RFC 7617 credentials header value for a user and password, UTF-8 encoded (the `charset="UTF-8"` of
 * RFC 7617 §2.1): `basicCredentials("Aladdin", "open sesame")` is `Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==`.
 * A colon in the password is allowed (only the first colon splits); a colon in the user-id is refused.
 * @throws KeywayConfigError for a user-id with a colon, or control characters in either part.
 */
export function basicCredentials(username: string, password: string): string {
  return `Basic ${toBase64(utf8(`${checkUser(username)}:${checkPassword(password)}`))}`;
}

/**
 * Appends `name=value` to a URL's query, RFC 3986 percent-encoded, replacing earlier pairs with that name.
 * The rest of the URL is kept byte for byte (no re-serialization, so `%20` stays `%20`).
 */
function withQueryParam(url: string, name: string, value: string): string {
  const hashAt = url.indexOf("#");
  const base = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = base.indexOf("?");
  const path = queryAt < 0 ? base : base.slice(0, queryAt);
  const kept =
    queryAt < 0
      ? []
      : base
          .slice(queryAt + 1)
          .split("&")
          .filter((pair) => {
            if (pair === "") return false;
            const rawName = pair.split("=", 1)[0]!;
            let decoded = rawName;
            try {
              decoded = decodeURIComponent(rawName.replace(/\+/g, " "));
            } catch {
              // an undecodable name is not ours: keep it
            }
            return decoded !== name;
          });
  kept.push(`${percentEncode(name)}=${percentEncode(value)}`);
  return `${path}?${kept.join("&")}`;
}

/**
 * Creates the HTTP Basic + client-key scheme (Appfigures "HTTP Auth").
 * Static credentials are checked here, so a bad user-id fails before any call; functions are read and
 * checked on every request. In `query` mode the scheme returns the URL with `client_key` appended (the
 * original query is kept as sent); debug events show `Basic [redacted]`, `x-client-key: [redacted]` and
 * `client_key=[redacted]`.
 *
 * @example
 * ```ts
 * import { basicClientKey } from "@keyway/auth/basic";
 * const scheme = basicClientKey({ username: "me@example.com", password: () => vault.get("af"), clientKey: "ck_…" });
 * // GET https://api.appfigures.com/v2/ → Authorization: Basic …, X-Client-Key: ck_…
 * ```
 * @throws KeywayConfigError when the static username, password or client key is invalid.
 */
export function basicClientKey(options: BasicClientKeyOptions): BasicClientKeyScheme {
  const username = checkUser(options.username);
  const { password, clientKey } = options;
  if (
    options.clientKeyIn !== undefined &&
    options.clientKeyIn !== "header" &&
    options.clientKeyIn !== "query"
  ) {
    throw new KeywayConfigError('basic: clientKeyIn must be "header" or "query"');
  }
  const inQuery = options.clientKeyIn === "query";
  if (typeof password === "string") checkPassword(checkSecret(password, PASSWORD));
  if (typeof clientKey === "string") checkClientKey(checkSecret(clientKey, CLIENT_KEY));
  const redactUrl = (url: string) => redactQueryParams(url);

  /** One attempt's result from its `Authorization` value and client key. */
  const signWith = (
    parts: RequestParts,
    ctx: SignContext,
    authorization: string,
    key: string,
  ): SignResult => {
    if (inQuery) {
      const url = withQueryParam(parts.url, CLIENT_KEY_PARAM, key);
      emitSign(ctx, "basic", { headers: { authorization: `Basic ${REDACTED}` }, url: redactUrl(url) });
      return { headers: { authorization }, url };
    }
    emitSign(ctx, "basic", HEADER_DEBUG);
    return { headers: { authorization, [CLIENT_KEY_HEADER]: key } };
  };
  // Static credentials: encoded once, and sign stays synchronous; in the header, the same result every time.
  const fixed =
    typeof password === "string" && typeof clientKey === "string"
      ? { authorization: basicCredentials(username, password), key: clientKey }
      : undefined;
  const staticResult =
    fixed && !inQuery
      ? Object.freeze({
          headers: Object.freeze({ authorization: fixed.authorization, [CLIENT_KEY_HEADER]: fixed.key }),
        })
      : undefined;

  return Object.freeze({
    name: "basic",
    sign(parts, ctx): SignResult | Promise<SignResult> {
      if (staticResult) {
        emitSign(ctx, "basic", HEADER_DEBUG);
        return staticResult;
      }
      if (fixed) return signWith(parts, ctx, fixed.authorization, fixed.key);
      return (async () => {
        const operation = ctx.row.operationId;
        const pass = checkPassword(await resolveSecret(password, { ...PASSWORD, operation }));
        const key = checkClientKey(await resolveSecret(clientKey, { ...CLIENT_KEY, operation }));
        return signWith(parts, ctx, basicCredentials(username, pass), key);
      })();
    },
    redactUrl,
    ...opaque("[basic scheme]", {
      scheme: "basic",
      clientKeyIn: inQuery ? "query" : "header",
      username: REDACTED,
      password: REDACTED,
      clientKey: REDACTED,
    }),
  } satisfies BasicClientKeyScheme);
}
