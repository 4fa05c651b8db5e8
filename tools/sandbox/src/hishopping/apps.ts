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
  /**
   * The request protocol the app speaks (default `"envelope"`): the signed envelope, or `"headers"` — the body
   * `Base64(iv ‖ ct ‖ tag)` with `App-ID`, `Timestamp`, `Sign` = HMAC-SHA256(Sign Key, app_id + timestamp)
   * headers, both ways. A request in the other protocol is answered 1004.
   */
  protocol?: "envelope" | "headers";
  /**
   * How a reused `merchant_order_no` is answered (default `"original"`): the original order when the payload
   * is the same (2002 only when it differs), or `"reject"`: 2002 "Duplicate order" for any reuse.
   */
  duplicates?: "original" | "reject";
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
    // Speaks the header protocol (the provider page's "Communication Protocol" section).
    appId: "hs_app_headers",
    secretKey: "sandbox-headers-secret-32-bytes!",
    signKey: "sandbox-sign-key-headers",
    dataEncoding: "base64",
    protocol: "headers",
  },
  {
    // The server behaviour where a retried create gets 2002 instead of the original order.
    appId: "hs_app_dup2002",
    secretKey: "sandbox-secret-key-32-bytes-long",
    signKey: "sandbox-sign-key",
    dataEncoding: "base64",
    duplicates: "reject",
  },
  {
    appId: "hs_app_disabled",
    secretKey: "sandbox-secret-key-32-bytes-long",
    signKey: "sandbox-sign-key",
    dataEncoding: "base64",
    disabled: true,
  },
]);

/** `hs_app_sandbox_<suffix>`: an app of its own with `hs_app_sandbox`'s keys (e.g. one per test file). */
const DERIVED_APP = /^hs_app_sandbox_[A-Za-z0-9_-]{1,40}$/;

/**
 * The app with this id: a known one, or for `hs_app_sandbox_<suffix>` (1–40 of `[A-Za-z0-9_-]`) an app of its
 * own that uses `hs_app_sandbox`'s Secret Key, Sign Key and Base64 encoding, so test files sharing one sandbox
 * can each scope faults to their own `app_id`.
 */
export function findApp(
  apps: ReadonlyMap<string, HishoppingSandboxApp>,
  appId: string,
): HishoppingSandboxApp | undefined {
  const known = apps.get(appId);
  if (known || !DERIVED_APP.test(appId)) return known;
  const base = HISHOPPING_SANDBOX_APPS[0]!;
  return { ...base, appId };
}
