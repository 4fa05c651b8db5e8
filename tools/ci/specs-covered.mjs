#!/usr/bin/env node
/**
 * `pnpm lint:specs` runs this before `redocly lint`: every specs/<provider>/openapi.yaml (and every
 * specs/<provider>/<surface>/openapi.yaml of a provider with one spec per surface) must have an `apis:` entry in redocly.yaml (Redocly lints only what that list names, so a spec left out would
 * silently skip every rule). Usage: node tools/ci/specs-covered.mjs [root]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

/** The spec files under `root/specs` that no `apis:` entry of `root/redocly.yaml` names as its root. */
export function uncoveredSpecs(root) {
  const config = parse(readFileSync(join(root, "redocly.yaml"), "utf8")) ?? {};
  const roots = new Set(Object.values(config.apis ?? {}).map((api) => api?.root));
  const dirs = (rel) =>
    readdirSync(join(root, rel), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `${rel}/${d.name}`);
  const isSpec = (rel) => existsSync(join(root, rel, "openapi.yaml"));
  return dirs("specs")
    .flatMap((dir) => (isSpec(dir) ? [dir] : dirs(dir).filter(isSpec)))
    .map((dir) => `${dir}/openapi.yaml`)
    .filter((spec) => !roots.has(spec))
    .sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const missing = uncoveredSpecs(resolve(process.argv[2] ?? "."));
  for (const spec of missing) console.error(`lint:specs: ${spec} has no apis: entry in redocly.yaml`);
  process.exit(missing.length ? 1 : 0);
}
