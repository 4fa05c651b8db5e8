/**
 * `pnpm sandbox` / `keyway-sandbox`: starts provider sandboxes on 127.0.0.1 and prints their URLs; stops on
 * SIGINT / SIGTERM.
 *
 *   keyway-sandbox [--provider hiobuy --provider sgate] [--port hiobuy=4010] [--json]
 */
import { parseArgs } from "node:util";
import { listProviders, startSandbox } from "./core/registry.js";

const HELP = `Usage: keyway-sandbox [options]

Starts every registered provider sandbox (or the ones named) on 127.0.0.1, one port each, at the
provider's real base path, and prints the URLs. Ctrl-C stops them.

Options:
  -p, --provider <name>     start only this provider (repeatable)
      --port <name=port>    fixed port for a provider (repeatable; default: a free port)
      --json                print one JSON line { "<name>": { url, origin } } instead of text
  -h, --help                show this help

Faults from another process: POST <origin>/__sandbox/faults  {"kind":"status","status":429,"retryAfter":1}
Reset state and faults:      POST <origin>/__sandbox/reset
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      provider: { type: "string", short: "p", multiple: true },
      port: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const ports: Record<string, number> = {};
  for (const p of values.port ?? []) {
    const m = /^([a-z0-9_-]+)=(\d{1,5})$/.exec(p);
    if (!m || Number(m[2]) > 65535) {
      process.stderr.write(`--port expects <name>=<port>, got "${p}"\n`);
      return 2;
    }
    ports[m[1]!] = Number(m[2]);
  }
  const sandbox = await startSandbox({ providers: values.provider, ports });
  for (const s of sandbox.skipped) process.stderr.write(`skipped ${s.name}: ${s.reason}\n`);
  if (values.json) {
    const out: Record<string, { url: string; origin: string }> = {};
    for (const [name, p] of Object.entries(sandbox.providers)) out[name] = { url: p.url, origin: p.origin };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    process.stdout.write("Keyway sandbox running (Ctrl-C to stop):\n");
    const width = Math.max(...listProviders().map((d) => d.name.length));
    for (const [name, p] of Object.entries(sandbox.providers)) {
      process.stdout.write(`  ${name.padEnd(width)}  ${p.url}   (control: ${p.origin}/__sandbox)\n`);
    }
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
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
