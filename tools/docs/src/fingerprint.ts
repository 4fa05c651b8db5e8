/**
 * The fingerprint of everything a site build reads, so a build whose inputs did not change can be reused
 * (`buildSite({ reuse: true })`): `pnpm docs:build` followed by the docs test builds once.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** Folders (repository paths) read whole: the specs and vectors, docs/, the builder, its snippets, auth. */
export const INPUT_DIRS = ["specs", "docs", "tools/docs/src", "tools/docs/snippets", "packages/auth/src"];

/** The repository paths a build reads, sorted: {@link INPUT_DIRS}, READMEs, changelogs and manifests. */
export async function inputFiles(root: string): Promise<string[]> {
  const files = new Set(["README.md", "tools/docs/package.json"].filter((f) => existsSync(join(root, f))));
  for (const dir of INPUT_DIRS) {
    if (!existsSync(join(root, dir))) continue;
    for (const e of await readdir(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (e.isFile()) files.add(relative(root, join(e.parentPath, e.name)).split(sep).join("/"));
    }
  }
  for (const top of ["packages", "tools"]) {
    if (!existsSync(join(root, top))) continue;
    for (const d of await readdir(join(root, top), { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      for (const f of ["README.md", "CHANGELOG.md", "package.json"]) {
        if (existsSync(join(root, top, d.name, f))) files.add(`${top}/${d.name}/${f}`);
      }
    }
  }
  return [...files].sort();
}

/** SHA-256 over the path and content of every input file. */
export async function siteFingerprint(root: string): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await inputFiles(root)) {
    hash.update(`${file}\0`);
    hash.update(await readFile(join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}
