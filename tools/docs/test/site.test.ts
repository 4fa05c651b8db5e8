import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildResult, buildSite } from "../src/build.js";
import { DOCS_DIR, REPO_ROOT } from "../src/repo.js";
import { type SiteServer, serveSite } from "../src/serve.js";
import {
  type CrawlResult,
  crawl,
  openBrowser,
  type ReaderChecks,
  readerChecks,
  type SiteBrowser,
  screenshotName,
} from "./crawl.js";
import { audit, type LighthouseScores } from "./lighthouse.js";

const OUTPUT = join(DOCS_DIR, "test-output");
/** The site `pnpm docs:build` writes: reused as it is when it was built from the same inputs. */
const SITE = join(REPO_ROOT, "site");
const SHOTS = join(OUTPUT, "screenshots");
const AUDITED = ["index.html", "guides/sgate.html", "reference/sgate.html"];

/** Size budgets of the issue: transferred bytes, cache disabled, everything the page loads. */
const LANDING_BUDGET = 100 * 1024;
const REFERENCE_BUDGET = 1.5 * 1024 * 1024;

let build: BuildResult;
let server: SiteServer;
let browser: SiteBrowser | undefined;
let result: CrawlResult;
let reader: ReaderChecks;
/** Lighthouse runs (in its own browser) while the crawl goes on; its test awaits the outcome. */
let lighthouse: Promise<{ scores: LighthouseScores[] } | { error: unknown }>;

beforeAll(async () => {
  const t = [performance.now()];
  await rm(SHOTS, { recursive: true, force: true }); // every screenshot checked below is this run's
  build = await buildSite({ out: SITE, reuse: true });
  t.push(performance.now());
  server = await serveSite(SITE);
  browser = await openBrowser();
  t.push(performance.now());
  lighthouse = audit(server.url, AUDITED, join(REPO_ROOT, "site-report")).then(
    (scores) => ({ scores }),
    (error: unknown) => ({ error }),
  );
  result = await crawl(browser.context, server.url, SHOTS);
  t.push(performance.now());
  reader = await readerChecks(browser.context, server.url, "guides/sgate.html", "canonical string");
  t.push(performance.now());
  const s = (i: number) => ((t[i + 1]! - t[i]!) / 1000).toFixed(1);
  const slowest = [...result.visits.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map((v) => `${v.path} ${(v.ms / 1000).toFixed(1)} s`);
  console.log(
    `docs test phases: build ${s(0)} s${build.reused ? " (site/ reused: same inputs)" : ""}, browser start ${s(1)} s, crawl ${s(2)} s (slowest: ${slowest.join(", ")}), reader checks ${s(3)} s`,
  );
  console.log(
    `docs site: ${build.pages.length} pages built, ${result.visits.size} reached from the landing page, screenshots in tools/docs/test-output/screenshots`,
  );
});

afterAll(async () => {
  await lighthouse;
  await browser?.close();
  await server?.close();
});

describe("the docs site in chromium", () => {
  it("reaches every built page from the landing page", () => {
    const unreached = build.pages.filter((p) => !result.visits.has(p));
    expect(unreached).toEqual([]);
  });

  it("has no broken internal link or anchor", () => {
    expect(result.brokenLinks).toEqual([]);
    const links = [...result.visits.values()].reduce((n, v) => n + v.links.length, 0);
    expect(links).toBeGreaterThan(build.pages.length);
  });

  it("logs no console error and has no failed request on any page", () => {
    const problems = [...result.visits.values()].flatMap((v) => [
      ...v.consoleErrors.map((e) => `${v.path}: console: ${e}`),
      ...v.failedRequests.map((e) => `${v.path}: request: ${e}`),
    ]);
    expect(problems).toEqual([]);
  });

  it("sends no request beyond loopback", () => {
    const outside = [...result.visits.values()].flatMap((v) =>
      v.outsideRequests.map((u) => `${v.path}: ${u}`),
    );
    expect(outside).toEqual([]);
  });

  it("lists every operationId of its spec on each reference page, with its retry class in words", () => {
    expect(build.references.length).toBeGreaterThan(0);
    for (const ref of build.references) {
      const v = result.visits.get(ref.path);
      expect(v, ref.path).toBeDefined();
      const missing = ref.operationIds.filter((id) => !v!.text.includes(id));
      expect(
        missing,
        `${ref.path}: operationIds not rendered (crawl notes: ${v!.notes.join("; ") || "none"})`,
      ).toEqual([]);
      expect(v!.text, ref.path).toMatch(/Retries:/);
    }
  });

  it("marks x-unverified operations and fields visibly", () => {
    const v = result.visits.get("reference/hiobuy.html");
    expect(v?.text).toMatch(/Unverified/);
  });

  it("shows a plain guide without JavaScript", () => {
    expect(reader.noScriptText).toMatch(/Worked example/);
    expect(reader.noScriptText).toMatch(/x-auth-signature: /);
  });

  it("follows the system's dark mode", () => {
    expect(reader.background.light).toBe("rgb(255, 255, 255)");
    expect(reader.background.dark).toBe("rgb(13, 17, 23)");
  });

  it("finds guides with the Pagefind search", () => {
    expect(reader.searchResults.length).toBeGreaterThan(0);
    expect(reader.searchResults.join(" | ")).toMatch(/SGate|OAuth|HiShopping/);
  });

  it("saves a screenshot of every page", () => {
    for (const path of result.visits.keys()) {
      expect(existsSync(join(SHOTS, screenshotName(path))), path).toBe(true);
    }
  });

  it("keeps the landing page under 100 KB and each reference page under 1.5 MB transferred", () => {
    const landing = result.visits.get("index.html")!;
    const sizes = [`index.html ${(landing.transferred / 1024).toFixed(1)} KB`];
    expect(landing.transferred).toBeGreaterThan(0);
    expect(landing.transferred).toBeLessThan(LANDING_BUDGET);
    for (const ref of build.references) {
      const v = result.visits.get(ref.path)!;
      sizes.push(`${ref.path} ${(v.transferred / 1024).toFixed(0)} KB`);
      expect(v.transferred, ref.path).toBeGreaterThan(100 * 1024);
      expect(v.transferred, ref.path).toBeLessThan(REFERENCE_BUDGET);
    }
    console.log(`docs site transferred (cache disabled): ${sizes.join(", ")}`);
  });

  it("scores at least 95 accessibility, 95 best practices and 90 SEO in Lighthouse (landing, a guide, a reference page)", async () => {
    const t0 = performance.now();
    const outcome = await lighthouse;
    console.log(
      `lighthouse: waited ${((performance.now() - t0) / 1000).toFixed(1)} s for it after the crawl`,
    );
    if ("error" in outcome) throw outcome.error;
    const results = outcome.scores;
    for (const r of results) {
      const s = r.scores;
      console.log(
        `lighthouse ${r.page}: accessibility ${s.accessibility}, best practices ${s["best-practices"]}, SEO ${s.seo}` +
          (r.failed.length ? ` (below 1: ${r.failed.join("; ")})` : ""),
      );
    }
    console.log("lighthouse reports: site-report/*.report.html");
    for (const r of results) {
      expect(r.scores.accessibility, r.page).toBeGreaterThanOrEqual(95);
      expect(r.scores["best-practices"], r.page).toBeGreaterThanOrEqual(95);
      expect(r.scores.seo, r.page).toBeGreaterThanOrEqual(90);
    }
  });
});
