/**
 * HIOBuy Gateway sandbox (`/v1`). See the README's HIOBuy section for the key grammar and scenarios.
 */
export {
  createHiobuySandbox,
  errorResponse,
  type HandlerContext,
  HIOBUY_BASE_PATH,
  type HiobuySandbox,
} from "./app.js";
export { ERRORS, HioBusinessFailure, HioError } from "./errors.js";
export { CHANNELS, type Channel, type KeyInfo, parseApiKey } from "./keys.js";
export { HiobuyState, INBOUND_AFTER_S, INITIAL_BALANCE_FEN, SELLER_SHIPS_AFTER_S } from "./state.js";
