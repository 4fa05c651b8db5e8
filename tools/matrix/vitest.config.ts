import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

/** The shared config; the matrix run spawns runtimes and a browser, so its limit catches a hang, not a busy machine. */
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 600_000, fileParallelism: false } }));
