import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

/**
 * Two projects. `site`: the site build, the browser crawl and Lighthouse, with limits that catch a hang, not a
 * busy machine. `snippets`: the `*.test.ts` snippet files the docs show, run as a user's tests would be, with
 * the shared sandbox of snippets/testing/global-setup.ts.
 */
export default mergeConfig(
  shared,
  defineConfig({
    // vitest loads a globalSetup file in its own `__vitest__` environment: resolve workspace packages to src/ there too.
    environments: { __vitest__: { resolve: { conditions: ["source"], externalConditions: ["source"] } } },
    test: {
      fileParallelism: false,
      projects: [
        {
          extends: true,
          test: { name: "site", testTimeout: 900_000, hookTimeout: 1_500_000 },
        },
        {
          extends: true,
          test: {
            name: "snippets",
            include: ["snippets/**/*.test.ts"],
            exclude: ["test/**", "**/node_modules/**"],
            globalSetup: ["snippets/testing/global-setup.ts"],
          },
        },
      ],
    },
  }),
);
