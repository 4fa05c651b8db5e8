import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { esc, type PageInput, rel } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import type { PackageInfo, SpecFile } from "./repo.js";

/** What the site knows of each provider beside what the repository holds. */
export interface ProviderInfo {
  readonly id: string;
  readonly name: string;
  /** Auth on the wire, in words (inline Markdown: backticks only). */
  readonly auth: string;
  /** The auth guides that apply (scheme module names). */
  readonly schemes: readonly string[];
}

/** The five providers of Keyway, in the order the site lists them. */
export const PROVIDERS: readonly ProviderInfo[] = [
  {
    id: "hiobuy",
    name: "HIOBuy Gateway",
    auth: "Bearer token (`Authorization: Bearer hio_live_…`)",
    schemes: ["bearer"],
  },
  {
    id: "sgate",
    name: "SGate pay-in v1",
    auth: "HMAC-SHA256 over sorted pairs in `x-auth-*` headers",
    schemes: ["sgate"],
  },
  {
    id: "hishopping",
    name: "HiShopping B-End",
    auth: "AES-256-GCM payload in an HMAC-SHA256-signed envelope",
    schemes: ["hishopping"],
  },
  {
    id: "hyper",
    name: "Hyper Teknoloji (E-PIN / game items)",
    auth: "JWT session (Reseller, Storefront); `ApiKey` header (Payment, Supplier)",
    schemes: ["jwt", "api-key"],
  },
  {
    id: "appfigures",
    name: "Appfigures API v2",
    auth: "OAuth 1.0a, or HTTP Basic with a client key",
    schemes: ["oauth1", "basic"],
  },
];

/**
 * Whether a provider is available (a publishable package whose README has a quick start), in progress
 * (a package or a spec is there, not yet documented) or planned.
 */
export function providerStatus(
  p: ProviderInfo,
  packages: readonly PackageInfo[],
  specs: readonly SpecFile[],
  readmes: ReadonlyMap<string, string>,
): "available" | "in progress" | "planned" {
  const pkg = packages.find((k) => k.id === p.id && !k.private);
  if (pkg && /^## Quick start/m.test(readmes.get(pkg.id) ?? "")) return "available";
  if (pkg || specs.some((s) => s.provider === p.id)) return "in progress";
  return "planned";
}

/** A Markdown document split at its level-2 headings: the part before the first one, then each section. */
export function sections(md: string): { head: string; list: { title: string; text: string }[] } {
  const lines = md.split("\n");
  let fence = false;
  const list: { title: string; text: string }[] = [];
  const head: string[] = [];
  for (const line of lines) {
    if (/^(```|~~~)/.test(line)) fence = !fence;
    const m = !fence && /^## (.*)$/.exec(line);
    if (m) list.push({ title: m[1]!.trim(), text: `${line}\n` });
    else if (list.length) list[list.length - 1]!.text += `${line}\n`;
    else head.push(line);
  }
  return { head: head.join("\n"), list };
}

/** The section of tools/sandbox/README.md about one provider (a `### … (`<id>`, …)` heading up to the next one). */
export function sandboxSection(readme: string, id: string): string | undefined {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => l.startsWith("### ") && l.includes(`(\`${id}\``));
  if (start < 0) return undefined;
  let end = lines.length;
  let fence = false;
  for (let i = start + 1; i < lines.length; i++) {
    if (/^(```|~~~)/.test(lines[i]!)) fence = !fence;
    if (!fence && /^#{1,3} /.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  return lines.slice(start, end).join("\n");
}

/** Builds the page of one package: quick start, its README, the sandbox section, links to reference and changelog. */
export async function packagePage(opts: {
  root: string;
  pkg: PackageInfo;
  provider: ProviderInfo | undefined;
  specs: readonly SpecFile[];
  linkMap: ReadonlyMap<string, string>;
}): Promise<PageInput> {
  const { root, pkg, provider } = opts;
  const path = `packages/${pkg.id}.html`;
  const readme = pkg.readme ? await readFile(join(root, pkg.readme), "utf8") : "";
  const parts: string[] = [`<h1>${esc(pkg.name)}</h1>`, `<p class="lead">${esc(pkg.description)}</p>`];
  parts.push(`<pre><code>npm install ${esc(pkg.name)}</code></pre>`);
  const mySpecs = provider ? opts.specs.filter((s) => s.provider === provider.id) : [];
  const links: string[] = mySpecs.map(
    (s) =>
      `<li><a href="${esc(rel(path, `reference/${s.id}.html`))}">API reference: ${esc(s.title)}</a></li>`,
  );
  for (const scheme of provider?.schemes ?? []) {
    links.push(
      `<li><a href="${esc(rel(path, `guides/${scheme}.html`))}">Auth guide: ${esc(scheme)}</a></li>`,
    );
  }
  const provDoc = provider && opts.linkMap.get(`docs/providers/${provider.id}.md`);
  if (provDoc)
    links.push(
      `<li><a href="${esc(rel(path, provDoc))}">Provider notes: what is known of the API, with sources</a></li>`,
    );
  const testing = opts.linkMap.get("docs/testing.md");
  if (testing)
    links.push(
      `<li><a href="${esc(rel(path, testing))}">Testing with the sandbox: start, reset, faults, callbacks</a></li>`,
    );
  links.push(
    `<li><a href="${esc(rel(path, `changelog/${pkg.id}.html`))}">Changelog of ${esc(pkg.name)}</a></li>`,
  );
  parts.push(`<ul>${links.join("")}</ul>`);

  const { list } = sections(readme);
  // The README's sections, its Quick start first; marked code blocks come from their snippet files.
  const ordered = [
    ...list.filter((s) => /^quick start/i.test(s.title)),
    ...list.filter((s) => !/^quick start/i.test(s.title)),
  ];
  if (ordered.length && pkg.readme) {
    const md = ordered.map((s) => s.text).join("\n");
    parts.push(
      renderMarkdown(md, { root, repoPath: pkg.readme, sitePath: path, linkMap: opts.linkMap }).html,
    );
  }
  if (provider) {
    const sandboxReadme = await readFile(join(root, "tools/sandbox/README.md"), "utf8").catch(() => "");
    const section = sandboxSection(sandboxReadme, provider.id);
    if (section) {
      parts.push(
        `<h2 id="sandbox">The sandbox: keys and scenarios</h2>`,
        `<p>From tools/sandbox/README.md: how <code>@keyway/sandbox</code> answers for ${esc(provider.name)}.</p>`,
        renderMarkdown(section, {
          root,
          repoPath: "tools/sandbox/README.md",
          sitePath: path,
          linkMap: opts.linkMap,
          shiftHeadings: 0,
        }).html,
      );
    }
  }
  return {
    path,
    title: pkg.name,
    description: `${pkg.name}: ${pkg.description}`.slice(0, 300),
    body: parts.join("\n"),
    searchable: true,
  };
}

/** The changelog page of a package: its CHANGELOG.md, or a note that nothing is released yet. */
export async function changelogPage(
  root: string,
  pkg: PackageInfo,
  linkMap: ReadonlyMap<string, string>,
): Promise<PageInput> {
  const path = `changelog/${pkg.id}.html`;
  let body: string;
  if (pkg.changelog) {
    const md = await readFile(join(root, pkg.changelog), "utf8");
    body = renderMarkdown(md, { root, repoPath: pkg.changelog, sitePath: path, linkMap }).html;
    if (!/<h1/.test(body)) body = `<h1>Changelog of ${esc(pkg.name)}</h1>\n${body}`;
  } else {
    body = `<h1>Changelog of ${esc(pkg.name)}</h1>\n<p>No releases yet. Changes waiting for a release are described in the repository's <code>.changeset/</code> folder; the changelog appears here after the first <code>changeset version</code>.</p>`;
  }
  return {
    path,
    title: `Changelog of ${pkg.name}`,
    description: `Release notes of ${pkg.name}, version by version.`,
    body,
    searchable: true,
  };
}
