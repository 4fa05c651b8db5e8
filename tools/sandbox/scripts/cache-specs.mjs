// `prepack`, after the specs are copied in (under a temporary name, then renamed to specs/, so a sandbox running
// from this folder meanwhile never reads a half-copied spec): writes the parsed JSON of every spec to spec-cache/,
// so a fresh install starts without parsing YAML (see src/core/spec-cache.ts). Needs the built dist/.
import { precomputeSpecCache } from "../dist/core/spec-cache.js";

const written = precomputeSpecCache("specs", "spec-cache");
if (written.length === 0) throw new Error("no specs/**/openapi.yaml to cache");
