/**
 * The Chromium column: bundles the probe for the browser platform with esbuild (from the packages' dist), serves
 * it from a page on 127.0.0.1, opens the page in headless Chromium (driven by playwright-core, a fresh profile,
 * the flags tools/docs uses) and calls the probe there.
 */

import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import type { ProbeInput, ProbeReport } from "../probe/types.js";

/** Flags for a headless chromium on a closed network (no background traffic, no sandbox as root). */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The browser bundle and what went into it. */
export interface BrowserBundle {
  readonly code: string;
  /** Input files esbuild bundled, relative to the working directory. */
  readonly inputs: readonly string[];
}

/**
 * Bundles `entry` (dist/probe/browser.js) for the browser platform. Throws when the bundle carries the
 * node:crypto path or a `node:` import, or lacks the Web Crypto path: the proof that a browser gets Web Crypto.
 */
export async function bundleForBrowser(entry: string): Promise<BrowserBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);
  const code = result.outputFiles[0]?.text ?? "";
  if (!inputs.some((f) => /auth\/dist\/core\/crypto-web\.js$/.test(f))) {
    throw new Error("the browser bundle lacks @keyway/auth's Web Crypto path (dist/core/crypto-web.js)");
  }
  const nodeOnly = inputs.filter((f) => /crypto-node|^node:/.test(f));
  if (nodeOnly.length > 0 || /["']node:/.test(code)) {
    throw new Error(`the browser bundle carries node-only code: ${nodeOnly.join(", ") || "a node: import"}`);
  }
  return { code, inputs };
}

/** Serves the page and the bundle on 127.0.0.1 (free port). */
async function servePage(bundle: string): Promise<{ url: string; close: () => Promise<void> }> {
  const html =
    '<!doctype html><meta charset="utf-8"><title>keyway matrix</title><script type="module" src="/probe.js"></script>';
  const server = createServer((req, res) => {
    if (req.url === "/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    else if (req.url === "/probe.js") res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `promise`, or a rejection once `ms` have passed (page.evaluate has no time limit of its own). */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Runs the probe in headless Chromium at `executablePath`; every step is bounded by `timeoutMs`. */
export async function runInChromium(
  executablePath: string,
  bundle: BrowserBundle,
  input: ProbeInput,
  timeoutMs: number,
): Promise<ProbeReport> {
  const page = await servePage(bundle.code);
  const profile = await mkdtemp(join(tmpdir(), "keyway-matrix-chromium-"));
  const errors: string[] = [];
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
      timeout: timeoutMs,
    });
    try {
      const tab = await context.newPage();
      tab.setDefaultTimeout(timeoutMs);
      tab.on("pageerror", (e) => errors.push(e.message));
      tab.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      await tab.goto(page.url);
      await tab.waitForFunction(() => typeof globalThis.keywayMatrixProbe === "function");
      return await withTimeout(
        tab.evaluate((i) => globalThis.keywayMatrixProbe!(i), input),
        timeoutMs,
        "the probe in the page",
      );
    } finally {
      await context.close();
    }
  } catch (e) {
    const detail = errors.length ? ` (page: ${errors.slice(0, 3).join("; ")})` : "";
    throw new Error(`${e instanceof Error ? e.message.split("\n")[0] : String(e)}${detail}`);
  } finally {
    await page.close();
    await rm(profile, { recursive: true, force: true });
  }
}
