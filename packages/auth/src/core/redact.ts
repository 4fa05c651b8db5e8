/**
 * Redaction helpers shared by the schemes, the transport and the provider packages: they turn headers and
 * URLs that may hold credentials into text that is safe for debug events, logs and error messages.
 * Every secret becomes {@link REDACTED}; the rest is left byte for byte as it was, so a redacted
 * canonical string or URL still lines up with what the server saw.
 */
import { REDACTED } from "./types.js";

/**
 * Header names (lower-case) whose values are credentials. Covers the headers every Keyway scheme sets
 * (`authorization`, `apikey`, `x-client-key`) and the usual suspects of other APIs.
 */
export const SECRET_HEADERS: readonly string[] = /* @__PURE__ */ Object.freeze([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "apikey",
  "api-key",
  "x-api-key",
  "x-client-key",
  "x-auth-token",
  "x-amz-security-token",
]);

/** Query parameter names whose values are credentials (compared after percent-decoding, case-insensitively). */
export const SECRET_QUERY_PARAMS: readonly string[] = /* @__PURE__ */ Object.freeze([
  "access_token",
  "api_key",
  "apikey",
  "client_key",
  "client_secret",
  "oauth_signature",
  "password",
  "refresh_token",
  "token",
]);

/** Headers whose value starts with an auth-scheme word worth keeping (`Bearer`, `Basic`, `OAuth`). */
const SCHEMED = new Set(["authorization", "proxy-authorization"]);

/**
 * Redacts a credential header value, keeping the auth-scheme word when there is one:
 * `Bearer eyJ…` → `Bearer [redacted]`, `Basic QWxh…` → `Basic [redacted]`, a bare key → `[redacted]`.
 * @param value the header value.
 */
export function redactAuthorization(value: string): string {
  const match = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*) +\S/.exec(value);
  return match ? `${match[1]} ${REDACTED}` : REDACTED;
}

/**
 * Copies headers into a plain record with lower-case names, replacing the value of every header named in
 * `names` by {@link REDACTED} (`authorization`-style headers keep their scheme word, see
 * {@link redactAuthorization}).
 * @param headers a `Headers`, a record or a list of pairs.
 * @param names header names to redact (any case); defaults to {@link SECRET_HEADERS}.
 * @returns a new record; the input is not changed.
 */
export function redactHeaders(
  headers: Headers | Readonly<Record<string, string>> | Iterable<readonly [string, string]>,
  names: Iterable<string> = SECRET_HEADERS,
): Record<string, string> {
  const secret = new Set<string>();
  for (const name of names) secret.add(name.toLowerCase());
  const entries: Iterable<readonly [string, string]> =
    headers instanceof Headers || Symbol.iterator in headers
      ? (headers as Iterable<readonly [string, string]>)
      : Object.entries(headers as Record<string, string>);
  const out: Record<string, string> = {};
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    if (!secret.has(name)) out[name] = value;
    else out[name] = SCHEMED.has(name) ? redactAuthorization(value) : REDACTED;
  }
  return out;
}

/** Decodes a query-parameter name as a server would (`+` is a space); undecodable names stay as written. */
function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/**
 * Replaces the values of the named query parameters of a URL by {@link REDACTED}. Works on absolute and
 * relative URLs and keeps every other byte (order, encoding, fragment) as written: it never re-serializes
 * the query. Names are compared after percent-decoding, case-insensitively, so `Client_Key` and
 * `client%5Fkey` are caught too.
 * @param url the URL (or path with query) to redact.
 * @param names parameter names to redact; defaults to {@link SECRET_QUERY_PARAMS}.
 */
export function redactQueryParams(url: string, names: Iterable<string> = SECRET_QUERY_PARAMS): string {
  const hashAt = url.indexOf("#");
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? "" : url.slice(hashAt);
  const queryAt = beforeHash.indexOf("?");
  if (queryAt < 0) return url;
  const secret = new Set<string>();
  for (const name of names) secret.add(name.toLowerCase());
  const pairs = beforeHash
    .slice(queryAt + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      if (!secret.has(decodeName(name).toLowerCase())) return pair;
      return `${name}=${REDACTED}`;
    });
  return `${beforeHash.slice(0, queryAt + 1)}${pairs.join("&")}${fragment}`;
}

/**
 * Redacts a URL for an error message or a log line: user-info (`https://user:pass@host`) is replaced and the
 * values of {@link SECRET_QUERY_PARAMS} (plus `extraParams`) are redacted with {@link redactQueryParams}.
 * Suitable as a client's `redactUrl` option.
 * @param url the URL to redact.
 * @param extraParams further query parameter names to redact.
 */
export function redactUrl(url: string, extraParams: Iterable<string> = []): string {
  const withoutUserInfo = url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#@]*@/, `$1${REDACTED}@`);
  return redactQueryParams(withoutUserInfo, [...SECRET_QUERY_PARAMS, ...extraParams]);
}

/**
 * Properties that make an object holding credentials print as `label` under `String()`, `JSON.stringify`
 * and `util.inspect`. Spread them into a scheme object; keep the secrets themselves in closures.
 * @param label what the object prints as, e.g. `[oauth1 scheme]`.
 * @param json what `JSON.stringify` shows (never a secret).
 */
export function opaque(
  label: string,
  json: Readonly<Record<string, unknown>>,
): {
  toString(): string;
  toJSON(): Readonly<Record<string, unknown>>;
  [inspect: symbol]: () => string;
} {
  return {
    toString: () => label,
    toJSON: () => json,
    [Symbol.for("nodejs.util.inspect.custom")]: () => label,
  };
}

/** Headers whose values are redacted wherever an answer echoes them (credentials, plus SGate's key and signature). */
const ECHOED_SECRET_HEADERS: readonly string[] = [...SECRET_HEADERS, "x-auth-key", "x-auth-signature"];

/**
 * The credential values an attempt carried in `headers`: each value, or for `Bearer x` / `Basic x` the part
 * after the scheme word. Values shorter than 6 characters are left out (they would redact noise).
 * @param headers the headers of the last attempt, as sent.
 */
export function credentialValues(headers: Headers): string[] {
  const out: string[] = [];
  for (const name of ECHOED_SECRET_HEADERS) {
    const value = headers.get(name);
    if (value === null) continue;
    // `Bearer x` / `Basic x`: the part after the scheme word is the secret.
    const space = value.indexOf(" ");
    const secret = space > 0 ? value.slice(space + 1).trim() : value;
    if (secret.length >= 6) out.push(secret);
  }
  return out.sort((a, b) => b.length - a.length);
}

/**
 * Returns a copy of `value` (strings, arrays, plain objects, any depth) with every occurrence of each of
 * `secrets` inside a string or an object key replaced by {@link REDACTED}. Other values are kept as they are;
 * cycles are cut. For error bodies of providers that echo the request's headers.
 * @param value a parsed JSON body or text.
 * @param secrets the exact secret values to remove (longest first is best).
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const scrub = (text: string) => {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  const seen = new WeakMap<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return scrub(v);
    if (v === null || typeof v !== "object") return v;
    if (seen.has(v)) return seen.get(v);
    if (Array.isArray(v)) {
      const copy: unknown[] = [];
      seen.set(v, copy);
      for (const item of v) copy.push(walk(item));
      return copy;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    const copy: Record<string, unknown> = {};
    seen.set(v, copy);
    for (const [k, item] of Object.entries(v)) copy[scrub(k)] = walk(item);
    return copy;
  };
  return walk(value) as T;
}
