import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { basicClientKey } from "../src/schemes/basic.js";
import { json, netError, testClient } from "./fixtures.js";

const SECRET_KEY = "ck_S3CRET_0123456789";
const PASSWORD = "pw-very-secret";

describe("secrets never reach errors through the client", () => {
  it("redacts a client_key query secret from the error URL, message, JSON and inspect", async () => {
    const scheme = basicClientKey({
      username: "me@example.com",
      password: PASSWORD,
      clientKey: SECRET_KEY,
      clientKeyIn: "query",
    });
    const t = testClient([json(404, { code: "NOT_FOUND", message: "nope" })], { scheme });
    const r = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(t.sent[0]!.url).toContain(SECRET_KEY); // it did go on the wire
    const err = r.error!;
    for (const text of [
      err.url ?? "",
      err.message,
      JSON.stringify(err),
      inspect(err, { depth: 5 }),
      String(err),
    ]) {
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toContain(PASSWORD);
    }
    expect(err.url).toContain("client_key=");
  });

  it("redacts it from network errors too", async () => {
    const scheme = basicClientKey({
      username: "me@example.com",
      password: PASSWORD,
      clientKey: SECRET_KEY,
      clientKeyIn: "query",
    });
    const t = testClient([netError(), netError(), netError()], { scheme });
    const err = await t.client.GET("/things/{id}", { params: { path: { id: "1" } } }).catch((e) => e);
    expect(inspect(err, { depth: 5 })).not.toContain(SECRET_KEY);
    expect(JSON.stringify(err)).not.toContain(SECRET_KEY);
  });

  it("a client object shows no credentials", () => {
    const scheme = basicClientKey({ username: "me@example.com", password: PASSWORD, clientKey: SECRET_KEY });
    const t = testClient([], { scheme });
    const shown = `${inspect(t.client, { depth: 10, showHidden: true })} ${JSON.stringify(t.client)} ${String(t.client)}`;
    expect(shown).not.toContain(SECRET_KEY);
    expect(shown).not.toContain(PASSWORD);
  });
});
