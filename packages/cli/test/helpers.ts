import type { CliIo } from "../src/index.js";

/** A recorded run: what it printed, and a way to stop a long-running command. */
export interface MemoryIo extends CliIo {
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** The prompts asked, with whether each was hidden. */
  readonly asked: { question: string; hidden: boolean }[];
  /** Resolves `untilStopped()`, as Ctrl-C would. */
  stop(): void;
}

/**
 * An in-memory {@link CliIo}: `answer` answers prompts (default: none, as on a closed stdin), `onErr` sees each
 * stderr write (to act on a printed URL, as a user with a browser would).
 */
export function memoryIo(
  options: {
    env?: Record<string, string | undefined>;
    answer?: (question: string) => string | Promise<string>;
    onErr?: (text: string) => void;
  } = {},
): MemoryIo {
  let out = "";
  let err = "";
  const asked: { question: string; hidden: boolean }[] = [];
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
      options.onErr?.(t);
    },
    env: options.env ?? {},
    prompt: async (question, o) => {
      asked.push({ question, hidden: o?.hidden === true });
      if (!options.answer) throw new Error("no answer: standard input closed");
      return options.answer(question);
    },
    untilStopped: () => stopped,
    stdout: () => out,
    stderr: () => err,
    asked,
    stop: () => stop(),
  };
}
