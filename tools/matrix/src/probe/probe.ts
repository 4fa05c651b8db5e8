/**
 * The runtime-neutral probe: runs every vector check and every sandbox round trip on whatever runtime loaded
 * it, times each, and reports which crypto path `#crypto` resolved and how many Web Crypto calls were made
 * (0 on the node:crypto path, so the label is checked against what actually ran).
 */
import { cryptoPath } from "@keyway/auth/internal";
import { ROUND_TRIPS } from "./roundtrips.js";
import type { CheckResult, ProbeInput, ProbeReport, SandboxUrls } from "./types.js";
import { gcmVectors, hishoppingVectors, hmacVectors, oauth1Vectors, sgateVectors } from "./vectors.js";

/** Names of the checks, in table order. */
export const CHECK_NAMES = [
  "hmac-sha1 (RFC 2202)",
  "hmac-sha256 (RFC 4231)",
  "aes-256-gcm (GCM spec)",
  "oauth1 (RFC 5849 + edge cases)",
  "sgate signature",
  "hishopping envelope",
  "sandbox hiobuy",
  "sandbox sgate",
  "sandbox hishopping",
  "sandbox hyper",
  "sandbox appfigures",
] as const;

/** The running runtime's name and version. */
export function runtimeName(): string {
  const g = globalThis as {
    Deno?: { version: { deno: string } };
    Bun?: { version: string };
    process?: { versions?: { node?: string } };
    navigator?: { userAgent?: string };
  };
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.process?.versions?.node) return `node ${g.process.versions.node}`;
  const chrome = /(?:HeadlessChrome|Chrome)\/([\d.]+)/.exec(g.navigator?.userAgent ?? "");
  return chrome ? `chromium ${chrome[1]}` : (g.navigator?.userAgent ?? "unknown");
}

const SUBTLE_METHODS = ["importKey", "sign", "verify", "encrypt", "decrypt", "digest"] as const;

/** Counts `crypto.subtle` calls from now until `restore()` puts the original methods back. */
function countWebCrypto(): { calls: () => number; restore: () => void } {
  let calls = 0;
  const subtle = globalThis.crypto?.subtle as unknown as
    | Record<string, (...a: unknown[]) => unknown>
    | undefined;
  if (!subtle) return { calls: () => 0, restore: () => {} };
  const originals = SUBTLE_METHODS.map((m) => [m, subtle[m], Object.hasOwn(subtle, m)] as const);
  for (const [m, original] of originals) {
    subtle[m] = function counted(this: unknown, ...args: unknown[]) {
      calls++;
      return original?.apply(this, args);
    };
  }
  return {
    calls: () => calls,
    restore: () => {
      for (const [m, original, own] of originals) {
        if (own && original) subtle[m] = original;
        else delete subtle[m];
      }
    },
  };
}

async function timed(name: string, run: () => Promise<number>): Promise<CheckResult> {
  const start = performance.now();
  try {
    const count = await run();
    return { name, ok: true, ms: Math.round(performance.now() - start), count };
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { name, ok: false, ms: Math.round(performance.now() - start), count: 0, error };
  }
}

/** Runs every check in order (one at a time, so the timings are the runtime's own) and reports. */
export async function runProbe(input: ProbeInput): Promise<ProbeReport> {
  const { vectors: v, urls } = input;
  const counter = countWebCrypto();
  const checks: CheckResult[] = [];
  const vectorChecks: Array<() => Promise<number>> = [
    () => hmacVectors("SHA-1", v.crypto.hmacSha1.cases),
    () => hmacVectors("SHA-256", v.crypto.hmacSha256.cases),
    () => gcmVectors(v.crypto.aes256Gcm),
    () => oauth1Vectors(v.oauth1.vectors),
    () => sgateVectors(v.sgate.vectors),
    () => hishoppingVectors(v.hishopping),
  ];
  const providers = Object.keys(ROUND_TRIPS) as Array<keyof SandboxUrls>;
  const runs = [
    ...vectorChecks,
    ...providers.map(
      (p) => () => ROUND_TRIPS[p]({ baseUrl: urls[p], dangerouslyAllowBrowser: input.browser === true }),
    ),
  ];
  try {
    for (const [i, run] of runs.entries()) checks.push(await timed(CHECK_NAMES[i] ?? `check ${i}`, run));
  } finally {
    counter.restore();
  }
  return { runtime: runtimeName(), cryptoPath, webCryptoCalls: counter.calls(), checks };
}
