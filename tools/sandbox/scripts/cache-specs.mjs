// `prepack`: writes the parsed JSON copy of every spec copied into specs/ to spec-cache/, so a fresh install
// starts without parsing YAML (see src/core/spec-cache.ts). Needs the built dist/.
import { precomputeSpecCache } from "../dist/core/spec-cache.js";

const written = precomputeSpecCache("specs", "spec-cache");
if (written.length === 0) throw new Error("no specs/**/openapi.yaml to cache");
