import { beforeAll, describe, expect, it } from "vitest";
import { loadSpec, SpecNotFoundError, specPath } from "../src/core/spec.js";
import { INVALID_JSON, SpecValidator } from "../src/core/validator.js";
import { FIXTURE_SPECS } from "./helpers.js";

let v: SpecValidator;
beforeAll(async () => {
  v = await SpecValidator.create(loadSpec("mini", { specsDir: FIXTURE_SPECS }), { basePath: "/v1" });
});

const post = (body: unknown) => v.validateRequest({ method: "POST", path: "/things", headers: {}, body });

describe("loadSpec", () => {
  it("finds specs/<provider>/openapi.yaml and returns independent copies", () => {
    const a = loadSpec("mini", { specsDir: FIXTURE_SPECS });
    const b = loadSpec("mini", { specsDir: FIXTURE_SPECS });
    expect(a.openapi).toBe("3.1.0");
    a.info = {};
    expect(b.info).toMatchObject({ title: expect.stringContaining("Mini") });
  });
  it("throws SpecNotFoundError listing what it tried", () => {
    expect(() => specPath("nope", { specsDir: FIXTURE_SPECS })).toThrow(SpecNotFoundError);
    expect(() => specPath("../etc")).toThrow(SpecNotFoundError);
  });
});

describe("SpecValidator requests", () => {
  it("matches the operation below the base path and accepts a valid body", () => {
    const r = post({
      name: "a",
      count: 2,
      note: null,
      kind: "thing",
      pair: ["x", 1],
      created_at: "2026-01-02T03:04:05Z",
    });
    expect(r).toMatchObject({ operationId: "createThing", valid: true, issues: [] });
  });
  it("rejects a wrong type with a body pointer", () => {
    const r = post({ name: "a", count: "2" });
    expect(r.valid).toBe(false);
    expect(r.issues).toContainEqual(
      expect.objectContaining({ location: "body", pointer: "/count", keyword: "type" }),
    );
  });
  it("rejects missing required fields and unknown fields", () => {
    const r = post({ name: "a", extra: 1 });
    expect(r.issues.map((i) => i.keyword).sort()).toEqual(["additionalProperties", "required"]);
  });
  it("uses OpenAPI 3.1 / JSON Schema 2020-12 semantics (type arrays, const, prefixItems, formats)", () => {
    expect(post({ name: "a", count: 1, note: 5 }).valid).toBe(false);
    expect(post({ name: "a", count: 1, kind: "other" }).valid).toBe(false);
    // prefixItems is 2020-12 only: a draft-07 validator would ignore it and accept this.
    expect(post({ name: "a", count: 1, pair: [1, "x"] }).issues[0]).toMatchObject({ pointer: "/pair/0" });
    expect(post({ name: "a", count: 1, created_at: "yesterday" }).issues[0]).toMatchObject({
      keyword: "format",
    });
  });
  it("requires a required body and flags unparsable JSON", () => {
    expect(post(undefined).issues).toEqual([
      expect.objectContaining({ location: "body", keyword: "required" }),
    ]);
    expect(post(INVALID_JSON).issues).toEqual([
      expect.objectContaining({ location: "body", keyword: "json" }),
    ]);
  });
  it("validates path and query parameters with coercion, and returns path params", () => {
    const ok = v.validateRequest({ method: "get", path: "/things/t_1", query: { limit: "5" } });
    expect(ok).toMatchObject({ operationId: "getThing", valid: true, params: { id: "t_1" } });
    const badQuery = v.validateRequest({ method: "GET", path: "/things/t_1", query: { limit: "abc" } });
    expect(badQuery.issues).toContainEqual(expect.objectContaining({ location: "query", pointer: "/limit" }));
    const badPath = v.validateRequest({ method: "GET", path: "/things/X" });
    expect(badPath.issues).toContainEqual(expect.objectContaining({ location: "path", pointer: "/id" }));
    const unknown = v.validateRequest({ method: "GET", path: "/things/t_1", query: { zzz: "1" } });
    expect(unknown.valid).toBe(false);
  });
  it("reports 404 for unknown paths and 405 for known paths with another method", () => {
    expect(v.validateRequest({ method: "GET", path: "/nothing" })).toMatchObject({
      operationId: undefined,
      routeStatus: 404,
    });
    expect(v.validateRequest({ method: "DELETE", path: "/things" })).toMatchObject({ routeStatus: 405 });
    expect(v.match("POST", "/things")).toBe("createThing");
    expect(v.match("POST", "/v1/things")).toBeUndefined();
  });
});

describe("SpecValidator responses", () => {
  it("accepts a documented body and rejects a drifted one", () => {
    const good = { id: "t_1", name: "n", count: 1, children: [{ id: "t_2", name: "m", count: 0 }] };
    expect(v.validateResponse("createThing", 200, good).valid).toBe(true);
    const bad = v.validateResponse("createThing", 200, {
      id: "t_1",
      name: "n",
      count: 1,
      children: [{ id: 2 }],
    });
    expect(bad.valid).toBe(false);
    expect(bad.issues.some((i) => i.pointer.startsWith("/children/0"))).toBe(true);
  });
  it("rejects an undocumented status and matches 4XX ranges", () => {
    expect(v.validateResponse("createThing", 500, {}).issues[0]?.message).toMatch(/not documented/);
    expect(v.validateResponse("getThing", 404, { error: { code: "NOT_FOUND" } }).valid).toBe(true);
    expect(v.validateResponse("getThing", 404, { error: {} }).valid).toBe(false);
  });
  it("checks declared response headers", () => {
    const body = { id: "t_1", name: "n", count: 1 };
    expect(
      v.validateResponse("createThing", 200, body, new Headers({ "x-request-id": "req_1", "x-count": "3" }))
        .valid,
    ).toBe(true);
    expect(v.validateResponse("createThing", 200, body, new Headers({})).issues[0]).toMatchObject({
      pointer: "/x-request-id",
    });
    expect(
      v.validateResponse("createThing", 200, body, { "x-request-id": "req_1", "x-count": "many" }).valid,
    ).toBe(false);
  });
  it("validates any value against a schema by JSON pointer", () => {
    expect(v.validateValue("#/components/schemas/NewThing", { name: "x", count: 1 }).valid).toBe(true);
    expect(v.validateValue("#/components/schemas/NewThing", { name: "", count: 1 }).valid).toBe(false);
    expect(() => v.validateValue("#/components/schemas/Nope", {})).toThrow(/no schema/);
  });
  it("checks the OpenAPI `byte` format in linear time, multi-MB strings included", async () => {
    const doc = {
      openapi: "3.1.0",
      info: { title: "bytes", version: "1" },
      paths: {},
      components: { schemas: { Blob: { type: "string", format: "byte" } } },
    };
    const bytes = await SpecValidator.create(doc);
    const big = Buffer.alloc(5 * 1024 * 1024, 7).toString("base64");
    expect(bytes.validateValue("#/components/schemas/Blob", big).valid).toBe(true);
    expect(bytes.validateValue("#/components/schemas/Blob", "aGk=").valid).toBe(true);
    for (const bad of ["aGk", "aG=k", "a$k=", `${big}A`]) {
      expect(bytes.validateValue("#/components/schemas/Blob", bad).valid, bad.slice(0, 8)).toBe(false);
    }
  });
});
