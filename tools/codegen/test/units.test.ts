import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { unitlessSecondsFields } from "../src/units.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

describe("unitlessSecondsFields", () => {
  const spec = {
    paths: {
      "/x": {
        get: {
          parameters: [
            { name: "since", in: "query", description: "Unix seconds.", schema: { type: "integer" } },
            { name: "until", in: "query", schema: { $ref: "#/components/schemas/UnixTime" } },
            { name: "page", in: "query", description: "A second page.", schema: { type: "integer" } },
          ],
          responses: {
            "429": {
              description: "Slow down",
              headers: {
                "Retry-After": { schema: { type: "string" } },
                "X-RateLimit-Reset": { $ref: "#/components/headers/Reset" },
              },
            },
          },
        },
      },
    },
    components: {
      headers: { Reset: { description: "Seconds until the window resets.", schema: { type: "string" } } },
      securitySchemes: { key: { type: "apiKey", in: "header", name: "x-ttl" } },
      schemas: {
        UnixTime: { type: "integer", "x-unit": "unix-seconds" },
        Token: {
          type: "object",
          properties: {
            expires_in: { type: "integer" },
            ttl: { type: "integer", "x-unit": "seconds" },
            waitSeconds: { type: "number" },
            issued: { $ref: "#/components/schemas/UnixTime", description: "Issued at, Unix seconds." },
            name: { type: "string", examples: ["seconds"] },
          },
        },
      },
    },
  };

  it("names each field that counts seconds (by name or description) without x-unit, headers included", () => {
    expect(unitlessSecondsFields(spec)).toEqual([
      "/paths/~1x/get/parameters/0",
      "/paths/~1x/get/responses/429/headers/Retry-After",
      "/components/headers/Reset",
      "/components/schemas/Token/properties/expires_in",
      "/components/schemas/Token/properties/waitSeconds",
    ]);
  });

  it("takes the unit from the field, its schema, or what a $ref names", () => {
    const units = structuredClone(spec) as typeof spec & Record<string, never>;
    const [since] = units.paths["/x"].get.parameters;
    (since!.schema as Record<string, unknown>)["x-unit"] = "unix-seconds";
    (units.paths["/x"].get.responses["429"].headers["Retry-After"] as Record<string, unknown>)["x-unit"] =
      "seconds";
    (units.components.headers.Reset as Record<string, unknown>)["x-unit"] = "seconds";
    const props = units.components.schemas.Token.properties as Record<string, Record<string, unknown>>;
    props.expires_in!["x-unit"] = "seconds";
    props.waitSeconds!["x-unit"] = "seconds";
    expect(unitlessSecondsFields(units)).toEqual([]);
  });
});

describe("the specs", () => {
  const specs = readdirSync(join(root, "specs"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith("openapi.yaml"))
    .sort();

  it("give every seconds-valued field (headers such as Retry-After included) an x-unit", () => {
    expect(specs.length).toBeGreaterThanOrEqual(8);
    for (const file of specs) {
      const spec = parse(readFileSync(join(root, "specs", file), "utf8")) as Record<string, unknown>;
      expect(unitlessSecondsFields(spec), file).toEqual([]);
    }
  });
});
