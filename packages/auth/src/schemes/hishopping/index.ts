/**
 * HiShopping B-End envelope (docs/providers/hishopping.md; our proposal reconciling the provider's
 * self-contradictory auth page): the logical payload is encrypted with AES-256-GCM under the Secret Key and
 * carried in a signed envelope `{app_id, nonce, timestamp, data, sign}`; answers are signed and
 * encrypted the same way and are verified before they are decrypted.
 *
 * - AES key: the Secret Key's UTF-8 bytes when there are exactly 32, otherwise SHA-256 of them.
 * - `data = encode(iv ‖ ciphertext ‖ tag)`: fresh 12-byte IV per attempt, 16-byte tag, no AAD;
 *   `encode` is standard padded Base64 (default) or lower-case hex.
 * - Signing input: every top-level field but `sign`, as compact JSON with keys in byte order, UTF-8,
 *   no HTML escaping (`<`, `>`, `&` written as themselves — Go's `json.Marshal` would escape them, a Go
 *   server must use `SetEscapeHTML(false)`); `sign` = lower-case hex HMAC-SHA256 under the Sign Key.
 * - POST: the envelope is the JSON body. GET: the typed query of the call is encrypted, the plain query is
 *   dropped, and the five envelope fields travel as form-encoded query parameters (`+`, `/`, `=` escaped).
 * - Unsigned plaintext `{code, message, data}` is accepted only as a failure (`code` ≠ 0): the server
 *   answers pre-authentication errors (1001–1006) that way.
 *
 * Pinned by specs/hishopping/vectors/vectors.json (computed by a Python script using `cryptography`).
 *
 * The provider's page also describes a second protocol, `hishoppingHeaders` (headers.ts): the body is
 * `Base64(iv ‖ ciphertext ‖ tag)` itself and `App-ID`, `Timestamp`, `Sign` = hex HMAC-SHA256(Sign Key,
 * app_id + timestamp) travel as headers, both ways. Answers signed over Go's HTML-escaped JSON
 * (`\u003c`, `\u003e`, `\u0026`) verify as well as plain ones.
 *
 * Files: canonical-json.ts (the signed serialization), envelope.ts (AES-256-GCM and HMAC-SHA256 of one
 * envelope), scheme.ts (the envelope `Scheme`: sign a request, open an answer), headers.ts (the header
 * protocol's `Scheme`).
 */
export {
  HishoppingDecryptError,
  ResponseDecryptionError,
  ResponseSignatureError,
} from "../../core/errors.js";
export { hishoppingCanonicalJson } from "./canonical-json.js";
export {
  encodeHishoppingData,
  HISHOPPING_IV_BYTES,
  HISHOPPING_MIN_DATA_BYTES,
  HISHOPPING_TAG_BYTES,
  type HishoppingDataEncoding,
  hishoppingAesKeyBytes,
  hishoppingGoEscaped,
  hishoppingSign,
  openHishoppingPayload,
  sealHishoppingPayload,
  signHishoppingEnvelope,
  verifyHishoppingEnvelope,
} from "./envelope.js";
export { type HishoppingHeadersOptions, hishoppingHeaderSign, hishoppingHeaders } from "./headers.js";
export {
  type HishoppingEnvelopeOptions,
  type HishoppingOpened,
  hishoppingEnvelope,
  hishoppingOpened,
} from "./scheme.js";
