import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { esc, rel } from "./html.js";
import type { SpecFile } from "./repo.js";

const run = promisify(execFile);

/** HTTP methods that hold an operation in a path item. */
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** What `x-keyway-retry` means, in words, for the badge and the sentence added to each operation. */
export function retryInWords(value: unknown): { badge: string; sentence: string } {
  const v = typeof value === "string" ? value : "";
  if (v === "safe") {
    return {
      badge: "Safe to retry",
      sentence:
        "**Retries:** safe to retry. Keyway re-sends it after a network error or a 408, 429, 500, 502, 503 or 504 answer, honouring `Retry-After`.",
    };
  }
  if (v.startsWith("key:")) {
    const field = v.slice(4);
    return {
      badge: "Retried with the same key",
      sentence: `**Retries:** retried with the same key. Every attempt carries the same \`${field}\`, so the provider can recognise a repeat; the client generates one when you leave it out.`,
    };
  }
  if (v === "never") {
    return {
      badge: "Never retried",
      sentence:
        "**Retries:** never retried. A repeat could act twice; after a network failure, look the result up before trying again.",
    };
  }
  return { badge: "Retry class not declared", sentence: "**Retries:** the spec declares no retry class." };
}

const UNVERIFIED_NOTE = "⚠ Unverified: inferred or proposed, not confirmed by the provider's documentation.";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Prefixes `description` of every object marked `x-unverified: true` (fields, parameters, headers, servers). */
function markUnverified(node: unknown, inOperation = false): void {
  if (Array.isArray(node)) {
    for (const item of node) markUnverified(item, inOperation);
    return;
  }
  if (!isObject(node)) return;
  if (node["x-unverified"] === true && !inOperation) {
    const d = typeof node.description === "string" ? node.description : "";
    node.description = d ? `${UNVERIFIED_NOTE} ${d}` : UNVERIFIED_NOTE;
  }
  for (const [k, v] of Object.entries(node)) if (k !== "description") markUnverified(v, false);
}

/** Every operation of a document (paths and webhooks) with its method and path or webhook name. */
export function operationsOf(doc: Json): { operationId: string | undefined; op: Json }[] {
  const out: { operationId: string | undefined; op: Json }[] = [];
  for (const group of [doc.paths, doc.webhooks]) {
    if (!isObject(group)) continue;
    for (const item of Object.values(group)) {
      if (!isObject(item)) continue;
      for (const m of METHODS) {
        const op = item[m];
        if (isObject(op))
          out.push({ operationId: typeof op.operationId === "string" ? op.operationId : undefined, op });
      }
    }
  }
  return out;
}

/**
 * Adds what Redoc does not show by itself: the logo, a badge and a sentence per operation for
 * `x-keyway-retry` and `x-unverified`, the operation ID in words, and a visible note on unverified fields.
 */
export function prepareSpec(doc: Json, logoUrl: string, homeUrl: string): Json {
  const info = isObject(doc.info) ? doc.info : {};
  info["x-logo"] = { url: logoUrl, altText: "Keyway", href: homeUrl };
  doc.info = info;
  markUnverified(doc);
  for (const { operationId, op } of operationsOf(doc)) {
    const retry = retryInWords(op["x-keyway-retry"]);
    const badges: Json[] = [{ name: retry.badge }];
    const extra = [retry.sentence];
    if (op["x-unverified"] === true) {
      badges.unshift({ name: "Unverified" });
      extra.unshift(UNVERIFIED_NOTE);
    }
    if (operationId) extra.push(`**Operation ID:** \`${operationId}\``);
    op["x-badges"] = badges;
    const d = typeof op.description === "string" ? op.description.trimEnd() : "";
    op.description = [d, ...extra].filter(Boolean).join("\n\n");
  }
  return doc;
}

/** The installed @redocly/cli: its CLI entry and the Redoc bundle it ships. */
export async function redoclyPaths(docsDir: string): Promise<{ cli: string; bundle: string }> {
  const pkg = await realpath(join(docsDir, "node_modules/@redocly/cli"));
  return { cli: join(pkg, "bin/cli.js"), bundle: join(pkg, "lib/chunks/redoc.standalone.js") };
}

/** The page template handed to `redocly build-docs` (Handlebars). */
function template(spec: SpecFile, sitePath: string): string {
  const r = (to: string) => esc(rel(sitePath, to));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} — API reference — Keyway</title>
<meta name="description" content="${esc(`API reference for ${spec.title}, rendered from ${spec.repoPath}: every operation, its retry class and what is unverified.`)}">
<link rel="icon" href="${r("assets/logo.svg")}" type="image/svg+xml">
<link rel="stylesheet" href="${r("assets/reference.css")}">
{{{redocHead}}}
</head>
<body>
<a class="kw-skip" href="#redoc">Skip to the reference</a>
<nav class="kw-top" aria-label="Site"><a href="${r("index.html")}">Keyway docs</a> <span aria-hidden="true">/</span> <span>${esc(spec.title)} API reference</span></nav>
{{{redocHTML}}}
</body>
</html>
`;
}

/** What one reference page build produced. */
export interface ReferencePage {
  readonly spec: SpecFile;
  /** Site path of the page. */
  readonly path: string;
  /** Every operationId of the spec (paths and webhooks). */
  readonly operationIds: readonly string[];
}

/**
 * Renders one spec with `redocly build-docs` into `out/<sitePath>`, loading Redoc from the shared
 * `assets/redoc.standalone.js` instead of the CDN.
 */
export async function buildReference(
  spec: SpecFile,
  opts: { root: string; out: string; docsDir: string; bundleIntegrity: string },
): Promise<ReferencePage> {
  const sitePath = `reference/${spec.id}.html`;
  const doc = parse(await readFile(join(opts.root, spec.repoPath), "utf8")) as Json;
  const operationIds = operationsOf(doc).flatMap((o) => (o.operationId ? [o.operationId] : []));
  prepareSpec(doc, rel(sitePath, "assets/logo.svg"), rel(sitePath, "index.html"));
  const tmp = await mkdtemp(join(tmpdir(), "keyway-docs-"));
  try {
    const specFile = join(tmp, "openapi.json");
    const tpl = join(tmp, "page.hbs");
    const outFile = join(tmp, "page.html");
    await writeFile(specFile, JSON.stringify(doc));
    await writeFile(tpl, template(spec, sitePath));
    const { cli } = await redoclyPaths(opts.docsDir);
    await run(
      process.execPath,
      [cli, "build-docs", specFile, "-o", outFile, "-t", tpl, "--title", spec.title, "--lint-config", "off"],
      {
        cwd: tmp,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: "off",
          REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
          NO_COLOR: "1",
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    let html = await readFile(outFile, "utf8");
    const cdn = /https:\/\/cdn\.redocly\.com\/redoc\/v[0-9.]+\/bundles\/redoc\.standalone\.js/g;
    if (!cdn.test(html))
      throw new Error(`${spec.repoPath}: build-docs output does not load the Redoc bundle as expected`);
    html = html.replace(cdn, rel(sitePath, "assets/redoc.standalone.js"));
    html = html.replace(/integrity="sha384-[^"]*"/g, `integrity="${opts.bundleIntegrity}"`);
    if (/cdn\.redocly\.com/.test(html))
      throw new Error(`${spec.repoPath}: a CDN reference is left in the page`);
    await writeFile(join(opts.out, sitePath), html);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { spec, path: sitePath, operationIds };
}

/** The two images Redoc's "API docs by Redocly" footer loads from Redocly's CDN. */
const ATTRIBUTION_LOGOS = [
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg",
  "https://cdn.redoc.ly/redoc/logo-mini.svg",
];

/** A small inline "Redocly" wordmark that keeps the attribution without a request to the CDN. */
const ATTRIBUTION_SVG = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16"><text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="700" fill="#6b7280">Redocly</text></svg>',
)}`;

/**
 * The Redoc bundle as the site serves it: @redocly/cli's own copy, with the footer's two CDN logo URLs
 * replaced by an inline wordmark (the page must not reach outside the site). Throws when the bundle no
 * longer holds them, so a new Redoc version is looked at rather than silently loading from the CDN.
 */
export function localBundle(source: string): string {
  let out = source;
  for (const url of ATTRIBUTION_LOGOS) {
    if (!out.includes(url))
      throw new Error(`Redoc bundle: ${url} not found; check what the new version loads`);
    out = out.split(url).join(ATTRIBUTION_SVG);
  }
  if (/https:\/\/cdn\.redoc(ly)?\.(ly|com)\/redoc\//.test(out))
    throw new Error("Redoc bundle: another CDN asset is referenced");
  return out;
}

/** The subresource-integrity value of a file (sha384, as Redoc's own `modulepreload` carries). */
export async function integrityOf(file: string): Promise<string> {
  return `sha384-${createHash("sha384")
    .update(await readFile(file))
    .digest("base64")}`;
}
