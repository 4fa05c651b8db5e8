#!/usr/bin/env node
// Runs the CLI in this process (so SIGINT / SIGTERM reach it): the built dist/cli.js when present (published
// package), else src/cli.ts through tsx's loader (workspace, no build step needed).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, "../dist/cli.js");
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(here, "../src/cli.ts")).href);
}
