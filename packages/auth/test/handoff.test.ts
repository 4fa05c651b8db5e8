import { describe, expect, it } from "vitest";
import { json, testClient } from "./fixtures.js";

/** Answers each request with its own path, so a result shows which request it belongs to. */
const echo = (req: Request) => json(200, { path: new URL(req.url).pathname });

describe("handing each call to the client's fetch", () => {
  it("keeps concurrent calls apart: each gets the answer to its own request, signed", async () => {
    const t = testClient(Array.from({ length: 20 }, () => echo));
    const ids = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const results = await Promise.all(
      ids.map((id) => t.client.GET("/things/{id}", { params: { path: { id } } })),
    );
    expect(results.map((r) => r.data)).toEqual(ids.map((id) => ({ path: `/v1/things/${id}` })));
    expect(t.sent.every((s) => s.headers.authorization === "Bearer tok_123")).toBe(true);
  });

  it("signs a call with openapi-fetch's own per-call middleware, which runs before fetch", async () => {
    const t = testClient([echo]);
    const seen: string[] = [];
    const middleware = [
      {
        async onRequest({ request }: { request: Request }) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          seen.push(request.url);
          return undefined;
        },
      },
    ];
    const init = { params: { path: { id: "m1" } }, middleware } as { params: { path: { id: string } } };
    const r = await t.client.GET("/things/{id}", init);
    expect(r.data).toEqual({ path: "/v1/things/m1" });
    expect(seen).toEqual(["https://api.example.com/v1/things/m1"]);
    expect(t.sent[0]?.headers.authorization).toBe("Bearer tok_123");
  });

  it("never lets a caller's per-call fetch bypass signing", async () => {
    const t = testClient([echo]);
    const bypass = async () => json(200, { path: "bypassed" });
    const init = { params: { path: { id: "f1" } }, fetch: bypass } as { params: { path: { id: string } } };
    const r = await t.client.GET("/things/{id}", init);
    expect(r.data).toEqual({ path: "/v1/things/f1" });
    expect(t.sent[0]?.headers.authorization).toBe("Bearer tok_123");
  });

  it("hands over the right call when a hook starts another call before its own is sent", async () => {
    const t = testClient([echo, echo]);
    let inner: Promise<unknown> | undefined;
    t.client.use({
      onRequest({ request }) {
        if (inner === undefined && request.url.endsWith("/outer")) {
          inner = t.client.GET("/things/{id}", { params: { path: { id: "inner" } } });
        }
        return undefined;
      },
    });
    const outer = await t.client.GET("/things/{id}", { params: { path: { id: "outer" } } });
    expect(outer.data).toEqual({ path: "/v1/things/outer" });
    expect(((await inner) as { data: unknown }).data).toEqual({ path: "/v1/things/inner" });
  });

  it("hands over the right call when a body serializer starts another call while openapi-fetch builds its Request", async () => {
    const t = testClient([echo, echo]);
    let inner: Promise<unknown> | undefined;
    const bodySerializer = (body: unknown) => {
      inner ??= t.client.GET("/things/{id}", { params: { path: { id: "nested" } } });
      return JSON.stringify(body);
    };
    const init = { body: { name: "outer" }, bodySerializer } as { body: { name: string } };
    const outer = await t.client.POST("/things", init);
    expect(outer.data).toEqual({ path: "/v1/things" });
    expect(((await inner) as { data: unknown }).data).toEqual({ path: "/v1/things/nested" });
    expect(t.sent).toHaveLength(2);
  });

  it("records the body the client's serializer made on its own call: a retry resends it, even when toJSON starts another call", async () => {
    let posts = 0;
    // The first POST is refused with a 503 (the client retries it); everything else is echoed.
    const answer = (req: Request) => (req.method === "POST" && posts++ === 0 ? json(503, {}) : echo(req));
    const t = testClient([answer, answer, answer]);
    let inner: Promise<unknown> | undefined;
    const body = {
      external_id: "e1",
      toJSON() {
        inner ??= t.client.GET("/things/{id}", { params: { path: { id: "nested" } } });
        return { external_id: "e1", name: "outer" };
      },
    };
    const outer = await t.client.POST("/things", { body } as unknown as { body: { name: string } });
    expect(outer.data).toEqual({ path: "/v1/things" });
    expect(((await inner) as { data: unknown }).data).toEqual({ path: "/v1/things/nested" });
    const sentPosts = t.sent.filter((s) => s.method === "POST");
    expect(sentPosts.map((s) => s.body)).toEqual([
      '{"external_id":"e1","name":"outer"}',
      '{"external_id":"e1","name":"outer"}',
    ]);
  });

  it("a call that fails before it is sent leaves nothing behind for the next one", async () => {
    const t = testClient([echo]);
    const bad = { body: { name: 1n as unknown as string } };
    await expect(t.client.POST("/things", bad)).rejects.toThrow();
    const r = await t.client.GET("/things/{id}", { params: { path: { id: "after" } } });
    expect(r.data).toEqual({ path: "/v1/things/after" });
    expect(t.sent).toHaveLength(1);
  });
});
