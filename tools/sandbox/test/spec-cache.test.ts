import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

// This file's own temp directory, set before spec-cache.ts reads it (at import).
const temp = mkdtempSync(join(tmpdir(), "keyway-spec-cache-test-"));
vi.stubEnv("TMPDIR", temp);
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(temp, { recursive: true, force: true });
});

const { parseSpecText, precomputeSpecCache, specCacheName } = await import("../src/core/spec-cache.js");

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const SPEC = "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths: {}\n";

describe("parsed spec cache", () => {
  it("names a copy by the SHA-256 of the YAML text", () => {
    expect(specCacheName(SPEC)).toBe(`${sha(SPEC)}.json`);
    expect(specCacheName(`${SPEC} `)).not.toBe(specCacheName(SPEC));
  });

  it("parses an unseen text and keeps its copy for the next process", () => {
    const text = `${SPEC}# ${Math.random()}\n`;
    expect(parseSpecText(text)).toEqual({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} });
    const copy = join(temp, "keyway-sandbox-specs", `${sha(text)}.json`);
    expect(JSON.parse(readFileSync(copy, "utf8"))).toEqual(parseSpecText(text));
  });

  it("answers from a copy under the text's hash without parsing", () => {
    const text = `${SPEC}# cached\n`;
    mkdirSync(join(temp, "keyway-sandbox-specs"), { recursive: true });
    writeFileSync(join(temp, "keyway-sandbox-specs", `${sha(text)}.json`), '{"openapi":"from the copy"}');
    expect(parseSpecText(text)).toEqual({ openapi: "from the copy" });
  });

  it("precomputes a copy of every openapi.yaml, nested ones too, for the package's spec-cache/", () => {
    const specs = join(temp, "specs");
    const out = join(temp, "spec-cache");
    mkdirSync(join(specs, "one"), { recursive: true });
    mkdirSync(join(specs, "two", "surface"), { recursive: true });
    writeFileSync(join(specs, "one", "openapi.yaml"), SPEC);
    writeFileSync(join(specs, "two", "surface", "openapi.yaml"), `${SPEC}x-two: 2\n`);
    writeFileSync(join(specs, "one", "notes.yaml"), "not: a spec\n");
    const written = precomputeSpecCache(specs, out);
    expect(written).toEqual([`${sha(SPEC)}.json`, `${sha(`${SPEC}x-two: 2\n`)}.json`].sort());
    expect(JSON.parse(readFileSync(join(out, `${sha(`${SPEC}x-two: 2\n`)}.json`), "utf8"))).toMatchObject({
      "x-two": 2,
    });
    expect(existsSync(join(out, `${sha("not: a spec\n")}.json`))).toBe(false);
  });
});
