/**
 * What a command may touch of the outside world. `run()` takes it as an argument, so tests drive every command
 * in process; {@link processIo} is the real one.
 * @module
 */
import { createInterface } from "node:readline";
import type { Writable } from "node:stream";

/** The outside world of one `keyway` run. */
export interface CliIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Environment variables (credentials, `KEYWAY_CONFIG_DIR`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Asks one question on the terminal; `hidden` does not echo the answer (passwords). */
  prompt(question: string, options?: { readonly hidden?: boolean }): Promise<string>;
  /** Resolves when the user asks the process to stop (Ctrl-C / SIGINT, SIGTERM). */
  untilStopped(): Promise<void>;
}

/** The process's own standard streams, environment and signals. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    prompt: (question, options) => ask(question, options?.hidden === true),
    untilStopped: () =>
      new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      }),
  };
}

/** One line from stdin; with `hidden` the typed characters are not echoed (the question still is). */
function ask(question: string, hidden: boolean): Promise<string> {
  const output = process.stderr as Writable;
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  if (hidden) {
    // readline echoes through _writeToOutput; keep the prompt, drop the keystrokes.
    const internal = rl as unknown as { _writeToOutput(text: string): void };
    internal._writeToOutput = (text: string) => {
      if (text.startsWith(question)) output.write(question);
    };
  }
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      if (hidden) output.write("\n");
      rl.close();
      resolve(answer.trim());
    });
    rl.once("close", () => {
      if (!answered) reject(new Error("no answer: standard input closed"));
    });
  });
}
