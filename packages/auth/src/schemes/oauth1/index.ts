/**
 * OAuth 1.0a request signing, written from RFC 5849 (not from any OAuth library): HMAC-SHA1 and PLAINTEXT,
 * protocol parameters in the `Authorization: OAuth …` header (§3.5.1). Appfigures' "OAuth 1.0" scheme.
 *
 * Files: base-string.ts (the signature base string, §3.4.1), signer.ts (one signed request and its header),
 * scheme.ts (the {@link oauth1} `Scheme`), three-legged.ts (the flow's requests as pure functions) and
 * credentials.ts (the token answer's parser).
 */
export {
  type BaseStringInput,
  baseStringUri,
  normalizeParameters,
  signatureBaseString,
} from "./base-string.js";
export { OAuth1Credentials, parseTokenResponse } from "./credentials.js";
export { type OAuth1Options, oauth1 } from "./scheme.js";
export type { OAuth1CommonOptions, OAuth1SignatureMethod } from "./signer.js";
export {
  accessTokenRequest,
  authorizeUrl,
  type OAuth1ClientCredentials,
  type OAuth1HelperEnv,
  type OAuth1PreparedRequest,
  requestTokenRequest,
} from "./three-legged.js";
