/**
 * The OAuth 1.0a signature base string (RFC 5849 §3.4.1): `METHOD&encode(base-uri)&encode(normalized-params)`,
 * where
 * - base-uri is the final URL's scheme and host lower-cased, the port only when it is not the default,
 *   and the path exactly as sent (§3.4.1.2);
 * - the parameters are the query's and, for an `application/x-www-form-urlencoded` body, the body's pairs,
 *   decoded as form data (`+` is a space) and re-encoded with RFC 3986 percent-encoding (§3.6: only
 *   unreserved characters are left as is), plus every `oauth_*` protocol parameter but the signature;
 *   duplicates are kept, and the list is sorted by encoded name, then encoded value (§3.4.1.3.2).
 *
 * Encoded pairs travel as one flat array (`name, value, name, value, …`), sorted in place, and the
 * normalized string is written already percent-encoded: per request there is no pair object, no URL object
 * for a URL in WHATWG form, and no second encoding pass.
 */
import { fromUtf8, isUnreserved, pctOctet, percentEncode, utf8 } from "../../core/crypto.js";
import { KeywayConfigError } from "../../core/errors.js";

/** RFC 5849 §3.6 encoding of decoded octets: UTF-8 text through `percentEncode`, other octets byte by byte. */
function encodeOctets(bytes: Uint8Array): string {
  try {
    return percentEncode(fromUtf8(bytes));
  } catch {
    let out = "";
    for (const b of bytes) out += isUnreserved(b) ? String.fromCharCode(b) : pctOctet(b);
    return out;
  }
}

const HEX = /^[0-9A-Fa-f]{2}$/;

/**
 * Decodes one form-encoded component to octets: `+` is a space, `%XX` an octet; any other character is
 * itself an octet when `octets` is set (body text made by {@link octetString}), else its UTF-8.
 */
export function decodeFormComponent(text: string, octets = false): Uint8Array {
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

/**
 * One form component decoded and encoded again (§3.6): unreserved text is its own encoding, and other ASCII
 * without `%` or `+` decodes to itself.
 */
function reencode(text: string, octets: boolean): string {
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isUnreserved(c)) continue;
    if (c === 0x25 || c === 0x2b || c > 0x7f) return encodeOctets(decodeFormComponent(text, octets));
    plain = false;
  }
  return plain ? text : percentEncode(text);
}

/** Form text of unreserved names and values (and `=` in values): decodes to itself, one scan for all pairs. */
const PLAIN_FORM = /^[\w.~=&-]*$/;

/** Appends the encoded (§3.6) pairs of `application/x-www-form-urlencoded` text to flat `out`, duplicates kept. */
function addFormPairs(out: string[], text: string, octets: boolean): void {
  const plain = PLAIN_FORM.test(text);
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf("&", at);
    if (end < 0) end = text.length;
    if (end > at) {
      let eq = text.indexOf("=", at);
      if (eq < 0 || eq > end) eq = end;
      const name = text.slice(at, eq);
      const value = eq === end ? "" : text.slice(eq + 1, end);
      // In plain text only a value's own `=` needs encoding.
      if (plain) out.push(name, value.includes("=") ? percentEncode(value) : value);
      else out.push(reencode(name, octets), reencode(value, octets));
    }
    at = end + 1;
  }
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
 * An absolute http(s) URL that `new URL()` would serialize unchanged (what a `Request`'s `url` is): lower-case
 * scheme and host, no IDNA label, the last label starting with a letter (not an IPv4 number), no port,
 * user-info or fragment, no dot segment (`.`, `%2e`), and only path and query characters the URL parser keeps
 * as they are. Groups: origin, path, query.
 */
const PLAIN_URL =
  /^(https?:\/\/(?:(?!xn--)[a-z0-9-]+\.)*(?!xn--)[a-z][a-z0-9-]*)((?:\/(?!\.|%2[eE])[\w\-.~!$&'()*+,;=:@%]*)*)(?:\?([!$-&(-;=?-~]*))?$/;

/**
 * The parts of a URL the base string needs: the base string URI (§3.4.1.2) as its origin (scheme, host and
 * a port that is not the default) and its path, and the raw query. Read off the text when it is in the form
 * above, else from `new URL`.
 * @throws KeywayConfigError for a URL that is not absolute http(s).
 */
export function splitUrl(url: string | URL): [origin: string, path: string, query: string] {
  const m = typeof url === "string" ? PLAIN_URL.exec(url) : null;
  if (m) return [m[1]!, m[2] || "/", m[3] ?? ""];
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
  return [`${parsed.protocol}//${parsed.host}`, parsed.pathname || "/", parsed.search.slice(1)];
}

/**
 * The base string URI of RFC 5849 §3.4.1.2: scheme and host lower-case, port only when not the scheme's
 * default (80 for http, 443 for https), path as sent; no query, no fragment, no user-info.
 * `GET /r%20v/X` to `EXAMPLE.COM:80` gives `http://example.com/r%20v/X`.
 * @throws KeywayConfigError for a URL that is not absolute http(s).
 */
export function baseStringUri(url: string | URL): string {
  const [origin, path] = splitUrl(url);
  return origin + path;
}

/** The percent-encoded (§3.4.1.1) base string URI of a URL's parts; `encodedOrigin` when the caller has it. */
export function encodeUri(origin: string, path: string, encodedOrigin = percentEncode(origin)): string {
  return encodedOrigin + percentEncode(path);
}

/** Sorts flat encoded pairs by name, then value (byte order: encoded text is ASCII), in place (§3.4.1.3.2). */
export function sortPairs(p: string[]): void {
  if (p.length > 64) {
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < p.length; i += 2) pairs.push([p[i]!, p[i + 1]!]);
    pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
    pairs.forEach(([n, v], i) => {
      p[2 * i] = n;
      p[2 * i + 1] = v;
    });
    return;
  }
  // Insertion sort: a request's parameter list is short.
  for (let i = 2; i < p.length; i += 2) {
    const n = p[i]!;
    const v = p[i + 1]!;
    let j = i - 2;
    for (; j >= 0 && (p[j]! > n || (p[j] === n && p[j + 1]! > v)); j -= 2) {
      p[j + 2] = p[j]!;
      p[j + 3] = p[j + 1]!;
    }
    p[j + 2] = n;
    p[j + 3] = v;
  }
}

/** Encoded text encoded again: `%` is its only character that is not unreserved. */
const again = (s: string) => (s.includes("%") ? s.replaceAll("%", "%25") : s);

/** Whether pair `i` of `a` sorts before pair `j` of `b` (name, then value; §3.4.1.3.2). */
const before = (a: readonly string[], i: number, b: readonly string[], j: number) =>
  a[i]! < b[j]! || (a[i] === b[j] && a[i + 1]! < b[j + 1]!);

/** An encoded pair as the base string holds it: `name=value`, percent-encoded once more (§3.4.1.1). */
export const baseStringEntry = (name: string, value: string) => `${again(name)}%3D${again(value)}`;

/**
 * The base string (§3.4.1.1) of the encoded base string URI ({@link encodeUri}) and two sorted flat lists of
 * encoded pairs (the request's and the protocol's), merged: the normalized parameters (`name=value` joined
 * with `&`) written already percent-encoded. `bEntries` are `b`'s pairs as {@link baseStringEntry} writes
 * them, for a caller that keeps them.
 */
export function baseString(
  method: string,
  encodedUri: string,
  a: readonly string[],
  b: readonly string[],
  bEntries?: readonly string[],
): string {
  let out = `${method.toUpperCase()}&${encodedUri}&`;
  let sep = "";
  for (let i = 0, j = 0; i < a.length || j < b.length; sep = "%26") {
    if (j >= b.length || (i < a.length && before(a, i, b, j))) {
      out += `${sep}${baseStringEntry(a[i]!, a[i + 1]!)}`;
      i += 2;
    } else {
      out += `${sep}${bEntries ? bEntries[j >> 1] : baseStringEntry(b[j]!, b[j + 1]!)}`;
      j += 2;
    }
  }
  return out;
}

/**
 * Normalizes decoded parameters (RFC 5849 §3.4.1.3.2): each name and value percent-encoded (§3.6), sorted
 * by encoded name then encoded value, joined as `name=value` pairs with `&`. Duplicates are kept; the
 * result does not depend on the order of the input.
 * @throws KeywayConfigError for text that is not well-formed Unicode (a lone surrogate).
 */
export function normalizeParameters(pairs: Iterable<readonly [string, string]>): string {
  const flat: string[] = [];
  for (const [name, value] of pairs) flat.push(encode(name), encode(value));
  sortPairs(flat);
  let out = "";
  for (let i = 0; i < flat.length; i += 2) out += `${i === 0 ? "" : "&"}${flat[i]}=${flat[i + 1]}`;
  return out;
}

/** `percentEncode`, with a lone surrogate (which has no UTF-8 form) reported as a config error. */
export function encode(text: string): string {
  try {
    return percentEncode(text);
  } catch {
    throw new KeywayConfigError("oauth1: a parameter is not well-formed Unicode text (lone surrogate)");
  }
}

/** The request's own parameters, encoded and flat: the URL query's and a form body's (§3.4.1.3.1). */
export function requestPairs(
  query: string,
  contentType: string | null | undefined,
  body: Uint8Array | undefined,
): string[] {
  const pairs: string[] = [];
  addFormPairs(pairs, query, false);
  if (body && body.length > 0 && isForm(contentType)) addFormPairs(pairs, octetString(body), true);
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
  const [origin, path, query] = splitUrl(input.url);
  const body = typeof input.body === "string" ? utf8(input.body) : input.body;
  const pairs = requestPairs(query, input.contentType, body);
  sortPairs(pairs);
  const protocol: string[] = [];
  for (const [name, value] of input.oauthParams) protocol.push(encode(name), encode(value));
  sortPairs(protocol);
  return baseString(input.method, encodeUri(origin, path), pairs, protocol);
}
