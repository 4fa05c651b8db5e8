/**
 * `pnpm docs:build` → `build`: writes site/. `pnpm run docs` → `serve`: serves site/ on 127.0.0.1 and
 * prints the URL (`--port N`, default a free port).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildSite } from "./build.js";
import { REPO_ROOT } from "./repo.js";
import { serveSite } from "./serve.js";

const [command, ...args] = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const site = join(REPO_ROOT, "site");

if (command === "build") {
  const started = performance.now();
  const result = await buildSite({ log: (l) => console.log(l) });
  console.log(
    `docs: built ${result.pages.length} pages into site/ in ${((performance.now() - started) / 1000).toFixed(1)} s`,
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
} else {
  console.error("usage: cli.ts build | serve [--port N]");
  process.exit(2);
}
