/** The bundle group's attribution: which source every character of the output came from, and its gzip cost. */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { encode } from "@jridgewell/sourcemap-codec";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { charOwners, foreignMarkers, MARKERS, partOf, shares, shortPath } from "../src/bundle.js";

const here = dirname(fileURLToPath(import.meta.url));

describe("charOwners", () => {
  it("gives each character the source of the segment it falls in, -1 where the segment names none", () => {
    // line 0: "ab" from source 0, "c" glue, "de" from source 1; line 1: "xy" from source 1
    const mappings = encode([[[0, 0, 0, 0], [2], [3, 1, 0, 0]], [[0, 1, 1, 0]]]);
    expect([...charOwners("abcde\nxy", mappings)]).toEqual([0, 0, -1, 1, 1, -1, 1, 1]);
  });

  it("attributes an esbuild bundle's characters to the modules they came from", async () => {
    const files: Record<string, string> = {
      "a.js": `export const a = () => "${"1".repeat(64)}";`,
      "b.js": `export const b = () => "${"2".repeat(64)}";\nexport const unused = 1;`,
    };
    const result = await build({
      stdin: { contents: `export { a } from "./a.js";\nexport { b } from "./b.js";\n`, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      write: false,
      sourcemap: "external",
      outdir: "out",
      logLevel: "silent",
      plugins: [
        {
          name: "memory",
          setup(b) {
            b.onResolve({ filter: /^\.\/[ab]\.js$/ }, (args) => ({
              path: args.path.slice(2),
              namespace: "m",
            }));
            b.onLoad({ filter: /.*/, namespace: "m" }, (args) => ({
              contents: files[args.path]!,
              loader: "js",
            }));
          },
        },
      ],
    });
    const text = result.outputFiles.find((f) => f.path.endsWith(".js"))!.text;
    const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith(".map"))!.text);
    const owners = charOwners(text, map.mappings);
    // (digits: the minifier's identifiers are letters, and the trailing `export {…}` has no segment of its own)
    const of = (ch: string) =>
      new Set([...text].flatMap((c, i) => (c === ch ? [map.sources[owners[i]!]] : [])));
    expect(of("1")).toEqual(new Set(["m:a.js"]));
    expect(of("2")).toEqual(new Set(["m:b.js"]));
  });
});

describe("shares", () => {
  it("counts each group's characters and what the gzip loses without them", () => {
    const code = `${"x".repeat(300)}${"0123456789abcdefghij".repeat(20)}`;
    const owners = Int32Array.from(code, (_c, i) => (i < 300 ? 0 : 1));
    const got = shares(code, owners, (i) => ["repeated", "varied"][i]!);
    const whole = gzipSync(code, { level: 9 }).byteLength;
    const without = (keep: string) => whole - gzipSync(keep, { level: 9 }).byteLength;
    expect(got).toEqual([
      { name: "varied", minBytes: 400, gzipBytes: without(code.slice(0, 300)) },
      { name: "repeated", minBytes: 300, gzipBytes: without(code.slice(300)) },
    ]);
  });
});

describe("partOf", () => {
  it("sorts source files into the parts of a bundle", () => {
    expect(partOf(shortPath("/r/packages/auth/src/core/transport.ts"))).toBe("auth core");
    expect(partOf("auth/dist/schemes/hishopping/scheme.js")).toBe("auth scheme");
    expect(partOf("hiobuy/src/generated/operations.ts")).toBe("operation table");
    expect(partOf("hyper/src/generated/reseller/operations.ts")).toBe("operation table");
    expect(partOf("hiobuy/src/generated/version.ts")).toBe("provider code");
    expect(partOf("sgate/src/money.ts")).toBe("provider code");
  });
});

describe("tree shaking of @keyway/auth (its sources)", () => {
  /**
   * A Bearer client as HIOBuy builds it (hex ids from `toHex` and `defaultRandom`, so the codec module is in),
   * bundled and minified as the bundle group does.
   */
  const bearerBundle = async (platform: "browser" | "node") => {
    const result = await build({
      stdin: {
        contents:
          `export { createKeywayClient } from "@keyway/auth";\nexport { bearer } from "@keyway/auth/bearer";\n` +
          `export { defaultRandom, toHex } from "@keyway/auth/internal";\n`,
        resolveDir: here,
        loader: "js",
      },
      bundle: true,
      minify: true,
      format: "esm",
      platform,
      conditions: ["source"],
      external: ["openapi-fetch"],
      write: false,
      logLevel: "silent",
    });
    return result.outputFiles[0]!.text;
  };

  it.each(["browser", "node"] as const)(
    "leaves a Bearer client (%s) no module-level crypto helper it never calls: key cache, UTF-8 decoder, Base64 table",
    async (platform) => {
      const text = await bearerBundle(platform);
      expect(text).toContain("Bearer ");
      expect(foreignMarkers(text, [])).toEqual([]);
    },
  );

  it("finds each marker family in code that carries it", () => {
    for (const [family, markers] of Object.entries(MARKERS)) {
      expect(foreignMarkers(`x(${markers[0]})`, []), family).toEqual([`${family}: ${markers[0]}`]);
      expect(foreignMarkers(`x(${markers[0]})`, [family as keyof typeof MARKERS])).toEqual([]);
    }
  });
});
