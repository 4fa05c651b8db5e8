import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { esc } from "./html.js";

/** The directory of code snippets; every file in it is type-checked by `pnpm --filter @keyway/docs typecheck`. */
export const SNIPPETS = "snippets";

/** Whether tools/docs/snippets/<file> exists. */
export function hasSnippet(docsDir: string, file: string): boolean {
  return existsSync(join(docsDir, SNIPPETS, file));
}

/**
 * A snippet file as a captioned code block, or undefined when it does not exist. Lines holding only a
 * `biome-ignore` comment are left out of the page.
 */
export async function snippetHtml(docsDir: string, file: string): Promise<string | undefined> {
  if (!hasSnippet(docsDir, file)) return undefined;
  const text = (await readFile(join(docsDir, SNIPPETS, file), "utf8"))
    .split("\n")
    .filter((l) => !/^\s*\/\/ biome-ignore/.test(l))
    .join("\n")
    .trim();
  return `<figure class="snippet"><figcaption>tools/docs/snippets/${esc(file)}, type-checked with the test suite</figcaption><pre><code class="language-ts">${esc(text)}</code></pre></figure>`;
}
