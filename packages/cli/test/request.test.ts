import { describe, expect, it } from "vitest";
import { CliError, parseCurl, parseRequest, shellWords } from "../src/index.js";

const usageError = (fn: () => unknown, message: RegExp) => {
  expect(fn).toThrow(message);
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
  }
};

describe("curl command lines", () => {
  it("keeps quoted words whole: single quotes literal, double quotes with escapes, $VARS not expanded", () => {
    expect(shellWords(`curl -H 'X-A: a "b" $HOME' -d "{\\"k\\": \\"v w\\"}" https://h/x`)).toEqual([
      "curl",
      "-H",
      'X-A: a "b" $HOME',
      "-d",
      '{"k": "v w"}',
      "https://h/x",
    ]);
  });

  it("joins lines continued with a backslash, as copied from docs", () => {
    const r = parseRequest([
      "curl -X POST \\\n  https://h/v1/x \\\n  -H 'Content-Type: application/json' \\\n  -d '{}'",
    ]);
    expect(r).toEqual({
      method: "POST",
      url: "https://h/v1/x",
      headers: [["Content-Type", "application/json"]],
      body: "{}",
    });
  });

  it("reads repeated -H in order, attached forms (-XPUT, --data=…) and joins repeated -d with &", () => {
    const r = parseCurl([
      "curl",
      "-XPUT",
      "-H",
      "A: 1",
      "-HB: 2",
      "--header",
      "C:3",
      "--data=a=1",
      "-d",
      "b=2",
      "https://h/p",
    ]);
    expect(r).toEqual({
      method: "PUT",
      url: "https://h/p",
      headers: [
        ["A", "1"],
        ["B", "2"],
        ["C", "3"],
      ],
      body: "a=1&b=2",
    });
  });

  it("defaults to POST with data, GET without; -G moves the data to the query", () => {
    expect(parseCurl(["curl", "https://h/p", "-d", "x=1"]).method).toBe("POST");
    expect(parseCurl(["curl", "-G", "https://h/p?a=1", "-d", "x=1"])).toMatchObject({
      method: "GET",
      url: "https://h/p?a=1&x=1",
      body: undefined,
    });
  });

  it("--json sets the JSON content type and accept header unless given", () => {
    expect(parseCurl(["curl", "--json", '{"a":1}', "https://h/p"]).headers).toEqual([
      ["Content-Type", "application/json"],
      ["Accept", "application/json"],
    ]);
  });

  it("refuses a body read from a file, clearly", () => {
    usageError(
      () => parseCurl(["curl", "--data-binary", "@body.json", "https://h/p"]),
      /--data-binary @body\.json reads a file; paste the body itself/,
    );
    usageError(() => parseCurl(["curl", "-d", "@-", "https://h/p"]), /reads a file/);
    expect(parseCurl(["curl", "--data-raw", "@literal", "https://h/p"]).body).toBe("@literal");
  });

  it("refuses credentials in curl (keyway signs), unknown options, pipes and a missing or second URL", () => {
    usageError(() => parseCurl(["curl", "-u", "a:b", "https://h/p"]), /sets credentials/);
    usageError(() => parseCurl(["curl", "--proxy", "x", "https://h/p"]), /option --proxy is not supported/);
    usageError(() => shellWords("curl https://h/p | jq ."), /shell operator \(\|\)/);
    usageError(() => parseCurl(["curl", "-s"]), /has no URL/);
    usageError(() => parseCurl(["curl", "https://a/1", "https://a/2"]), /two URLs/);
    usageError(() => parseCurl(["curl", "-H", "no-colon", "https://h/p"]), /is not "Name: value"/);
  });
});

describe("METHOD URL [BODY]", () => {
  it("reads the three words, or a curl command given as words (after --)", () => {
    expect(parseRequest(["POST", "https://h/p", '{"a":1}'])).toEqual({
      method: "POST",
      url: "https://h/p",
      headers: [],
      body: '{"a":1}',
    });
    expect(parseRequest(["curl", "-X", "DELETE", "https://h/p"]).method).toBe("DELETE");
  });

  it("refuses a lower-case method, a relative URL and words after the body", () => {
    usageError(() => parseRequest(["get", "https://h/p"]), /expected a curl command or METHOD URL \[BODY\]/);
    usageError(() => parseRequest(["GET", "/p"]), /is not an absolute URL/);
    usageError(() => parseRequest(["POST", "https://h/p", "{", "}"]), /quote the body/);
  });
});
