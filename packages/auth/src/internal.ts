/**
 * `@keyway/auth/internal`: helpers Keyway's own provider packages and schemes share. Not part of the
 * public API: any of these may change or disappear in any release, without a major version. Build on the
 * root entry (`@keyway/auth`) instead. test/exports.test.ts pins the list.
 */

// The de-duplication store of callback handlers
export { type ClaimStore, memoryClaimStore } from "./core/claim-store.js";
// Bytes, encodings and the crypto primitives of the active path (`#crypto`: node:crypto or Web Crypto);
// `cryptoPath` says which one this runtime resolved ("node" or "web")
export {
  type AesGcmKey,
  aesGcmKey,
  aesGcmOpen,
  aesGcmSeal,
  concatBytes,
  cryptoPath,
  defaultRandom,
  fromBase64,
  fromHex,
  fromUtf8,
  hmac,
  KeyCache,
  percentEncode,
  sha256,
  timingSafeEqual,
  toBase64,
  toHex,
  utf8,
} from "./core/crypto.js";
// Before-the-wire checks of values that travel in headers
export { assertHeaderSafe, isHeaderSafe } from "./core/guard.js";
// Safe printing of objects that hold credentials
export { opaque } from "./core/redact.js";
// Retry arithmetic
export { backoffMs, isRetryableStatus, parseRetryAfter } from "./core/retry.js";
// The scheme skeleton: reading a secret option, the debug event
export {
  checkSecret,
  emitSign,
  resolveSecret,
  type SecretOption,
  type SignDebugDetails,
} from "./core/scheme-kit.js";
