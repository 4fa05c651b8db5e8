/**
 * The merchant apps the HiShopping sandbox knows (documented in the README's HiShopping section).
 * @module
 */
import type { DataEncoding } from "./protocol.js";

/** One merchant app the sandbox knows. */
export interface HishoppingSandboxApp {
  /** The app's id (`app_id` of every envelope). */
  appId: string;
  /** Secret Key: AES-256 key material of `data`. */
  secretKey: string;
  /** Sign Key: HMAC-SHA256 key of `sign`. */
  signKey: string;
  /** Encoding of `data` both ways for this app. */
  dataEncoding: DataEncoding;
  /** A disabled app is answered 1003. */
  disabled?: boolean;
}

/** The apps every sandbox starts with (documented in the README). */
export const HISHOPPING_SANDBOX_APPS: readonly HishoppingSandboxApp[] = Object.freeze([
  {
    appId: "hs_app_sandbox",
    secretKey: "sandbox-secret-key-32-bytes-long",
    signKey: "sandbox-sign-key",
    dataEncoding: "base64",
  },
  { appId: "hs_app_hex", secretKey: "sandbox-short", signKey: "sandbox-sign-key-hex", dataEncoding: "hex" },
  {
    // The app of specs/hishopping/vectors (x-test-vectors): its 32-byte Secret Key, Base64.
    appId: "hs_app_7Q2mX9",
    secretKey: "keyway-hishopping-secret-32bytes",
    signKey: "keyway-sign-key-test-0001",
    dataEncoding: "base64",
  },
  {
    appId: "hs_app_disabled",
    secretKey: "sandbox-secret-key-32-bytes-long",
    signKey: "sandbox-sign-key",
    dataEncoding: "base64",
    disabled: true,
  },
]);
