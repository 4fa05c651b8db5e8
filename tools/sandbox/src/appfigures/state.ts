/**
 * The Appfigures sandbox's mutable state and its authentication rules: OAuth 1.0a temporary and access tokens,
 * OAuth 2.0 codes and tokens, linked store accounts, nonces and the daily quota. Every failure is an
 * `AppfiguresApiError` (errors.ts) carrying the documented body.
 */
import { randomBytes } from "node:crypto";
import { fail, oauth2Fail } from "./errors.js";
import {
  ACCOUNTS,
  type Account,
  type ApiClient,
  CLIENTS,
  EXTERNAL_ACCOUNTS,
  PERSONAL_TOKENS,
  type SandboxUser,
  TEST_USER_ID,
  USERS,
} from "./fixtures.js";
import { NonceStore, type OAuth1IncomingRequest, type OAuth1Params, verifySignature } from "./oauth1.js";

/** Who a request acts as, and with which scopes. */
export interface Principal {
  user: SandboxUser;
  account: Account;
  scopes: readonly string[];
  via: "token" | "oauth1" | "basic";
}

interface TempToken {
  clientKey: string;
  secret: string;
  callback: string;
  scopes: readonly string[];
  verifier?: string;
  userId?: number;
}
interface AccessToken1 {
  clientKey: string;
  secret: string;
  scopes: readonly string[];
  userId: number;
}
interface Code {
  clientKey: string;
  redirectUri: string;
  scopes: readonly string[];
  userId: number;
  expiresAt: number;
  used: boolean;
}
interface Token2 {
  clientKey: string;
  scopes: readonly string[];
  userId: number;
  issuedAt: number;
  revoked: boolean;
}

const id = (prefix: string, bytes = 12) => `${prefix}${randomBytes(bytes).toString("hex")}`;

/** Options of {@link AppfiguresState}. */
export interface AppfiguresStateOptions {
  /** Requests per account per UTC day (default 5000). */
  dailyLimit: number;
  /** Accepted distance of `oauth_timestamp` from the sandbox clock, seconds (default 300). */
  toleranceSeconds: number;
}

/** In-memory state of one Appfigures sandbox. */
export class AppfiguresState {
  readonly temp = new Map<string, TempToken>();
  readonly access1 = new Map<string, AccessToken1>();
  readonly codes = new Map<string, Code>();
  readonly tokens2 = new Map<string, Token2>();
  readonly usage = new Map<string, number>();
  externalAccounts = EXTERNAL_ACCOUNTS.map((a) => ({ ...a, metadata: { ...a.metadata } }));
  nextExternalId = 7200;
  sequence = 8300;
  readonly nonces: NonceStore;

  constructor(readonly options: AppfiguresStateOptions) {
    this.nonces = new NonceStore(options.toleranceSeconds);
  }

  /** Forgets every token, code, nonce, linked account and usage count. */
  clear(): void {
    this.temp.clear();
    this.access1.clear();
    this.codes.clear();
    this.tokens2.clear();
    this.usage.clear();
    this.nonces.clear();
    this.externalAccounts = EXTERNAL_ACCOUNTS.map((a) => ({ ...a, metadata: { ...a.metadata } }));
    this.nextExternalId = 7200;
  }

  static client(key: string | undefined): ApiClient | undefined {
    return CLIENTS.find((c) => c.key === key);
  }

  static user(idOrEmail: string | number): SandboxUser | undefined {
    const s = String(idOrEmail).toLowerCase();
    return USERS.find((u) => String(u.id) === s || u.email === s);
  }

  static account(id: number): Account {
    return ACCOUNTS.find((a) => a.id === id)!;
  }

  /** 403 for a locked or disabled account (the docs' two messages). */
  static checkAccount(account: Account): void {
    if (account.state === "locked")
      fail(403, "No API Access", "The authenticated account is locked due to an unpaid balance.");
    if (account.state === "disabled")
      fail(
        403,
        "API Access is disabled",
        "API access has been disabled for this user due to API terms violation.",
      );
  }

  // ---- OAuth 1.0a ----------------------------------------------------------------------------------------------

  /**
   * Verifies an OAuth 1.0a request: client key, token of the expected kind, timestamp window, signature, and
   * then the nonce (a valid request burns its nonce; a replay is refused).
   */
  verifyOAuth1(
    req: OAuth1IncomingRequest,
    oauth: OAuth1Params,
    expect: "none" | "temp" | "access",
    nowMs: number,
  ): { client: ApiClient; token: string | undefined } {
    const p = oauth.params;
    const client = AppfiguresState.client(p.get("oauth_consumer_key"));
    if (!client) fail(401, "Could not authenticate:", "Unknown oauth_consumer_key.");
    const method = p.get("oauth_signature_method");
    if (method !== "HMAC-SHA1" && method !== "PLAINTEXT")
      fail(401, "Could not authenticate:", "oauth_signature_method must be HMAC-SHA1 or PLAINTEXT.");
    const token = p.get("oauth_token") || undefined;
    let tokenSecret = "";
    if (expect === "temp") {
      const t = token ? this.temp.get(token) : undefined;
      if (!t || t.clientKey !== client!.key)
        fail(401, "Could not authenticate:", "Unknown or expired request token.");
      tokenSecret = t!.secret;
    } else if (expect === "access") {
      const t = token ? this.access1.get(token) : undefined;
      if (!t || t.clientKey !== client!.key) fail(401, "Could not authenticate:", "Unknown oauth_token.");
      tokenSecret = t!.secret;
    }
    const ts = p.get("oauth_timestamp");
    const nonce = p.get("oauth_nonce");
    const now = Math.floor(nowMs / 1000);
    if (method === "HMAC-SHA1" && (ts === undefined || !nonce))
      fail(401, "Could not authenticate:", "HMAC-SHA1 requests need oauth_timestamp and oauth_nonce.");
    if (ts !== undefined) {
      if (!/^\d{1,12}$/.test(ts)) fail(401, "Could not authenticate:", "oauth_timestamp is not a number.");
      const skew = Math.abs(now - Number(ts));
      if (skew > this.options.toleranceSeconds)
        fail(401, "Could not authenticate:", `Stale oauth_timestamp: ${skew} s away from the server clock.`);
    }
    const check = verifySignature(req, oauth, client!.secret, tokenSecret);
    if (!check.ok)
      fail(401, "Could not authenticate:", `${check.reason[0]!.toUpperCase()}${check.reason.slice(1)}.`);
    if (nonce !== undefined && !this.nonces.use(client!.key, token ?? "", Number(ts ?? 0), nonce, now))
      fail(401, "Could not authenticate:", "oauth_nonce was already used (replay).");
    return { client: client!, token };
  }

  /** Step 1: temporary credentials for a verified client. */
  issueTemp(client: ApiClient, callback: string | undefined, scopeHeader: string | undefined): string {
    if (!callback) fail(400, "Missing oauth_callback", "Send oauth_callback (oob for out of band).");
    const scopes = scopeHeader ? scopeHeader.split(/[\s,]+/).filter(Boolean) : client.scopes;
    for (const s of scopes) {
      if (!client.scopes.includes(s))
        fail(403, "Insufficient scope", `The client key was not granted the ${s} scope.`);
    }
    const token = id("rt_", 8);
    const secret = id("rts_", 12);
    this.temp.set(token, { clientKey: client.key, secret, callback: callback!, scopes });
    return `oauth_token=${token}&oauth_token_secret=${secret}&oauth_callback_confirmed=true`;
  }

  /** Step 2: the test user approves; returns the verifier and the callback. */
  approveTemp(token: string | undefined): { verifier: string; callback: string } {
    const t = token ? this.temp.get(token) : undefined;
    if (!t) fail(404, "Unknown request token", "Start again with /oauth/request_token.");
    t!.verifier = id("v_", 6);
    t!.userId = TEST_USER_ID;
    return { verifier: t!.verifier, callback: t!.callback };
  }

  /** Step 3: token credentials for an approved temporary token and its verifier. */
  issueAccess(token: string, verifier: string | undefined): string {
    const t = this.temp.get(token)!;
    if (!t.verifier || !t.userId)
      fail(401, "Could not authenticate:", "The request token was not authorized yet.");
    if (verifier !== t.verifier) fail(401, "Could not authenticate:", "Wrong oauth_verifier.");
    this.temp.delete(token);
    const access = id("at_", 8);
    const secret = id("ats_", 12);
    this.access1.set(access, { clientKey: t.clientKey, secret, scopes: t.scopes, userId: t.userId! });
    return `oauth_token=${access}&oauth_token_secret=${secret}`;
  }

  /** The principal of a verified OAuth 1.0a access token. */
  oauth1Principal(token: string): Principal {
    const t = this.access1.get(token)!;
    const user = AppfiguresState.user(t.userId)!;
    return { user, account: AppfiguresState.account(user.accountId), scopes: t.scopes, via: "oauth1" };
  }

  // ---- Bearer and Basic ----------------------------------------------------------------------------------------

  /** A personal access token or a live OAuth 2.0 token. */
  bearer(token: string): Principal {
    const pat = PERSONAL_TOKENS.find((p) => p.token === token);
    const t2 = this.tokens2.get(token);
    const userId = pat?.userId ?? (t2 && !t2.revoked ? t2.userId : undefined);
    if (userId === undefined) fail(401, "Could not authenticate:", "Unknown, revoked or expired token.");
    const user = AppfiguresState.user(userId!)!;
    return {
      user,
      account: AppfiguresState.account(user.accountId),
      scopes: pat?.scopes ?? t2!.scopes,
      via: "token",
    };
  }

  /** HTTP Basic + client key: 400 without a key, 401 for bad credentials, 403 for another account's key. */
  basic(credentials: string, clientKey: string | undefined): Principal {
    if (!clientKey)
      fail(400, "Must give an app key via X-Client-Key header or client_key query string parameter");
    let decoded = "";
    try {
      decoded = Buffer.from(credentials, "base64").toString("utf8");
    } catch {
      decoded = "";
    }
    const colon = decoded.indexOf(":");
    const username = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? "" : decoded.slice(colon + 1);
    const user = AppfiguresState.user(username);
    if (!user || user.password !== password) fail(401, `Could not authenticate: ${username}`);
    const account = AppfiguresState.account(user!.accountId);
    AppfiguresState.checkAccount(account);
    const client = AppfiguresState.client(clientKey);
    if (!client) fail(403, "Invalid client key", "The client key does not exist.");
    if (client!.accountId !== account.id)
      fail(
        403,
        "Client key does not belong to the authenticated account",
        "With HTTP Auth the client key must be created by the same account; use OAuth for other accounts.",
      );
    return { user: user!, account, scopes: client!.scopes, via: "basic" };
  }

  /** Counts a request against the account's daily quota; 429 past the limit. */
  count(accountId: number, nowMs: number): { used: number; limit: number } {
    const key = `${accountId}:${new Date(nowMs).toISOString().slice(0, 10)}`;
    const used = (this.usage.get(key) ?? 0) + 1;
    this.usage.set(key, used);
    const limit = this.options.dailyLimit;
    if (used > limit)
      fail(
        429,
        "Daily request limit reached",
        `The account made ${limit} requests today (UTC); the limit resets at midnight UTC.`,
      );
    return { used, limit };
  }

  // ---- OAuth 2.0 ------------------------------------------------------------------------------------------------

  /** The client of an OAuth 2.0 request, from the form body or a Basic header (RFC 6749 §2.3.1). */
  static oauth2Client(form: Record<string, string>, authorization: string | undefined): ApiClient {
    let id = form.client_id;
    let secret = form.client_secret;
    if (authorization?.startsWith("Basic ")) {
      const d = Buffer.from(authorization.slice(6), "base64").toString("utf8");
      const i = d.indexOf(":");
      id = decodeURIComponent(d.slice(0, i));
      secret = decodeURIComponent(d.slice(i + 1));
    }
    const client = AppfiguresState.client(id);
    if (!client || client.secret !== secret)
      oauth2Fail(401, "invalid_client", "Unknown client or wrong client secret.");
    return client!;
  }

  /** Authorization request: checks client and redirect URI, approves as the test user, returns the code. */
  authorize2(q: Record<string, string>, nowMs: number): { code: string; redirectUri: string } {
    const client = AppfiguresState.client(q.client_id);
    if (!client) oauth2Fail(400, "invalid_client", "Unknown client_id.");
    if (!client!.redirectUris.includes(q.redirect_uri ?? ""))
      oauth2Fail(400, "invalid_request", "redirect_uri does not match a redirect URL of the API client.");
    const scopes = (q.scope ?? "").split(/[\s,]+/).filter(Boolean);
    for (const s of scopes) {
      if (!client!.scopes.includes(s)) oauth2Fail(400, "invalid_scope", `The client was not granted ${s}.`);
    }
    const code = id("c_", 10);
    this.codes.set(code, {
      clientKey: client!.key,
      redirectUri: q.redirect_uri!,
      scopes: scopes.length ? scopes : client!.scopes,
      userId: TEST_USER_ID,
      expiresAt: nowMs + 600_000,
      used: false,
    });
    return { code, redirectUri: q.redirect_uri! };
  }

  /** Token request: the code, once, for the same client and redirect URI. */
  exchange(form: Record<string, string>, authorization: string | undefined, nowMs: number) {
    const client = AppfiguresState.oauth2Client(form, authorization);
    if (form.grant_type !== "authorization_code")
      oauth2Fail(400, "unsupported_grant_type", "Only authorization_code is supported.");
    const code = this.codes.get(form.code ?? "");
    if (!code || code.clientKey !== client.key)
      oauth2Fail(400, "invalid_grant", "Unknown authorization code.");
    if (code!.used) oauth2Fail(400, "invalid_grant", "The authorization code was already used.");
    if (code!.expiresAt < nowMs) oauth2Fail(400, "invalid_grant", "The authorization code expired.");
    if (code!.redirectUri !== form.redirect_uri)
      oauth2Fail(400, "invalid_grant", "redirect_uri differs from the authorization request's.");
    code!.used = true;
    const token = id("oat_", 16);
    this.tokens2.set(token, {
      clientKey: client.key,
      scopes: code!.scopes,
      userId: code!.userId,
      issuedAt: Math.floor(nowMs / 1000),
      revoked: false,
    });
    return { access_token: token, token_type: "bearer", scope: code!.scopes.join(" ") };
  }

  /** RFC 7009: revokes a token of this client; unknown tokens are fine. */
  revoke(form: Record<string, string>, authorization: string | undefined): void {
    const client = AppfiguresState.oauth2Client(form, authorization);
    const t = this.tokens2.get(form.token ?? "");
    if (t && t.clientKey === client.key) t.revoked = true;
  }

  /** RFC 7662: what a token is. */
  introspect(form: Record<string, string>, authorization: string | undefined): Record<string, unknown> {
    const client = AppfiguresState.oauth2Client(form, authorization);
    const t = this.tokens2.get(form.token ?? "");
    if (!t || t.revoked || t.clientKey !== client.key) return { active: false };
    const user = AppfiguresState.user(t.userId)!;
    return {
      active: true,
      scope: t.scopes.join(" "),
      client_id: t.clientKey,
      username: user.email,
      token_type: "bearer",
      iat: t.issuedAt,
    };
  }
}
