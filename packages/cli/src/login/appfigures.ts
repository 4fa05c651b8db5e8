/**
 * `keyway login appfigures`: the OAuth 2.0 authorization-code flow (default) or the OAuth 1.0a three-legged flow,
 * through `@keyway/appfigures`' own helpers. The user opens the printed URL; the answer comes back to a loopback
 * callback (RFC 8252) or is pasted.
 * @module
 */
import { randomBytes } from "node:crypto";
import {
  exchangeCode,
  getAccessToken,
  getRequestToken,
  OAUTH2_OOB,
  oauth1AuthorizeUrl,
  oauth2AuthorizeUrl,
} from "@keyway/appfigures";
import { CliError } from "../errors.js";
import type { CliIo } from "../io.js";
import { listenForCallback } from "./callback.js";
import { input } from "./prompt.js";

/** Options of {@link loginAppfigures}. */
export interface AppfiguresLoginOptions {
  readonly flow: "oauth2" | "oauth1";
  readonly clientKey?: string | undefined;
  readonly clientSecret?: string | undefined;
  /** Scopes, space- or comma-separated. */
  readonly scope?: string | undefined;
  /** OAuth 2.0 redirect URI registered on the API client (default: out of band, the code is pasted). */
  readonly redirectUri?: string | undefined;
  /** OAuth 2.0: an authorization code already obtained (no browser step). */
  readonly code?: string | undefined;
  /** OAuth 1.0a: paste the verifier instead of receiving it on a loopback callback. */
  readonly oob?: boolean | undefined;
  /** OAuth 1.0a: the loopback callback's port (default a free one). */
  readonly port?: number | undefined;
  readonly baseUrl?: string | undefined;
  /** How long to wait for the browser, in ms. */
  readonly timeoutMs: number;
}

/** The tokens a login produced, and what to print of them. */
export interface LoginResult {
  /** What is stored and, with secrets hidden, printed. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Names of `fields` that are secret. */
  readonly secret: readonly string[];
  /** One line saying what happened. */
  readonly summary: string;
}

const LOOPBACK = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)(\/[^?#]*)?$/;

async function clientCredentials(io: CliIo, o: AppfiguresLoginOptions) {
  const clientKey = await input(io, {
    flag: o.clientKey,
    env: "KEYWAY_APPFIGURES_CLIENT_KEY",
    question: "Appfigures client key: ",
  });
  const clientSecret = await input(io, {
    flag: o.clientSecret,
    env: "KEYWAY_APPFIGURES_CLIENT_SECRET",
    question: "Appfigures client secret: ",
    hidden: true,
  });
  return { clientKey, clientSecret, ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}) };
}

/** The code from a pasted answer: the code itself, or the URL the browser was sent to (its state checked). */
function codeFrom(answer: string, state: string): string {
  if (!/^https?:\/\//.test(answer)) return answer;
  const params = new URL(answer).searchParams;
  return codeFromParams(params, state);
}

function codeFromParams(params: URLSearchParams, state: string): string {
  const error = params.get("error");
  if (error) throw new CliError(`Appfigures refused the authorization: ${error}`);
  if (params.get("state") !== state)
    throw new CliError("the redirect's state does not match: not the answer to this login");
  const code = params.get("code");
  if (!code) throw new CliError("the redirect carries no code");
  return code;
}

async function oauth2(io: CliIo, o: AppfiguresLoginOptions): Promise<LoginResult> {
  const creds = await clientCredentials(io, o);
  const redirectUri = o.redirectUri ?? OAUTH2_OOB;
  let code = o.code;
  if (!code) {
    const state = randomBytes(16).toString("hex");
    const loopback = LOOPBACK.exec(redirectUri);
    const callback = loopback
      ? await listenForCallback(Number(loopback[1]), loopback[2] ?? "/", o.timeoutMs)
      : undefined;
    try {
      const url = oauth2AuthorizeUrl({ ...creds, redirectUri, scope: o.scope ?? "public:read", state });
      io.err(`Open this URL in a browser and approve access:\n  ${url}\n`);
      code = callback
        ? codeFromParams(await callback.received, state)
        : codeFrom(
            await input(io, {
              flag: undefined,
              env: "KEYWAY_APPFIGURES_CODE",
              question: "Paste the code (or the URL you were sent to): ",
            }),
            state,
          );
    } finally {
      await callback?.close();
    }
  }
  const token = await exchangeCode({ ...creds, code, redirectUri });
  return {
    fields: {
      type: "oauth2",
      accessToken: token.accessToken,
      ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
      scope: token.scope.join(" "),
      ...(token.expiresIn === undefined ? {} : { expiresIn: token.expiresIn }),
    },
    secret: ["accessToken", "refreshToken"],
    summary: `Logged in to Appfigures with OAuth 2.0 (scopes: ${token.scope.join(" ") || "none"}).`,
  };
}

async function oauth1(io: CliIo, o: AppfiguresLoginOptions): Promise<LoginResult> {
  const creds = await clientCredentials(io, o);
  const callback = o.oob ? undefined : await listenForCallback(o.port ?? 0, "/callback", o.timeoutMs);
  try {
    const temp = await getRequestToken({ ...creds, callback: callback?.url ?? "oob", scope: o.scope });
    io.err(`Open this URL in a browser and approve access:\n  ${oauth1AuthorizeUrl(temp, creds)}\n`);
    let verifier: string;
    if (callback) {
      const params = await callback.received;
      if (params.get("oauth_token") !== temp.token)
        throw new CliError("the callback is for another request token");
      verifier = params.get("oauth_verifier") ?? "";
      if (!verifier) throw new CliError("the callback carries no oauth_verifier");
    } else {
      verifier = await input(io, {
        flag: undefined,
        env: "KEYWAY_APPFIGURES_VERIFIER",
        question: "Paste the verifier: ",
      });
    }
    const access = await getAccessToken({
      ...creds,
      requestToken: { token: temp.token, tokenSecret: temp.tokenSecret },
      verifier,
    });
    return {
      fields: {
        type: "oauth1",
        clientKey: creds.clientKey,
        token: access.token,
        tokenSecret: access.tokenSecret,
      },
      secret: ["token", "tokenSecret"],
      summary: "Logged in to Appfigures with OAuth 1.0a.",
    };
  } finally {
    await callback?.close();
  }
}

/**
 * Runs the chosen flow and returns the tokens.
 * @throws CliError for a refused authorization or a mismatched state; AppfiguresError when Appfigures refuses
 *   the exchange (its message names the reason, never a secret).
 */
export function loginAppfigures(io: CliIo, options: AppfiguresLoginOptions): Promise<LoginResult> {
  return options.flow === "oauth1" ? oauth1(io, options) : oauth2(io, options);
}
