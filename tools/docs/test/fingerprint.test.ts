/** The build's input fingerprint: what lets `buildSite({ reuse: true })` skip a build whose inputs are unchanged. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inputFiles, siteFingerprint } from "../src/fingerprint.js";
import { REPO_ROOT } from "../src/repo.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function repo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "keyway-docs-fp-"));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

describe("the site's input fingerprint", () => {
  it("covers the specs, docs, READMEs, changelogs, the builder and its snippets", async () => {
    const files = await inputFiles(REPO_ROOT);
    for (const f of [
      "README.md",
      "specs/sgate/openapi.yaml",
      "docs/testing.md",
      "packages/hiobuy/README.md",
      "tools/sandbox/README.md",
      "tools/docs/src/build.ts",
      "tools/docs/src/assets/site.css",
      "tools/docs/snippets/quickstart.ts",
      "packages/auth/src/schemes/sgate.ts",
    ]) {
      expect(files, f).toContain(f);
    }
  });

  it("is stable for the same files and changes with any of them, including a new one", async () => {
    const root = await repo({ "README.md": "# a", "docs/x.md": "x", "packages/p/README.md": "p" });
    const first = await siteFingerprint(root);
    expect(await siteFingerprint(root)).toBe(first);
    await writeFile(join(root, "docs/x.md"), "y");
    const edited = await siteFingerprint(root);
    expect(edited).not.toBe(first);
    await writeFile(join(root, "packages/p/CHANGELOG.md"), "## 1.0.0");
    expect(await siteFingerprint(root)).not.toBe(edited);
  });
});
