/**
 * The OAuth 1.0a `Scheme` (RFC 5849): signs every attempt with a fresh timestamp and nonce, the protocol
 * parameters in the `Authorization` header.
 */

import { andThen } from "../../core/crypto.js";
import { KeywayConfigError } from "../../core/errors.js";
import { opaque } from "../../core/redact.js";
import { checkSecret, emitSign, resolveSecret } from "../../core/scheme-kit.js";
import {
  REDACTED,
  type RequestParts,
  type Scheme,
  type Secret,
  type SignContext,
  type SignResult,
} from "../../core/types.js";
import {
  checkOptions,
  type OAuth1CommonOptions,
  type OAuth1Secrets,
  type OAuth1Signer,
  oauth1Signer,
} from "./signer.js";

/** Options of {@link oauth1}. */
export interface OAuth1Options extends OAuth1CommonOptions {
  /** The client identifier (`oauth_consumer_key`; Appfigures' `client_key`). */
  readonly consumerKey: Secret;
  /** The client shared secret (Appfigures' `client_secret`). */
  readonly consumerSecret: Secret;
  /** The token identifier (`oauth_token`); omit for two-legged requests signed with client credentials only. */
  readonly token?: Secret;
  /** The token shared secret; empty when there is no token. */
  readonly tokenSecret?: Secret;
}

/** Reads an optional secret; the consumer key alone must not be empty (§3.1: the token and secrets may be). */
async function resolve(
  secret: Secret | undefined,
  option: string,
  operation: string,
  allowEmpty = true,
): Promise<string | undefined> {
  if (secret === undefined) return undefined;
  return resolveSecret(secret, { scheme: "oauth1", option, operation, allowEmpty });
}

/**
 * Creates the OAuth 1.0a scheme (RFC 5849). Every attempt gets a new `oauth_timestamp` (from `ctx.now()`,
 * seconds) and `oauth_nonce` (from `ctx.random`). Secrets may be functions, read per request; the HMAC key is
 * imported once per secret value (crypto.ts `hmac` cache).
 *
 * Debug events carry the base string (HMAC-SHA1) and the header with `oauth_signature="[redacted]"`; the
 * consumer key and token are identifiers, not secrets (§2.3, §3.1), so they stay readable there. The shared
 * secrets never appear; a PLAINTEXT signature (which *is* the secrets) is redacted like any other.
 *
 * @example
 * ```ts
 * import { oauth1 } from "@keyway/auth/oauth1";
 * // Appfigures, after the three-legged flow (see requestTokenRequest / accessTokenRequest):
 * const scheme = oauth1({
 *   consumerKey: "client_key", consumerSecret: () => vault.get("af-secret"),
 *   token: stored.token, tokenSecret: () => vault.get("af-token-secret"),
 * });
 * ```
 * @throws KeywayConfigError for an unknown signature method, a realm that cannot be quoted or a bad nonce size.
 */
export function oauth1(options: OAuth1Options): Scheme {
  checkOptions(options);
  const { consumerKey, consumerSecret, token, tokenSecret } = options;
  if (consumerKey === undefined || consumerSecret === undefined) {
    throw new KeywayConfigError("oauth1: consumerKey and consumerSecret are required");
  }
  if (typeof consumerKey === "string") checkSecret(consumerKey, { scheme: "oauth1", option: "consumer key" });
  const common: OAuth1CommonOptions = { ...options };
  const label = "[oauth1 scheme]";
  /** Signs with a signer: synchronously when the crypto path is (node:crypto). */
  function signWith(signer: OAuth1Signer, parts: RequestParts, ctx: SignContext) {
    const { body } = parts;
    const signed = signer(
      parts.method,
      parts.url,
      // Only a form body is signed: without a body, the content type is not read.
      body && body.length > 0 ? parts.headers.get("content-type") : undefined,
      body,
      ctx.now,
      ctx.random,
      ctx.debug !== undefined,
    );
    return andThen(signed, ({ authorization, redacted, baseString }): SignResult => {
      if (ctx.debug) {
        emitSign(ctx, "oauth1", {
          ...(baseString === undefined ? {} : { canonical: baseString }),
          headers: { authorization: redacted! },
        });
      }
      return { headers: { authorization } };
    });
  }

  /** Reads the credentials that are functions, in order, then signs. */
  async function readAndSign(parts: RequestParts, ctx: SignContext) {
    const op = ctx.row.operationId;
    const secrets: OAuth1Secrets = {
      consumerKey: (await resolve(consumerKey, "consumer key", op, false))!,
      consumerSecret: (await resolve(consumerSecret, "consumer secret", op)) ?? "",
      token: await resolve(token, "token", op),
      tokenSecret: await resolve(tokenSecret, "token secret", op),
    };
    return signWith(oauth1Signer(secrets, common), parts, ctx);
  }

  /** Whether no credential is a function, so one signer serves every request and signing stays synchronous. */
  const fixed =
    typeof consumerKey === "string" &&
    typeof consumerSecret === "string" &&
    (token === undefined || typeof token === "string") &&
    (tokenSecret === undefined || typeof tokenSecret === "string");
  /** The signer of fixed credentials, made at the first request (so a bad credential rejects a call). */
  let signer: OAuth1Signer | undefined;

  return Object.freeze({
    name: "oauth1",
    /** Answers synchronously on the node:crypto path with static credentials; failures always reject. */
    sign(parts, ctx: SignContext) {
      try {
        if (!fixed) return readAndSign(parts, ctx);
        signer ??= oauth1Signer(
          {
            consumerKey,
            consumerSecret,
            token: token as string | undefined,
            tokenSecret: tokenSecret as string | undefined,
          },
          common,
        );
        return signWith(signer, parts, ctx);
      } catch (err) {
        return Promise.reject(err);
      }
    },
    ...opaque(label, {
      scheme: "oauth1",
      signatureMethod: options.signatureMethod ?? "HMAC-SHA1",
      consumerSecret: REDACTED,
      tokenSecret: REDACTED,
    }),
  } satisfies Scheme);
}
