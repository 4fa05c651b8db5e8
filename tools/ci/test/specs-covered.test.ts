/** `pnpm lint:specs` refuses a spec that redocly.yaml does not name (Redocly would skip it silently). */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain .mjs script without a declaration file
import { uncoveredSpecs } from "../specs-covered.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

describe("redocly.yaml covers every spec", () => {
  it("names every specs/*/openapi.yaml of this repository", () => {
    expect(uncoveredSpecs(root)).toEqual([]);
  });

  it("reports a spec without an apis: entry", () => {
    const dir = mkdtempSync(join(tmpdir(), "keyway-specs-"));
    for (const p of ["a", "b"]) {
      mkdirSync(join(dir, "specs", p), { recursive: true });
      writeFileSync(join(dir, "specs", p, "openapi.yaml"), "openapi: 3.1.0\n");
    }
    writeFileSync(join(dir, "redocly.yaml"), "apis:\n  a@v1:\n    root: specs/a/openapi.yaml\n");
    expect(uncoveredSpecs(dir)).toEqual(["specs/b/openapi.yaml"]);
  });

  it("reports a surface spec (specs/<provider>/<surface>/openapi.yaml) without an apis: entry", () => {
    const dir = mkdtempSync(join(tmpdir(), "keyway-specs-"));
    for (const s of ["one", "two"]) {
      mkdirSync(join(dir, "specs", "multi", s), { recursive: true });
      writeFileSync(join(dir, "specs", "multi", s, "openapi.yaml"), "openapi: 3.1.0\n");
    }
    writeFileSync(join(dir, "redocly.yaml"), "apis:\n  m@v1:\n    root: specs/multi/one/openapi.yaml\n");
    expect(uncoveredSpecs(dir)).toEqual(["specs/multi/two/openapi.yaml"]);
  });
});
