import { describe, expect, it } from "vitest";
import {
  gcmVectors,
  hishoppingVectors,
  hmacVectors,
  oauth1Vectors,
  sgateVectors,
} from "../src/probe/vectors.js";
import { loadVectors } from "../src/runner/matrix.js";

// The probe's checks, in process on this runtime: they pass on the repository's vector files and fail, naming
// the vector, as soon as one value is off.
const V = loadVectors();
const flipHex = (hex: string) => (hex.startsWith("0") ? `1${hex.slice(1)}` : `0${hex.slice(1)}`);

describe("the probe's vector checks", () => {
  it("pass on every vector file, counting what they ran", async () => {
    expect(await hmacVectors("SHA-1", V.crypto.hmacSha1.cases)).toBe(7);
    expect(await hmacVectors("SHA-256", V.crypto.hmacSha256.cases)).toBe(7);
    expect(await gcmVectors(V.crypto.aes256Gcm)).toBe(4);
    expect(await oauth1Vectors(V.oauth1.vectors)).toBe(V.oauth1.vectors.length);
    expect(await sgateVectors(V.sgate.vectors)).toBe(V.sgate.vectors.length);
    expect(await hishoppingVectors(V.hishopping)).toBeGreaterThanOrEqual(15);
  });

  it("fail on one wrong digest, tag, signature or wire byte, naming the vector", async () => {
    const [tc1, ...rest] = V.crypto.hmacSha256.cases;
    await expect(
      hmacVectors("SHA-256", [{ ...tc1!, digest: flipHex(tc1!.digest) }, ...rest]),
    ).rejects.toThrow(/SHA-256 test case 1/);
    const gcm = V.crypto.aes256Gcm.cases.map((c) => (c.tc === 15 ? { ...c, tag: flipHex(c.tag) } : c));
    await expect(gcmVectors({ cases: gcm })).rejects.toThrow(/GCM test case 15 seal/);
    const [o1, ...oRest] = V.oauth1.vectors;
    await expect(oauth1Vectors([...oRest, { ...o1!, signature: `x${o1!.signature}` }])).rejects.toThrow(
      new RegExp(`oauth1 "${o1!.name}"`),
    );
    const [s1, ...sRest] = V.sgate.vectors;
    await expect(sgateVectors([{ ...s1!, secret: `${s1!.secret}!` }, ...sRest])).rejects.toThrow(/signature/);
    const [n1] = V.hishopping.response_negatives;
    const [good] = V.hishopping.responses;
    // A good answer listed as a negative must be caught: "not refused".
    await expect(
      hishoppingVectors({ ...V.hishopping, response_negatives: [{ ...n1!, wire_body: good!.wire_body }] }),
    ).rejects.toThrow(/not refused/);
  });
});
