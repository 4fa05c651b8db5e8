/** Refused before the wire: unsafe path parameters; a URL object is a valid baseUrl. */
import { KeywayConfigError } from "@keyway/auth";
import { describe, expect, it } from "vitest";
import { createHiobuyClient } from "../src/index.js";

function stubbed() {
  const sent: string[] = [];
  const client = createHiobuyClient({
    apiKey: "hio_test_hardening",
    baseUrl: new URL("http://127.0.0.1:9/v1"),
    retry: false,
    fetch: async (req) => {
      sent.push(req.url);
      return new Response(JSON.stringify({ success: true, data: {}, request_id: "r" }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    },
  });
  return { client, sent };
}

describe("HIOBuy path parameters", () => {
  it.each([".", "..", "", { code: "x" }])(
    "refuses %j before the wire (the list route is never hit)",
    async (code) => {
      const { client, sent } = stubbed();
      const err = await client
        .GET("/fulfillment/shipping/channels/{shipping_channel_code}", {
          params: { path: { shipping_channel_code: code as string } },
        })
        .catch((e) => e);
      expect(err).toBeInstanceOf(KeywayConfigError);
      expect(err.message).toContain("params.path.shipping_channel_code");
      expect(sent).toEqual([]);
    },
  );

  it("takes a URL object as baseUrl and sends an ordinary code under it", async () => {
    const { client, sent } = stubbed();
    await client.GET("/fulfillment/shipping/channels/{shipping_channel_code}", {
      params: { path: { shipping_channel_code: "HIO-EU-LINE" } },
    });
    expect(sent).toEqual(["http://127.0.0.1:9/v1/fulfillment/shipping/channels/HIO-EU-LINE"]);
  });
});
