import { mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// Workspace packages must resolve to their src/ (the `source` condition) in the SSR environment vitest runs
// tests in too; `resolve.conditions` alone only reaches the client environment, so the shared config made
// @keyway/auth load its (possibly stale) dist/ and @keyway/sandbox (no dist/) fail to resolve.
export default mergeConfig(shared, {
  ssr: { resolve: { conditions: ["source"], externalConditions: ["source"] } },
});
