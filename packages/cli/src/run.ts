/**
 * The `keyway` program (commander) and {@link run}, which parses one command line against a {@link CliIo} and
 * returns the exit code: 0 done, 1 failed, 2 usage error. Errors are one line, never a stack trace.
 * @module
 */
import { createRequire } from "node:module";
import { Command, CommanderError } from "commander";
import { explainCommand } from "./commands/explain.js";
import { loginCommand } from "./commands/login.js";
import { sandboxCommand } from "./commands/sandbox.js";
import { CliError } from "./errors.js";
import type { CliIo } from "./io.js";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

/** Builds a fresh `keyway` program writing to `io` (commander keeps state, so one per run). */
export function createProgram(io: CliIo): Command {
  const program = new Command("keyway")
    .description("Keyway's command line: local provider sandboxes, request signing explained, logins")
    .version(version, "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError("(add --help for usage)");
  sandboxCommand(program, io);
  explainCommand(program, io);
  loginCommand(program, io);
  return program;
}

/**
 * Runs one `keyway` command line (without `node` and the script: `process.argv.slice(2)`).
 * @returns the exit code: 0 on success (and for `--help`), 1 when the command failed, 2 for a usage error.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander already printed its message (or the help).
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof CliError) {
      io.err(`keyway: ${err.message}\n`);
      return err.exitCode;
    }
    io.err(`keyway: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
