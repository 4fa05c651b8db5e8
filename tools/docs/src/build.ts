import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { siteFingerprint } from "./fingerprint.js";
import { guidePage, renderInline, schemeTitle } from "./guides.js";
import { esc, layout, type PageInput, rel } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { changelogPage, PROVIDERS, packagePage, providerStatus } from "./providers.js";
import { buildReference, integrityOf, localBundle, type ReferencePage, redoclyPaths } from "./reference.js";
import {
  DOCS_DIR,
  findDocs,
  findPackages,
  findSchemes,
  findSpecs,
  type PackageInfo,
  type SpecFile,
} from "./repo.js";
import { SnippetError, snippetHtml, uncheckedCode } from "./snippets.js";

const gz = promisify(gzip);

/** Options of {@link buildSite}. */
export interface BuildOptions {
  /** Repository root (default: the one this package lives in). */
  readonly root?: string;
  /** Output directory (default: `<root>/site`). */
  readonly out?: string;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
  /**
   * Return the build already in `out` when it was made from the same inputs (its manifest holds the
   * fingerprint of every file the build reads) instead of building again. Default false.
   */
  readonly reuse?: boolean;
}

/** The manifest a build leaves in its output: the inputs' fingerprint and the build result. */
const MANIFEST = ".keyway-build.json";

/** What a build produced. */
export interface BuildResult {
  readonly out: string;
  /** Site paths of every page written (reference pages included). */
  readonly pages: readonly string[];
  readonly references: readonly ReferencePage[];
  /** True when `out` held a build of the same inputs and was kept as it was. */
  readonly reused: boolean;
}

/** Site path of a docs/ Markdown file: docs/README.md → docs/index.html, docs/a/b.md → docs/a/b.html. */
function docSitePath(repoPath: string): string {
  return repoPath.replace(/(^|\/)README\.md$/, "$1index.html").replace(/\.md$/, ".html");
}

function linkMapOf(
  specs: readonly SpecFile[],
  packages: readonly PackageInfo[],
  docs: readonly string[],
): Map<string, string> {
  const map = new Map<string, string>([["README.md", "index.html"]]);
  for (const d of docs) map.set(d, docSitePath(d));
  for (const p of packages) {
    if (p.readme) map.set(p.readme, `packages/${p.id}.html`);
    map.set(p.dir, `packages/${p.id}.html`);
    if (p.changelog) map.set(p.changelog, `changelog/${p.id}.html`);
  }
  for (const s of specs) map.set(s.repoPath, `reference/${s.id}.html`);
  return map;
}

/** Runs `fn` over `items` with at most `n` at a time, keeping the order of results. */
async function pool<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

function landing(opts: {
  specs: readonly SpecFile[];
  packages: readonly PackageInfo[];
  schemes: readonly string[];
  docs: readonly { path: string; title: string }[];
  quickStart: string | undefined;
  readmes: ReadonlyMap<string, string>;
}): PageInput {
  const path = "index.html";
  const r = (to: string) => esc(rel(path, to));
  const rows = PROVIDERS.map((p) => {
    const status = providerStatus(p, opts.packages, opts.specs, opts.readmes);
    const pkg = opts.packages.find((k) => k.id === p.id);
    const name = `@keyway/${p.id}`;
    const badge = status === "available" ? "ok" : "warn";
    return `<tr><th scope="row">${pkg ? `<a href="${r(`packages/${p.id}.html`)}">${esc(p.name)}</a>` : esc(p.name)}</th><td><code class="nowrap">${esc(name)}</code></td><td>${renderInline(p.auth)}</td><td><code class="nowrap">npm install ${esc(name)}</code></td><td><span class="badge ${badge}">${esc(status)}</span></td></tr>`;
  }).join("\n");
  const refs = opts.specs
    .map(
      (s) =>
        `<li><a href="${r(`reference/${s.id}.html`)}">${esc(s.title)}</a><p>${esc(s.repoPath)}, version ${esc(s.version)}</p></li>`,
    )
    .join("\n");
  const guides = opts.schemes
    .map(
      (s) =>
        `<li><a href="${r(`guides/${s}.html`)}">${esc(schemeTitle(s))}</a><p><code>@keyway/auth/${esc(s)}</code></p></li>`,
    )
    .join("\n");
  const pkgs = opts.packages
    .map(
      (p) =>
        `<li><a href="${r(`packages/${p.id}.html`)}">${esc(p.name)}</a><p>${esc(p.description)} <a href="${r(`changelog/${p.id}.html`)}">Changelog<span class="visually-hidden"> of ${esc(p.name)}</span></a></p></li>`,
    )
    .join("\n");
  const docs = opts.docs.map((d) => `<li><a href="${r(d.path)}">${esc(d.title)}</a></li>`).join("\n");
  const body = `<h1>Keyway</h1>
<p class="lead">Typed TypeScript clients for five commerce and payment APIs whose authentication is each a little different. Every provider has a hand-written OpenAPI 3.1 spec, the types come from the spec, and one shared package, <code>@keyway/auth</code>, signs every request.</p>
<h2 id="providers">Providers</h2>
<table>
<thead><tr><th scope="col">Provider</th><th scope="col">Package</th><th scope="col">Auth scheme</th><th scope="col">Install</th><th scope="col">Status</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2 id="quick-start">Quick start in 30 seconds</h2>
<p>Install a client, give it its credentials, and call the API with the paths and bodies of its spec. Calls resolve with <code>{ data, error, response }</code>; <code>error</code> is the provider's typed error class.</p>
${opts.quickStart ?? ""}
<p>No account yet? <code>pnpm sandbox</code> in the repository starts a local server per provider that behaves like the real API.${opts.docs.some((d) => d.path === "docs/testing.html") ? ` <a href="${r("docs/testing.html")}">Testing with the sandbox</a> shows how your tests start it, reset it, inject faults and receive its callbacks.` : ""}</p>
<h2 id="reference">API reference</h2>
<ul class="cards">
${refs}
</ul>
<h2 id="guides">Auth guides</h2>
<ul class="cards">
${guides}
</ul>
<h2 id="packages">Packages</h2>
<ul class="cards">
${pkgs}
</ul>
<h2 id="docs">Architecture and provider notes</h2>
<ul>
${docs}
</ul>`;
  return {
    path,
    title: "Keyway",
    description:
      "Keyway: typed TypeScript clients for HIOBuy, SGate, HiShopping, Hyper and Appfigures, with one package for every signing scheme.",
    body,
    searchable: true,
  };
}

function searchPage(): PageInput {
  const path = "search.html";
  return {
    path,
    title: "Search",
    description: "Search the Keyway guides, package pages, architecture and provider notes.",
    head: `<link rel="stylesheet" href="pagefind/pagefind-ui.css"><script src="pagefind/pagefind-ui.js" defer></script><script src="assets/search.js" defer></script>`,
    body: `<h1>Search</h1>
<p>Search the guides, package pages, architecture and provider notes. API reference pages have their own search box.</p>
<div id="search"><noscript><p>Search needs JavaScript. Every page is also listed on the <a href="index.html">home page</a>.</p></noscript></div>`,
  };
}

async function writePage(out: string, page: PageInput): Promise<void> {
  const file = join(out, page.path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, layout(page));
}

async function precompress(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await precompress(p);
    else if (/\.(html|js|css|svg|json|txt)$/.test(e.name))
      await writeFile(`${p}.gz`, await gz(await readFile(p), { level: 9 }));
  }
}

/**
 * Every page of the site but the reference pages, as HTML, from the repository at `root`. Throws a
 * {@link SnippetError} when a page shows TypeScript/JavaScript that is not a checked snippet's text.
 */
export async function sitePages(root: string): Promise<{ pages: PageInput[]; specs: SpecFile[] }> {
  const [specs, packages, schemes, docFiles] = await Promise.all([
    findSpecs(root),
    findPackages(root),
    findSchemes(root),
    findDocs(root),
  ]);
  const linkMap = linkMapOf(specs, packages, docFiles);
  const pages: PageInput[] = [];
  const docs: { path: string; title: string }[] = [];
  for (const d of docFiles) {
    const path = docSitePath(d);
    const md = renderMarkdown(await readFile(join(root, d), "utf8"), {
      root,
      repoPath: d,
      sitePath: path,
      linkMap,
    });
    const title = md.title ?? d;
    docs.push({ path, title });
    pages.push({
      path,
      title,
      description: (md.summary ?? `${title}, from ${d} in the Keyway repository.`).slice(0, 300),
      body: md.html,
      searchable: true,
    });
  }
  for (const s of schemes) pages.push(await guidePage(root, s));
  for (const p of packages) {
    pages.push(
      await packagePage({
        root,
        pkg: p,
        provider: PROVIDERS.find((x) => x.id === p.id),
        specs,
        linkMap,
      }),
    );
    pages.push(await changelogPage(root, p, linkMap));
  }
  const readmes = new Map<string, string>();
  for (const p of packages) if (p.readme) readmes.set(p.id, await readFile(join(root, p.readme), "utf8"));
  pages.push(
    landing({
      specs,
      packages,
      schemes,
      docs,
      readmes,
      quickStart: snippetHtml(root, "quickstart.ts"),
    }),
  );
  pages.push(searchPage());
  const unchecked = pages.flatMap((p) => uncheckedCode(root, p.path, p.body));
  if (unchecked.length) throw new SnippetError(`code the tests do not check:\n${unchecked.join("\n")}`);
  return { pages, specs };
}

/** Builds the whole site into `out`: pages, reference pages, assets, search index, gzip copies. */
export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const root = options.root ?? join(DOCS_DIR, "..", "..");
  const out = options.out ?? join(root, "site");
  const log = options.log ?? (() => {});
  const fingerprint = await siteFingerprint(root);
  if (options.reuse) {
    const previous = await readFile(join(out, MANIFEST), "utf8").then(
      (t) => JSON.parse(t) as { fingerprint: string; pages: string[]; references: ReferencePage[] },
      () => undefined,
    );
    if (previous?.fingerprint === fingerprint && existsSync(join(out, "index.html"))) {
      log("docs: site unchanged since its last build (same inputs), reused");
      return { out, pages: previous.pages, references: previous.references, reused: true };
    }
  }
  const { pages, specs } = await sitePages(root);
  await rm(out, { recursive: true, force: true });
  for (const d of ["assets", "reference", "guides", "packages", "changelog", "docs"])
    await mkdir(join(out, d), { recursive: true });
  const { bundle } = await redoclyPaths(DOCS_DIR);
  const bundleFile = join(out, "assets/redoc.standalone.js");
  await writeFile(bundleFile, localBundle(await readFile(bundle, "utf8")));
  for (const f of ["site.css", "reference.css", "logo.svg", "search.js"])
    await copyFile(join(DOCS_DIR, "src/assets", f), join(out, "assets", f));
  await writeFile(join(out, "robots.txt"), "User-agent: *\nAllow: /\n");

  for (const page of pages) await writePage(out, page);
  log(`docs: ${pages.length} pages written`);

  const integrity = await integrityOf(bundleFile);
  const references = await pool(specs, 2, async (spec) => {
    const page = await buildReference(spec, { root, out, docsDir: DOCS_DIR, bundleIntegrity: integrity });
    log(`docs: ${page.path} (${page.operationIds.length} operations)`);
    return page;
  });

  const pagefind = await import("pagefind");
  const { index } = await pagefind.createIndex({});
  if (!index) throw new Error("pagefind could not create an index");
  const added = await index.addDirectory({ path: out });
  if (added.errors.length) throw new Error(`pagefind: ${added.errors.join("; ")}`);
  await index.writeFiles({ outputPath: join(out, "pagefind") });
  await pagefind.close();
  log(`docs: search index over ${added.page_count} pages`);

  await precompress(out);
  const all = [...pages.map((p) => p.path), ...references.map((r) => r.path)];
  await writeFile(join(out, MANIFEST), JSON.stringify({ fingerprint, pages: all, references }));
  return { out, pages: all, references, reused: false };
}
