/**
 * @keyway/appfigures: typed client for the Appfigures API v2 (products, sales, reviews, ratings, users) with
 * personal access tokens / OAuth 2.0 (Bearer), OAuth 1.0a (HMAC-SHA1, PLAINTEXT) or legacy Basic + client key,
 * and the OAuth 1.0a and OAuth 2.0 authorization flows.
 */
export { unwrap } from "@keyway/auth";
export {
  APPFIGURES_BASE_URL,
  type AppfiguresAuth,
  type AppfiguresBasicAuth,
  type AppfiguresClient,
  type AppfiguresClientOptions,
  type AppfiguresOAuth1Auth,
  type AppfiguresTokenAuth,
  createAppfiguresClient,
} from "./client.js";
export {
  APPFIGURES_BILLING_URL,
  AppfiguresError,
  type AppfiguresErrorCode,
  type AppfiguresErrorInit,
  type AppfiguresErrorKind,
  toAppfiguresError,
} from "./errors.js";
export type { components, OperationId, paths } from "./generated/index.js";
export { operations } from "./generated/index.js";
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
