import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * What npm users receive: `pnpm pack`/`pnpm publish` replace `exports` and `imports` with `publishConfig`'s, so the
 * workspace-only `source` condition (pointing at `src/*.ts`) never ships; each tarball carries the MIT LICENSE and no
 * Python vector scripts.
 */
const PUBLISHED = [
  "packages/auth",
  "packages/hiobuy",
  "packages/sgate",
  "packages/hishopping",
  "packages/hyper",
  "packages/appfigures",
  "tools/sandbox",
  "packages/cli",
];

/** The same map with every `source` condition removed, at any depth. */
function withoutSource(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "source")
      .map(([key, v]) => [key, withoutSource(v)]),
  );
}

describe.each(PUBLISHED)("%s", (dir) => {
  const root = new URL(`../../../${dir}/`, import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
    exports: unknown;
    imports?: unknown;
    files: string[];
    license: string;
    publishConfig?: { exports?: unknown; imports?: unknown };
  };

  it("publishes exports and imports without the source condition, otherwise the same", () => {
    expect(manifest.publishConfig?.exports).toEqual(withoutSource(manifest.exports));
    expect(JSON.stringify(manifest.publishConfig)).not.toContain('"source"');
    if (manifest.imports !== undefined) {
      expect(manifest.publishConfig?.imports).toEqual(withoutSource(manifest.imports));
    } else expect(manifest.publishConfig).not.toHaveProperty("imports");
  });

  it("ships the MIT LICENSE file", () => {
    expect(manifest.license).toBe("MIT");
    expect(manifest.files).toContain("LICENSE");
    const text = readFileSync(new URL("LICENSE", root), "utf8");
    expect(text).toBe(readFileSync(new URL("../../../LICENSE", import.meta.url), "utf8"));
    expect(text).toMatch(/^MIT License/);
  });

  it("leaves tests and Python scripts out of its files", () => {
    expect(manifest.files.some((f) => /test|fixture/.test(f))).toBe(false);
    if (existsSync(new URL("specs", root))) expect(manifest.files).toContain("!specs/**/*.py");
  });
});
