#!/usr/bin/env node
// Runs the CLI in this process (so SIGINT / SIGTERM reach it). Published: the built dist/cli.js. In the workspace
// under `node --conditions=source` (as `pnpm --filter @keyway/cli start` runs it), every workspace package resolves
// to its TypeScript src/, so src/cli.ts runs through tsx's loader; without a build, the same.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, "../dist/cli.js");
const fromSource = import.meta.resolve("@keyway/cli").endsWith(".ts");
if (!fromSource && existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(here, "../src/cli.ts")).href);
}
