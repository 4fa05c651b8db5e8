/**
 * Appfigures API v2 sandbox: `createAppfiguresSandbox()` and the registry definition `appfiguresProvider`.
 * See the `## Appfigures` section of tools/sandbox/README.md for the accounts, credentials and scenarios.
 */
import type { ProviderDefinition } from "../core/types.js";
import {
  APPFIGURES_BASE_PATH,
  type AppfiguresSandbox,
  type AppfiguresSandboxOptions,
  createAppfiguresSandbox,
} from "./app.js";

export {
  APPFIGURES_BASE_PATH,
  type AppfiguresSandbox,
  type AppfiguresSandboxOptions,
  createAppfiguresSandbox,
} from "./app.js";
export { AppfiguresApiError, errorBody as appfiguresErrorBody } from "./errors.js";
export {
  ACCOUNTS as APPFIGURES_ACCOUNTS,
  ALL_SCOPES as APPFIGURES_SCOPES,
  CLIENTS as APPFIGURES_CLIENTS,
  PERSONAL_TOKENS as APPFIGURES_PERSONAL_TOKENS,
  USERS as APPFIGURES_USERS,
} from "./fixtures.js";
export {
  baseString as oauth1BaseString,
  enc as oauth1Encode,
  type OAuth1IncomingRequest,
  type OAuth1Params,
  parseOAuthHeader,
  protocolParams as oauth1ProtocolParams,
  verifySignature as verifyOAuth1Signature,
} from "./oauth1.js";
export { AppfiguresState, type Principal as AppfiguresPrincipal } from "./state.js";

/** The Appfigures entry of the sandbox registry. */
export const appfiguresProvider: ProviderDefinition<
  "appfigures",
  AppfiguresSandbox,
  AppfiguresSandboxOptions
> = {
  name: "appfigures",
  basePath: APPFIGURES_BASE_PATH,
  create: createAppfiguresSandbox,
};
