export {
  KeywayConfigError,
  KeywayError,
  KeywayNetworkError,
  KeywayTimeoutError,
  KeywayUnknownOutcomeError,
  unwrap,
} from "@keyway/auth";
export {
  createHiobuyClient,
  HIOBUY_BASE_URL,
  type HiobuyClient,
  type HiobuyClientOptions,
} from "./client.js";
export {
  HiobuyError,
  type HiobuyErrorCategory,
  type HiobuyErrorCode,
  hiobuyErrorFrom,
  isBusinessFailure,
} from "./errors.js";
export type { components, OperationId, paths } from "./generated/index.js";
export { operations } from "./generated/index.js";
