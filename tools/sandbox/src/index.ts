/**
 * @keyway/sandbox: loopback servers that behave like each Keyway provider.
 *
 * ```ts
 * import { startSandbox } from "@keyway/sandbox";
 * const sandbox = await startSandbox();            // every registered provider, free ports
 * sandbox.urls.hiobuy;                            // "http://127.0.0.1:40123/v1"
 * sandbox.providers.hiobuy.faults.inject({ kind: "status", status: 429, retryAfter: 1 });
 * await sandbox.close();
 * ```
 */
export * from "./core/index.js";
