/**
 * @keyway/cli: the `keyway` command line, also callable in process. `run(argv, io)` parses one command line and
 * returns its exit code; `processIo()` is the real terminal; `explain()` is the signing explanation as data.
 * @module
 */
export { CliError } from "./errors.js";
export { type ExplainInput, type Explanation, explain } from "./explain.js";
export { type CliIo, processIo } from "./io.js";
export { PROVIDERS, type ProviderAdapter, type ProviderOption, providerNamed } from "./providers.js";
export { MIN_SEARCHED_SECRET, redactExplanation, shortSecretsNote } from "./redact.js";
export { parseCurl, parseMethodUrl, parseRequest, type RequestInput, shellWords } from "./request.js";
export { createProgram, run } from "./run.js";
