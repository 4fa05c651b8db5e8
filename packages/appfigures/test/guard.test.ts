import { KeywayConfigError, type OperationRow, type Scheme, type SignContext } from "@keyway/auth";
import { describe, expect, it } from "vitest";
import { guardScheme } from "../src/guard.js";

const parts = {
  method: "GET",
  url: "https://api.appfigures.com/v2/",
  headers: new Headers(),
  body: undefined,
};
const row = (operationId: string, security?: OperationRow["security"]): OperationRow => ({
  operationId,
  method: "get",
  path: "/",
  retry: "safe",
  extensions: {},
  ...(security ? { security } : {}),
});
const ctx = (r: OperationRow) => ({ row: r }) as SignContext;

/** A Bearer-like scheme that counts its calls. */
function counting() {
  const calls: string[] = [];
  const inner: Scheme = {
    name: "bearer",
    sign: (_parts, c) => {
      calls.push(c.row.operationId);
      return { headers: { authorization: "Bearer t" } };
    },
  };
  return { inner, calls };
}

describe("guardScheme", () => {
  it("signs an operation that accepts the credentials or has the spec's default security", () => {
    const { inner, calls } = counting();
    const guard = guardScheme(inner, "token");
    expect(guard.sign(parts, ctx(row("getRoot", [{ oauth2: [] }, { bearerAuth: [] }])))).toEqual({
      headers: { authorization: "Bearer t" },
    });
    expect(guard.sign(parts, ctx(row("listStores")))).toEqual({ headers: { authorization: "Bearer t" } });
    expect(calls).toEqual(["getRoot", "listStores"]);
  });

  it("sends a public operation (security: []) with no credentials, without asking the scheme", () => {
    const { inner, calls } = counting();
    const guard = guardScheme(inner, "token");
    const r = row("oauth2TokenInfo", []);
    expect(guard.sign(parts, ctx(r))).toEqual({});
    expect(guard.sign(parts, ctx(r))).toEqual({});
    expect(calls).toEqual([]);
  });

  it("refuses, on every call, an operation the credentials cannot sign, naming the flow helper", () => {
    const { inner, calls } = counting();
    const guard = guardScheme(inner, "token");
    const r = row("oauth1RequestToken", [{ oauth1: [] }]);
    for (let i = 0; i < 2; i++) {
      let thrown: unknown;
      try {
        guard.sign(parts, ctx(r));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(KeywayConfigError);
      expect((thrown as Error).message).toBe(
        "appfigures: oauth1RequestToken cannot be signed with token auth; use getRequestToken()",
      );
      expect(thrown).toMatchObject({ operation: "oauth1RequestToken" });
    }
    expect(() => guardScheme(inner, "basic").sign(parts, ctx(row("x", [{ bearerAuth: [] }])))).toThrow(
      /^appfigures: x cannot be signed with basic auth$/,
    );
    expect(calls).toEqual([]);
  });

  it("reads a row's requirements once, on its first call, and judges each row on its own", () => {
    let reads = 0;
    const requirement = new Proxy(
      { bearerAuth: [] as string[] },
      {
        has(target, key) {
          reads++;
          return key in target;
        },
      },
    );
    const { inner, calls } = counting();
    const guard = guardScheme(inner, "token");
    const signed = row("getRoot", [requirement]);
    for (let i = 0; i < 3; i++) guard.sign(parts, ctx(signed));
    expect(reads).toBe(1);
    // Same operationId, other requirements: its own verdict.
    expect(guard.sign(parts, ctx(row("getRoot", [])))).toEqual({});
    expect(calls).toEqual(["getRoot", "getRoot", "getRoot"]);
  });
});
