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
const fill = (byte: number, n: number) => new Uint8Array(n).fill(byte);
const seq = (from: number, to: number) => Uint8Array.from({ length: to - from + 1 }, (_, i) => from + i);

// RFC 2202 §3, "Test Cases for HMAC-SHA-1" (https://www.rfc-editor.org/rfc/rfc2202#section-3).
const RFC2202: Array<{ tc: number; key: Uint8Array; data: Uint8Array; digest: string; truncate?: number }> = [
  { tc: 1, key: fill(0x0b, 20), data: utf8("Hi There"), digest: "b617318655057264e28bc0b6fb378c8ef146be00" },
  {
    tc: 2,
    key: utf8("Jefe"),
    data: utf8("what do ya want for nothing?"),
    digest: "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
  },
  { tc: 3, key: fill(0xaa, 20), data: fill(0xdd, 50), digest: "125d7342b9ac11cd91a39af48aa17b4f63f175d3" },
  { tc: 4, key: seq(0x01, 0x19), data: fill(0xcd, 50), digest: "4c9007f4026250c6bc8414f9bf50c86c2d7235da" },
  // digest-96 of test case 5 is 4c1a03424b55e07fe7f27be1
  {
    tc: 5,
    key: fill(0x0c, 20),
    data: utf8("Test With Truncation"),
    digest: "4c1a03424b55e07fe7f27be1",
    truncate: 12,
  },
  {
    tc: 6,
    key: fill(0xaa, 80),
    data: utf8("Test Using Larger Than Block-Size Key - Hash Key First"),
    digest: "aa4ae5e15272d00e95705637ce8a3b55ed402112",
  },
  {
    tc: 7,
    key: fill(0xaa, 80),
    data: utf8("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
    digest: "e8e99d0f45237d786d6bbaa7965c7808bbff1a91",
  },
];

// RFC 4231 §4, HMAC-SHA-256 column (https://www.rfc-editor.org/rfc/rfc4231#section-4).
const RFC4231: Array<{ tc: number; key: Uint8Array; data: Uint8Array; digest: string; truncate?: number }> = [
  {
    tc: 1,
    key: fill(0x0b, 20),
    data: hex("4869205468657265"),
    digest: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
  },
  {
    tc: 2,
    key: hex("4a656665"),
    data: hex("7768617420646f2079612077616e7420666f72206e6f7468696e673f"),
    digest: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  },
  {
    tc: 3,
    key: fill(0xaa, 20),
    data: fill(0xdd, 50),
    digest: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
  },
  {
    tc: 4,
    key: seq(0x01, 0x19),
    data: fill(0xcd, 50),
    digest: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
  },
  // Test case 5 is truncated to 128 bits.
  {
    tc: 5,
    key: fill(0x0c, 20),
    data: utf8("Test With Truncation"),
    digest: "a3b6167473100ee06e0c796c2955552b",
    truncate: 16,
  },
  {
    tc: 6,
    key: fill(0xaa, 131),
    data: utf8("Test Using Larger Than Block-Size Key - Hash Key First"),
    digest: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
  },
  {
    tc: 7,
    key: fill(0xaa, 131),
    data: utf8(
      "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
    ),
    digest: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
  },
];

describe.each(PATHS)("%s", (_name, { hmac, aesGcmKey, aesGcmSeal, aesGcmOpen }) => {
  describe('hmac("SHA-1") on RFC 2202', () => {
    for (const v of RFC2202) {
      it(`test case ${v.tc}`, async () => {
        const out = await hmac("SHA-1", v.key, v.data);
        expect(out).toHaveLength(20);
        expect(toHex(v.truncate ? out.subarray(0, v.truncate) : out)).toBe(v.digest);
      });
    }
  });

  describe('hmac("SHA-256") on RFC 4231', () => {
    for (const v of RFC4231) {
      it(`test case ${v.tc}`, async () => {
        const out = await hmac("SHA-256", v.key, v.data);
        expect(out).toHaveLength(32);
        expect(toHex(v.truncate ? out.subarray(0, v.truncate) : out)).toBe(v.digest);
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

  // AES-256-GCM: "The Galois/Counter Mode of Operation (GCM)", McGrew & Viega (the GCM specification
  // submitted to NIST for SP 800-38D), Appendix B, test cases 13–16 (the 256-bit key cases). The values
  // were also checked against Python's `cryptography` AESGCM before being written here.
  describe("AES-256-GCM (GCM spec test cases 13–16)", () => {
    const h = (s: string) => fromHex(s.replace(/\s+/g, ""))!;
    const K1 = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
    const P15 =
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    const C15 =
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
    const cases = [
      {
        n: 13,
        key: "00".repeat(32),
        iv: "00".repeat(12),
        p: "",
        a: "",
        c: "",
        t: "530f8afbc74536b9a963b4f1c4cb738b",
      },
      {
        n: 14,
        key: "00".repeat(32),
        iv: "00".repeat(12),
        p: "00".repeat(16),
        a: "",
        c: "cea7403d4d606b6e074ec5d3baf39d18",
        t: "d0d1c8a799996bf0265b98b5d48ab919",
      },
      {
        n: 15,
        key: K1,
        iv: "cafebabefacedbaddecaf888",
        p: P15,
        a: "",
        c: C15,
        t: "b094dac5d93471bdec1a502270e3cc6c",
      },
      {
        n: 16,
        key: K1,
        iv: "cafebabefacedbaddecaf888",
        p: P15.slice(0, 120),
        a: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
        c: C15.slice(0, 120),
        t: "76fc6ece0f4e1768cddf8853bb2d551b",
      },
    ];
    for (const tc of cases) {
      it(`test case ${tc.n}: seal gives C ‖ T, open gives P back`, async () => {
        const key = await aesGcmKey(h(tc.key));
        const aad = tc.a ? h(tc.a) : undefined;
        const sealed = await aesGcmSeal(key, h(tc.iv), h(tc.p), aad);
        expect(toHex(sealed)).toBe(tc.c + tc.t);
        expect(toHex(await aesGcmOpen(key, h(tc.iv), sealed, aad))).toBe(tc.p);
      });
    }

    it("open rejects a flipped tag bit, a wrong AAD and a wrong IV", async () => {
      const key = await aesGcmKey(h(K1));
      const iv = h("cafebabefacedbaddecaf888");
      const aad = h("feedfacedeadbeeffeedfacedeadbeefabaddad2");
      const sealed = await aesGcmSeal(key, iv, h(P15.slice(0, 120)), aad);
      const flipped = sealed.slice();
      flipped[flipped.length - 1]! ^= 1;
      await expect(aesGcmOpen(key, iv, flipped, aad)).rejects.toThrow();
      await expect(aesGcmOpen(key, iv, sealed, h("00"))).rejects.toThrow();
      await expect(aesGcmOpen(key, h("cafebabefacedbaddecaf889"), sealed, aad)).rejects.toThrow();
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
      await expect(path.aesGcmKey(new Uint8Array(20))).rejects.toThrow();
      const key = await path.aesGcmKey(new Uint8Array(32));
      await expect(path.aesGcmOpen(key, new Uint8Array(12), new Uint8Array(15))).rejects.toThrow();
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
