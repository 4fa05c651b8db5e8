import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { CHROMIUM, CHROMIUM_FLAGS } from "./crawl.js";

/** The categories the issue asks for, as Lighthouse names them. */
export const CATEGORIES = ["accessibility", "best-practices", "seo"] as const;

/** Scores of one audited page, 0–100 per category, plus the audits that failed. */
export interface LighthouseScores {
  readonly page: string;
  readonly scores: Record<(typeof CATEGORIES)[number], number>;
  /** Failed audits of the three categories: id and title. */
  readonly failed: string[];
}

/**
 * Runs Lighthouse (desktop settings, the three categories only) on each page in one Debian chromium
 * launched through chrome-launcher with a fresh profile, and writes each report as HTML and JSON to `reportDir`.
 */
export async function audit(
  baseUrl: string,
  pages: readonly string[],
  reportDir: string,
): Promise<LighthouseScores[]> {
  await mkdir(reportDir, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), "keyway-docs-lighthouse-"));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROMIUM_FLAGS,
    userDataDir: profile,
    logLevel: "error",
    maxConnectionRetries: 300,
  });
  const out: LighthouseScores[] = [];
  try {
    for (const page of pages) {
      const result = await lighthouse(
        new URL(page, baseUrl).href,
        {
          port: chrome.port,
          output: ["html", "json"],
          logLevel: "error",
          onlyCategories: [...CATEGORIES],
          maxWaitForLoad: 180_000,
          maxWaitForFcp: 180_000,
        },
        desktopConfig,
      );
      if (!result) throw new Error(`lighthouse returned nothing for ${page}`);
      const name = page.replace(/\.html$/, "").replace(/\//g, "__");
      const [html, json] = result.report as string[];
      await writeFile(join(reportDir, `${name}.report.html`), html!);
      await writeFile(join(reportDir, `${name}.report.json`), json!);
      const { lhr } = result;
      const scores = Object.fromEntries(
        CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
      ) as LighthouseScores["scores"];
      const failed: string[] = [];
      for (const c of CATEGORIES) {
        for (const ref of lhr.categories[c]?.auditRefs ?? []) {
          const a = lhr.audits[ref.id];
          if (a && ref.weight > 0 && a.score !== null && a.score < 1) failed.push(`${ref.id}: ${a.title}`);
        }
      }
      out.push({ page, scores, failed });
    }
  } finally {
    await chrome.kill();
    await rm(profile, { recursive: true, force: true });
  }
  return out;
}
