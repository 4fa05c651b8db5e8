/**
 * A generated table row holds neither method nor path (they are its key): the client completes each row once,
 * so schemes, hooks and provider rules see `method`, `path` and `extensions` on every operation.
 */
import { describe, expect, it } from "vitest";
import type { OperationRow, Scheme } from "../src/index.js";
import { json, testClient, testOperations } from "./fixtures.js";

/** A scheme that records the row of every attempt it signs. */
function recording(): { scheme: Scheme; rows: OperationRow[] } {
  const rows: OperationRow[] = [];
  const sign: Scheme["sign"] = (_parts, ctx) => {
    rows.push(ctx.row);
    return {};
  };
  return { rows, scheme: { name: "recording", sign } };
}

describe("operation rows from the table's keys", () => {
  it("hands the scheme the key's method and path template, the entry's fields and empty extensions", async () => {
    const r = recording();
    const t = testClient([json(200, { id: "1" }), json(200, { ok: true })], { scheme: r.scheme });
    await t.client.GET("/things/{id}", { params: { path: { id: "a b" } } });
    await t.client.POST("/things", { body: { name: "n" } });
    expect(Object.hasOwn(testOperations["GET /things/{id}"], "method")).toBe(false);
    expect(r.rows).toEqual([
      {
        operationId: "getThing",
        method: "GET",
        path: "/things/{id}",
        retry: "safe",
        responseBody: true,
        extensions: {},
      },
      {
        operationId: "createThing",
        method: "POST",
        path: "/things",
        retry: "key:external_id",
        responseBody: true,
        extensions: {},
      },
    ]);
    // one row object per operation, built when the client is made, not per call
    await t.client.GET("/things/{id}", { params: { path: { id: "b" } } }).catch(() => undefined);
    expect(r.rows[2]).toBe(r.rows[0]);
  });

  it("names the operation's method and path in a refusal before the wire", async () => {
    const t = testClient([]);
    const err = await t.client.GET("/things/{id}", { params: { path: { id: ".." } } }).catch((e) => e);
    expect(err.message).toContain("params.path.id of GET /things/{id}");
  });
});
