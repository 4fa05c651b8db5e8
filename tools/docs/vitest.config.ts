import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

/** The shared config, with room for one site build, a browser crawl and three Lighthouse runs on a busy machine. */
export default mergeConfig(
  shared,
  defineConfig({
    test: { testTimeout: 600_000, hookTimeout: 600_000, fileParallelism: false },
  }),
);
