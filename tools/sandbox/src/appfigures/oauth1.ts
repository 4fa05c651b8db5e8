/**
 * The sandbox's own OAuth 1.0a verifier, written from RFC 5849 with node:crypto (it never imports
 * @keyway/auth, so client and sandbox are two independent readings of the RFC).
 *
 * - Protocol parameters are read from the `Authorization: OAuth …` header (§3.5.1), a form body (§3.5.2) or
 *   the query (§3.5.3). Header values may be quoted and percent-encoded (the RFC form) or unquoted and raw
 *   (what public Appfigures clients send, e.g. `oauth_signature=secret&tokensecret`).
 * - The signature base string (§3.4.1) is built byte by byte: every name and value is form-decoded to octets
 *   and re-encoded with RFC 3986 unreserved characters only, so no UTF-8 decoding can fail or differ.
 * - HMAC-SHA1 (§3.4.2) and PLAINTEXT (§3.4.4) are verified with a constant-time comparison.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The request as the server received it. */
export interface OAuth1IncomingRequest {
  /** HTTP method. */
  method: string;
  /** Scheme (`http` or `https`). */
  scheme: string;
  /** The `Host` header (host and optional port). */
  host: string;
  /** The raw request target: path and query exactly as sent. */
  target: string;
  /** The `Authorization` header, if any. */
  authorization?: string | undefined;
  /** The `Content-Type` header, if any. */
  contentType?: string | undefined;
  /** The raw body text, if any. */
  body?: string | undefined;
}

/** Where the protocol parameters were found, and in which header form. */
export type OAuth1ParamSource = "header-quoted" | "header-unquoted" | "body" | "query";

/** The protocol parameters of a request. */
export interface OAuth1Params {
  /** Decoded `oauth_*` values (header or body or query), `oauth_signature` included. */
  params: Map<string, string>;
  source: OAuth1ParamSource;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** RFC 3986 percent-encoding of octets (§3.6): unreserved characters stay, every other octet is `%XX`. */
export function encodeOctets(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    out += b < 0x80 && UNRESERVED.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** RFC 5849 §3.6 encoding of a string (its UTF-8 octets). */
export function enc(text: string): string {
  return encodeOctets(Buffer.from(text, "utf8"));
}

/** Form-decodes one component to octets: `+` is a space, `%XX` an octet, anything else its UTF-8 octets. */
function formDecode(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "+") out.push(0x20);
    else if (ch === "%" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      for (const b of Buffer.from(String.fromCodePoint(cp), "utf8")) out.push(b);
    }
  }
  return Buffer.from(out);
}

/** `a=b&c=d` → encoded (§3.6) pairs, duplicates kept. */
export function encodedPairs(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of text.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : part.slice(eq + 1);
    pairs.push([encodeOctets(formDecode(name)), encodeOctets(formDecode(value))]);
  }
  return pairs;
}

/** Decoded text of an encoded pair component (the octets as UTF-8; lossy only for names we never look up). */
const decodeText = (text: string) => formDecode(text).toString("utf8");

const isForm = (contentType: string | undefined) =>
  (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "application/x-www-form-urlencoded";

/**
 * Parses `Authorization: OAuth k="v", …` (quoted, percent-encoded) or `OAuth k=v, …` (unquoted, raw).
 * Returns undefined when the header is not an OAuth one.
 */
export function parseOAuthHeader(header: string): OAuth1Params | undefined {
  const m = /^OAuth\s+([\s\S]*)$/i.exec(header.trim());
  if (!m) return undefined;
  const params = new Map<string, string>();
  let quoted = 0;
  let unquoted = 0;
  for (const item of m[1]!.split(",")) {
    const entry = item.trim();
    if (!entry) continue;
    const eq = entry.indexOf("=");
    if (eq < 0) continue;
    const name = entry.slice(0, eq).trim();
    let value = entry.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      quoted++;
      value = decodeText(value.slice(1, -1).replace(/\+/g, "%2B"));
    } else unquoted++;
    if (name !== "realm") params.set(name, value);
  }
  return { params, source: unquoted > quoted ? "header-unquoted" : "header-quoted" };
}

/** The protocol parameters of a request: header first, then a form body, then the query (RFC 5849 §3.5). */
export function protocolParams(req: OAuth1IncomingRequest): OAuth1Params | undefined {
  if (req.authorization) {
    const parsed = parseOAuthHeader(req.authorization);
    if (parsed) return parsed;
  }
  const fromPairs = (text: string, source: OAuth1ParamSource): OAuth1Params | undefined => {
    const params = new Map<string, string>();
    for (const [n, v] of encodedPairs(text)) {
      const name = decodeText(n);
      if (name.startsWith("oauth_")) params.set(name, decodeText(v));
    }
    return params.has("oauth_consumer_key") ? { params, source } : undefined;
  };
  if (req.body && isForm(req.contentType)) {
    const p = fromPairs(req.body, "body");
    if (p) return p;
  }
  const q = req.target.indexOf("?");
  return q < 0 ? undefined : fromPairs(req.target.slice(q + 1), "query");
}

/** The base string URI (§3.4.1.2): lower-case scheme and host, non-default port, the path as sent. */
export function baseUri(req: Pick<OAuth1IncomingRequest, "scheme" | "host" | "target">): string {
  const scheme = req.scheme.toLowerCase();
  let host = req.host.toLowerCase();
  if ((scheme === "http" && host.endsWith(":80")) || (scheme === "https" && host.endsWith(":443"))) {
    host = host.slice(0, host.lastIndexOf(":"));
  }
  const q = req.target.indexOf("?");
  const path = q < 0 ? req.target : req.target.slice(0, q);
  return `${scheme}://${host}${path || "/"}`;
}

/** The signature base string (§3.4.1) of a request and its protocol parameters. */
export function baseString(req: OAuth1IncomingRequest, oauth: OAuth1Params): string {
  const pairs: Array<[string, string]> = [];
  const q = req.target.indexOf("?");
  // Query and form-body parameters (§3.4.1.3.1); when the protocol parameters travel there, they are
  // part of these pairs already, so only the signature is dropped.
  const drop = (pair: [string, string]) => pair[0] === "oauth_signature";
  if (q >= 0) pairs.push(...encodedPairs(req.target.slice(q + 1)).filter((p) => !drop(p)));
  if (req.body && isForm(req.contentType)) pairs.push(...encodedPairs(req.body).filter((p) => !drop(p)));
  if (oauth.source === "header-quoted" || oauth.source === "header-unquoted") {
    for (const [name, value] of oauth.params) {
      if (name !== "oauth_signature") pairs.push([enc(name), enc(value)]);
    }
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalized = pairs.map(([n, v]) => `${n}=${v}`).join("&");
  return `${req.method.toUpperCase()}&${enc(baseUri(req))}&${enc(normalized)}`;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The result of {@link verifySignature}. */
export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks `oauth_signature` for the given shared secrets.
 * PLAINTEXT accepts `enc(clientSecret)&enc(tokenSecret)` (RFC 5849 §3.4.4) and, in the unquoted header form
 * real clients send, the raw `clientSecret&tokenSecret` too.
 */
export function verifySignature(
  req: OAuth1IncomingRequest,
  oauth: OAuth1Params,
  clientSecret: string,
  tokenSecret: string,
): SignatureCheck {
  const method = oauth.params.get("oauth_signature_method");
  const signature = oauth.params.get("oauth_signature");
  if (signature === undefined) return { ok: false, reason: "oauth_signature is missing" };
  const key = `${enc(clientSecret)}&${enc(tokenSecret)}`;
  if (method === "PLAINTEXT") {
    if (same(signature, key)) return { ok: true };
    if (oauth.source === "header-unquoted" && same(signature, `${clientSecret}&${tokenSecret}`))
      return { ok: true };
    return { ok: false, reason: "invalid PLAINTEXT signature" };
  }
  if (method === "HMAC-SHA1") {
    const expected = createHmac("sha1", key).update(baseString(req, oauth)).digest("base64");
    return same(signature, expected) ? { ok: true } : { ok: false, reason: "invalid HMAC-SHA1 signature" };
  }
  return { ok: false, reason: `unsupported oauth_signature_method ${JSON.stringify(method ?? "")}` };
}

/** Remembers nonces for the timestamp window (RFC 5849 §3.3): a repeated (client, token, timestamp, nonce) is a replay. */
export class NonceStore {
  readonly #seen = new Map<string, number>();
  constructor(private readonly windowSeconds: number) {}

  /** Records the nonce; false when it was already used. */
  use(clientKey: string, token: string, timestamp: number, nonce: string, nowSeconds: number): boolean {
    if (this.#seen.size > 10_000) {
      for (const [k, ts] of this.#seen)
        if (Math.abs(nowSeconds - ts) > this.windowSeconds) this.#seen.delete(k);
    }
    const key = `${clientKey}\n${token}\n${timestamp}\n${nonce}`;
    if (this.#seen.has(key)) return false;
    this.#seen.set(key, timestamp);
    return true;
  }

  /** Forgets every nonce. */
  clear(): void {
    this.#seen.clear();
  }
}
