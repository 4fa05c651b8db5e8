/** Refused before the wire: unsafe path parameters and an app id no header can carry. */
import { KeywayConfigError } from "@keyway/auth";
import { describe, expect, it } from "vitest";
import { createHishoppingClient } from "../src/index.js";

const options = {
  appId: "hs_app_sandbox",
  secretKey: "sandbox-secret-key-32-bytes-long",
  signKey: "sandbox-sign-key",
  baseUrl: new URL("http://127.0.0.1:9/api/v1"),
  retry: false as const,
};

describe("HiShopping inputs", () => {
  it.each([".", "..", "", ["x"]])("refuses order_no %j before the wire", async (no) => {
    const sent: string[] = [];
    const client = createHishoppingClient({
      ...options,
      fetch: async (req) => {
        sent.push(req.url);
        return new Response("{}");
      },
    });
    const err = await client
      .GET("/orders/{order_no}", { params: { path: { order_no: no as string } } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(KeywayConfigError);
    expect(err.message).toContain("params.path.order_no");
    expect(sent).toEqual([]);
  });

  it.each([
    ["CR LF", "hs_app\r\nx-evil: 1"],
    ["NUL", "hs_app\u0000"],
    ["non-Latin-1", "hs_приложение"],
  ])("refuses an appId with %s at construction, naming the option", (_what, appId) => {
    expect(() => createHishoppingClient({ ...options, appId })).toThrow(KeywayConfigError);
    expect(() => createHishoppingClient({ ...options, appId })).toThrow(/appId/);
  });
});
