import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeywayConfigError } from "../../src/core/errors.js";
import { encodeUri, splitUrl } from "../../src/schemes/oauth1/base-string.js";

// splitUrl reads a URL string already in WHATWG form off the text, without `new URL`; given a URL object it
// always reads the parsed fields. Both must agree on every URL the parser accepts.
const label = fc.constantFrom(
  "api",
  "Api",
  "a-b",
  "xn--bcher-kva",
  "xn--a",
  "0x7f",
  "127",
  "1",
  "e",
  "ex4mple",
);
const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join("."));
const segment = fc
  .array(
    fc.constantFrom(
      "a",
      "Z",
      "0",
      "-",
      ".",
      "..",
      "_",
      "~",
      "%2e",
      "%2E",
      "%20",
      "%zz",
      " ",
      "'",
      '"',
      "|",
      "^",
      "é",
      "\\",
      ":",
      "@",
      "+",
      "!",
      "{",
    ),
    { maxLength: 4 },
  )
  .map((c) => c.join(""));
const path = fc.array(segment, { maxLength: 4 }).map((s) => (s.length === 0 ? "" : `/${s.join("/")}`));
const query = fc.option(
  fc
    .array(
      fc.constantFrom(
        "a=b",
        "&",
        "=",
        "+",
        "%2B",
        " ",
        "'",
        '"',
        "<",
        ">",
        "`",
        "{",
        "|",
        "~",
        "é",
        "/",
        "?",
        "\\",
        "%",
      ),
      {
        maxLength: 6,
      },
    )
    .map((q) => `?${q.join("")}`),
  { nil: "" },
);
const url = fc
  .tuple(
    fc.constantFrom("https://", "http://", "HTTPS://", "ftp://"),
    fc.constantFrom("", "user@", "u:p@"),
    host,
    fc.constantFrom("", ":443", ":80", ":8080"),
    path,
    query,
    fc.constantFrom("", "#f", "#"),
  )
  .map((parts) => parts.join(""));

describe("splitUrl: the text fast path agrees with the WHATWG URL parser", () => {
  it("origin, path and query equal those of new URL() for every URL it accepts", () => {
    fc.assert(
      fc.property(url, (u) => {
        let parsed: URL;
        try {
          parsed = new URL(u);
        } catch {
          expect(() => splitUrl(u)).toThrow(KeywayConfigError);
          return;
        }
        if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
          expect(() => splitUrl(u)).toThrow(KeywayConfigError);
          return;
        }
        expect(splitUrl(u)).toEqual(splitUrl(parsed));
        expect(splitUrl(u)).toEqual([
          `${parsed.protocol}//${parsed.host}`,
          parsed.pathname,
          parsed.search.slice(1),
        ]);
      }),
      { numRuns: 3000 },
    );
  });

  it("fixed cases: what the URL parser would change is never read off the text", () => {
    expect(splitUrl("https://api.example.com/v2/a?x=1&y")).toEqual([
      "https://api.example.com",
      "/v2/a",
      "x=1&y",
    ]);
    expect(splitUrl("https://api.example.com")).toEqual(["https://api.example.com", "/", ""]);
    expect(splitUrl("https://api.example.com/a/./b/%2e%2E/c")[1]).toBe("/a/c");
    expect(splitUrl("https://127.1/x")[0]).toBe("https://127.0.0.1");
    expect(splitUrl("https://API.Example.com:443/x")[0]).toBe("https://api.example.com");
    expect(splitUrl("http://example.com:80/a b")[1]).toBe("/a%20b");
    expect(splitUrl("https://example.com/?a b'")[2]).toBe("a%20b%27");
  });
});

describe("encodeUri", () => {
  it("equals percent-encoding the whole base string URI", () => {
    expect(encodeUri("https://a.example", "/v2/reports/sales")).toBe(
      "https%3A%2F%2Fa.example%2Fv2%2Freports%2Fsales",
    );
    expect(encodeUri("http://a.example:8080", "/r%20v/~x_y.z")).toBe(
      "http%3A%2F%2Fa.example%3A8080%2Fr%2520v%2F~x_y.z",
    );
    expect(encodeUri("https://a.example", "/a;b=c@d", "ORIGIN")).toBe("ORIGIN%2Fa%3Bb%3Dc%40d");
  });
});
