/**
 * The SGate sandbox's own x-auth verification, written from SGate's "Call Method" page with node:crypto.
 * It deliberately shares no code with @keyway/auth, so a client bug cannot hide behind the same bug here.
 *
 * Rule (docs): six pairs `uri`, `key`, `timestamp`, `signMethod`, `signVersion`, `method`; each value
 * urlencoded (the Node sample: `encodeURIComponent`), the `k=v` strings sorted and joined with `&`;
 * HMAC-SHA256 keyed by the secret; base64.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The six values SGate signs (and echoes back in a `notAllowed` answer). */
export interface SignedValues {
  uri: string;
  key: string;
  timestamp: number;
  signMethod: string;
  signVersion: string;
  method: string;
}

/** The canonical string, exactly as the docs' Node sample builds it (map, encodeURIComponent, sort, join). */
export function canonicalString(values: SignedValues): string {
  const opt: Record<string, string> = {
    uri: values.uri,
    key: values.key,
    timestamp: String(values.timestamp),
    signMethod: values.signMethod,
    signVersion: values.signVersion,
    method: values.method,
  };
  return Object.keys(opt)
    .map((k) => `${k}=${encodeURIComponent(opt[k] as string)}`)
    .sort()
    .join("&");
}

/** base64(HMAC-SHA256(secret, canonical)). */
export function computeSignature(values: SignedValues, secret: string): string {
  return createHmac("sha256", secret).update(canonicalString(values)).digest("base64");
}

/** Headers a signed SGate request or notification carries. */
export function signedHeaders(values: SignedValues, secret: string): Record<string, string> {
  return {
    "x-auth-signature": computeSignature(values, secret),
    "x-auth-key": values.key,
    "x-auth-timestamp": String(values.timestamp),
    "x-auth-sign-method": values.signMethod,
    "x-auth-sign-version": values.signVersion,
  };
}

/** One credential the sandbox accepts. */
export interface SgateCredential {
  /** The client key (`x-auth-key`). */
  key: string;
  /** The client secret. */
  secret: string;
  /** The merchant the client belongs to (`M` + 6 digits). */
  merchantId: string;
  /** The client id reported on orders (`CLT` + 7 digits). */
  clientId: string;
}

/** The docs' own example credentials: key from the error example, secret from the signing sample. */
export const DOCS_CREDENTIAL: SgateCredential = {
  key: "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI",
  secret: "your secret",
  merchantId: "M448726",
  clientId: "CLT9208307",
};

const GRAMMAR_KEY = /^(M\d{6})[A-Za-z0-9]{25}$/;

/**
 * Looks a key up: the configured credentials first, then the grammar `M<6 digits><25 alphanumerics>`
 * (32 characters, like SGate keys), whose merchant is its first 7 characters and whose secret is
 * `sandbox-secret-<key>`. Anything else is unknown.
 */
export function findCredential(key: string, table: readonly SgateCredential[]): SgateCredential | undefined {
  const listed = table.find((c) => c.key === key);
  if (listed) return listed;
  const m = GRAMMAR_KEY.exec(key);
  if (!m) return undefined;
  const merchantId = m[1] as string;
  return { key, secret: `sandbox-secret-${key}`, merchantId, clientId: `CLT${merchantId.slice(1)}0` };
}

/** Outcome of {@link verifyRequest}. */
export type VerifyOutcome =
  | { ok: true; credential: SgateCredential; values: SignedValues }
  | { ok: false; reason: string; values: SignedValues };

/** Options of {@link verifyRequest}. */
export interface VerifyOptions {
  /** Header lookup (lower-case names). */
  header(name: string): string | undefined;
  /** The uri as received: path after the base path, plus the raw query. */
  uri: string;
  /** The operation's method name from the spec (`x-sgate-method`). */
  method: string;
  /** The sandbox clock (ms). */
  now: number;
  /** Allowed clock distance in seconds. */
  toleranceSeconds: number;
  /** Configured credentials. */
  credentials: readonly SgateCredential[];
}

/** Verifies the x-auth-* headers of one request; on failure says why (the sandbox's reason string). */
export function verifyRequest(o: VerifyOptions): VerifyOutcome {
  const key = o.header("x-auth-key") ?? "";
  const ts = o.header("x-auth-timestamp") ?? "";
  const values: SignedValues = {
    uri: o.uri,
    key,
    timestamp: /^\d{1,12}$/.test(ts) ? Number(ts) : Number.NaN,
    signMethod: o.header("x-auth-sign-method") ?? "",
    signVersion: o.header("x-auth-sign-version") ?? "",
    method: o.method,
  };
  const signature = o.header("x-auth-signature");
  if (!signature || !key || !ts || !values.signMethod || !values.signVersion) {
    return { ok: false, reason: "missing x-auth headers", values };
  }
  if (values.signMethod !== "HmacSHA256" || values.signVersion !== "1") {
    return { ok: false, reason: "unsupported sign method or version", values };
  }
  const credential = findCredential(key, o.credentials);
  if (!credential) return { ok: false, reason: "unknown key", values };
  if (!Number.isFinite(values.timestamp)) return { ok: false, reason: "timestamp error", values };
  if (Math.abs(values.timestamp - o.now / 1000) > o.toleranceSeconds) {
    return { ok: false, reason: "timestamp expired", values };
  }
  // Compare the base64 text itself (Node's base64 decoder is lenient), in constant time.
  const expected = Buffer.from(computeSignature(values, credential.secret), "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "signature error", values };
  }
  return { ok: true, credential, values };
}
