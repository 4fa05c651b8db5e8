/**
 * `pnpm codegen [provider…] [--check] [--root DIR]`
 * Writes packages/<provider>/src/generated/ from specs/<provider>/openapi.yaml; with --check, writes
 * nothing and exits 1 naming every file whose committed text differs from what the spec makes.
 * A provider with several API surfaces (Hyper) has no specs/<provider>/openapi.yaml but one
 * specs/<provider>/<surface>/openapi.yaml per surface, generated to packages/<provider>/src/generated/<surface>/.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runCodegen } from "./run.js";

const { values, positionals } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    root: { type: "string", default: resolve(dirname(fileURLToPath(import.meta.url)), "../../..") },
  },
  allowPositionals: true,
});
const result = await runCodegen({ root: values.root, providers: positionals, check: values.check });
for (const line of result.out) console.log(line);
for (const line of result.err) console.error(line);
process.exit(result.code);
