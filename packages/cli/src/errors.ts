/**
 * The one error the commands throw for a user to read: a message, no stack, and the exit code to leave with.
 * @module
 */

/** A failure shown to the user as `keyway: <message>`; exit code 2 for usage errors, 1 otherwise. */
export class CliError extends Error {
  override readonly name = "CliError";
  /** The process exit code: 2 for a usage error, 1 for a failure. */
  readonly exitCode: number;
  constructor(message: string, exitCode = 1, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}
