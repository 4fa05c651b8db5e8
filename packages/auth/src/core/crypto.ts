/**
 * Byte, encoding and Web Crypto primitives shared by the schemes. Web Crypto only
 * (`globalThis.crypto.subtle`), so every scheme runs on Node, Bun, Deno, browsers and edge runtimes.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes UTF-8, throwing on malformed input. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Standard Base64 (RFC 4648 §4) with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + "==";
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + "=";
  }
  return out;
}

/** Strict standard Base64 decoding (padding required, no whitespace); `undefined` when malformed. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charCodeAt(i + j);
      const last = i + 4 === text.length;
      if (c === 61 /* = */ && last && j >= 4 - pad) {
        n <<= 6;
        continue;
      }
      const v = c < 128 ? B64_INDEX[c]! : -1;
      if (v < 0) return undefined;
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >>> 16) & 255;
    if (o < out.length) out[o++] = (n >>> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  // Reject non-canonical encodings (stray bits in the padding position).
  return toBase64(out) === text ? out : undefined;
}

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += (b < 16 ? "0" : "") + b.toString(16);
  return out;
}

/** Strict hex decoding (either case, even length); `undefined` when malformed. */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Compares two byte arrays in time independent of where they differ. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** `n` cryptographically random bytes from Web Crypto. The default `random` of every client. */
export function defaultRandom(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** Copies bytes into a fresh ArrayBuffer-backed view (Web Crypto rejects SharedArrayBuffer views). */
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes) as Uint8Array<ArrayBuffer>;
}

/** A small cache of imported keys, keyed by the secret's value, so a rotating secret re-imports once. */
export class KeyCache<K> {
  readonly #max: number;
  readonly #map = new Map<string, Promise<K>>();
  constructor(max = 16) {
    this.#max = max;
  }
  /** Returns the cached key for `id`, importing it with `make` on a miss. */
  get(id: string, make: () => Promise<K>): Promise<K> {
    let hit = this.#map.get(id);
    if (!hit) {
      if (this.#map.size >= this.#max) this.#map.delete(this.#map.keys().next().value as string);
      hit = make();
      this.#map.set(id, hit);
      hit.catch(() => this.#map.delete(id));
    }
    return hit;
  }
  /** Custom inspection never prints keys or secrets. */
  toJSON(): string {
    return `KeyCache(${this.#map.size})`;
  }
}

const hmacKeys = new KeyCache<CryptoKey>(64);

/** HMAC of `data` under `key` (a UTF-8 secret or raw bytes); the imported key is cached per key value. */
export async function hmac(
  hash: "SHA-1" | "SHA-256",
  key: string | Uint8Array,
  data: string | Uint8Array,
): Promise<Uint8Array> {
  const raw = typeof key === "string" ? utf8(key) : key;
  const id = `${hash}:${typeof key === "string" ? `s:${key}` : `b:${toHex(key)}`}`;
  const cryptoKey = await hmacKeys.get(id, () =>
    globalThis.crypto.subtle.importKey("raw", buf(raw), { name: "HMAC", hash }, false, ["sign"]),
  );
  const sig = await globalThis.crypto.subtle.sign(
    "HMAC",
    cryptoKey,
    buf(typeof data === "string" ? utf8(data) : data),
  );
  return new Uint8Array(sig);
}

/** SHA-256 digest. */
export async function sha256(data: string | Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await globalThis.crypto.subtle.digest("SHA-256", buf(typeof data === "string" ? utf8(data) : data)),
  );
}

/** RFC 3986 §2.3 percent-encoding: every byte but unreserved `A-Z a-z 0-9 - . _ ~` becomes `%XX` (upper-case). */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Imports raw AES key bytes (16, 24 or 32) for AES-GCM. Callers cache the result per secret. */
export function aesGcmKey(raw: Uint8Array): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey("raw", buf(raw), { name: "AES-GCM" }, false, [
    "encrypt",
    "decrypt",
  ]);
}

function gcmParams(iv: Uint8Array, aad: Uint8Array | undefined): AesGcmParams {
  const params: AesGcmParams = { name: "AES-GCM", iv: buf(iv), tagLength: 128 };
  if (aad) params.additionalData = buf(aad);
  return params;
}

/** AES-GCM encryption with a 128-bit tag: returns `ciphertext ‖ tag` (Web Crypto's layout). */
export async function aesGcmSeal(
  key: CryptoKey,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad?: Uint8Array,
): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.encrypt(gcmParams(iv, aad), key, buf(plaintext)));
}

/** AES-GCM decryption of `ciphertext ‖ tag`; rejects when authentication fails (tampered, wrong key or IV). */
export async function aesGcmOpen(
  key: CryptoKey,
  iv: Uint8Array,
  sealed: Uint8Array,
  aad?: Uint8Array,
): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.decrypt(gcmParams(iv, aad), key, buf(sealed)));
}
