/** Bounded child processes: every spawn has a time limit and is killed (SIGKILL) when it passes it. */
import { execFile } from "node:child_process";

/** How a bounded run ended. */
export interface RunResult {
  /** Exit code, or `null` when killed. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The time limit passed and the process was killed. */
  readonly timedOut: boolean;
  /** It could not be started at all (e.g. ENOENT, EACCES). */
  readonly spawnError?: string;
}

/** Runs `file args…` with no shell, collecting its output, killed after `timeoutMs`. */
export function runBounded(
  file: string,
  args: readonly string[],
  options: { readonly timeoutMs: number; readonly cwd?: string; readonly env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env,
        timeout: options.timeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: 16 * 1024 * 1024,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        const e = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
        const spawnError = typeof e?.code === "string" ? `${e.code}: ${e.message}` : undefined;
        resolve({
          code: e ? (typeof e.code === "number" ? e.code : null) : 0,
          stdout,
          stderr,
          timedOut: Boolean(e?.killed) && !spawnError,
          ...(spawnError ? { spawnError } : {}),
        });
      },
    );
  });
}
