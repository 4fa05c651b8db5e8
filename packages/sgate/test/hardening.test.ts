/** Refused before the wire: missing options, a key no header can carry; a URL object is a valid baseUrl. */
import { KeywayConfigError } from "@keyway/auth";
import { describe, expect, it } from "vitest";
import { createSgateClient } from "../src/index.js";

describe("SGate options", () => {
  it("createSgateClient(undefined) is a KeywayConfigError, not a TypeError", () => {
    expect(() => createSgateClient(undefined as never)).toThrow(KeywayConfigError);
    expect(() => createSgateClient({} as never)).toThrow(/SGate key is required/);
  });

  it.each([
    ["CR LF", "M123456abcdefghijklmnopqrstuvw\r\n"],
    ["NUL", "M123456abcdefghijklmnopqrstuvwx\u0000"],
    ["non-Latin-1", "M123456abcdefghijklmnopqrstuvwxй"],
  ])("refuses a key with %s, naming the option", (_what, key) => {
    expect(() => createSgateClient({ key, secret: "s" })).toThrow(/SGate key/);
  });

  it("a key read per request with non-Latin-1 is refused before the wire", async () => {
    const sent: string[] = [];
    const client = createSgateClient({
      key: () => "ключ",
      secret: "s",
      baseUrl: new URL("http://127.0.0.1:9/api_v1"),
      fetch: async (req) => {
        sent.push(req.url);
        return new Response("{}");
      },
    });
    const err = await client
      .GET("/merchants/{merchantId}", { params: { path: { merchantId: "M448726" } } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(KeywayConfigError);
    expect(err.message).toMatch(/SGate key/);
    expect(sent).toEqual([]);
  });
});
