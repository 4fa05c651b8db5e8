/**
 * Code snippets from checked files. Every TypeScript/JavaScript block the site shows comes from a file under
 * tools/docs/snippets/ (type-checked by `pnpm --filter @keyway/docs typecheck`, the `*.test.ts` ones also run
 * by its tests). Markdown names the file with a marker line right above the block:
 *
 *     <!-- snippet: tools/docs/snippets/sgate-quickstart.ts -->
 *     <!-- snippet: tools/docs/snippets/testing-faults.test.ts#credential -->
 *
 * `#name` selects the lines between `// #region name` and `// #endregion` (dedented); without it the whole
 * file. The block under the marker must equal that text (so GitHub readers see the same code); the site
 * renders the file itself. Pure functions over text; the file system is read by {@link readSnippet} only.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { esc } from "./html.js";

/** The directory of snippet files, relative to the repository root. Everything in it is type-checked. */
export const SNIPPET_DIR = "tools/docs/snippets";

/** Fence languages that are TypeScript or JavaScript: such a block must come from a snippet file. */
export const CODE_LANGS: ReadonlySet<string> = new Set([
  "ts",
  "typescript",
  "tsx",
  "mts",
  "cts",
  "js",
  "javascript",
  "jsx",
  "mjs",
  "cjs",
]);

/** A snippet reference: a repository path and an optional region name. */
export interface SnippetRef {
  /** Repository path with forward slashes, e.g. `tools/docs/snippets/quickstart.ts`. */
  readonly file: string;
  readonly region: string | undefined;
}

/** A snippet that cannot be used: no such file or region, or a file outside {@link SNIPPET_DIR}. */
export class SnippetError extends Error {
  override readonly name = "SnippetError";
}

const MARKER = /^\s*<!--\s*snippet:\s*([^\s#]+)(?:#([\w-]+))?\s*-->\s*$/;

/** The reference of a marker line (`<!-- snippet: path#region -->`), or undefined for any other text. */
export function parseMarker(line: string): SnippetRef | undefined {
  const m = MARKER.exec(line);
  return m ? { file: m[1]!, region: m[2] } : undefined;
}

/** `path#region` or `path`, as written in markers and `data-snippet` attributes. */
export function refString(ref: SnippetRef): string {
  return ref.region ? `${ref.file}#${ref.region}` : ref.file;
}

function dedent(lines: readonly string[]): string[] {
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const n = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(n));
}

/**
 * The text a reference selects in a source file: the region's lines (dedented) or the whole file, without
 * `// biome-ignore` lines and nested region markers, trimmed of blank lines at both ends.
 */
export function extractRegion(source: string, ref: SnippetRef): string {
  let lines = source.replace(/\r\n/g, "\n").split("\n");
  if (ref.region !== undefined) {
    const start = lines.findIndex((l) => new RegExp(`^\\s*// #region ${ref.region}\\s*$`).test(l));
    if (start < 0) throw new SnippetError(`${ref.file} has no "// #region ${ref.region}"`);
    const end = lines.findIndex((l, i) => i > start && /^\s*\/\/ #endregion\b/.test(l));
    if (end < 0) throw new SnippetError(`${ref.file}: region ${ref.region} has no "// #endregion"`);
    lines = dedent(lines.slice(start + 1, end));
  }
  const kept = lines.filter((l) => !/^\s*\/\/ (biome-ignore|#region|#endregion)\b/.test(l));
  return kept
    .join("\n")
    .replace(/^\s*\n/, "")
    .trimEnd();
}

/** Reads the text of a reference from `root`; refuses a file outside {@link SNIPPET_DIR}. */
export function readSnippet(root: string, ref: SnippetRef): string {
  if (!ref.file.startsWith(`${SNIPPET_DIR}/`) || ref.file.includes("..")) {
    throw new SnippetError(`${refString(ref)} is not under ${SNIPPET_DIR}/, the type-checked snippet folder`);
  }
  const path = join(root, ref.file);
  if (!existsSync(path)) throw new SnippetError(`${ref.file} does not exist`);
  return extractRegion(readFileSync(path, "utf8"), ref);
}

/** A fenced code block of a Markdown text, with the marker line right above it, if any. */
export interface FencedBlock {
  /** The fence's language (lower case), `""` when none. */
  readonly lang: string;
  /** The block's text, without the fences (indentation of a list item removed). */
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly ref: SnippetRef | undefined;
  /** Character offsets of the block's text in the Markdown (for rewriting it). */
  readonly start: number;
  readonly end: number;
}

/** Every fenced block (``` or ~~~, at any indentation) of a Markdown text, in order. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const out: FencedBlock[] = [];
  const lines = markdown.split("\n");
  const offsets: number[] = [];
  let at = 0;
  for (const l of lines) {
    offsets.push(at);
    at += l.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang] = open as unknown as [string, string, string, string];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^ *${fence[0]}{${fence.length},}\\s*$`).test(lines[j]!)) j++;
    const body = lines
      .slice(i + 1, j)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === "") k--;
    out.push({
      lang: lang.toLowerCase(),
      code: body.join("\n"),
      line: i + 1,
      ref: k >= 0 && k === i - 1 ? parseMarker(lines[k]!) : undefined,
      start: offsets[i + 1] ?? markdown.length,
      end: j < lines.length ? offsets[j]! : markdown.length,
    });
    i = j;
  }
  return out;
}

/** One problem of a Markdown file's code blocks, with its line. */
export interface SnippetProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * Checks a Markdown file's blocks: every TypeScript/JavaScript block has a marker, every marker names an
 * existing snippet, and the block's text equals the snippet's; every block names its language.
 */
export function checkMarkdown(root: string, file: string, markdown: string): SnippetProblem[] {
  const problems: SnippetProblem[] = [];
  for (const b of fencedBlocks(markdown)) {
    const at = (message: string) => problems.push({ file, line: b.line, message });
    if (b.lang === "") at("a fenced block without a language (write ```text for plain text)");
    if (b.ref === undefined) {
      if (CODE_LANGS.has(b.lang)) at(`a \`\`\`${b.lang} block without a <!-- snippet: … --> marker`);
      continue;
    }
    let expected: string;
    try {
      expected = readSnippet(root, b.ref);
    } catch (e) {
      at((e as Error).message);
      continue;
    }
    if (b.code.trimEnd() !== expected) {
      at(`the block differs from ${refString(b.ref)} (run \`pnpm docs:snippets --write\`)`);
    }
  }
  return problems;
}

/** The Markdown with every marked block's text replaced by its snippet's (list indentation kept). */
export function syncMarkdown(root: string, markdown: string): string {
  let out = markdown;
  for (const b of fencedBlocks(markdown).reverse()) {
    if (!b.ref) continue;
    const indent = /^ */.exec(markdown.slice(markdown.lastIndexOf("\n", b.start - 2) + 1))![0];
    const text = readSnippet(root, b.ref)
      .split("\n")
      .map((l) => (l ? indent + l : l))
      .join("\n");
    out = `${out.slice(0, b.start)}${text}\n${out.slice(b.end)}`;
  }
  return out;
}

/** A snippet as the site shows it: a captioned code block whose `data-snippet` names its source. */
export function snippetFigure(ref: SnippetRef, code: string, lang = "ts"): string {
  const what = ref.file.endsWith(".test.ts")
    ? "type-checked and run by the test suite"
    : "type-checked by the test suite";
  return `<figure class="snippet"><figcaption>${esc(refString(ref))}, ${what}</figcaption><pre><code class="language-${esc(lang)}" data-snippet="${esc(refString(ref))}">${esc(code)}</code></pre></figure>`;
}

/** A file of tools/docs/snippets as a site code block, or undefined when it does not exist. */
export function snippetHtml(root: string, name: string): string | undefined {
  const ref = { file: `${SNIPPET_DIR}/${name}`, region: undefined };
  if (!existsSync(join(root, ref.file))) return undefined;
  return snippetFigure(ref, readSnippet(root, ref));
}

/**
 * The guard over built pages: each `<code class="language-ts|js…">` must carry a `data-snippet` naming a
 * readable snippet whose text is the block's. Returns one line per offending block.
 */
export function uncheckedCode(root: string, pagePath: string, html: string): string[] {
  const bad: string[] = [];
  for (const m of html.matchAll(/<code\b([^>]*)>([\s\S]*?)<\/code>/g)) {
    const attrs = m[1]!;
    const lang = /class="[^"]*\blanguage-([\w+-]+)/.exec(attrs)?.[1]?.toLowerCase();
    if (lang === undefined || !CODE_LANGS.has(lang)) continue;
    const src = /data-snippet="([^"]*)"/.exec(attrs)?.[1];
    const ref = src === undefined ? undefined : parseMarker(`<!-- snippet: ${src} -->`);
    if (!ref) {
      bad.push(`${pagePath}: a ${lang} block with no data-snippet source`);
      continue;
    }
    try {
      if (esc(readSnippet(root, ref)) !== m[2])
        bad.push(`${pagePath}: the ${lang} block differs from ${src}`);
    } catch (e) {
      bad.push(`${pagePath}: ${(e as Error).message}`);
    }
  }
  return bad;
}
