/**
 * The engines check of the installed tree: every package npm installed for our tarballs must run on the oldest
 * Node our root `engines.node` admits.
 * @module
 */
import semver from "semver";

/** The part of npm's `package-lock.json` (lockfile v2/v3) this check reads. */
export interface NpmLock {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean }>;
}

/** A package whose `engines.node` excludes our minimum Node. */
export interface EngineViolation {
  /** Where npm installed it, e.g. `node_modules/openapi-backend/node_modules/x`. */
  path: string;
  version: string | undefined;
  /** Its `engines.node` range. */
  requires: string;
}

/**
 * Every installed package whose `engines.node` does not admit the lowest version of `ours` (e.g. `>=20.19` →
 * 20.19.0). A package without `engines.node` runs anywhere as far as npm knows, and passes.
 * @throws {Error} when `ours` admits no version.
 */
export function engineViolations(lock: NpmLock, ours: string): EngineViolation[] {
  const minimum = semver.minVersion(ours);
  if (!minimum) throw new Error(`engines.node ${JSON.stringify(ours)} admits no version`);
  const out: EngineViolation[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === "" || entry.dev) continue; // the project itself; dev dependencies never reach users
    const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (range && !semver.satisfies(minimum, range)) {
      out.push({ path, version: entry.version, requires: range });
    }
  }
  return out;
}
