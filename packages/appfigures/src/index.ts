/**
 * @keyway/appfigures: typed client for the Appfigures API v2 (products, sales, reviews, ratings, users) with
 * personal access tokens / OAuth 2.0 (Bearer), OAuth 1.0a (HMAC-SHA1, PLAINTEXT) or legacy Basic + client key,
 * and the OAuth 1.0a and OAuth 2.0 authorization flows.
 *
 * Every provider package's index exports the same blocks in the same order:
 *   1. errors shared by every Keyway client (`Keyway*Error`, `SignatureVerificationError`) and `unwrap`;
 *   2. the client: `create<Provider>Client`, `<PROVIDER>_BASE_URL` (production, the default), its client and
 *      options types;
 *   3. the provider's errors: `<Provider>Error`, its code types, `<provider>ErrorFrom`, `is<Provider>Failure`;
 *   4. the generated types and operation table;
 *   5. what only this provider has.
 */

// 1. Errors shared by every Keyway client, and unwrap
export {
  KeywayAuthError,
  KeywayConfigError,
  KeywayError,
  KeywayNetworkError,
  KeywayResponseError,
  KeywayTimeoutError,
  KeywayUnknownOutcomeError,
  SignatureVerificationError,
  unwrap,
} from "@keyway/auth";
// 2. The client (and the shape of its use() hooks)
export {
  APPFIGURES_BASE_URL,
  type AppfiguresAuth,
  type AppfiguresBasicAuth,
  type AppfiguresClient,
  type AppfiguresClientOptions,
  type AppfiguresOAuth1Auth,
  type AppfiguresTokenAuth,
  createAppfiguresClient,
  type Middleware,
  type MiddlewareCallbackParams,
} from "./client.js";
// 3. The provider's errors
export {
  APPFIGURES_BILLING_URL,
  AppfiguresError,
  type AppfiguresErrorCode,
  type AppfiguresErrorInit,
  type AppfiguresErrorKind,
  appfiguresErrorFrom,
  isAppfiguresFailure,
} from "./errors.js";
// 4. Generated types and operation table
export type { components, OperationId, paths } from "./generated/index.js";
export { operations } from "./generated/index.js";
// 5. Appfigures only: the OAuth 1.0a three-legged flow and the OAuth 2.0 authorization-code flow
export {
  type AppfiguresClientCredentials,
  type AppfiguresOAuth1FlowOptions,
  type AppfiguresOAuth1Token,
  AppfiguresOAuth2Token,
  type AppfiguresScope,
  type AppfiguresTokenInfo,
  exchangeCode,
  getAccessToken,
  getRequestToken,
  OAUTH2_OOB,
  oauth1AuthorizeUrl,
  oauth2AuthorizeUrl,
  revokeToken,
  tokenInfo,
} from "./oauth.js";
