/**
 * JWT session: `Authorization: Bearer <jwt>` with a token obtained from a login call, cached, refreshed
 * shortly before it expires and once after a 401. Hyper's Reseller and Storefront APIs use it.
 *
 * The token's `exp` claim is read without verifying the signature (the client cannot verify an HS256
 * token and does not need to: the server does); it only decides when to fetch a new one.
 */
import { fromBase64, fromUtf8 } from "../core/crypto.js";
import { KeywayAuthError, KeywayConfigError } from "../core/errors.js";
import { opaque } from "../core/redact.js";
import { emitSign } from "../core/scheme-kit.js";
import {
  type AuthErrorDecision,
  REDACTED,
  type Scheme,
  type SignContext,
  type SignResult,
} from "../core/types.js";

/** A token with an optional expiry, as a login endpoint answers (Hyper: `data.Token` + `data.Expiration`). */
export interface JwtToken {
  /** The JWT (or any opaque bearer token). */
  readonly token: string;
  /**
   * When the token expires: ms since the epoch, a `Date`, or an ISO-8601 string. When both this and the
   * token's `exp` claim are known, the earlier one counts.
   */
  readonly expiresAt?: number | Date | string | undefined;
}

/** Why {@link JwtSessionOptions.getToken} is called. */
export type JwtTokenReason =
  /** No token yet. */
  | "initial"
  /** The cached token is about to expire (within the refresh margin). */
  | "expiring"
  /** The server answered 401 to the cached token: a fresh login is needed, not a cached copy. */
  | "rejected";

/** Options of {@link jwtSession}. */
export interface JwtSessionOptions {
  /**
   * Obtains a token: typically a login call (Hyper: Generate Token `POST /Login/Customer/Api/Verify`, or the
   * Storefront customer login). Called once at a time (concurrent requests share one call).
   */
  readonly getToken: (info: {
    readonly reason: JwtTokenReason;
  }) => string | JwtToken | Promise<string | JwtToken>;
  /** Fetch a new token this long before it expires (capped at half the token's lifetime). Default 30 000. */
  readonly refreshMarginMs?: number;
  /** Header to send the token in. Default `authorization`. */
  readonly header?: string;
  /** Text before the token in the header value. Default `Bearer ` (Hyper: without it the answer is 401). */
  readonly prefix?: string;
  /**
   * A token obtained after a 401 that is itself answered 401 within this many ms is not replaced again:
   * `onAuthError` answers `"fail"` (the credentials are wrong; a new login will not help). Also the minimum
   * time between two fetches of a token that is already expired when it arrives. Default 10 000.
   */
  readonly freshTokenMs?: number;
}

/** The JWT session scheme: a {@link Scheme} with a required `onAuthError` and an explicit `invalidate`. */
export interface JwtSessionScheme extends Scheme {
  /**
   * A 401 answered the attempt `ctx` signed with `signed` (what {@link Scheme.sign} returned for it; the
   * transport passes it): `"retry"` once that token is dropped, `"fail"` when a new token will not help or the
   * attempt is not one this scheme signed.
   */
  onAuthError(response: Response, ctx: SignContext, signed?: SignResult): AuthErrorDecision;
  /** Drops the cached token (e.g. on logout); the next request calls `getToken` again. */
  invalidate(): void;
}

/** RFC 6750 §2.1 b64token: JWTs (base64url segments and dots) fit. */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;
/** RFC 9110 field-name (token). */
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Reads a JWT's `exp` claim (RFC 7519 §4.1.4, seconds since the epoch) **without verifying** the token.
 * @param token a JWS compact serialization (`header.payload.signature`).
 * @returns the expiry in ms since the epoch, or `undefined` when the token is not a readable JWT or has no
 *   numeric `exp` (such a token is used as is, without proactive refresh).
 */
export function jwtExpiresAt(token: string): number | undefined {
  const segments = token.split(".");
  if (segments.length !== 3) return undefined;
  const payload = segments[1]!;
  if (!/^[A-Za-z0-9_-]*$/.test(payload) || payload.length % 4 === 1) return undefined;
  const b64 = payload.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (payload.length % 4)) % 4);
  const bytes = fromBase64(b64);
  if (!bytes) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(fromUtf8(bytes));
  } catch {
    return undefined;
  }
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) return undefined;
  const exp = (claims as { exp?: unknown }).exp;
  return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
}

function toMs(value: JwtToken["expiresAt"]): number | undefined {
  if (value === undefined) return undefined;
  const ms =
    value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : Number(value);
  return Number.isFinite(ms) ? ms : undefined;
}

interface Entry {
  readonly value: string;
  readonly fetchedAt: number;
  /** When the token expires, if known. */
  readonly expiresAt: number | undefined;
  /** When to fetch a new one proactively; undefined: never (no known expiry). */
  readonly refreshAt: number | undefined;
  /** The token was fetched because the previous one was refused with a 401. */
  readonly afterRejection: boolean;
  /** What an attempt signed with this token carries (made once per token). */
  readonly result: SignResult;
}

/** The token source failed; carries the original error for the waiters to wrap. */
class SourceFailure {
  constructor(
    readonly message: string,
    readonly cause: unknown,
  ) {}
}

/**
 * Creates a JWT session scheme.
 *
 * - The token from `getToken` is cached; its `exp` claim (or `expiresAt`) schedules a refresh
 *   `refreshMarginMs` before expiry, measured with `ctx.now()`. A token that is not a readable JWT and has
 *   no `expiresAt` is used as is until the server refuses it.
 * - Concurrent requests share one `getToken` call (single flight). If a proactive refresh fails while the
 *   cached token has not expired yet, the cached token is still used.
 * - On a 401, `onAuthError` drops the token that signed the refused attempt and answers `"retry"`; the
 *   transport re-signs (fetching a new token, reason `"rejected"`) and retries once. A token obtained that way
 *   and refused again within `freshTokenMs` gives `"fail"`. `onAuthError` answers `"retry"` at most once per
 *   signed attempt.
 * - A failing or throwing `getToken` rejects the call with {@link KeywayAuthError} (the token never appears in
 *   a message); a value that is not a token is refused the same way.
 *
 * Wiring in a provider package (Hyper Reseller; Hyper documents no refresh-token endpoint, so "refresh"
 * means logging in again, as its auth guide says):
 * @example
 * ```ts
 * import { jwtSession } from "@keyway/auth/jwt";
 * const scheme = jwtSession({
 *   getToken: async () => {
 *     // Generate Token is anonymous (`security: []`): call it with the client's own inner fetch, no scheme.
 *     const res = await fetch(`${baseUrl}/Login/Customer/Api/Verify`, {
 *       method: "POST",
 *       headers: { "content-type": "application/json" },
 *       body: JSON.stringify({ Email: email, Password: await password() }),
 *     });
 *     const { data } = await res.json(); // { Token, Expiration } (camelCase in some live answers)
 *     return { token: data.Token ?? data.token, expiresAt: data.Expiration ?? data.expiration };
 *   },
 * });
 * ```
 * @throws KeywayConfigError for an invalid header name, prefix or negative durations.
 */
export function jwtSession(options: JwtSessionOptions): JwtSessionScheme {
  const { getToken } = options;
  if (typeof getToken !== "function") throw new KeywayConfigError("jwtSession: getToken must be a function");
  const margin = options.refreshMarginMs ?? 30_000;
  const freshMs = options.freshTokenMs ?? 10_000;
  if (!(margin >= 0) || !(freshMs >= 0)) {
    throw new KeywayConfigError("jwtSession: refreshMarginMs and freshTokenMs must be non-negative numbers");
  }
  const header = (options.header ?? "authorization").toLowerCase();
  if (!FIELD_NAME.test(header))
    throw new KeywayConfigError("jwtSession: header is not a valid HTTP field name");
  const prefix = options.prefix ?? "Bearer ";
  if (!/^[\x20-\x7e]*$/.test(prefix))
    throw new KeywayConfigError("jwtSession: prefix must be printable ASCII");
  const debug = Object.freeze({
    headers: Object.freeze({ [header]: prefix ? `${prefix}${REDACTED}` : REDACTED }),
  });

  let current: Entry | undefined;
  let pending: Promise<Entry> | undefined;
  /** Set by onAuthError: the next fetch replaces a refused token. */
  let rejected = false;
  /**
   * The token behind each result `sign` has handed out, set once per token (a map entry per signed attempt
   * cost the garbage collector more than the rest of a call): `onAuthError` is given the refused attempt's
   * result.
   */
  const tokenOf = new WeakMap<SignResult, Entry>();
  /** Attempts `onAuthError` has answered (written only on a 401): it answers `"retry"` once per attempt. */
  const answered = new WeakSet<SignContext>();

  const fetchEntry = async (ctx: SignContext, reason: JwtTokenReason): Promise<Entry> => {
    let raw: unknown;
    try {
      raw = await getToken({ reason });
    } catch (err) {
      throw new SourceFailure("jwtSession: getToken failed", err);
    }
    const value = typeof raw === "string" ? raw : (raw as JwtToken | null)?.token;
    if (typeof value !== "string" || value.length === 0 || !TOKEN68.test(value)) {
      throw new SourceFailure(
        "jwtSession: getToken returned something that is not a bearer token",
        undefined,
      );
    }
    const given = typeof raw === "object" && raw !== null ? toMs((raw as JwtToken).expiresAt) : undefined;
    const claimed = jwtExpiresAt(value);
    const expiresAt =
      given === undefined ? claimed : claimed === undefined ? given : Math.min(given, claimed);
    const fetchedAt = ctx.now();
    let refreshAt: number | undefined;
    if (expiresAt !== undefined) {
      const lifetime = expiresAt - fetchedAt;
      refreshAt = lifetime > 0 ? expiresAt - Math.min(margin, lifetime / 2) : fetchedAt + freshMs;
    }
    const result = Object.freeze({ headers: Object.freeze({ [header]: `${prefix}${value}` }) });
    const entry = { value, fetchedAt, expiresAt, refreshAt, afterRejection: reason === "rejected", result };
    tokenOf.set(result, entry);
    return entry;
  };

  /** The cached token when it is still fresh at `now` (no fetch, no refresh due). */
  const fresh = (now: number): Entry | undefined => {
    const cached = current;
    return cached && (cached.refreshAt === undefined || now < cached.refreshAt) ? cached : undefined;
  };

  /** Signs `ctx` with `entry`: its result, the same object for every attempt the token signs. */
  const signWith = (entry: Entry, ctx: SignContext): SignResult => {
    emitSign(ctx, "jwt", debug);
    return entry.result;
  };

  /** The token for an attempt at `now` when the cached one is not fresh: fetched once for all waiters. */
  const entryFor = async (ctx: SignContext, now: number): Promise<Entry> => {
    const cached = current;
    if (!pending) {
      const reason: JwtTokenReason = rejected ? "rejected" : cached ? "expiring" : "initial";
      const flight = fetchEntry(ctx, reason).then(
        (entry) => {
          if (pending === flight) {
            current = entry;
            rejected = false;
            pending = undefined;
          }
          return entry;
        },
        (err: unknown) => {
          if (pending === flight) pending = undefined;
          throw err;
        },
      );
      pending = flight;
    }
    try {
      return await pending;
    } catch (err) {
      // A proactive refresh failed but the cached token is still valid: keep using it.
      if (cached && !rejected && cached.expiresAt !== undefined && now < cached.expiresAt) return cached;
      const failure =
        err instanceof SourceFailure ? err : new SourceFailure("jwtSession: getToken failed", err);
      throw new KeywayAuthError(
        failure.message,
        { operation: ctx.row.operationId },
        failure.cause === undefined ? undefined : { cause: failure.cause },
      );
    }
  };

  return Object.freeze({
    name: "jwt",
    sign(_parts, ctx) {
      // A fresh cached token signs synchronously: no promise per call while the token lasts.
      const now = ctx.now();
      const ready = fresh(now);
      if (ready) return signWith(ready, ctx);
      return entryFor(ctx, now).then((entry) => signWith(entry, ctx));
    },
    onAuthError(_response, ctx, signed): AuthErrorDecision {
      const entry = signed === undefined ? undefined : tokenOf.get(signed);
      if (!entry || answered.has(ctx)) return "fail";
      answered.add(ctx);
      if (entry.afterRejection && ctx.now() - entry.fetchedAt < freshMs) return "fail";
      if (current === entry) {
        current = undefined;
        rejected = true;
      }
      return "retry";
    },
    invalidate() {
      current = undefined;
      pending = undefined;
      rejected = false;
    },
    ...opaque("[jwt scheme]", { scheme: "jwt", header, token: REDACTED }),
  } satisfies JwtSessionScheme);
}
