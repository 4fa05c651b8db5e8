/**
 * HIOBuy Gateway sandbox (`/v1`): `createHiobuySandbox()` and its registry definition `hiobuyProvider`. See the
 * README's HIOBuy section for the key grammar and scenarios.
 * @module
 */
import type { ProviderDefinition } from "../core/types.js";
import { createHiobuySandbox, HIOBUY_BASE_PATH, type HiobuySandbox } from "./app.js";

export { createHiobuySandbox, HIOBUY_BASE_PATH, type HiobuySandbox } from "./app.js";
export { ERRORS, HioBusinessFailure, HioError } from "./errors.js";
export type { Handler, HandlerContext } from "./handler.js";
export { CHANNELS, type Channel, type KeyInfo, parseApiKey } from "./keys.js";
export { HiobuyState, INBOUND_AFTER_S, INITIAL_BALANCE_FEN, SELLER_SHIPS_AFTER_S } from "./state.js";

/** The HIOBuy entry of the sandbox registry. */
export const hiobuyProvider: ProviderDefinition<"hiobuy", HiobuySandbox> = {
  name: "hiobuy",
  basePath: HIOBUY_BASE_PATH,
  create: createHiobuySandbox,
};
