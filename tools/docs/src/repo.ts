import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { ShellContext } from "./shell.js";

/** tools/docs, the package directory. */
export const DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The repository root. */
export const REPO_ROOT = join(DOCS_DIR, "..", "..");

/** One OpenAPI document under specs/. */
export interface SpecFile {
  /** Page id: `hiobuy`, or `hyper-reseller` for specs/hyper/reseller/openapi.yaml. */
  readonly id: string;
  /** The provider folder name under specs/. */
  readonly provider: string;
  /** The surface folder, for providers with one spec per surface. */
  readonly surface: string | undefined;
  /** Path in the repository, with forward slashes. */
  readonly repoPath: string;
  /** `info.title`. */
  readonly title: string;
  /** `info.version`. */
  readonly version: string;
}

/** One workspace package the site has a page for. */
export interface PackageInfo {
  /** Short id: the folder name (`hiobuy`, `auth`, `sandbox`). */
  readonly id: string;
  /** npm name, e.g. `@keyway/hiobuy`. */
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly private: boolean;
  /** Folder in the repository, e.g. `packages/hiobuy`. */
  readonly dir: string;
  /** Repository path of README.md, when there is one. */
  readonly readme: string | undefined;
  /** Repository path of CHANGELOG.md, when there is one. */
  readonly changelog: string | undefined;
}

const posixPath = (p: string) => p.split(sep).join("/");

async function dirs(path: string): Promise<string[]> {
  if (!existsSync(path)) return [];
  const entries = await readdir(path, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Every specs/<provider>/openapi.yaml and specs/<provider>/<surface>/openapi.yaml, sorted. */
export async function findSpecs(root: string): Promise<SpecFile[]> {
  const out: SpecFile[] = [];
  const add = async (provider: string, surface: string | undefined) => {
    const repoPath = surface ? `specs/${provider}/${surface}/openapi.yaml` : `specs/${provider}/openapi.yaml`;
    const file = join(root, repoPath);
    if (!existsSync(file)) return;
    const doc = parse(await readFile(file, "utf8")) as { info?: { title?: string; version?: string } };
    out.push({
      id: surface ? `${provider}-${surface}` : provider,
      provider,
      surface,
      repoPath,
      title: doc.info?.title ?? repoPath,
      version: doc.info?.version ?? "",
    });
  };
  for (const provider of await dirs(join(root, "specs"))) {
    await add(provider, undefined);
    for (const surface of await dirs(join(root, "specs", provider))) {
      if (surface !== "vectors") await add(provider, surface);
    }
  }
  return out;
}

async function readPackage(root: string, dir: string): Promise<PackageInfo | undefined> {
  const file = join(root, dir, "package.json");
  if (!existsSync(file)) return undefined;
  const pkg = JSON.parse(await readFile(file, "utf8")) as {
    name?: string;
    version?: string;
    description?: string;
    private?: boolean;
  };
  if (!pkg.name) return undefined;
  const has = (f: string) => (existsSync(join(root, dir, f)) ? `${dir}/${f}` : undefined);
  return {
    id: dir.split("/").pop()!,
    name: pkg.name,
    version: pkg.version ?? "0.0.0",
    description: pkg.description ?? "",
    private: pkg.private === true,
    dir,
    readme: has("README.md"),
    changelog: has("CHANGELOG.md"),
  };
}

/** Every packages/* package, then the publishable tools (the sandbox). */
export async function findPackages(root: string): Promise<PackageInfo[]> {
  const out: PackageInfo[] = [];
  for (const d of await dirs(join(root, "packages"))) {
    const p = await readPackage(root, `packages/${d}`);
    if (p) out.push(p);
  }
  for (const d of await dirs(join(root, "tools"))) {
    const p = await readPackage(root, `tools/${d}`);
    if (p && !p.private) out.push(p);
  }
  return out;
}

/** The scheme modules of @keyway/auth: one file or folder per scheme under packages/auth/src/schemes. */
export async function findSchemes(root: string): Promise<string[]> {
  const base = join(root, "packages/auth/src/schemes");
  if (!existsSync(base)) return [];
  const names: string[] = [];
  for (const e of await readdir(base, { withFileTypes: true })) {
    if (e.isDirectory() && existsSync(join(base, e.name, "index.ts"))) names.push(e.name);
    else if (e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
      names.push(e.name.slice(0, -3));
  }
  return names.sort();
}

/** Every Markdown file under docs/, as repository paths. */
export async function findDocs(root: string): Promise<string[]> {
  const base = join(root, "docs");
  if (!existsSync(base)) return [];
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith(".md")) out.push(posixPath(relative(root, p)));
    }
  };
  await walk(base);
  return out.sort();
}

/** Whether a repository path exists and is a file. */
export async function isFile(root: string, repoPath: string): Promise<boolean> {
  try {
    return (await stat(join(root, repoPath))).isFile();
  } catch {
    return false;
  }
}

/**
 * Every Markdown file whose code blocks must come from snippet files: the root README, docs/**, and the
 * README of each package under packages/ and tools/. Repository paths, sorted.
 */
export async function findMarkdown(root: string): Promise<string[]> {
  const out = existsSync(join(root, "README.md")) ? ["README.md"] : [];
  out.push(...(await findDocs(root)));
  for (const top of ["packages", "tools"]) {
    for (const d of await dirs(join(root, top))) {
      if (existsSync(join(root, top, d, "README.md"))) out.push(`${top}/${d}/README.md`);
    }
  }
  return out.sort();
}

async function scriptsAndBins(dir: string): Promise<{ name: string; scripts: Set<string>; bins: string[] }> {
  const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
    name?: string;
    scripts?: Record<string, string>;
    bin?: string | Record<string, string>;
  };
  const bins = typeof pkg.bin === "string" ? [pkg.name ?? ""] : Object.keys(pkg.bin ?? {});
  return { name: pkg.name ?? "", scripts: new Set(Object.keys(pkg.scripts ?? {})), bins };
}

/** What the shell blocks of the Markdown file `repoPath` may call: scripts of the root and its package, bins. */
export async function shellContext(root: string, repoPath: string): Promise<ShellContext> {
  const rootPkg = await scriptsAndBins(root);
  const packageScripts = new Map<string, Set<string>>();
  const bins = new Set<string>();
  let ownScripts = new Set<string>();
  for (const top of ["packages", "tools"]) {
    for (const d of await dirs(join(root, top))) {
      if (!existsSync(join(root, top, d, "package.json"))) continue;
      const p = await scriptsAndBins(join(root, top, d));
      packageScripts.set(p.name, p.scripts);
      for (const b of p.bins) bins.add(b);
      if (repoPath.startsWith(`${top}/${d}/`)) ownScripts = p.scripts;
    }
  }
  const binDir = join(root, "node_modules/.bin");
  if (existsSync(binDir)) for (const b of await readdir(binDir)) bins.add(b);
  return { rootScripts: rootPkg.scripts, ownScripts, packageScripts, bins };
}
