import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as active from "../src/core/crypto.js";
import { fromHex, toHex, utf8 } from "../src/core/crypto.js";
import type { CryptoPath } from "../src/core/crypto-api.js";
import * as nodePath from "../src/core/crypto-node.js";
import * as webPath from "../src/core/crypto-web.js";

// The same vectors run through each crypto path module directly, and through `#crypto` as this test
// runner resolves it. Typing the list as CryptoPath[] also checks each module exports the whole interface.
const PATHS: Array<[string, CryptoPath]> = [
  ["node:crypto path (crypto-node)", nodePath],
  ["Web Crypto path (crypto-web)", webPath],
  [`#crypto as resolved here (${active.cryptoPath})`, active],
];

const hex = (h: string) => fromHex(h)!;
/** Runs `f` so that a synchronous throw (node:crypto path) and a rejection (Web Crypto) both reject. */
const settle = <T>(f: () => T | Promise<T>): Promise<T> => (async () => f())();
const fill = (byte: number, n: number) => new Uint8Array(n).fill(byte);

interface HmacCase {
  tc: number;
  key: string;
  data: string;
  /** The published digest; shorter than the hash where the source truncates it (test case 5). */
  digest: string;
}
interface GcmCase {
  tc: number;
  key: string;
  iv: string;
  plaintext: string;
  aad: string;
  ciphertext: string;
  tag: string;
}

// RFC 2202 §3 (HMAC-SHA-1), RFC 4231 §4 (HMAC-SHA-256) and the GCM specification's AES-256 test cases
// 13–16, transcribed into vectors/hmac-gcm.json (checked by vectors/check_hmac_gcm.py with Python's own
// hmac and cryptography). tools/matrix runs the same file on every runtime.
const VECTORS: {
  hmacSha1: { cases: HmacCase[] };
  hmacSha256: { cases: HmacCase[] };
  aes256Gcm: { cases: GcmCase[] };
} = JSON.parse(readFileSync(new URL("./vectors/hmac-gcm.json", import.meta.url), "utf8"));
const RFC2202 = VECTORS.hmacSha1.cases;
const RFC4231 = VECTORS.hmacSha256.cases;

describe.each(PATHS)("%s", (_name, { hmac, aesGcmKey, aesGcmSeal, aesGcmOpen }) => {
  describe('hmac("SHA-1") on RFC 2202', () => {
    for (const v of RFC2202) {
      it(`test case ${v.tc}`, async () => {
        const out = await hmac("SHA-1", hex(v.key), hex(v.data));
        expect(out).toHaveLength(20);
        expect(toHex(out).slice(0, v.digest.length)).toBe(v.digest);
      });
    }
  });

  describe('hmac("SHA-256") on RFC 4231', () => {
    for (const v of RFC4231) {
      it(`test case ${v.tc}`, async () => {
        const out = await hmac("SHA-256", hex(v.key), hex(v.data));
        expect(out).toHaveLength(32);
        expect(toHex(out).slice(0, v.digest.length)).toBe(v.digest);
      });
    }
  });

  describe("hmac key forms and cache", () => {
    it("a string key is its UTF-8 bytes (RFC 2202 TC 2 with the key as text)", async () => {
      expect(toHex(await hmac("SHA-1", "Jefe", "what do ya want for nothing?"))).toBe(RFC2202[1]!.digest);
    });

    it("the cached key is per value and per hash: rotating keys and switching hashes give the right digests", async () => {
      for (let round = 0; round < 2; round++) {
        expect(toHex(await hmac("SHA-1", fill(0x0b, 20), "Hi There"))).toBe(RFC2202[0]!.digest);
        expect(toHex(await hmac("SHA-256", fill(0x0b, 20), "Hi There"))).toBe(RFC4231[0]!.digest);
        expect(toHex(await hmac("SHA-1", "Jefe", "what do ya want for nothing?"))).toBe(RFC2202[1]!.digest);
        expect(toHex(await hmac("SHA-256", "Jefe", "what do ya want for nothing?"))).toBe(RFC4231[1]!.digest);
      }
    });
  });

  // AES-256-GCM: the GCM specification's Appendix B, test cases 13–16 (the 256-bit key cases), from vectors/hmac-gcm.json.
  describe("AES-256-GCM (GCM spec test cases 13–16)", () => {
    const GCM = VECTORS.aes256Gcm.cases;
    it("has the four AES-256 cases", () => expect(GCM.map((c) => c.tc)).toEqual([13, 14, 15, 16]));
    for (const tc of GCM) {
      it(`test case ${tc.tc}: seal gives C ‖ T, open gives P back`, async () => {
        const key = await aesGcmKey(hex(tc.key));
        const aad = tc.aad ? hex(tc.aad) : undefined;
        const sealed = await aesGcmSeal(key, hex(tc.iv), hex(tc.plaintext), aad);
        expect(toHex(sealed)).toBe(tc.ciphertext + tc.tag);
        expect(toHex(await aesGcmOpen(key, hex(tc.iv), sealed, aad))).toBe(tc.plaintext);
      });
    }

    it("open rejects a flipped tag bit, a wrong AAD and a wrong IV", async () => {
      const tc16 = GCM.find((c) => c.tc === 16)!;
      const key = await aesGcmKey(hex(tc16.key));
      const iv = hex(tc16.iv);
      const aad = hex(tc16.aad);
      const sealed = await aesGcmSeal(key, iv, hex(tc16.plaintext), aad);
      const flipped = sealed.slice();
      flipped[flipped.length - 1]! ^= 1;
      await expect(settle(() => aesGcmOpen(key, iv, flipped, aad))).rejects.toThrow();
      await expect(settle(() => aesGcmOpen(key, iv, sealed, hex("00")))).rejects.toThrow();
      await expect(
        settle(() => aesGcmOpen(key, hex("cafebabefacedbaddecaf889"), sealed, aad)),
      ).rejects.toThrow();
    });
  });
});

describe("the two paths agree and stay apart", () => {
  it("Web-sealed data opens on the node path and node-sealed data on the Web path, with AAD", async () => {
    const raw = nodePath.defaultRandom(32);
    const iv = webPath.defaultRandom(12);
    const aad = utf8("header");
    const message = utf8("héllo, 世界 — ".repeat(50));
    const [nk, wk] = [await nodePath.aesGcmKey(raw), await webPath.aesGcmKey(raw)];
    const fromWeb = await webPath.aesGcmSeal(wk, iv, message, aad);
    const fromNode = await nodePath.aesGcmSeal(nk, iv, message, aad);
    expect(toHex(fromNode)).toBe(toHex(fromWeb));
    expect(toHex(await nodePath.aesGcmOpen(nk, iv, fromWeb, aad))).toBe(toHex(message));
    expect(toHex(await webPath.aesGcmOpen(wk, iv, fromNode, aad))).toBe(toHex(message));
  });

  it("HMAC, SHA-256 and both key forms give identical bytes on random inputs", async () => {
    for (let i = 0; i < 20; i++) {
      const key = i % 2 ? nodePath.defaultRandom(i * 7) : `clé-${i}-${"k".repeat(i * 9)}`;
      const data = webPath.defaultRandom(i * 13);
      for (const hash of ["SHA-1", "SHA-256"] as const) {
        expect(toHex(await nodePath.hmac(hash, key, data))).toBe(toHex(await webPath.hmac(hash, key, data)));
      }
      expect(toHex(await nodePath.sha256(data))).toBe(toHex(await webPath.sha256(data)));
    }
  });

  it("both reject AES key lengths other than 16, 24 or 32 bytes and a sealed input shorter than a tag", async () => {
    for (const path of [nodePath, webPath]) {
      await expect(settle(() => path.aesGcmKey(new Uint8Array(20)))).rejects.toThrow();
      const key = await path.aesGcmKey(new Uint8Array(32));
      await expect(
        settle(() => path.aesGcmOpen(key, new Uint8Array(12), new Uint8Array(15))),
      ).rejects.toThrow();
    }
  });

  it("outputs are plain Uint8Arrays of the exact length, and the random bytes vary", () => {
    for (const path of [nodePath, webPath]) {
      const a = path.defaultRandom(32);
      expect(a.constructor).toBe(Uint8Array);
      expect(a).toHaveLength(32);
      expect(toHex(a)).not.toBe(toHex(path.defaultRandom(32)));
    }
  });

  it("the package maps #crypto to node:crypto on Node, Bun and Deno and to Web Crypto elsewhere", async () => {
    const pkg = (await import("../package.json", { with: { type: "json" } })).default as {
      imports: Record<string, Record<string, unknown>>;
    };
    const map = pkg.imports["#crypto"]!;
    for (const c of ["node", "bun", "deno"]) expect(map[c]).toBe("./dist/core/crypto-node.js");
    for (const c of ["browser", "worker", "workerd", "edge-light", "default"]) {
      expect(map[c]).toBe("./dist/core/crypto-web.js");
    }
    // Web-ish conditions come before `node`: a browser bundle that also sets `node` still gets Web Crypto.
    const keys = Object.keys(map);
    expect(keys.indexOf("browser")).toBeLessThan(keys.indexOf("node"));
    expect(keys.at(-1)).toBe("default");
  });
});
