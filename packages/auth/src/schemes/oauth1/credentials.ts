/**
 * Token credentials of the three-legged flow: the parser of a token endpoint's form-encoded answer
 * (RFC 5849 §2.1, §2.3) and the class that keeps the token secret out of every printout.
 */
import { fromUtf8 } from "../../core/crypto.js";
import { KeywayAuthError } from "../../core/errors.js";
import { REDACTED } from "../../core/types.js";
import { decodeFormComponent } from "./base-string.js";

/**
 * Token credentials read from a token endpoint's answer. The secret is kept out of `toString`,
 * `JSON.stringify` and `util.inspect`; read `tokenSecret` explicitly to store it.
 */
export class OAuth1Credentials {
  /** The token identifier (`oauth_token`). */
  readonly token: string;
  /** `oauth_callback_confirmed` was `true` (temporary credentials, RFC 5849 §2.1). */
  readonly callbackConfirmed: boolean;
  /** Every other parameter of the answer, decoded (e.g. a user id). */
  readonly extra: Readonly<Record<string, string>>;
  readonly #secret: string;
  constructor(token: string, tokenSecret: string, callbackConfirmed: boolean, extra: Record<string, string>) {
    this.token = token;
    this.#secret = tokenSecret;
    this.callbackConfirmed = callbackConfirmed;
    this.extra = Object.freeze(extra);
  }
  /** The token shared secret (`oauth_token_secret`). */
  get tokenSecret(): string {
    return this.#secret;
  }
  /** The secret is redacted. */
  toJSON(): Record<string, unknown> {
    return { token: this.token, tokenSecret: REDACTED, callbackConfirmed: this.callbackConfirmed };
  }
  /** Never prints the secret. */
  toString(): string {
    return `[OAuth1Credentials ${this.token}]`;
  }
  /** Never prints the secret. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * Parses a temporary- or token-credentials answer (RFC 5849 §2.1, §2.3):
 * `application/x-www-form-urlencoded` `oauth_token=…&oauth_token_secret=…[&oauth_callback_confirmed=true]`.
 * @param body the answer body, as text or octets.
 * @throws KeywayAuthError when `oauth_token` or `oauth_token_secret` is missing, or the body is not form data
 *   (the body itself is never quoted: it may hold a secret).
 */
export function parseTokenResponse(body: string | Uint8Array): OAuth1Credentials {
  let text: string;
  try {
    text = typeof body === "string" ? body : fromUtf8(body);
  } catch {
    throw new KeywayAuthError("oauth1: the token answer is not UTF-8 form data");
  }
  const values = new Map<string, string>();
  for (const segment of text.trim().split("&")) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    const name = eq < 0 ? segment : segment.slice(0, eq);
    const value = eq < 0 ? "" : segment.slice(eq + 1);
    let decodedName: string;
    let decodedValue: string;
    try {
      decodedName = fromUtf8(decodeFormComponent(name));
      decodedValue = fromUtf8(decodeFormComponent(value));
    } catch {
      throw new KeywayAuthError("oauth1: the token answer is not UTF-8 form data");
    }
    if (!values.has(decodedName)) values.set(decodedName, decodedValue);
  }
  const token = values.get("oauth_token");
  const secret = values.get("oauth_token_secret");
  if (!token || secret === undefined) {
    throw new KeywayAuthError("oauth1: the token answer has no oauth_token and oauth_token_secret");
  }
  const extra: Record<string, string> = {};
  for (const [name, value] of values) {
    if (name !== "oauth_token" && name !== "oauth_token_secret" && name !== "oauth_callback_confirmed") {
      extra[name] = value;
    }
  }
  return new OAuth1Credentials(token, secret, values.get("oauth_callback_confirmed") === "true", extra);
}
