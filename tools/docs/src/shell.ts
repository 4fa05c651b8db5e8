/**
 * A light check of the shell blocks of the repository's Markdown: every `pnpm <script>` names a script that
 * exists (in the root package.json, the documented package's, or the `--filter`ed one), and every
 * `npx <bin>` a bin of a workspace package or an installed one. Pure: the scripts and bins are passed in.
 */
import { fencedBlocks, type SnippetProblem } from "./snippets.js";

/** What the commands of one Markdown file may call. */
export interface ShellContext {
  /** Scripts of the root package.json. */
  readonly rootScripts: ReadonlySet<string>;
  /** Scripts of the package the Markdown documents (its folder's package.json), if any. */
  readonly ownScripts: ReadonlySet<string>;
  /** Scripts of each workspace package by npm name, for `pnpm --filter <name> <script>`. */
  readonly packageScripts: ReadonlyMap<string, ReadonlySet<string>>;
  /** Bins `npx` can run: the workspace packages' and node_modules/.bin's. */
  readonly bins: ReadonlySet<string>;
}

const SHELL_LANGS = new Set(["sh", "bash", "shell", "zsh", "console"]);

/** pnpm's own commands (they never run a script of the same name). */
const PNPM_COMMANDS = new Set(
  "add i install ci remove rm uninstall un update up link ln unlink import rebuild rb prune fetch patch patch-commit patch-remove audit list ls outdated why licenses exec dlx create init pack publish deploy env setup store root bin config c self-update approve-builds cat-file cat-index find-hash server recursive -r".split(
    " ",
  ),
);

/** Names pnpm 10 hands to npm instead of running the script: `pnpm run <name>` is needed. */
const NPM_PASSTHROUGH = new Set(
  "docs bugs repo home access adduser login logout owner profile search star stars team token whoami xmas view info edit explore issues".split(
    " ",
  ),
);

/** Problems of one command line (`pnpm …` / `npx …`); other commands are not checked. */
export function checkCommand(line: string, ctx: ShellContext): string[] {
  const words = line
    .replace(/#.*$/, "")
    .trim()
    .replace(/^\$\s+/, "")
    .split(/\s+/)
    .filter(Boolean);
  const [tool, ...rest] = words;
  if (tool === "npx") {
    const bin = rest.find((w) => !w.startsWith("-"));
    return bin && !ctx.bins.has(bin.replace(/@[^/]*$/, "")) ? [`\`npx ${bin}\`: no such bin`] : [];
  }
  if (tool !== "pnpm") return [];
  let scripts: ReadonlySet<string> = new Set([...ctx.rootScripts, ...ctx.ownScripts]);
  let i = 0;
  while (i < rest.length && rest[i]!.startsWith("-")) {
    const flag = rest[i]!;
    if (flag === "--filter" || flag === "-F") {
      const pkg = rest[i + 1] ?? "";
      const own = ctx.packageScripts.get(pkg);
      if (!own) return [`\`pnpm --filter ${pkg}\`: no workspace package of that name`];
      scripts = own;
      i += 2;
    } else if (flag === "-C" || flag === "--dir") i += 2;
    else i += 1;
  }
  let cmd = rest[i];
  if (cmd === undefined || PNPM_COMMANDS.has(cmd)) return [];
  if (cmd === "run" || cmd === "run-script") cmd = rest[i + 1];
  else if (NPM_PASSTHROUGH.has(cmd))
    return [`\`pnpm ${cmd}\` runs npm's own \`${cmd}\` under pnpm 10: write \`pnpm run ${cmd}\``];
  if (cmd === undefined || cmd.startsWith("-")) return [];
  return scripts.has(cmd) ? [] : [`\`pnpm ${cmd}\`: no script "${cmd}" in package.json`];
}

/** Every problem of the shell blocks of one Markdown file (a command continued with `\` is one line). */
export function checkShellBlocks(file: string, markdown: string, ctx: ShellContext): SnippetProblem[] {
  const problems: SnippetProblem[] = [];
  for (const b of fencedBlocks(markdown)) {
    if (!SHELL_LANGS.has(b.lang)) continue;
    const lines = b.code.replace(/\\\n/g, " ").split("\n");
    for (const line of lines.map((l) => l.replace(/(^|\s)#.*$/, ""))) {
      for (const part of line.split(/&&|\|\||;|\|/)) {
        for (const message of checkCommand(part, ctx)) problems.push({ file, line: b.line, message });
      }
    }
  }
  return problems;
}
