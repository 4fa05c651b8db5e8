/**
 * `pnpm docs:build` → `build`: writes site/ (kept as it is when built from the same inputs; `--force` rebuilds). `pnpm run docs` → `serve`: serves site/ on 127.0.0.1 and
 * prints the URL (`--port N`, default a free port). `pnpm docs:snippets` → `snippets`: checks that every
 * Markdown code block is its snippet file's text (`--write` rewrites the blocks from the files).
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildSite } from "./build.js";
import { findMarkdown, REPO_ROOT, shellContext } from "./repo.js";
import { serveSite } from "./serve.js";
import { checkShellBlocks } from "./shell.js";
import { checkMarkdown, syncMarkdown } from "./snippets.js";

const [command, ...args] = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const site = join(REPO_ROOT, "site");

if (command === "build") {
  const started = performance.now();
  const result = await buildSite({ log: (l) => console.log(l), reuse: !args.includes("--force") });
  console.log(
    `docs: ${result.reused ? "kept" : "built"} ${result.pages.length} pages in site/ in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} else if (command === "serve") {
  if (!existsSync(join(site, "index.html"))) {
    console.error("docs: site/ is not built; run `pnpm docs:build` first");
    process.exit(1);
  }
  const port = Number(flag("--port") ?? process.env.PORT ?? 0);
  const server = await serveSite(site, { port });
  console.log(`docs: serving site/ at ${server.url} (Ctrl-C stops)`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} else if (command === "snippets") {
  const problems: string[] = [];
  for (const file of await findMarkdown(REPO_ROOT)) {
    const md = await readFile(join(REPO_ROOT, file), "utf8");
    if (args.includes("--write")) {
      const synced = syncMarkdown(REPO_ROOT, md);
      if (synced !== md) {
        await writeFile(join(REPO_ROOT, file), synced);
        console.log(`docs: rewrote the snippet blocks of ${file}`);
      }
    }
    const now = await readFile(join(REPO_ROOT, file), "utf8");
    const found = [
      ...checkMarkdown(REPO_ROOT, file, now),
      ...checkShellBlocks(file, now, await shellContext(REPO_ROOT, file)),
    ];
    for (const p of found) problems.push(`${p.file}:${p.line}: ${p.message}`);
  }
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  console.log("docs: every Markdown code block comes from its snippet file; every pnpm script named exists");
} else {
  console.error("usage: cli.ts build [--force] | serve [--port N] | snippets [--write]");
  process.exit(2);
}
