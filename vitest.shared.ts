import { defineConfig } from "vitest/config";

/**
 * The vitest config of every package: tests in test/**, type tests in test/**\/*.test-d.ts, workspace
 * packages resolved to their src/ (the `source` export condition), and a JSON report that
 * tools/ci/summary.mjs sums into CI's closing line.
 */
export default defineConfig({
  // Both environments: `resolve.conditions` alone reaches only the client one, and vitest runs tests in
  // the SSR one, where a workspace package would otherwise load its (possibly stale) dist/.
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"], externalConditions: ["source"] } },
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
  },
});
