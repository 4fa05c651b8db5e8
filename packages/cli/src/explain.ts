/**
 * `keyway explain`: sends the request through the provider's own client (so its scheme's `sign()` runs in
 * `@keyway/auth`'s transport, exactly as in an application) with a fixed clock and randomness, an inner `fetch`
 * that records the signed request instead of sending it, and the client's `onSign` debug hook for the canonical
 * string. Nothing leaves the machine and no signature is computed here.
 * @module
 */
import { type KeywayError, REDACTED, type SignDebugEvent } from "@keyway/auth";
import { CliError } from "./errors.js";
import { matchOperation } from "./match.js";
import type { ProviderAdapter, ProviderValues } from "./providers.js";
import { rfc3986 } from "./redact.js";
import type { RequestInput } from "./request.js";

/** What to explain. */
export interface ExplainInput {
  readonly provider: ProviderAdapter;
  /** The provider's option values (credentials and choices). */
  readonly values: ProviderValues;
  readonly request: RequestInput;
  /** The base URL in front of the operation path (default: inferred from the URL). */
  readonly baseUrl?: string | undefined;
  /** The clock, in ms since the epoch. */
  readonly now: number;
  /** The random bytes behind nonces, IVs and generated ids (default: the platform's). */
  readonly random?: ((n: number) => Uint8Array) | undefined;
}

/** What Keyway would send, and how it got there. */
export interface Explanation {
  /** The provider's display name, e.g. `SGate`. */
  readonly provider: string;
  /** The surface, for a provider with several (Hyper). */
  readonly surface?: string;
  readonly operationId: string;
  /** The spec's method and path template, e.g. `GET /merchants/{merchantId}`. */
  readonly operation: string;
  /** The scheme that signed, e.g. `sgate-hmac`. */
  readonly scheme: string;
  /** The canonical string / signature base string, as the client's `onSign` hook reports it. */
  readonly canonical?: string;
  /** The signature, for schemes that compute one. */
  readonly signature?: string;
  readonly method: string;
  /** The URL sent (HiShopping's GETs carry the envelope in it). */
  readonly url: string;
  /** Every header sent, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body sent (HiShopping: the envelope), as text. */
  readonly body?: string;
}

/** The request the client handed to its inner fetch. */
class Captured extends Error {}

const BODYLESS = new Set(["GET", "HEAD", "DELETE"]);

function isForm(headers: RequestInput["headers"]): boolean {
  return headers.some(
    ([n, v]) =>
      n.toLowerCase() === "content-type" && v.toLowerCase().startsWith("application/x-www-form-urlencoded"),
  );
}

/** The typed call the request stands for: its body as a value, and (for a GET) a JSON body as the query. */
function callInit(request: RequestInput, query: Record<string, unknown>) {
  const { body } = request;
  if (body === undefined || body === "") return { query, body: undefined };
  if (isForm(request.headers)) return { query, body: Object.fromEntries(new URLSearchParams(body)) };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new CliError(
      "the body is not JSON (send a form with -H 'Content-Type: application/x-www-form-urlencoded')",
      2,
    );
  }
  if (!BODYLESS.has(request.method)) return { query, body: value };
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CliError(
      `a ${request.method} has no body; a JSON object given for it is taken as its typed query`,
      2,
    );
  }
  return { query: { ...query, ...(value as Record<string, unknown>) }, body: undefined };
}

function queryOf(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function signatureOf(scheme: string, sent: { url: string; headers: Headers; body: string | undefined }) {
  switch (scheme) {
    case "sgate-hmac":
      return sent.headers.get("x-auth-signature") ?? undefined;
    case "hishopping-headers":
      return sent.headers.get("sign") ?? undefined;
    case "hishopping-envelope": {
      const fromUrl = new URL(sent.url).searchParams.get("sign");
      if (fromUrl) return fromUrl;
      const sign = sent.body ? (JSON.parse(sent.body) as { sign?: unknown }).sign : undefined;
      return typeof sign === "string" ? sign : undefined;
    }
    case "oauth1": {
      const m = /oauth_signature="([^"]*)"/.exec(sent.headers.get("authorization") ?? "");
      return m ? decodeURIComponent(m[1]!) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The signature base string with every OAuth 1.0a parameter a client's debug hook hid (Appfigures hides
 * `oauth_token` and `oauth_verifier`) put back from the `Authorization` header that was sent, so the explanation
 * holds what was signed. A header value is already encoded (RFC 5849 §3.5.1); the base string encodes the
 * normalized parameters once more (§3.4.1.1), so the value comes back encoded again.
 */
function revealOAuthParams(canonical: string, authorization: string): string {
  const sent = new Map<string, string>();
  for (const [, name, value] of authorization.matchAll(/([\w.~-]+)="([^"]*)"/g)) sent.set(name!, value!);
  const hidden = REDACTED.replace(/[[\]]/g, "\\$&");
  return canonical.replace(
    new RegExp(`(?<=&|%26)(oauth_\\w+)%3D${hidden}(?=%26|$)`, "g"),
    (m, name: string) => {
      const value = sent.get(name);
      return value === undefined ? m : `${name}%3D${rfc3986(value)}`;
    },
  );
}

/**
 * Runs the request through the provider's client and returns what it would send, secrets included: pass the
 * result through `redactExplanation` before printing it unless the user asked for secrets.
 * @throws CliError for a request no operation matches or that the client refuses (its message, no stack).
 */
export async function explain(input: ExplainInput): Promise<Explanation> {
  const { provider, request } = input;
  const match = matchOperation(provider.tables, request.method, request.url, {
    baseUrl: input.baseUrl,
    surface: input.values.surface,
    basePath: provider.basePath,
  });
  let sent: { url: string; method: string; headers: Headers; body: string | undefined } | undefined;
  let event: SignDebugEvent | undefined;
  const client = provider.client(match.surface, input.values, {
    baseUrl: match.baseUrl,
    now: () => input.now,
    ...(input.random ? { random: input.random } : {}),
    retry: false,
    timeoutMs: 0,
    onSign: (e) => {
      event = e;
    },
    fetch: async (req, init) => {
      const request = init ? new Request(req, init) : req;
      const bytes = new Uint8Array(await request.arrayBuffer());
      sent = {
        url: request.url,
        method: request.method,
        headers: new Headers(request.headers),
        body: bytes.length > 0 ? new TextDecoder().decode(bytes) : undefined,
      };
      throw new Captured();
    },
  });
  const target = new URL(request.url);
  const { query, body } = callInit(request, queryOf(target));
  const headers = Object.fromEntries(request.headers);
  const call = client[request.method as "GET"] as unknown as (
    path: string,
    init: Record<string, unknown>,
  ) => Promise<unknown>;
  try {
    await call(match.row.path, { params: { path: match.path, query }, body, headers, parseAs: "text" });
  } catch (err) {
    if (!sent) throw new CliError((err as KeywayError).message ?? String(err), 1, { cause: err });
  }
  if (!sent) throw new CliError(`${provider.title}: the client sent nothing for ${match.row.operationId}`);
  const signature = event ? signatureOf(event.scheme, sent) : undefined;
  const authorization = sent.headers.get("authorization");
  const canonical =
    event?.scheme === "oauth1" && event.canonical !== undefined && authorization
      ? revealOAuthParams(event.canonical, authorization)
      : event?.canonical;
  return {
    provider: provider.title,
    ...(match.surface ? { surface: match.surface } : {}),
    operationId: match.row.operationId,
    operation: `${match.row.method} ${match.row.path}`,
    scheme: event?.scheme ?? "none",
    ...(canonical === undefined ? {} : { canonical }),
    ...(signature === undefined ? {} : { signature }),
    method: sent.method,
    url: sent.url,
    headers: Object.fromEntries(sent.headers),
    ...(sent.body === undefined ? {} : { body: sent.body }),
  };
}
