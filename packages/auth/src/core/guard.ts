/**
 * Checks a call's inputs before anything is sent, so bad input becomes a {@link KeywayConfigError} naming
 * the option instead of a raw `TypeError` from `Headers`, `JSON.stringify` or `encodeURIComponent`, and so a
 * path parameter can never change the route (`.`, `..`, `""`, objects).
 */
import { KeywayConfigError } from "./errors.js";
import type { OperationRow } from "./types.js";

/** A header value `Headers` accepts and keeps as written: no CR, LF, NUL, other controls, or non-Latin-1. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Whether `value` can travel in an HTTP header field unchanged. */
export function isHeaderSafe(value: string): boolean {
  return HEADER_VALUE.test(value);
}

/**
 * Throws a {@link KeywayConfigError} naming `option` unless `value` is a string that can travel in an HTTP
 * header (no CR, LF, NUL or other control characters, nothing above U+00FF). The value is never shown.
 */
export function assertHeaderSafe(option: string, value: unknown, operation?: string): void {
  if (typeof value !== "string" || !HEADER_VALUE.test(value)) {
    throw new KeywayConfigError(
      `${option} must be text an HTTP header can carry (no CR, LF, NUL or other control characters, ` +
        "nothing outside Latin-1); the value is not shown",
      { operation },
    );
  }
}

/** Header values openapi-fetch turns into text itself (or drops): nothing to check. */
const isPlain = (value: unknown) =>
  value === undefined || value === null || typeof value === "number" || typeof value === "boolean";

/** A lone surrogate: `encodeURIComponent` throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const describe = (value: unknown) =>
  typeof value === "string" ? JSON.stringify(value.slice(0, 64)) : value === null ? "null" : typeof value;

/** The parameter names of each path template seen so far (a client's templates are few, and parsed once). */
const TEMPLATE_NAMES = /* @__PURE__ */ new Map<string, readonly string[]>();

/** A path template's parameter names, in order, without RFC 6570 prefixes (`.`, `;`) or the explode `*`. */
function templateNames(template: string): readonly string[] {
  let names = TEMPLATE_NAMES.get(template);
  if (names === undefined) {
    names = Array.from(template.matchAll(/\{([^}]+)\}/g), (m) =>
      m[1]!.replace(/^[.;]/, "").replace(/\*$/, ""),
    );
    TEMPLATE_NAMES.set(template, names);
  }
  return names;
}

/**
 * The path parameters of `row`'s template must each be given as a non-empty string or a finite number that is
 * not `.` or `..` and is well-formed Unicode: anything else would change or break the route.
 */
export function checkPathParams(
  row: OperationRow,
  path: Readonly<Record<string, unknown>> | undefined,
): void {
  const template = row.path;
  if (template.indexOf("{") < 0) return;
  for (const name of templateNames(template)) {
    const value = path?.[name];
    const text =
      typeof value === "number" && Number.isFinite(value)
        ? String(value)
        : typeof value === "string"
          ? value
          : undefined;
    if (text === undefined || text === "" || text === "." || text === ".." || LONE_SURROGATE.test(text)) {
      throw new KeywayConfigError(
        `params.path.${name} of ${row.method} ${row.path} must be a non-empty string or a finite number, not ` +
          `"." or "..", got ${describe(value)}; refusing to send`,
        { method: row.method, operation: row.operationId },
      );
    }
  }
}

/**
 * Header parameters and per-call headers must be header-safe text (or numbers / booleans). Returns whether
 * they name `User-Agent` (with a value, or `null` to send none): then the client's default is not added.
 */
export function checkHeaders(
  row: OperationRow,
  header: Readonly<Record<string, unknown>> | undefined,
  headers: unknown,
): boolean {
  let userAgent = false;
  if (header) {
    for (const name in header) {
      const value = header[name];
      if (!isPlain(value)) assertHeaderSafe(`params.header.${name}`, value, row.operationId);
      if (isUserAgent(name)) userAgent = true;
    }
  }
  if (headers instanceof Headers) return userAgent || headers.has("user-agent");
  if (headers && typeof headers === "object") {
    const entries = Array.isArray(headers) ? headers : Object.entries(headers as Record<string, unknown>);
    for (const [name, value] of entries as [string, unknown][]) {
      for (const v of Array.isArray(value) ? value : [value]) {
        if (!isPlain(v)) assertHeaderSafe(`headers.${name}`, v, row.operationId);
      }
      if (isUserAgent(name)) userAgent = true;
    }
  }
  return userAgent;
}

const isUserAgent = (name: string) => name.length === 10 && name.toLowerCase() === "user-agent";

/**
 * Runs a body serializer, turning what JSON cannot carry (a BigInt, a cycle) into a {@link KeywayConfigError}
 * naming `body`.
 */
export function serializeBody<T>(row: OperationRow, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof KeywayConfigError) throw err;
    throw new KeywayConfigError(
      `body of ${row.method} ${row.path} cannot be serialised: ${(err as Error)?.message ?? String(err)}`,
      { method: row.method, operation: row.operationId },
      { cause: err },
    );
  }
}

/** Refuses a base URL that is not absolute, or plain http to anything but loopback. */
export function checkBaseUrl(input: string | URL): string {
  if (typeof input !== "string" && !(input instanceof URL)) {
    throw new KeywayConfigError(
      `baseUrl must be a string or a URL, got ${input === null ? "null" : typeof input}`,
    );
  }
  const baseUrl = String(input);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new KeywayConfigError(
      `baseUrl must be an absolute URL, got ${JSON.stringify(baseUrl.slice(0, 200))}`,
    );
  }
  if (url.protocol === "http:") {
    const host = url.hostname;
    const loopback = host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
    if (!loopback)
      throw new KeywayConfigError(
        `baseUrl ${url.origin} is plain http; use https (http is allowed on loopback only)`,
      );
  } else if (url.protocol !== "https:") {
    throw new KeywayConfigError(`baseUrl must be https (or http on loopback), got ${url.protocol}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new KeywayConfigError("baseUrl must not carry a query, fragment or credentials");
  }
  return baseUrl.replace(/\/+$/, "");
}

/** True in a browser page or worker with a DOM (not in Node, Bun, Deno or edge runtimes). */
export function isBrowser(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown };
  return typeof g.window !== "undefined" && typeof g.document !== "undefined";
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The caller's `headers` option as openapi-fetch merges it into every call, names in lower case (a `null`
 * value removes a header, as in openapi-fetch). Each value is checked once, here. The default `User-Agent` is
 * not among them: the transport sets it (see {@link defaultUserAgent}).
 */
export function defaultHeaders(given: unknown): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (given !== undefined && given !== null) {
    if (typeof given !== "object")
      throw new KeywayConfigError("headers must be an object, Headers or entries");
    const entries: Iterable<[string, unknown]> =
      given instanceof Headers || Array.isArray(given)
        ? (given as Iterable<[string, unknown]>)
        : Object.entries(given as Record<string, unknown>);
    for (const [name, value] of entries) {
      if (!HEADER_NAME.test(name))
        throw new KeywayConfigError(`headers: ${JSON.stringify(name)} is not a header name`);
      for (const v of Array.isArray(value) ? value : [value])
        if (!isPlain(v)) assertHeaderSafe(`headers.${name}`, v);
      out[name.toLowerCase()] = value;
    }
  }
  for (const _ in out) return out;
  return undefined;
}

/**
 * The `User-Agent` the transport sets on a call whose headers do not name one: `userAgent`, unless this is a
 * browser (which forbids or ignores it) or the client's `headers` option names it (a value replaces it, `null`
 * drops it). Set on the Request openapi-fetch built rather than merged by openapi-fetch into each call's headers,
 * which cost a header copy per call.
 */
export function defaultUserAgent(
  userAgent: string | undefined,
  headers: Record<string, unknown> | undefined,
): string | undefined {
  return userAgent && !isBrowser() && !(headers && "user-agent" in headers) ? userAgent : undefined;
}
