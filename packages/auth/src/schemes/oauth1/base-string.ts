/**
 * The OAuth 1.0a signature base string (RFC 5849 §3.4.1): `METHOD&encode(base-uri)&encode(normalized-params)`,
 * where
 * - base-uri is the final URL's scheme and host lower-cased, the port only when it is not the default,
 *   and the path exactly as sent (§3.4.1.2);
 * - the parameters are the query's and, for an `application/x-www-form-urlencoded` body, the body's pairs,
 *   decoded as form data (`+` is a space) and re-encoded with RFC 3986 percent-encoding (§3.6: only
 *   unreserved characters are left as is), plus every `oauth_*` protocol parameter but the signature;
 *   duplicates are kept, and the list is sorted by encoded name, then encoded value (§3.4.1.3.2).
 */
import { fromUtf8, percentEncode, UNRESERVED, utf8 } from "../../core/crypto.js";
import { KeywayConfigError } from "../../core/errors.js";

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

/** One form component decoded and encoded again (§3.6); unreserved-only text is its own encoding. */
function reencode(text: string, octets: boolean): string {
  return UNRESERVED.test(text) ? text : encodeOctets(decodeFormComponent(text, octets));
}

/** Splits `application/x-www-form-urlencoded` text into encoded (§3.6) name/value pairs, duplicates kept. */
function formPairs(text: string, octets = false): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const segment of text.split("&")) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    const name = eq < 0 ? segment : segment.slice(0, eq);
    const value = eq < 0 ? "" : segment.slice(eq + 1);
    pairs.push([reencode(name, octets), reencode(value, octets)]);
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
export function normalizeEncoded(pairs: Array<[string, string]>): string {
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
export function encode(text: string): string {
  try {
    return percentEncode(text);
  } catch {
    throw new KeywayConfigError("oauth1: a parameter is not well-formed Unicode text (lone surrogate)");
  }
}

/** The request's own parameters, encoded: the URL query and a form body (§3.4.1.3.1). */
export function requestPairs(url: URL, contentType: string | null | undefined, body: Uint8Array | undefined) {
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
