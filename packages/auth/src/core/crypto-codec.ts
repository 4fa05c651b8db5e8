/**
 * Base64 and hex codecs for the Web Crypto path (crypto-web.ts): Base64 through the platform's `atob`/`btoa`
 * (every browser, worker and server runtime has them), hex in plain JavaScript (no platform hex codec on every
 * runtime). The node:crypto path (crypto-node.ts) uses `Buffer`'s native codecs with the same contract;
 * test/crypto-codec.test.ts runs the same vectors through both.
 */
import type { FromTextFn, ToTextFn } from "./crypto-api.js";

/** Bytes per `String.fromCharCode` call: far below any engine's argument limit. */
const CHUNK = 8192;

/** Standard Base64 (RFC 4648 §4) with padding: the platform's `btoa` of the bytes as a binary string. */
export const toBase64: ToTextFn = (bytes) => {
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
};

/** The Base64 alphabet, then at most two `=` (whether they pad whole quanta is checked beside it). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Strict standard Base64 decoding (padding required, no whitespace); `undefined` when malformed. The platform's
 * `atob` decodes, which alone is lenient (whitespace, missing padding, stray bits): the text must be whole
 * quanta of the alphabet, and encode back to itself.
 */
export const fromBase64: FromTextFn = (text) => {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const binary = atob(text);
  // Reject non-canonical encodings (stray bits in the padding position).
  if (btoa(binary) !== text) return undefined;
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
};

/** The two lower-case hex digits of every byte value. */
const HEX_BYTE = /* @__PURE__ */ Array.from({ length: 256 }, (_, b) => (b < 16 ? "0" : "") + b.toString(16));

/** Lower-case hex. */
export const toHex: ToTextFn = (bytes) => {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX_BYTE[bytes[i]!];
  return out;
};

/** Strict hex decoding (either case, even length); `undefined` when malformed. */
export const fromHex: FromTextFn = (text) => {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
};
