/**
 * Appfigures' error catalogue as a typed error. API failures carry `{ status, message, additional?, reference? }`
 * (https://docs.appfigures.com/api/authentication/basic-auth lists the authentication ones); the OAuth 2.0
 * endpoints answer RFC 6749 §5.2 `{ error, error_description? }`. Appfigures has no error codes, so `kind`
 * classifies the answer and `code` carries the kind (or the OAuth 2.0 `error`).
 */
import { type FailureInfo, ProviderError, type ProviderErrorInit } from "@keyway/auth";

/** What went wrong, as far as the answer tells. */
export type AppfiguresErrorKind =
  /** 401 `Could not authenticate: <user>`: wrong user/password, token, OAuth signature, nonce or timestamp. */
  | "bad-credentials"
  /** 403 `No API Access`: the account is locked for an unpaid balance. */
  | "account-locked"
  /** 403 `API Access is disabled`: API-terms violation. */
  | "access-disabled"
  /** 400 `Must give an app key…`: Basic auth without a client key. */
  | "missing-client-key"
  /** 403: the client key belongs to another account than the authenticated user. */
  | "client-key-mismatch"
  /** 403: the token lacks the scope the operation needs. */
  | "insufficient-scope"
  /** Another 403. */
  | "forbidden"
  /** OAuth 2.0 `invalid_grant`: the code is unknown, used, expired or for another redirect URL. */
  | "invalid-grant"
  /** OAuth 2.0 `invalid_client`: wrong client key or secret. */
  | "invalid-client"
  /** Another OAuth 2.0 error (`invalid_request`, `invalid_scope`, …). */
  | "oauth2"
  /** Another 400. */
  | "bad-request"
  /** 404. */
  | "not-found"
  /** 429: the daily quota or a rate limit. */
  | "rate-limited"
  /** 5xx. */
  | "server"
  /** Anything else. */
  | "unknown";

/** An Appfigures error code: the {@link AppfiguresErrorKind}, or the OAuth 2.0 `error` string. */
export type AppfiguresErrorCode = AppfiguresErrorKind | (string & {});

/** Where Appfigures sends the owner of a locked account to pay. */
export const APPFIGURES_BILLING_URL = "https://appfigures.com/account/billing";

/** The facts an {@link AppfiguresError} is built from. */
export interface AppfiguresErrorInit extends Omit<ProviderErrorInit, "code"> {
  readonly code: AppfiguresErrorCode;
  readonly kind: AppfiguresErrorKind;
  /** The answer's `message` as Appfigures sent it (the error's `message` adds advice). */
  readonly providerMessage: string;
  readonly additional?: string | undefined;
  readonly reference?: string | undefined;
}

/**
 * Appfigures answered with a failure. Returned in `error` (thrown only by `unwrap` and the OAuth flow helpers).
 * `message` is Appfigures' message plus what to do about it (e.g. the billing link for a locked account).
 */
export class AppfiguresError extends ProviderError<AppfiguresErrorCode> {
  override name = "AppfiguresError";
  /** What went wrong. */
  readonly kind: AppfiguresErrorKind;
  /** Appfigures' own `message` (or the OAuth 2.0 `error_description`). */
  readonly providerMessage: string;
  /** Appfigures' `additional` details, when present. */
  readonly additional: string | undefined;
  /** Appfigures' `reference`, when present and not empty. */
  readonly reference: string | undefined;
  constructor(init: AppfiguresErrorInit) {
    super(init);
    this.kind = init.kind;
    this.providerMessage = init.providerMessage;
    this.additional = init.additional;
    this.reference = init.reference;
  }
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Classifies an Appfigures error body. */
function kindOf(status: number, message: string, additional: string): AppfiguresErrorKind {
  const text = `${message} ${additional}`;
  if (status === 401) return "bad-credentials";
  if (status === 403) {
    if (/^No API Access/i.test(message)) return "account-locked";
    if (/^API Access is disabled/i.test(message)) return "access-disabled";
    if (/scope/i.test(text)) return "insufficient-scope";
    if (/client.?key|app key/i.test(text)) return "client-key-mismatch";
    return "forbidden";
  }
  if (status === 400) return /app key|client_key/i.test(message) ? "missing-client-key" : "bad-request";
  if (status === 404) return "not-found";
  if (status === 429) return "rate-limited";
  if (status >= 500) return "server";
  return "unknown";
}

const OAUTH2_KINDS: Record<string, AppfiguresErrorKind> = {
  invalid_grant: "invalid-grant",
  invalid_client: "invalid-client",
  insufficient_scope: "insufficient-scope",
};

/** The docs' advice per kind, appended to the message. */
const ADVICE: Partial<Record<AppfiguresErrorKind, string>> = {
  "account-locked": `The account is locked for an unpaid balance: its owner can pay at ${APPFIGURES_BILLING_URL}.`,
  "access-disabled":
    "API access was disabled for an API-terms violation: contact Appfigures support to resolve it.",
  "missing-client-key":
    "Basic auth needs the API client's key: pass auth.clientKey (sent as X-Client-Key or client_key).",
  "client-key-mismatch":
    "Basic auth only works with a client key created by the same account; use OAuth for other accounts.",
  "insufficient-scope":
    "Request a token with the scope this operation needs (see the operation's oauth2 requirement).",
  "bad-credentials":
    "Check the credentials (and, for OAuth 1.0a, the client clock: timestamps must be current).",
};

/**
 * Whether a parsed body is one of Appfigures' failure shapes: `{ status, message, … }` with a numeric `status`
 * (the API's error body) or RFC 6749 §5.2 `{ error, … }` (the OAuth 2.0 endpoints).
 */
export function isAppfiguresFailure(
  body: unknown,
): body is { status: number; message: string } | { error: string; error_description?: string } {
  if (!body || typeof body !== "object") return false;
  const b = body as Record<string, unknown>;
  return (typeof b.status === "number" && typeof b.message === "string") || typeof b.error === "string";
}

/** Builds an {@link AppfiguresError} from a failed answer's parsed body, text or nothing (the client's `toError`). */
export function appfiguresErrorFrom(f: FailureInfo): AppfiguresError {
  const b = f.body && typeof f.body === "object" ? (f.body as Record<string, unknown>) : undefined;
  const origin = {
    status: f.status,
    attempts: f.attempts,
    body: f.body,
    method: f.method,
    url: f.url,
    operation: f.row.operationId,
  };
  const oauth2Error = str(b?.error);
  if (oauth2Error !== undefined && b?.message === undefined) {
    const kind = OAUTH2_KINDS[oauth2Error] ?? (f.status === 401 ? "invalid-client" : "oauth2");
    const description = str(b?.error_description) ?? "";
    return new AppfiguresError({
      ...origin,
      code: oauth2Error,
      kind,
      providerMessage: description || oauth2Error,
      message: `${oauth2Error}${description ? `: ${description}` : ""}`,
    });
  }
  const providerMessage =
    str(b?.message) ||
    (typeof f.body === "string" && f.body ? f.body.slice(0, 200) : `Appfigures answered HTTP ${f.status}`);
  const additional = str(b?.additional);
  const reference = str(b?.reference) || undefined;
  const kind = kindOf(f.status, providerMessage, additional ?? "");
  const parts = [providerMessage];
  if (additional) parts.push(additional);
  const tip = ADVICE[kind];
  if (tip) parts.push(tip);
  return new AppfiguresError({
    ...origin,
    code: kind,
    kind,
    providerMessage,
    additional: additional || undefined,
    reference,
    message: parts.map((p) => p.replace(/[.\s]+$/, "")).join(". ") + ".",
  });
}
