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
