import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

/** The shared config, with limits that catch a hang, not a busy machine: one site build, a browser crawl, three Lighthouse runs. */
export default mergeConfig(
  shared,
  defineConfig({
    test: { testTimeout: 900_000, hookTimeout: 1_500_000, fileParallelism: false },
  }),
);
