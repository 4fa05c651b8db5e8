/**
 * The `keyway-sandbox` command line, parsed with node:util's `parseArgs`.
 * @module
 */
import { parseArgs } from "node:util";
import type { ProviderName } from "./providers.js";

/** What the command line asks for. */
export interface CliArgs {
  /** `--help` / `-h`. */
  help: boolean;
  /** `--json`. */
  json: boolean;
  /** `--port name=port` pairs. */
  ports: Record<string, number>;
  /** Providers named (positionally or with `--provider`); `undefined` = every one. */
  providers: ProviderName[] | undefined;
}

/**
 * Parses the command line. `--` separators (which `pnpm sandbox -- …` passes through) are ignored.
 * @throws {TypeError} for an unknown option; {@link Error} for a malformed `--port`.
 */
export function parseCli(argv: readonly string[]): CliArgs {
  const { values, positionals } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    options: {
      provider: { type: "string", short: "p", multiple: true },
      port: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const ports: Record<string, number> = {};
  for (const p of values.port ?? []) {
    const m = /^([a-z0-9_-]+)=(\d{1,5})$/.exec(p);
    if (!m || Number(m[2]) > 65535) throw new Error(`--port expects <name>=<port>, got "${p}"`);
    ports[m[1]!] = Number(m[2]);
  }
  const providers = [...positionals, ...(values.provider ?? [])];
  return {
    help: values.help,
    json: values.json,
    ports,
    providers: providers.length > 0 ? (providers as ProviderName[]) : undefined,
  };
}
