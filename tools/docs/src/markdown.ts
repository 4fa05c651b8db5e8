import { posix } from "node:path";
import { Marked, type Tokens } from "marked";
import { esc, rel, slug } from "./html.js";
import {
  CODE_LANGS,
  parseMarker,
  readSnippet,
  SnippetError,
  type SnippetRef,
  snippetFigure,
} from "./snippets.js";

/** Where a Markdown file lives and how its relative links map onto the site. */
export interface MarkdownContext {
  /** The file's path in the repository, e.g. `docs/providers/sgate.md` (links resolve against it). */
  readonly repoPath: string;
  /** The site path of the page the HTML goes on, e.g. `docs/providers/sgate.html`. */
  readonly sitePath: string;
  /** Repository path → site path of every file the site renders (Markdown files, specs). */
  readonly linkMap: ReadonlyMap<string, string>;
  /** The repository root: marked code blocks are rendered from its snippet files. */
  readonly root: string;
  /** Added to every heading level (1 turns a README's `#` into `h2`), capped at 6. */
  readonly shiftHeadings?: number;
}

/** A rendered Markdown document. */
export interface RenderedMarkdown {
  /** The HTML. */
  readonly html: string;
  /** The text of the first level-1 heading, if any. */
  readonly title: string | undefined;
  /** The first paragraph as plain text, for a meta description. */
  readonly summary: string | undefined;
}

/**
 * Resolves a link found in `repoPath` to a site URL relative to `sitePath`, or undefined when it names a
 * repository file the site does not render (the link text is then kept as plain text).
 */
export function resolveLink(href: string, ctx: MarkdownContext): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("#")) return href;
  const [path, hash] = href.split("#", 2) as [string, string | undefined];
  const target = posix.normalize(posix.join(posix.dirname(ctx.repoPath), path)).replace(/\/$/, "");
  const site =
    ctx.linkMap.get(target) ??
    ctx.linkMap.get(`${target}/README.md`) ??
    ctx.linkMap.get(`${target}/index.md`);
  if (site === undefined) return undefined;
  return rel(ctx.sitePath, hash === undefined ? site : `${site}#${hash}`);
}

/** A code token with the snippet its marker names. */
type CodeToken = Tokens.Code & { snippet?: SnippetRef };

/**
 * Renders repository Markdown with `marked`: heading anchors, links rewritten to site pages, and every
 * block under a `<!-- snippet: … -->` marker rendered from its snippet file. A TypeScript/JavaScript block
 * without a marker throws a {@link SnippetError}: the site shows no code that the tests do not check.
 */
export function renderMarkdown(source: string, ctx: MarkdownContext): RenderedMarkdown {
  const used = new Map<string, number>();
  let title: string | undefined;
  let summary: string | undefined;
  let pending: SnippetRef | undefined;
  const marked = new Marked({ gfm: true });
  marked.use({
    walkTokens(token) {
      if (token.type === "html") {
        pending = parseMarker(token.text.trim());
        return;
      }
      if (token.type === "code") (token as CodeToken).snippet = pending;
      if (token.type !== "space") pending = undefined;
      if (token.type === "heading" && token.depth === 1 && title === undefined) title = token.text;
      if (token.type === "paragraph" && summary === undefined && !token.text.startsWith("<")) {
        summary = token.text.replace(/[`*_[\]]|\(([^)]*)\)/g, "").replace(/\s+/g, " ");
      }
    },
    renderer: {
      code(token: CodeToken) {
        const lang = (token.lang ?? "").split(/\s/)[0]!.toLowerCase();
        if (token.snippet)
          return snippetFigure(token.snippet, readSnippet(ctx.root, token.snippet), lang || "ts");
        if (CODE_LANGS.has(lang)) {
          throw new SnippetError(
            `${ctx.repoPath}: a \`\`\`${lang} block without a <!-- snippet: … --> marker; keep the code in a file under tools/docs/snippets`,
          );
        }
        return false;
      },
      heading(this: { parser: { parseInline(t: Tokens.Heading["tokens"]): string } }, token: Tokens.Heading) {
        const inner = this.parser.parseInline(token.tokens);
        const base = slug(token.text) || "section";
        const n = used.get(base) ?? 0;
        used.set(base, n + 1);
        const id = n === 0 ? base : `${base}-${n}`;
        const level = Math.min(6, token.depth + (ctx.shiftHeadings ?? 0));
        return `<h${level} id="${esc(id)}">${inner}</h${level}>\n`;
      },
      link(this: { parser: { parseInline(t: Tokens.Link["tokens"]): string } }, token: Tokens.Link) {
        const inner = this.parser.parseInline(token.tokens);
        const href = resolveLink(token.href, ctx);
        if (href === undefined) return inner;
        const title = token.title ? ` title="${esc(token.title)}"` : "";
        return `<a href="${esc(href)}"${title}>${inner}</a>`;
      },
    },
  });
  let html: string;
  try {
    html = marked.parse(source, { async: false }) as string;
  } catch (e) {
    // marked appends a plea to report the error to marked itself; a missing snippet is ours.
    if (e instanceof SnippetError) e.message = e.message.replace(/\s*Please report this to https:\S+$/, "");
    throw e;
  }
  return { html, title, summary };
}
