/**
 * Reads a login input from its flag, then its environment variable, then the terminal (hidden for secrets).
 * @module
 */
import { CliError } from "../errors.js";
import type { CliIo } from "../io.js";

/** Where one login input may come from. */
export interface InputSource {
  /** The flag's value, when given. */
  readonly flag: string | undefined;
  /** The environment variable to read next. */
  readonly env: string;
  /** The question to ask last. */
  readonly question: string;
  /** Secret: the terminal does not echo it. */
  readonly hidden?: boolean;
}

/**
 * The flag's value, else the environment variable's, else the answer to a prompt.
 * @throws CliError when the value is still empty (e.g. no terminal to ask on).
 */
export async function input(io: CliIo, source: InputSource): Promise<string> {
  const given = source.flag ?? io.env[source.env];
  if (given) return given;
  let answer: string;
  try {
    answer = await io.prompt(source.question, { hidden: source.hidden === true });
  } catch (err) {
    throw new CliError(
      `${source.question.replace(/:\s*$/, "")}: ${(err as Error).message} (or set ${source.env})`,
      2,
    );
  }
  if (!answer)
    throw new CliError(`${source.question.replace(/:\s*$/, "")} is required (or set ${source.env})`, 2);
  return answer;
}
