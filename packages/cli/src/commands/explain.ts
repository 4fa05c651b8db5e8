/**
 * `keyway explain <provider> <request…>`: one subcommand per provider, each with its own credential options.
 * @module
 */
import { type Command, Option } from "commander";
import { CliError } from "../errors.js";
import { explain } from "../explain.js";
import { formatJson, formatText } from "../format.js";
import type { CliIo } from "../io.js";
import { withStoredLogin } from "../login/fallback.js";
import { PROVIDERS, type ProviderAdapter } from "../providers.js";
import { redactExplanation, shortSecretsNote } from "../redact.js";
import { parseRequest } from "../request.js";

/** Common options of every `explain` subcommand. */
interface ExplainFlags {
  readonly baseUrl?: string;
  readonly timestamp?: string;
  readonly nonce?: string;
  readonly showSecrets?: boolean;
  readonly json?: boolean;
  readonly [option: string]: unknown;
}

/**
 * `--timestamp`: Unix seconds (`1672991487`), milliseconds (13 digits) or an ISO 8601 date, as ms since the epoch.
 * @throws CliError (usage) for anything else.
 */
export function parseTimestamp(value: string): number {
  if (/^\d{1,11}$/.test(value)) return Number(value) * 1000;
  if (/^\d{12,16}$/.test(value)) return Number(value);
  const ms = /^\d{4}-\d\d-\d\d/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new CliError(`--timestamp expects Unix seconds or an ISO 8601 date, got "${value}"`, 2);
  return ms;
}

/**
 * `--nonce <hex>`: the bytes every random draw reads (nonces, IVs, generated ids), from the start and repeated
 * as needed, so the output is reproducible; 32 hex digits are a 16-byte nonce verbatim.
 * @throws CliError (usage) for text that is not an even number of hex digits.
 */
export function fixedRandom(hex: string): (n: number) => Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new CliError(`--nonce expects hex bytes, got "${hex}"`, 2);
  const bytes = Uint8Array.from(hex.match(/../g)!, (b) => Number.parseInt(b, 16));
  return (n) => Uint8Array.from({ length: n }, (_, i) => bytes[i % bytes.length]!);
}

const REQUEST_HELP = `
The request is a curl command (one quoted argument, or its words after --) or METHOD URL [BODY]:
  keyway explain sgate "curl -H 'Accept: application/json' https://sandbox.sgate.sa/api_v1/merchants/M448726"
  keyway explain sgate -- curl -X POST https://sandbox.sgate.sa/api_v1/merchants/M448726/orders -d '{"amount":"1"}'
  keyway explain sgate GET https://sandbox.sgate.sa/api_v1/merchants/M448726
For a GET, a JSON object BODY is taken as the typed query (numbers stay numbers).
Without credentials, appfigures and hyper use the login stored by "keyway login".
Nothing is sent: the provider's client signs the request and keyway prints it instead of sending it.`;

function addProvider(explainCmd: Command, provider: ProviderAdapter, io: CliIo): void {
  const cmd = explainCmd
    .command(provider.name)
    .description(`explain a ${provider.title} request`)
    .argument("<request...>", "a curl command, or METHOD URL [BODY]")
    .option("--base-url <url>", "the API's base URL (default: inferred from the URL)")
    .option("--timestamp <time>", "the clock: Unix seconds or an ISO 8601 date (default: now)")
    .option("--nonce <hex>", "fixed random bytes for nonces and IVs (default: random)")
    .option("--show-secrets", "print secrets instead of [redacted]")
    .option("--json", "print one JSON object");
  for (const o of provider.options) {
    cmd.addOption(new Option(o.flag, `${o.description}${o.env ? ` (env ${o.env})` : ""}`));
  }
  cmd.addHelpText("after", REQUEST_HELP);
  cmd.action(async (words: string[], flags: ExplainFlags) => {
    const given: Record<string, string | undefined> = {};
    for (const o of provider.options) {
      const flag = flags[o.name];
      given[o.name] = typeof flag === "string" ? flag : o.env ? io.env[o.env] : undefined;
    }
    const request = parseRequest(words);
    const { values, profile } = await withStoredLogin(provider.name, given, request.url, io.env);
    if (profile) io.err(`keyway: signing with the stored login "${profile}"\n`);
    const explanation = await explain({
      provider,
      values,
      request,
      baseUrl: flags.baseUrl,
      now: flags.timestamp === undefined ? Date.now() : parseTimestamp(flags.timestamp),
      random: flags.nonce === undefined ? undefined : fixedRandom(flags.nonce),
    });
    const redact = flags.showSecrets !== true;
    const secrets = provider.options
      .filter((o) => o.secret && values[o.name])
      .map((o) => ({ flag: o.flag.split(" ")[0]!, value: values[o.name]! }));
    const shown = redact
      ? redactExplanation(
          explanation,
          secrets.map((g) => g.value),
        )
      : explanation;
    const note = redact ? shortSecretsNote(secrets) : undefined;
    const notes = note === undefined ? [] : [note];
    io.out(flags.json ? formatJson(shown, redact, notes) : formatText(shown, redact, notes));
  });
}

/** Adds `explain` and its provider subcommands to the program. */
export function explainCommand(program: Command, io: CliIo): void {
  const cmd = program
    .command("explain")
    .description("print the canonical string, signature and headers Keyway would send for a request")
    .addHelpText("after", REQUEST_HELP);
  for (const provider of PROVIDERS) addProvider(cmd, provider, io);
}
