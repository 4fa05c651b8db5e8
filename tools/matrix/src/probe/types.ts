/**
 * What the runner hands the probe and what the probe reports back. Plain JSON both ways, so the same probe
 * runs in a child process (Node, Bun, Deno: a file in, one line of stdout out) and in a browser page.
 */

/** One HMAC case: hex key, data and the published (possibly truncated) digest. */
export interface HmacCase {
  readonly tc: number;
  readonly key: string;
  readonly data: string;
  readonly digest: string;
}

/** One AES-256-GCM case, hex throughout (`aad` and `plaintext` may be empty). */
export interface GcmCase {
  readonly tc: number;
  readonly key: string;
  readonly iv: string;
  readonly plaintext: string;
  readonly aad: string;
  readonly ciphertext: string;
  readonly tag: string;
}

/** packages/auth/test/vectors/hmac-gcm.json. */
export interface CryptoVectors {
  readonly hmacSha1: { readonly cases: readonly HmacCase[] };
  readonly hmacSha256: { readonly cases: readonly HmacCase[] };
  readonly aes256Gcm: { readonly cases: readonly GcmCase[] };
}

/** One vector of specs/appfigures/vectors/vectors.json (RFC 5849 examples and edge cases). */
export interface OAuth1Vector {
  readonly name: string;
  readonly method: string;
  readonly url: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly token: string;
  readonly tokenSecret: string;
  readonly timestamp: number;
  readonly nonce: string;
  readonly signatureMethod: "HMAC-SHA1" | "PLAINTEXT";
  readonly oauthParams: Readonly<Record<string, string>>;
  readonly signature: string;
  readonly body?: string;
  readonly contentType?: string;
}

/** One vector of specs/sgate/vectors/vectors.json (the documented example and generated cases). */
export interface SgateVector {
  readonly name: string;
  readonly key: string;
  readonly secret: string;
  readonly timestamp: number;
  readonly method: string;
  readonly uri: string;
  readonly canonical: string;
  readonly signature: string;
  readonly baseUrl?: string;
  readonly url?: string;
}

/** The parts of specs/hishopping/vectors/vectors.json the probe runs. */
export interface HishoppingVectors {
  readonly credentials: { readonly app_id: string; readonly sign_key: string };
  readonly base_url: string;
  readonly requests: readonly {
    readonly name: string;
    readonly method: "GET" | "POST";
    readonly path: string;
    readonly secret_key: string;
    readonly data_encoding: "base64" | "hex";
    readonly iv_hex: string;
    readonly nonce_bytes_hex: string;
    readonly now_ms: number;
    readonly url: string;
    readonly query?: Readonly<Record<string, unknown>>;
    readonly body?: string;
    readonly wire_body?: string;
  }[];
  readonly responses: readonly {
    readonly name: string;
    readonly secret_key: string;
    readonly data_encoding: "base64" | "hex";
    readonly wire_body: string;
    readonly expect: unknown;
  }[];
  readonly response_negatives: readonly {
    readonly name: string;
    readonly secret_key: string;
    readonly data_encoding: "base64" | "hex";
    readonly wire_body: string;
  }[];
}

/** Every vector file the probe runs, read by the runner from the repository. */
export interface ProbeVectors {
  readonly crypto: CryptoVectors;
  readonly oauth1: { readonly vectors: readonly OAuth1Vector[] };
  readonly sgate: { readonly vectors: readonly SgateVector[] };
  readonly hishopping: HishoppingVectors;
}

/** The `baseUrl` of each provider in the sandbox the runner started. */
export interface SandboxUrls {
  readonly hiobuy: string;
  readonly sgate: string;
  readonly hishopping: string;
  readonly hyper: string;
  readonly appfigures: string;
}

/** The probe's input. */
export interface ProbeInput {
  readonly vectors: ProbeVectors;
  readonly urls: SandboxUrls;
  /** Build clients with `dangerouslyAllowBrowser` (set by the browser entry only). */
  readonly browser?: boolean;
}

/** One check's outcome. */
export interface CheckResult {
  /** Stable name, e.g. `hmac-sha256` or `roundtrip:sgate` (the table's row). */
  readonly name: string;
  readonly ok: boolean;
  /** Wall time of the check on that runtime, in milliseconds. */
  readonly ms: number;
  /** How many vectors or requests the check ran. */
  readonly count: number;
  /** Why it failed (never a secret: vector values are public test data, sandbox credentials are documented). */
  readonly error?: string;
}

/** What one runtime reports. */
export interface ProbeReport {
  /** e.g. `node 20.20.0`, `bun 1.4.5`, `deno 2.9.6`, or the browser's user agent product. */
  readonly runtime: string;
  /** The crypto path `#crypto` resolved to, as `@keyway/auth/internal` names it. */
  readonly cryptoPath: "node" | "web";
  /** Web Crypto (`crypto.subtle`) calls seen while the checks ran: 0 on the node:crypto path. */
  readonly webCryptoCalls: number;
  readonly checks: readonly CheckResult[];
}
