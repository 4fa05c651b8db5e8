import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentEncode } from "../src/core/crypto.js";

/**
 * Reference RFC 3986 §2.1/§2.3 encoder written independently of the code under test: UTF-8 bytes
 * (RFC 5849 §3.6), each byte left as is when it is in the unreserved set, otherwise `%` + two upper-case hex
 * digits. No encodeURIComponent involved.
 */
const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
function referenceEncode(text: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    out += UNRESERVED.includes(ch) ? ch : `%${"0123456789ABCDEF"[byte >> 4]}${"0123456789ABCDEF"[byte & 15]}`;
  }
  return out;
}

describe("percentEncode (RFC 3986, as RFC 5849 §3.6 uses it)", () => {
  it("fixed examples", () => {
    expect(percentEncode("")).toBe("");
    expect(percentEncode("AZaz09-._~")).toBe("AZaz09-._~");
    expect(percentEncode(" ")).toBe("%20"); // never "+"
    expect(percentEncode("!'()*")).toBe("%21%27%28%29%2A"); // left bare by encodeURIComponent
    expect(percentEncode("=&+/:?#[]@$,;%")).toBe("%3D%26%2B%2F%3A%3F%23%5B%5D%40%24%2C%3B%25");
    expect(percentEncode("£")).toBe("%C2%A3");
    expect(percentEncode("é€😀")).toBe("%C3%A9%E2%82%AC%F0%9F%98%80");
    // Twitter's signature example status text.
    expect(percentEncode("Hello Ladies + Gentlemen, a signed OAuth request!")).toBe(
      "Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21",
    );
  });

  it("equals the byte-wise reference encoder for arbitrary Unicode strings (graphemes)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        expect(percentEncode(s)).toBe(referenceEncode(s));
      }),
      { numRuns: 1000 },
    );
  });

  it("equals the reference for arbitrary code points (full Unicode, astral planes included)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        expect(percentEncode(s)).toBe(referenceEncode(s));
      }),
      { numRuns: 1000 },
    );
  });

  it("leaves exactly the unreserved set, uses upper-case hex, and round-trips", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        const encoded = percentEncode(s);
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(s);
      }),
      { numRuns: 500 },
    );
    for (let code = 0; code < 128; code++) {
      const ch = String.fromCharCode(code);
      expect(percentEncode(ch) === ch).toBe(UNRESERVED.includes(ch));
    }
  });
});
