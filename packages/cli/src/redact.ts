/**
 * What `keyway explain` hides unless `--show-secrets`. Secrets are hidden first by field, where Keyway puts them:
 * the credential headers and query parameters `@keyway/auth` knows, the OAuth 1.0a parameters that carry the
 * client key, token or verifier (in the `Authorization` header and the base string), a PLAINTEXT signature, and
 * body fields named like a credential. Then each secret value given is searched for as text everywhere, as a
 * safety net, unless it is shorter than {@link MIN_SEARCHED_SECRET}: a value that short is as likely to be part
 * of a timestamp, a signature or a word, and blanking it there would garble the output without hiding anything.
 * @module
 */
import { REDACTED, redactHeaders, redactUrl, SECRET_QUERY_PARAMS } from "@keyway/auth";
import type { Explanation } from "./explain.js";

/**
 * The shortest secret searched for as text (8: the shortest memorized secret NIST SP 800-63B §5.1.1.2 allows).
 * Shorter secrets are hidden only in the fields known to carry them.
 */
export const MIN_SEARCHED_SECRET = 8;

/** OAuth 1.0a parameters Keyway treats as secrets: the client key (Appfigures' `client_key`), the token, the verifier. */
const OAUTH_SECRET_PARAMS = new Set(["oauth_consumer_key", "oauth_token", "oauth_verifier"]);

/** Body fields (any depth, any case) whose values are credentials: the secret query parameter names. */
const SECRET_FIELDS = new Set(SECRET_QUERY_PARAMS.map((n) => n.toLowerCase()));

/** RFC 3986 percent-encoding (OAuth 1.0a's, RFC 5849 §3.6): unreserved characters kept, the rest `%XX`. */
export const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An `Authorization: OAuth …` header with the secret parameters (and a PLAINTEXT signature) hidden. */
function redactOAuthHeader(value: string, plaintext: boolean): string {
  return value.replace(/\b(oauth_[a-z_]+)="[^"]*"/g, (field, param: string) =>
    OAUTH_SECRET_PARAMS.has(param) || (plaintext && param === "oauth_signature")
      ? `${param}="${REDACTED}"`
      : field,
  );
}

/** A signature base string with the secret OAuth 1.0a parameters hidden (values run to the next `%26`). */
function redactBaseString(canonical: string): string {
  return canonical.replace(/(?<=&|%26)(oauth_[a-z_]+)%3D.*?(?=%26|$)/g, (field, param: string) =>
    OAUTH_SECRET_PARAMS.has(param) ? `${param}%3D${REDACTED}` : field,
  );
}

/** A copy of a JSON value with the string or number under every credential-named key hidden. */
function redactFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactFields);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_FIELDS.has(k.toLowerCase()) && (typeof v === "string" || typeof v === "number")
        ? REDACTED
        : redactFields(v),
    ]),
  );
}

/** A body with credential-named fields hidden: JSON by key, a form by name; other bodies as they are. */
function redactBody(body: string, contentType: string | undefined): string {
  if (/^application\/x-www-form-urlencoded/i.test(contentType ?? "")) {
    return redactUrl(`?${body}`).slice(1);
  }
  if (!/^\s*[[{]/.test(body)) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  const redacted = JSON.stringify(redactFields(parsed));
  // Only a body that had a credential is re-serialized: any other keeps its bytes (HiShopping's Go escaping).
  return redacted === JSON.stringify(parsed) ? body : redacted;
}

/**
 * The explanation with every secret replaced by `[redacted]`: by field first (see the module), then each value of
 * `secrets` at least {@link MIN_SEARCHED_SECRET} characters long wherever it appears, as typed or
 * percent-encoded once or twice (URL, headers, body, canonical string, signature).
 */
export function redactExplanation(e: Explanation, secrets: readonly string[]): Explanation {
  const searched = secrets.filter((s) => s.length >= MIN_SEARCHED_SECRET);
  const spellings = searched.flatMap((s) => [s, encodeURIComponent(s), rfc3986(s), rfc3986(rfc3986(s))]);
  const values = [...new Set(spellings)].sort((a, b) => b.length - a.length);
  const scrub = (text: string) => values.reduce((t, secret) => t.split(secret).join(REDACTED), text);
  const plaintext =
    e.scheme === "oauth1" && /oauth_signature_method="PLAINTEXT"/.test(e.headers.authorization ?? "");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(e.headers)) {
    headers[name] = scrub(
      name === "authorization" && /^OAuth /i.test(value)
        ? redactOAuthHeader(value, plaintext)
        : redactHeaders({ [name]: value })[name]!,
    );
  }
  const canonical =
    e.scheme === "oauth1" && e.canonical !== undefined ? redactBaseString(e.canonical) : e.canonical;
  return {
    ...e,
    url: scrub(redactUrl(e.url)),
    headers,
    ...(canonical === undefined ? {} : { canonical: scrub(canonical) }),
    ...(e.signature === undefined ? {} : { signature: plaintext ? REDACTED : scrub(e.signature) }),
    ...(e.body === undefined ? {} : { body: scrub(redactBody(e.body, e.headers["content-type"])) }),
  };
}

/**
 * The note `keyway explain` prints when some secrets given are too short to be searched for as text, naming
 * their options (never their values); `undefined` when there is none.
 * @param given the secret options given: their flag (e.g. `--secret`) and value.
 */
export function shortSecretsNote(given: readonly { flag: string; value: string }[]): string | undefined {
  const short = given.filter((g) => g.value.length > 0 && g.value.length < MIN_SEARCHED_SECRET);
  if (short.length === 0) return undefined;
  const flags = short.map((g) => g.flag).join(", ");
  return (
    `${flags} ${short.length === 1 ? "is" : "are"} shorter than ${MIN_SEARCHED_SECRET} characters: hidden in the ` +
    "fields known to carry credentials, but not searched for elsewhere (it would blank unrelated text)"
  );
}
