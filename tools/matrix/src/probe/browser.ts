/**
 * The probe's entry for a browser page, bundled by esbuild for the browser platform (so `#crypto` resolves to
 * Web Crypto and no `node:` module can be in the bundle). The page exposes {@link runProbe} for the runner
 * to call with the input, clients built with `dangerouslyAllowBrowser`.
 */
import { runProbe } from "./probe.js";
import type { ProbeInput, ProbeReport } from "./types.js";

declare global {
  /** Set by this bundle: runs the probe in the page. */
  var keywayMatrixProbe: ((input: ProbeInput) => Promise<ProbeReport>) | undefined;
}

globalThis.keywayMatrixProbe = (input) => runProbe({ ...input, browser: true });
