import { defineConfig } from "vitest/config";

/**
 * The vitest config of every package: tests in test/**, type tests in test/**\/*.test-d.ts, workspace
 * packages resolved to their src/ (the `source` export condition), and a JSON report that
 * tools/ci/summary.mjs sums into CI's closing line.
 */
export default defineConfig({
  resolve: { conditions: ["source"] },
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 20_000,
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
  },
});
