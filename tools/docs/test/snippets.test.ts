/**
 * Every code block of the site and of the repository's Markdown comes from a checked snippet file, and the
 * guard that says so fails on a broken one. Fast: no browser, no Redocly.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sitePages } from "../src/build.js";
import { renderMarkdown } from "../src/markdown.js";
import { findMarkdown, REPO_ROOT, shellContext } from "../src/repo.js";
import { checkCommand, checkShellBlocks, type ShellContext } from "../src/shell.js";
import {
  checkMarkdown,
  extractRegion,
  fencedBlocks,
  readSnippet,
  SnippetError,
  syncMarkdown,
  uncheckedCode,
} from "../src/snippets.js";

const QUICK = "tools/docs/snippets/hiobuy-quickstart.ts";
const quickText = () => readSnippet(REPO_ROOT, { file: QUICK, region: undefined });
const fence = "```";
const ctx = { root: REPO_ROOT, repoPath: "docs/x.md", sitePath: "docs/x.html", linkMap: new Map() };

describe("the repository", () => {
  it("shows in each Markdown file only code that is its snippet file's text, and only pnpm scripts that exist", async () => {
    const files = await findMarkdown(REPO_ROOT);
    expect(files).toEqual(
      expect.arrayContaining(["README.md", "docs/architecture.md", "tools/sandbox/README.md"]),
    );
    const problems: string[] = [];
    let marked = 0;
    for (const file of files) {
      const md = readFileSync(join(REPO_ROOT, file), "utf8");
      marked += fencedBlocks(md).filter((b) => b.ref).length;
      const found = [
        ...checkMarkdown(REPO_ROOT, file, md),
        ...checkShellBlocks(file, md, await shellContext(REPO_ROOT, file)),
      ];
      for (const p of found) problems.push(`${p.file}:${p.line}: ${p.message}`);
    }
    expect(problems).toEqual([]);
    expect(marked).toBeGreaterThan(10);
  });

  it("builds every page but the reference pages with each ts block from a checked snippet", async () => {
    const { pages } = await sitePages(REPO_ROOT);
    const blocks = pages.flatMap((p) => [
      ...p.body.matchAll(/<code class="language-ts" data-snippet="([^"]+)"/g),
    ]);
    expect(pages.map((p) => p.path)).toEqual(expect.arrayContaining(["index.html", "packages/sgate.html"]));
    expect(pages.flatMap((p) => uncheckedCode(REPO_ROOT, p.path, p.body))).toEqual([]);
    expect(blocks.length).toBeGreaterThan(15);
    const linking = pages.filter((p) => p.path === "index.html" || p.path.startsWith("packages/"));
    const unlinked = linking
      .filter((p) => !/href="(\.\.\/)?docs\/testing\.html"/.test(p.body))
      .map((p) => p.path);
    expect(linking.length).toBeGreaterThan(5);
    expect(unlinked, "pages without a link to the testing guide").toEqual([]);
  });
});

describe("snippet regions", () => {
  const source = [
    'import { x } from "y";',
    "",
    "if (x) {",
    "  // #region inner",
    "  // biome-ignore lint/suspicious/noConsole: shown",
    "  console.log(x);",
    "  // #endregion",
    "}",
  ].join("\n");

  it("selects a region, dedented, without biome-ignore lines", () => {
    expect(extractRegion(source, { file: "f.ts", region: "inner" })).toBe("console.log(x);");
  });

  it("selects the whole file without region markers", () => {
    expect(extractRegion(source, { file: "f.ts", region: undefined })).toBe(
      'import { x } from "y";\n\nif (x) {\n  console.log(x);\n}',
    );
  });

  it("refuses a missing region and a file outside the checked folder", () => {
    expect(() => extractRegion(source, { file: "f.ts", region: "nope" })).toThrow(SnippetError);
    expect(() => readSnippet(REPO_ROOT, { file: "packages/hiobuy/src/index.ts", region: undefined })).toThrow(
      /not under tools\/docs\/snippets/,
    );
  });
});

describe("the Markdown check fails on a deliberately broken snippet", () => {
  const marked = (code: string) => `# T\n\n<!-- snippet: ${QUICK} -->\n${fence}ts\n${code}\n${fence}\n`;

  it("accepts the snippet's own text", () => {
    expect(checkMarkdown(REPO_ROOT, "x.md", marked(quickText()))).toEqual([]);
  });

  it("reports a block edited in the Markdown only", () => {
    const broken = quickText().replace('language: "en"', 'language: "de"');
    const problems = checkMarkdown(REPO_ROOT, "x.md", marked(broken));
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/differs from .*hiobuy-quickstart\.ts/),
    ]);
    expect(problems[0]!.line).toBe(4);
  });

  it("reports a ts block without a marker, a marker without its file, and a block without a language", () => {
    const md = [
      `${fence}ts`,
      "const a = 1;",
      fence,
      "<!-- snippet: tools/docs/snippets/missing.ts -->",
      `${fence}ts`,
      fence,
      fence,
      "plain",
      fence,
    ].join("\n");
    expect(checkMarkdown(REPO_ROOT, "x.md", md).map((p) => p.message)).toEqual([
      expect.stringMatching(/without a <!-- snippet/),
      expect.stringMatching(/missing\.ts does not exist/),
      expect.stringMatching(/without a language/),
    ]);
  });

  it("rewrites a stale block from its file, inside a list item too", () => {
    const md = `- item\n\n  <!-- snippet: ${QUICK} -->\n  ${fence}ts\n  stale\n  ${fence}\n`;
    const synced = syncMarkdown(REPO_ROOT, md);
    expect(checkMarkdown(REPO_ROOT, "x.md", synced)).toEqual([]);
    expect(synced).toContain(`\n  ${quickText().split("\n")[0]}\n`);
  });
});

describe("the site guard", () => {
  it("renders a marked block from its file, not from the Markdown", () => {
    const md = `<!-- snippet: ${QUICK} -->\n${fence}ts\nconst stale = true;\n${fence}\n`;
    const { html } = renderMarkdown(md, ctx);
    expect(html).toContain(`data-snippet="${QUICK}"`);
    expect(html).toContain("createHiobuyClient");
    expect(html).not.toContain("stale");
  });

  it("refuses to render a ts block that has no snippet file", () => {
    expect(() => renderMarkdown(`${fence}ts\nconst a = 1;\n${fence}\n`, ctx)).toThrow(SnippetError);
    expect(renderMarkdown(`${fence}sh\npnpm test\n${fence}\n`, ctx).html).toContain('class="language-sh"');
  });

  it("flags a page's ts block with no source, or whose text is not its source's", () => {
    const good = renderMarkdown(`<!-- snippet: ${QUICK} -->\n${fence}ts\n${fence}\n`, ctx).html;
    expect(uncheckedCode(REPO_ROOT, "p.html", good)).toEqual([]);
    expect(
      uncheckedCode(REPO_ROOT, "p.html", '<pre><code class="language-ts">let a = 1;</code></pre>'),
    ).toEqual(["p.html: a ts block with no data-snippet source"]);
    const edited = good.replace("createHiobuyClient", "createHiobuyClientX");
    expect(uncheckedCode(REPO_ROOT, "p.html", edited)).toEqual([
      `p.html: the ts block differs from ${QUICK}`,
    ]);
  });
});

describe("shell blocks", () => {
  const shell: ShellContext = {
    rootScripts: new Set(["test", "docs", "sandbox"]),
    ownScripts: new Set(["start"]),
    packageScripts: new Map([["@keyway/docs", new Set(["snippets"])]]),
    bins: new Set(["keyway-sandbox"]),
  };

  it("accepts existing scripts, pnpm's own commands and workspace bins", () => {
    for (const line of [
      "pnpm test",
      "pnpm run docs",
      "pnpm start",
      "pnpm add -D @keyway/sandbox",
      "pnpm --filter @keyway/docs snippets --write",
      "npx keyway-sandbox --provider hiobuy",
      "curl $ORIGIN/__sandbox/faults",
    ]) {
      expect(checkCommand(line, shell), line).toEqual([]);
    }
  });

  it("reports a missing script, a bare `pnpm docs`, an unknown filter and an unknown bin", () => {
    expect(checkCommand("pnpm tset", shell)).toEqual(['`pnpm tset`: no script "tset" in package.json']);
    expect(checkCommand("pnpm docs", shell)[0]).toMatch(/write `pnpm run docs`/);
    expect(checkCommand("pnpm --filter @keyway/nope build", shell)[0]).toMatch(/no workspace package/);
    expect(checkCommand("npx keyway-sandbx", shell)).toEqual(["`npx keyway-sandbx`: no such bin"]);
    const md = `${fence}sh\npnpm install && pnpm tset   # comment | with a pipe\n${fence}\n`;
    expect(checkShellBlocks("x.md", md, shell).map((p) => p.line)).toEqual([1]);
  });
});
