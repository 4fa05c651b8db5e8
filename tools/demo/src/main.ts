/**
 * `pnpm demo [--only hiobuy,sgate,…] [--live --allow-spend]`
 * Starts the sandbox on free loopback ports and runs each provider's flow through its public client.
 * With `--live` (HIOBuy only, `HIOBUY_API_KEY` set) the HIOBuy flow runs against the real API.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type ProviderName, startSandbox } from "@keyway/sandbox";
import type { Flow } from "./flow.js";

const USAGE = `Usage: pnpm demo [--only <providers>] [--live [--allow-spend]]

Starts the sandbox on free loopback ports and runs each provider's flow through its public client.

Options:
  --only <list>    comma-separated providers to run (hiobuy, sgate, hishopping, appfigures, hyper; default: all)
  --live           run the HIOBuy flow against the real API (needs HIOBUY_API_KEY)
  --allow-spend    with --live and a hio_live_ key: allow paying real orders
  -h, --help       show this help`;

let parsed: ReturnType<typeof parse>;
function parse() {
  // `pnpm demo -- --help` hands the script a leading `--` (pnpm 10 passes it through): skip it.
  const args = process.argv.slice(2);
  return parseArgs({
    args: args[0] === "--" ? args.slice(1) : args,
    options: {
      only: { type: "string" },
      live: { type: "boolean", default: false },
      "allow-spend": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}
try {
  parsed = parse();
} catch (err) {
  console.error(`demo: ${(err as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const here = fileURLToPath(new URL(".", import.meta.url));
const known: readonly ProviderName[] = ["hiobuy", "sgate", "hishopping", "appfigures", "hyper"];
const isKnown = (name: string): name is ProviderName => (known as readonly string[]).includes(name);
const wanted = values.only ? values.only.split(",").map((s) => s.trim()) : [...known];
for (const name of wanted) {
  if (!isKnown(name)) {
    console.error(`demo: unknown provider ${name} (known: ${known.join(", ")})`);
    process.exit(2);
  }
}
const flows = wanted.filter(isKnown).filter((name) => existsSync(join(here, "flows", `${name}.ts`)));

if (values.live) {
  const key = process.env.HIOBUY_API_KEY;
  if (!key) {
    console.error("demo --live: set HIOBUY_API_KEY");
    process.exit(2);
  }
  if (key.startsWith("hio_live_") && !values["allow-spend"]) {
    console.error("demo --live: a hio_live_ key pays real orders; pass --allow-spend to run the flow anyway");
    process.exit(2);
  }
  const { runLive } = await import("./flows/hiobuy.js");
  await runLive({ apiKey: key, log: (line) => console.log(`  ${line}`) });
  process.exit(0);
}

const sandbox = await startSandbox({ providers: flows });
let failed = 0;
try {
  for (const name of flows) {
    const url = sandbox.urls[name];
    if (!url) throw new Error(`sandbox did not start ${name}`);
    console.log(`\n== ${name} (sandbox ${url})`);
    const { run } = (await import(`./flows/${name}.js`)) as { run: Flow };
    try {
      await run({ baseUrl: url, log: (line) => console.log(`  ${line}`) });
      console.log(`== ${name}: done`);
    } catch (err) {
      failed++;
      console.error(`== ${name}: FAILED`, err);
    }
  }
} finally {
  await sandbox.close();
}
console.log(`\ndemo: ${flows.length - failed} of ${flows.length} flows completed`);
process.exit(failed ? 1 : 0);
