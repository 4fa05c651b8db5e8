/**
 * Runs a bench group in a child Node process of its own, so that what one group leaves in a process (garbage
 * in the old generation, optimized code, undici's pooled connections, tenured allocation sites) is not
 * measured against the next group's budgets — the heap budget of `throughput` above all.
 */
import { fork } from "node:child_process";
import type { GroupReport } from "./budget.js";

/** What a group child sends its parent once, over the IPC channel. */
export type ChildMessage = { readonly report: GroupReport } | { readonly error: string };

/**
 * Forks `entry` with `args` and the Node flags `execArgv` (default: this process's, so `--cpu-prof` reaches
 * the child), stdout/stderr shared with this process; resolves with the report the child sends, rejects with
 * the child's error, or when it exits without a report.
 */
export function runInChild(
  entry: string,
  args: readonly string[],
  execArgv: readonly string[] = process.execArgv,
): Promise<GroupReport> {
  return new Promise((resolve, reject) => {
    const child = fork(entry, args, {
      execArgv: [...execArgv],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let message: ChildMessage | undefined;
    child.once("message", (m) => {
      message = m as ChildMessage;
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (message && "report" in message) resolve(message.report);
      else if (message) reject(new Error(message.error));
      else
        reject(new Error(`${entry} ${args.join(" ")} exited (${signal ?? `code ${code}`}) without a report`));
    });
  });
}

/** The child's side: runs `work` and sends its report (or its error) to the parent, then lets the process end. */
export async function reportToParent(work: () => Promise<GroupReport>): Promise<void> {
  if (!process.send) throw new Error("not started by runInChild (no IPC channel)");
  let message: ChildMessage;
  try {
    message = { report: await work() };
  } catch (e) {
    message = { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  await new Promise<void>((resolve, reject) =>
    process.send!(message, undefined, undefined, (e) => (e ? reject(e) : resolve())),
  );
  process.disconnect();
}
