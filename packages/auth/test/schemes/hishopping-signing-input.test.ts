import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { envelopeSigningInput } from "../../src/schemes/hishopping/canonical-json.js";
import {
  hishoppingCanonicalJson,
  hishoppingGoEscaped,
  signHishoppingEnvelope,
  verifyHishoppingEnvelope,
} from "../../src/schemes/hishopping/index.js";

// The envelope's signing input is written field by field (no copy of the envelope without `sign`); it must
// equal the general canonical JSON of that copy for any fields, and say rightly whether Go's form differs.
const KEY = "sign-key-for-tests";
const withoutSign = (o: Record<string, unknown>) => {
  const { sign: _ignored, ...rest } = o;
  return rest;
};
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("a<b", "x&y", "\u2028", '"q"', "\\", "\u0001", "\uD800", "😀", "toJSON", "sign"),
);
const value = fc.oneof(
  text,
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);
const fields = fc.dictionary(
  fc.oneof(text, fc.constantFrom("app_id", "data", "nonce", "timestamp", "sign")),
  value,
  {
    maxKeys: 6,
  },
);

describe("envelopeSigningInput", () => {
  it("equals hishoppingCanonicalJson of the fields without sign, and goSafe says whether Go's form is the same text", () => {
    fc.assert(
      fc.property(fields, (f) => {
        const expected = hishoppingCanonicalJson(withoutSign(f));
        const [got, goSafe] = envelopeSigningInput(f);
        expect(got).toBe(expected);
        expect(goSafe).toBe(hishoppingGoEscaped(expected) === expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("does not depend on the order of the fields; undefined and function members are dropped", () => {
    const a = { app_id: "A1", data: "ZGF0YQ==", nonce: "0a0b", timestamp: 1_700_000_000, sign: "x" };
    const b = {
      timestamp: 1_700_000_000,
      sign: "y",
      nonce: "0a0b",
      extra: undefined,
      data: "ZGF0YQ==",
      app_id: "A1",
      f: () => 1,
    };
    const expected = '{"app_id":"A1","data":"ZGF0YQ==","nonce":"0a0b","timestamp":1700000000}';
    expect(envelopeSigningInput(a)).toEqual([expected, true]);
    expect(envelopeSigningInput(b)).toEqual([expected, true]);
    const custom = { sign: "s", toJSON: () => ({ z: 1, a: "&" }) };
    expect(envelopeSigningInput(custom)).toEqual([hishoppingCanonicalJson(withoutSign(custom)), false]);
    expect(envelopeSigningInput(custom)[0]).toBe('{"a":"&","z":1}');
    expect(envelopeSigningInput({ m: "a<b" })).toEqual(['{"m":"a<b"}', false]);
    expect(envelopeSigningInput({ m: ["&"] })).toEqual(['{"m":["&"]}', false]);
  });
});

describe("verifyHishoppingEnvelope on the signing input", () => {
  const fieldsOf = (message: string) => ({
    app_id: "A1",
    code: 0,
    message,
    nonce: "0a0b",
    timestamp: 1_700_000_000,
  });
  const mac = (input: string) => createHmac("sha256", KEY).update(input).digest("hex");

  it("accepts the plain and the Go-escaped signature, in either hex case; refuses others", async () => {
    const f = fieldsOf("a<b&c");
    const plain = '{"app_id":"A1","code":0,"message":"a<b&c","nonce":"0a0b","timestamp":1700000000}';
    const go = '{"app_id":"A1","code":0,"message":"a\\u003cb\\u0026c","nonce":"0a0b","timestamp":1700000000}';
    expect((await signHishoppingEnvelope(KEY, f)).signingInput).toBe(plain);
    expect(await verifyHishoppingEnvelope(KEY, { ...f, sign: mac(plain) })).toBe(true);
    expect(await verifyHishoppingEnvelope(KEY, { ...f, sign: mac(go) })).toBe(true);
    expect(await verifyHishoppingEnvelope(KEY, { ...f, sign: mac(plain).toUpperCase() })).toBe(true);
    expect(await verifyHishoppingEnvelope(KEY, { ...f, sign: mac(`${plain} `) })).toBe(false);
    expect(await verifyHishoppingEnvelope(KEY, { ...f, sign: mac(plain).slice(1) })).toBe(false);
    expect(await verifyHishoppingEnvelope(KEY, { ...f, sign: `${mac(plain).slice(1)}g` })).toBe(false);
    expect(await verifyHishoppingEnvelope(KEY, { ...f, message: "a<b&d", sign: mac(plain) })).toBe(false);
  });

  it("a Go-escaped signature over text without Go's characters is the plain one (one HMAC checks both)", async () => {
    const f = fieldsOf("plain");
    const plain = '{"app_id":"A1","code":0,"message":"plain","nonce":"0a0b","timestamp":1700000000}';
    expect(await verifyHishoppingEnvelope(KEY, { ...f, sign: mac(plain) })).toBe(true);
    expect(await verifyHishoppingEnvelope(KEY, { ...f, timestamp: 1_700_000_001, sign: mac(plain) })).toBe(
      false,
    );
  });
});
