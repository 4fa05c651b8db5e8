#!/usr/bin/env node
// Runs the CLI: the built dist/cli.js when present (published package), else src/cli.ts through tsx
// (workspace, no build step needed).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, "../dist/cli.js");
const args = existsSync(built)
  ? [built]
  : [createRequire(import.meta.url).resolve("tsx/cli"), join(here, "../src/cli.ts")];
const r = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(r.status ?? 1);
