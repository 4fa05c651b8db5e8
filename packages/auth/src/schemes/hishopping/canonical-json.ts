/**
 * The canonical JSON the HiShopping envelope is signed over: compact, keys in byte order, no HTML escaping.
 * Pinned by specs/hishopping/vectors/vectors.json, whose messages hold `<`, `>` and `&`.
 */
import { KeywayConfigError } from "../../core/errors.js";

const SURROGATE = /[\uD800-\uDFFF]/;
/**
 * What `JSON.stringify` escapes in a string: `"`, `\`, controls, and surrogates (a lone one becomes `\uXXXX`;
 * pairs are left to it too). A string without any is its own JSON text between quotes, e.g. a Base64 `data`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control characters JSON escapes is the point
const NEEDS_ESCAPE = /["\\\u0000-\u001f\uD800-\uDFFF]/;

function compareCodePoints(a: string, b: string): number {
  // UTF-8 byte order equals code point order; JS `<` compares UTF-16 code units, which differs above U+FFFF.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * The canonical JSON of a value: compact, object keys sorted by byte (code point) order at every depth,
 * strings as `JSON.stringify` writes them (no HTML escaping, non-ASCII as UTF-8), `undefined` members
 * dropped. Equals Python's `json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`
 * for JSON values with integer numbers.
 */
export function hishoppingCanonicalJson(value: unknown): string {
  if (typeof value === "string" && !NEEDS_ESCAPE.test(value)) return `"${value}"`;
  if (value === null || typeof value !== "object") {
    const out = JSON.stringify(value);
    if (out === undefined) throw new KeywayConfigError(`cannot serialise a ${typeof value} as JSON`);
    return out;
  }
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += `${i === 0 ? "" : ","}${v === undefined ? "null" : hishoppingCanonicalJson(v)}`;
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  if (typeof (obj as { toJSON?: unknown }).toJSON === "function") {
    return hishoppingCanonicalJson((obj as { toJSON: () => unknown }).toJSON());
  }
  const keys: string[] = [];
  let surrogates = false;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined || typeof v === "function") continue;
    keys.push(k);
    // A key that needs no escaping holds no surrogate either: one scan for the common key.
    if (!surrogates && NEEDS_ESCAPE.test(k)) surrogates = SURROGATE.test(k);
  }
  // The default sort compares UTF-16 code units: the same as code points unless a key holds a surrogate.
  if (surrogates) keys.sort(compareCodePoints);
  else keys.sort();
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    out += `${i === 0 ? "" : ","}${hishoppingCanonicalJson(k)}:${hishoppingCanonicalJson(obj[k])}`;
  }
  return `${out}}`;
}

/** What JSON escapes plus what Go's `json.Marshal` escapes (`<`, `>`, `&`, U+2028, U+2029): one scan for both. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control characters JSON escapes is the point
const NOT_PLAIN = /["\\\u0000-\u001f<>&\u2028\u2029\uD800-\uDFFF]/;
/** The characters Go's `json.Marshal` escapes and the plain canonical form keeps. */
export const GO_ESCAPED = /[<>&\u2028\u2029]/;

/**
 * The signing input of an envelope: the canonical JSON of every top-level field but `sign` (as
 * {@link hishoppingCanonicalJson} of the object without `sign`), written field by field without copying the
 * object; plain keys and strings (a Base64 `data`, a hex nonce) are written as they are after one scan.
 * Also says whether the text holds none of the characters Go escapes (then Go's form is the same text).
 */
export function envelopeSigningInput(
  fields: Readonly<Record<string, unknown>>,
): [text: string, goSafe: boolean] {
  if (typeof fields.toJSON === "function") return general(fields);
  const keys: string[] = [];
  for (const k of Object.keys(fields)) {
    if (k === "sign") continue;
    const v = fields[k];
    if (v === undefined || typeof v === "function") continue;
    if (NOT_PLAIN.test(k)) return general(fields);
    keys.push(k);
  }
  // Plain keys hold no surrogate: UTF-16 order is code point order.
  keys.sort();
  let out = "{";
  let goSafe = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = fields[k];
    let json: string;
    if (typeof v === "string" && !NOT_PLAIN.test(v)) json = `"${v}"`;
    else {
      json = hishoppingCanonicalJson(v);
      if (goSafe && typeof v !== "number") goSafe = !GO_ESCAPED.test(json);
    }
    out += `${i === 0 ? "" : ","}"${k}":${json}`;
  }
  return [`${out}}`, goSafe];
}

/** {@link envelopeSigningInput} for any keys: the object without `sign`, canonicalized whole. */
function general(fields: Readonly<Record<string, unknown>>): [text: string, goSafe: boolean] {
  const { sign: _ignored, ...rest } = fields;
  const text = hishoppingCanonicalJson(rest);
  return [text, !GO_ESCAPED.test(text)];
}
