/**
 * `keyway login appfigures` / `keyway login hyper`: run an interactive token flow (or its non-interactive flags),
 * store the result in the credentials file (mode 0600) and print it with secrets redacted unless `--show-secrets`.
 * @module
 */
import { type Command, InvalidArgumentError } from "commander";
import type { CliIo } from "../io.js";
import { type LoginResult, loginAppfigures } from "../login/appfigures.js";
import { loginHyper } from "../login/hyper.js";
import { storeLogin } from "../login/store.js";

interface OutputFlags {
  readonly store: boolean;
  readonly showSecrets?: boolean;
  readonly json?: boolean;
}

function integer(value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new InvalidArgumentError("expected a whole number");
  return Number(value);
}

function oneOf<T extends string>(...allowed: T[]) {
  return (value: string): T => {
    if (!(allowed as string[]).includes(value))
      throw new InvalidArgumentError(`expected ${allowed.join(" or ")}`);
    return value as T;
  };
}

function withOutputOptions(cmd: Command): Command {
  return cmd
    .option("--no-store", "do not write the credentials file")
    .option("--show-secrets", "print the tokens instead of [redacted]")
    .option("--json", "print one JSON object");
}

async function finish(io: CliIo, profile: string, result: LoginResult, flags: OutputFlags): Promise<void> {
  const file = flags.store ? await storeLogin(io.env, profile, result.fields) : undefined;
  const shown = Object.fromEntries(
    Object.entries(result.fields).map(([k, v]) => [
      k,
      !flags.showSecrets && result.secret.includes(k) ? "[redacted]" : v,
    ]),
  );
  if (flags.json) {
    io.out(`${JSON.stringify({ profile, ...shown, ...(file ? { storedIn: file } : {}) })}\n`);
    return;
  }
  io.out(`${result.summary}\n`);
  for (const [k, v] of Object.entries(shown)) io.out(`  ${k}: ${String(v)}\n`);
  io.out(file ? `Stored as "${profile}" in ${file} (readable by you only).\n` : "Not stored (--no-store).\n");
}

/** Adds `login` and its provider subcommands to the program. */
export function loginCommand(program: Command, io: CliIo): void {
  const login = program.command("login").description("get a token interactively and store it");
  withOutputOptions(
    login
      .command("appfigures")
      .description("OAuth 2.0 authorization code (default) or OAuth 1.0a three-legged login to Appfigures")
      .option("--flow <flow>", "oauth2 or oauth1", oneOf("oauth2", "oauth1"), "oauth2")
      .option("--client-key <key>", "API client key (env KEYWAY_APPFIGURES_CLIENT_KEY; else asked)")
      .option(
        "--client-secret <secret>",
        "API client secret (env KEYWAY_APPFIGURES_CLIENT_SECRET; else asked, hidden)",
      )
      .option("--scope <scopes>", "scopes, e.g. 'public:read private:read' (OAuth 2.0 default public:read)")
      .option(
        "--redirect-uri <uri>",
        "OAuth 2.0 redirect URI of the API client; a http://127.0.0.1:<port>/… one is received here (default: out of band, paste the code)",
      )
      .option("--code <code>", "OAuth 2.0: exchange this authorization code, no browser step")
      .option("--oob", "OAuth 1.0a: paste the verifier instead of receiving it on a loopback callback")
      .option("--port <port>", "OAuth 1.0a: loopback callback port (default: a free one)", integer)
      .option(
        "--base-url <url>",
        "API base URL (default https://api.appfigures.com/v2; a sandbox's URL for tests)",
      )
      .option("--timeout <seconds>", "how long to wait for the browser", integer, 300),
  ).action(async (flags) => {
    const result = await loginAppfigures(io, { ...flags, timeoutMs: flags.timeout * 1000 });
    await finish(io, "appfigures", result, flags);
  });
  withOutputOptions(
    login
      .command("hyper")
      .description("log in to a Hyper tenant with e-mail and password and get its JWT")
      .option(
        "--base-url <url>",
        "the tenant's API host, e.g. https://api.bursagb.com (env KEYWAY_HYPER_BASE_URL)",
      )
      .option("--surface <surface>", "reseller or storefront", oneOf("reseller", "storefront"), "reseller")
      .option("--email <email>", "account e-mail (env KEYWAY_HYPER_EMAIL; else asked)")
      .option("--password <password>", "password (env KEYWAY_HYPER_PASSWORD; else asked, hidden)")
      .option("--region <code>", "h-region-code header, e.g. TR"),
  ).action(async (flags) => {
    const baseUrl: string | undefined = flags.baseUrl ?? io.env.KEYWAY_HYPER_BASE_URL;
    if (!baseUrl)
      login.commands
        .find((c) => c.name() === "hyper")!
        .error("keyway: login hyper needs --base-url (or KEYWAY_HYPER_BASE_URL)", { exitCode: 2 });
    const result = await loginHyper(io, { ...flags, baseUrl: baseUrl! });
    await finish(io, `hyper:${flags.surface}@${baseUrl}`, result, flags);
  });
}
