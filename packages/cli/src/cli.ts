/**
 * The `keyway` process: runs the command line against the real terminal and exits with its code.
 * @module
 */
import { processIo } from "./io.js";
import { run } from "./run.js";

process.exitCode = await run(process.argv.slice(2), processIo());
