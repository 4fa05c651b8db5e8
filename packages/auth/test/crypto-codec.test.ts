import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as active from "../src/core/crypto.js";
import type { CryptoPath } from "../src/core/crypto-api.js";
import * as nodePath from "../src/core/crypto-node.js";
import * as webPath from "../src/core/crypto-web.js";

// The Base64/hex codecs and the text-encoded HMAC of each crypto path (Buffer's native codecs on the
// node:crypto path, plain JavaScript on the Web Crypto path) run the same vectors.
const PATHS: Array<[string, CryptoPath]> = [
  ["node:crypto path (crypto-node)", nodePath],
  ["Web Crypto path (crypto-web)", webPath],
  [`#crypto as resolved here (${active.cryptoPath})`, active],
];

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

// RFC 4648 §10 (https://www.rfc-editor.org/rfc/rfc4648#section-10).
const RFC4648: Array<[string, string, string]> = [
  ["", "", ""],
  ["f", "Zg==", "66"],
  ["fo", "Zm8=", "666f"],
  ["foo", "Zm9v", "666f6f"],
  ["foob", "Zm9vYg==", "666f6f62"],
  ["fooba", "Zm9vYmE=", "666f6f6261"],
  ["foobar", "Zm9vYmFy", "666f6f626172"],
];

describe.each(PATHS)("%s", (_name, path) => {
  it("encodes and decodes the RFC 4648 §10 vectors, Base64 and hex", () => {
    for (const [text, b64, hex] of RFC4648) {
      expect(path.toBase64(ascii(text))).toBe(b64);
      expect(path.fromBase64(b64)).toEqual(ascii(text));
      expect(path.toHex(ascii(text))).toBe(hex);
      expect(path.fromHex(hex)).toEqual(ascii(text));
      expect(path.fromHex(hex.toUpperCase())).toEqual(ascii(text));
    }
  });

  it("encodes a view into a larger buffer by its own bytes only", () => {
    const big = ascii("xxfoobarxx").subarray(2, 8);
    expect(path.toBase64(big)).toBe("Zm9vYmFy");
    expect(path.toHex(big)).toBe("666f6f626172");
  });

  it("refuses malformed and non-canonical Base64 and hex", () => {
    for (const bad of [
      "Zg",
      "Zg=",
      "Zg===",
      "Zh==",
      "Zm9=",
      "Zm8",
      "Zm 9v",
      "Zm9v\n",
      "Zm-v",
      "Zm_v",
      "====",
      "=Zm9",
    ]) {
      expect(path.fromBase64(bad), bad).toBeUndefined();
    }
    for (const bad of ["6", "6g", "666", " 66", "0x66"]) expect(path.fromHex(bad), bad).toBeUndefined();
  });

  it("decodes into a plain, exactly sized Uint8Array", () => {
    const out = path.fromBase64("Zm9vYmE=")!;
    expect(out.constructor).toBe(Uint8Array);
    expect(out.byteLength).toBe(out.buffer.byteLength);
  });

  it("hmacText gives the RFC 4231 test case 2 HMAC-SHA-256 as hex and Base64, RFC 2202 TC 2 for SHA-1", async () => {
    const data = "what do ya want for nothing?";
    const sha256 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    expect(await path.hmacText("SHA-256", "Jefe", data, "hex")).toBe(sha256);
    expect(await path.hmacText("SHA-256", "Jefe", data, "base64")).toBe(
      Buffer.from(sha256, "hex").toString("base64"),
    );
    expect(await path.hmacText("SHA-1", ascii("Jefe"), ascii(data), "hex")).toBe(
      "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
    );
  });
});

describe("the codecs of both paths agree", () => {
  it("on random bytes, and on random text decoded as Base64 or hex", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const b64 = nodePath.toBase64(bytes);
        expect(webPath.toBase64(bytes)).toBe(b64);
        expect(webPath.toHex(bytes)).toBe(nodePath.toHex(bytes));
        expect(nodePath.fromBase64(b64)).toEqual(bytes);
        expect(webPath.fromBase64(b64)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
    const alphabet = fc.constantFrom(..."ABCQgwxyz019+/=-_ ".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 16 }), (chars) => {
        const text = chars.join("");
        expect(nodePath.fromBase64(text)).toEqual(webPath.fromBase64(text));
        expect(nodePath.fromHex(text)).toEqual(webPath.fromHex(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("on input of more bytes than one call may take as arguments (the Web Crypto path encodes 8 KiB at a time)", () => {
    // 256 KiB: spread into one String.fromCharCode call, V8 overflows its stack.
    const bytes = Uint8Array.from({ length: 256 * 1024 + 5 }, (_, i) => (i * 7919) & 255);
    const b64 = nodePath.toBase64(bytes);
    expect(webPath.toBase64(bytes)).toBe(b64);
    expect(webPath.fromBase64(b64)).toEqual(bytes);
  });

  it("random bytes never repeat across the node path's pool refills; a large draw bypasses the pool", () => {
    for (const path of [nodePath, webPath]) {
      const seen = new Set<string>();
      for (let i = 0; i < 1000; i++) seen.add(path.toHex(path.defaultRandom(16)));
      expect(seen.size).toBe(1000);
      expect(path.defaultRandom(4096)).toHaveLength(4096);
    }
  });

  it("the node:crypto path answers synchronously (no promise per call); Web Crypto with a promise", () => {
    const key = nodePath.aesGcmKey(new Uint8Array(32));
    expect(key).not.toBeInstanceOf(Promise);
    expect(nodePath.hmac("SHA-256", "k", "d")).toBeInstanceOf(Uint8Array);
    expect(typeof nodePath.hmacText("SHA-256", "k", "d", "hex")).toBe("string");
    expect(nodePath.sha256("d")).toBeInstanceOf(Uint8Array);
    expect(nodePath.aesGcmSeal(key as never, new Uint8Array(12), new Uint8Array(3))).toBeInstanceOf(
      Uint8Array,
    );
    expect(webPath.hmacText("SHA-256", "k", "d", "hex")).toBeInstanceOf(Promise);
  });
});
