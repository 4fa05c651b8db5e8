/**
 * `keyway sandbox [providers…]`: starts provider sandboxes through `@keyway/sandbox`'s `startSandbox()` and prints
 * their URLs (the same lines as the `keyway-sandbox` bin) until SIGINT / SIGTERM.
 * @module
 */
import type { Command } from "commander";
import { CliError } from "../errors.js";
import type { CliIo } from "../io.js";

function collectPort(value: string, previous: Record<string, number>): Record<string, number> {
  const m = /^([a-z0-9_-]+)=(\d{1,5})$/.exec(value);
  if (!m || Number(m[2]) > 65535) throw new CliError(`--port expects <name>=<port>, got "${value}"`, 2);
  return { ...previous, [m[1]!]: Number(m[2]) };
}

/** Adds `sandbox` to the program. */
export function sandboxCommand(program: Command, io: CliIo): void {
  program
    .command("sandbox")
    .description("start the provider sandboxes on 127.0.0.1 and print their URLs (Ctrl-C stops them)")
    .argument("[providers...]", "providers to start (default: every one)")
    .option(
      "--port <name=port>",
      "fixed port for a provider (repeatable; default: a free port)",
      collectPort,
      {},
    )
    .option("--json", 'print one JSON line { "<name>": { url, origin } } instead of text')
    .addHelpText(
      "after",
      '\nCredentials each sandbox accepts (its key grammar) and its scenarios: "Providers" in the @keyway/sandbox README.\n' +
        "Faults from another process: POST <origin>/__sandbox/faults; reset: POST <origin>/__sandbox/reset",
    )
    .action(async (names: string[], flags: { port: Record<string, number>; json?: boolean }) => {
      const { listProviders, startSandbox } = await import("@keyway/sandbox");
      const known = listProviders().map((p) => p.name);
      const unknown = names.find((n) => !known.includes(n));
      if (unknown) throw new CliError(`unknown sandbox provider "${unknown}"; known: ${known.join(", ")}`, 2);
      const sandbox = await startSandbox({
        providers: names.length > 0 ? (names as typeof known as never[]) : undefined,
        ports: flags.port,
      });
      try {
        const running = Object.entries(sandbox.providers) as [string, { url: string; origin: string }][];
        if (flags.json) {
          const out = Object.fromEntries(
            running.map(([name, p]) => [name, { url: p.url, origin: p.origin }]),
          );
          io.out(`${JSON.stringify(out)}\n`);
        } else {
          io.out("Keyway sandbox running (Ctrl-C to stop):\n");
          const width = Math.max(...running.map(([name]) => name.length));
          for (const [name, p] of running) {
            io.out(`  ${name.padEnd(width)}  ${p.url}   (control: ${p.origin}/__sandbox)\n`);
          }
          io.out(
            'Credentials each sandbox accepts (its key grammar) and its scenarios: "Providers" in the @keyway/sandbox README.\n',
          );
        }
        await io.untilStopped();
      } finally {
        await sandbox.close();
      }
    });
}
