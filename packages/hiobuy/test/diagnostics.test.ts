import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

/** Small user files, each type-checked in memory against the package's tsconfig, keyed by file name. */
const FIXTURES: Record<string, string> = {
  "ok.ts": `void client.POST("/products/detail", { body: { channel: "1688", product_id: "1" } });
void client.GET("/fulfillment/balance");`,
  "wrong-channel.ts": `void client.POST("/products/detail", { body: { channel: "amazon", product_id: "1" } });`,
  "unknown-field.ts": `void client.POST("/products/detail", { body: { channel: "1688", product_id: "1", prodct: "x" } });`,
  "missing-body.ts": `void client.POST("/products/detail", {});`,
  "unknown-path.ts": `void client.POST("/products/nope", { body: {} });`,
  "upstream-wrong-channel.ts": `void client.POST("/products/detail", { body: { channel: "amazon", product_id: "1", response_format: "upstream" } });`,
};
const HEADER = `import type { HiobuyClient } from "../src/index.js";\ndeclare const client: HiobuyClient;\n`;

/** The semantic and syntactic diagnostics of each fixture, as flattened messages (one program for all). */
function diagnose(): Record<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(here, "..", "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("tsconfig.json did not parse");
  const files = new Map(
    Object.entries(FIXTURES).map(([name, body]) => [join(here, `__fixture_${name}`), HEADER + body]),
  );
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = files.get(fileName);
    return text === undefined
      ? getSourceFile(fileName, languageVersion, ...rest)
      : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => files.has(fileName) || fileExists(fileName);
  const program = ts.createProgram({
    rootNames: [...files.keys()],
    options: { ...config.options, noEmit: true },
    host,
  });
  const out: Record<string, string[]> = {};
  for (const [fileName] of files) {
    const sf = program.getSourceFile(fileName);
    if (!sf) throw new Error(`${fileName} not in the program`);
    const name = fileName.slice(join(here, "__fixture_").length);
    out[name] = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) =>
      ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    );
  }
  return out;
}

describe("a mistake in a HIOBuy call is one diagnostic", () => {
  let results: Record<string, string[]> = {};
  // One in-process type-check of all fixtures; a generous limit for a busy machine.
  beforeAll(() => {
    results = diagnose();
  }, 240_000);

  it("a correct call has none", () => {
    expect(results["ok.ts"]).toEqual([]);
  });

  it.each([
    "wrong-channel.ts",
    "unknown-field.ts",
    "missing-body.ts",
    "unknown-path.ts",
    "upstream-wrong-channel.ts",
  ])("%s: exactly one, naming no overload and nothing the user did not write", (name) => {
    const messages = results[name];
    expect(messages).toHaveLength(1);
    expect(messages?.[0]).not.toMatch(/overload/i);
    expect(messages?.[0]).not.toContain('response_format: "upstream"');
  });
});
