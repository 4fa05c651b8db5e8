import { posix } from "node:path";

/** Escapes text for HTML element content and double-quoted attribute values. */
export function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The relative URL from the page at site path `from` to site path `to` (both like `guides/sgate.html`). */
export function rel(from: string, to: string): string {
  const [path, hash] = to.split("#", 2) as [string, string | undefined];
  let out = posix.relative(posix.dirname(from), path);
  if (out === "") out = posix.basename(path);
  return hash === undefined ? out : `${out}#${hash}`;
}

/** A GitHub-style heading slug: lower case, punctuation dropped, spaces to dashes. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

/** One page of the site: where it goes, its title, a one-line description and its main content. */
export interface PageInput {
  /** Site path, e.g. `guides/sgate.html`. */
  readonly path: string;
  /** Page title (the site name is appended). */
  readonly title: string;
  /** Meta description, one sentence. */
  readonly description: string;
  /** The HTML inside `<main>`. */
  readonly body: string;
  /** Whether Pagefind indexes the page (guides, package pages, docs). */
  readonly searchable?: boolean;
  /** Extra elements for `<head>`. */
  readonly head?: string;
}

/** The site-wide navigation: label and site path. */
export const NAV: readonly (readonly [string, string])[] = [
  ["Home", "index.html"],
  ["API reference", "index.html#reference"],
  ["Auth guides", "index.html#guides"],
  ["Packages", "index.html#packages"],
  ["Architecture", "docs/architecture.html"],
  ["Search", "search.html"],
];

/** Wraps page content in the site layout: header with logo and navigation, main, footer. */
export function layout(page: PageInput): string {
  const r = (to: string) => esc(rel(page.path, to));
  const nav = NAV.map(([label, to]) => {
    const current = to === page.path ? ' aria-current="page"' : "";
    return `<li><a href="${r(to)}"${current}>${esc(label)}</a></li>`;
  }).join("");
  const title = page.path === "index.html" ? "Keyway — typed API clients" : `${page.title} — Keyway`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(page.description)}">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="${r("assets/logo.svg")}" type="image/svg+xml">
<link rel="stylesheet" href="${r("assets/site.css")}">
${page.head ?? ""}
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="top">
<a class="brand" href="${r("index.html")}"><img src="${r("assets/logo.svg")}" alt="" width="28" height="28"><span>Keyway</span></a>
<nav aria-label="Site"><ul>${nav}</ul></nav>
</header>
<main id="content"${page.searchable ? " data-pagefind-body" : ""}>
${page.body}
</main>
<footer class="bottom"><p>Keyway: typed API clients for commerce and payment APIs. Built from the repository's specs, packages and docs.</p></footer>
</body>
</html>
`;
}
