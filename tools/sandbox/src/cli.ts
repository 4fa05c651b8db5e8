/**
 * `keyway-sandbox` / `pnpm sandbox`: starts provider sandboxes on 127.0.0.1 and prints their URLs; SIGINT /
 * SIGTERM close every server and exit 0.
 *
 *   keyway-sandbox [provider…] [--provider hiobuy …] [--port hiobuy=4010 …] [--json]
 * @module
 */
import { parseCli } from "./cli-args.js";
import { startSandbox } from "./index.js";

const HELP = `Usage: keyway-sandbox [provider…] [options]

Starts every registered provider sandbox (or the ones named) on 127.0.0.1, one port each, at the
provider's real base path, and prints the URLs. Ctrl-C (SIGINT) or SIGTERM stops them.

Options:
  -p, --provider <name>     start only this provider (repeatable; same as naming it)
      --port <name=port>    fixed port for a provider (repeatable; default: a free port)
      --json                print one JSON line { "<name>": { url, origin } } instead of text
  -h, --help                show this help

Faults from another process: POST <origin>/__sandbox/faults  {"kind":"status","status":429,"retryAfter":1}
Reset state and faults:      POST <origin>/__sandbox/reset
`;

async function main(): Promise<number> {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`keyway-sandbox: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const sandbox = await startSandbox({ providers: args.providers, ports: args.ports });
  const running = Object.entries(sandbox.providers) as Array<[string, { url: string; origin: string }]>;
  if (args.json) {
    const out = Object.fromEntries(running.map(([name, p]) => [name, { url: p.url, origin: p.origin }]));
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    process.stdout.write("Keyway sandbox running (Ctrl-C to stop):\n");
    const width = Math.max(...running.map(([name]) => name.length));
    for (const [name, p] of running) {
      process.stdout.write(`  ${name.padEnd(width)}  ${p.url}   (control: ${p.origin}/__sandbox)\n`);
    }
  }
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await sandbox.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`keyway-sandbox: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
