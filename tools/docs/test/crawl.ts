import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's chromium, as .ci/run installs it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

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

/** What the crawl saw on one page. */
export interface PageVisit {
  /** Site path, e.g. `guides/sgate.html`. */
  readonly path: string;
  /** Console errors and uncaught exceptions. */
  readonly consoleErrors: string[];
  /** Requests that failed or answered ≥ 400. */
  readonly failedRequests: string[];
  /** Requests to anything but the site's own loopback origin (blocked). */
  readonly outsideRequests: string[];
  /** Bytes transferred for the page and everything it loaded, cache disabled (encoded body + headers). */
  transferred: number;
  /** The page's visible text once loaded. */
  text: string;
  /** `id` and `name` attributes on the page, for anchor checks. */
  anchors: Set<string>;
  /** Internal links found on the page: absolute URL with hash. */
  readonly links: string[];
  /** Redoc routes visited on a reference page (`/orders`, `/section/errors`, …). */
  readonly routes: string[];
  /** Wall-clock milliseconds the visit took (load, Redoc routes, screenshot). */
  ms: number;
  /** What the crawl had to retry or never saw on a reference page (reported by the checks that depend on it). */
  readonly notes: string[];
}

/** The whole crawl. */
export interface CrawlResult {
  readonly visits: Map<string, PageVisit>;
  /** Links whose page or anchor does not exist: `from → to`. */
  readonly brokenLinks: string[];
}

/** The crawl's Chromium: one persistent context in a fresh profile. */
export interface SiteBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Opens a fresh persistent context (its own new user-data-dir) in Debian's chromium. Lighthouse runs in a
 * browser of its own (chrome-launcher), at the same time as the crawl: a Lighthouse tab in this browser
 * would hold the crawl's screenshots back (only the tab in front renders frames).
 */
export async function openBrowser(): Promise<SiteBrowser> {
  const profile = await mkdtemp(join(tmpdir(), "keyway-docs-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
    timeout: 120_000,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Pages the crawl keeps open at once (each mostly waits for Redoc to render a route). */
export const CRAWL_CONCURRENCY = 3;

const isReference = (path: string) => path.startsWith("reference/");

/** The page's rendered text (what a reader sees, hidden elements left out), evaluated in the page. */
function visibleText(): string {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point: hidden text does not count as listed
  return document.body.innerText;
}

/**
 * Waits until the page's DOM stops changing for 300 ms (at most 5 s): Redoc renders a route's operations
 * progressively. Observed in the page, so the wait costs no layout (reading `innerText` would).
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const done = () => {
          observer.disconnect();
          clearTimeout(quiet);
          clearTimeout(cap);
          resolve();
        };
        const observer = new MutationObserver(() => {
          clearTimeout(quiet);
          quiet = setTimeout(done, 300);
        });
        let quiet = setTimeout(done, 300);
        const cap = setTimeout(done, 5000);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      }),
  );
}

/**
 * The visible text of an operation's element once it shows the operation's "Operation ID" line (the build writes
 * one per operation). Redoc renders its sections with `content-visibility: auto`: until the browser has laid out
 * the section in view, its `innerText` is empty even though its DOM is complete, and on a busy machine the
 * scroll to the route's element can land frames later. So the element is scrolled into view and its visible
 * text polled; a second try brings the tab to the front first (only a front tab is sure to get frames).
 */
async function operationText(
  page: Page,
  elementId: string,
  operation: string,
): Promise<{ text?: string; notes: string[] }> {
  const notes: string[] = [];
  for (const [attempt, timeout] of [
    [1, 30_000],
    [2, 60_000],
  ] as const) {
    if (attempt > 1) await page.bringToFront();
    const started = performance.now();
    const text = await page
      .waitForFunction(
        ([id, name]) => {
          const e = document.getElementById(id);
          if (!e) return false;
          e.scrollIntoView({ block: "start" });
          // biome-ignore lint/performance/useDomNodeTextContent: visible text is the point (see above)
          const t = e.innerText;
          return new RegExp(`operation id:\\s*${name}`).test(t.toLowerCase()) ? t : false;
        },
        [elementId, operation] as const,
        { timeout, polling: 250 },
      )
      .then((h) => h.jsonValue() as Promise<string>)
      .catch(() => undefined);
    if (text !== undefined) return { text, notes };
    const state = await page.evaluate((id) => {
      const e = document.getElementById(id);
      if (!e) return "no element";
      // biome-ignore lint/performance/useDomNodeTextContent: how much of it is visible is the point
      const visible = e.innerText.length;
      return `element in the DOM, ${(e.textContent ?? "").length} characters, ${visible} visible`;
    }, elementId);
    notes.push(
      `try ${attempt}: Operation ID line not visible after ${Math.round(performance.now() - started)} ms (${state})`,
    );
  }
  return { notes };
}

async function visit(context: BrowserContext, base: URL, path: string, shots: string): Promise<PageVisit> {
  const started = performance.now();
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const v: PageVisit = {
    path,
    consoleErrors: [],
    failedRequests: [],
    outsideRequests: [],
    transferred: 0,
    text: "",
    anchors: new Set(),
    links: [],
    routes: [],
    ms: 0,
    notes: [],
  };
  cdp.on("Network.loadingFinished", (e) => {
    v.transferred += e.encodedDataLength;
  });
  page.on("console", (m) => {
    if (m.type() === "error") v.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => v.consoleErrors.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (new URL(r.url()).origin === base.origin)
      v.failedRequests.push(`${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) v.failedRequests.push(`${r.url()} ${r.status()}`);
  });
  await page.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.origin === base.origin || u.protocol === "data:" || u.protocol === "blob:") return route.continue();
    v.outsideRequests.push(u.href);
    return route.abort("blockedbyclient");
  });
  await page.goto(new URL(path, base).href, { waitUntil: "networkidle", timeout: 180_000 });
  if (isReference(path)) {
    // Redoc hydrates the server-rendered page, then renders one route (a tag, a section, an operation)
    // at a time: visit every tag and section route its sidebar lists, then every operation route whose
    // operation has not been rendered yet, and keep the text of each.
    await page.waitForSelector("#redoc a[href^='/']", { timeout: 120_000 });
    const texts: string[] = [];
    const ids = new Set<string>();
    const show = async (route: string, operation?: string) => {
      await page.evaluate((r) => {
        location.hash = `#${r}`;
      }, route);
      // A route is rendered once the element whose id is the route's slug is in the page.
      const slugId = decodeURIComponent(route.replace(/^\//, "")).toLowerCase();
      const shown = await page
        .waitForFunction((id) => id === "" || document.getElementById(id) !== null, slugId, {
          timeout: 60_000,
        })
        .then(() => true)
        .catch(() => false);
      if (!shown) v.failedRequests.push(`Redoc route ${route} did not render`);
      if (shown && operation) {
        const seen = await operationText(page, slugId, operation);
        if (seen.text !== undefined) texts.push(seen.text);
        v.notes.push(...seen.notes.map((n) => `${route}: ${n}`));
      }
      await settle(page);
      texts.push(await page.evaluate(visibleText));
      const found = await page.evaluate(() => ({
        ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
        ops: [...document.querySelectorAll("#redoc a[href^='#/']")].map((a) => a.getAttribute("href") ?? ""),
      }));
      for (const id of found.ids) ids.add(id);
      return found.ops.filter((h) => /^#\/[^#]+\/[^#/]+$/.test(h)).map((h) => h.slice(1));
    };
    const routes = await page.evaluate(() => [
      ...new Set(
        [...document.querySelectorAll("#redoc a[href^='/']")].map((a) => a.getAttribute("href") ?? "/"),
      ),
    ]);
    const opRoutes = new Set<string>();
    for (const route of routes) for (const op of await show(route)) opRoutes.add(op);
    for (const op of opRoutes) {
      const name = op.split("/").pop()!.toLowerCase();
      const listed = new RegExp(`operation id:\\s*${name}`);
      if (!texts.some((t) => listed.test(t.toLowerCase()))) await show(op, name);
    }
    v.routes.push(...routes, ...opRoutes);
    v.text = texts.join("\n");
    v.anchors = ids;
  } else {
    v.text = await page.evaluate(visibleText);
    v.anchors = new Set(
      await page.evaluate(() =>
        [...document.querySelectorAll("[id], a[name]")].map((e) => e.id || e.getAttribute("name") || ""),
      ),
    );
  }
  // Links of the site itself: everything on plain pages; on reference pages, the links outside Redoc's
  // own client-side routes (the site bar, the logo).
  const links = await page.evaluate(() =>
    [...document.querySelectorAll("a[href]")]
      .filter((a) => !(a.closest("#redoc") && /^[/#]/.test(a.getAttribute("href") ?? "")))
      .map((a) => (a as HTMLAnchorElement).href),
  );
  for (const l of links) if (new URL(l).origin === base.origin) v.links.push(l);
  const shot = join(shots, screenshotName(path));
  await mkdir(dirname(shot), { recursive: true });
  // JPEG: a full-page PNG of a long guide costs seconds of encoding on a busy machine.
  await page.screenshot({
    path: shot,
    fullPage: !isReference(path),
    type: "jpeg",
    quality: 70,
    timeout: 120_000,
  });
  await page.close();
  v.ms = performance.now() - started;
  return v;
}

/** The screenshot file of a site path: `guides/sgate.html` → `guides__sgate.jpg`. */
export function screenshotName(path: string): string {
  return `${path.replace(/\.html$/, "").replace(/\//g, "__")}.jpg`;
}

/**
 * Opens the landing page, then every internal page linked from any page (breadth first, a few at a time), and checks
 * that every internal link's page and anchor exist. Redoc's in-page `#tag/…`/`#operation/…` routes on
 * reference pages are checked against the rendered page's text instead of element ids.
 */
export async function crawl(context: BrowserContext, baseUrl: string, shots: string): Promise<CrawlResult> {
  const base = new URL(baseUrl);
  const visits = new Map<string, PageVisit>();
  const queue = ["index.html"];
  const seen = new Set(queue);
  const running = new Set<Promise<void>>();
  const enqueue = (v: PageVisit) => {
    for (const l of v.links) {
      const u = new URL(l);
      let p = decodeURIComponent(u.pathname.slice(base.pathname.length));
      if (p === "" || p.endsWith("/")) p += "index.html";
      if (!seen.has(p) && /\.html$/.test(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  };
  while (queue.length || running.size) {
    while (queue.length && running.size < CRAWL_CONCURRENCY) {
      const path = queue.shift()!;
      const job: Promise<void> = visit(context, base, path, shots)
        .then((v) => {
          visits.set(path, v);
          enqueue(v);
        })
        .finally(() => running.delete(job));
      running.add(job);
    }
    await Promise.race(running);
  }
  const brokenLinks: string[] = [];
  for (const v of visits.values()) {
    for (const l of v.links) {
      const u = new URL(l);
      let p = decodeURIComponent(u.pathname.slice(base.pathname.length));
      if (p === "" || p.endsWith("/")) p += "index.html";
      const target = visits.get(p);
      if (!target) {
        if (!/\.html$/.test(p)) {
          const res = await fetch(u.href.replace(/#.*$/, ""));
          if (!res.ok) brokenLinks.push(`${v.path} → ${l} (${res.status})`);
          await res.body?.cancel();
        } else brokenLinks.push(`${v.path} → ${l} (page not reached)`);
        continue;
      }
      const hash = decodeURIComponent(u.hash.slice(1));
      if (!hash) continue;
      if (!target.anchors.has(hash)) brokenLinks.push(`${v.path} → ${l} (no #${hash})`);
    }
  }
  return { visits, brokenLinks };
}

/** What a reader sees without JavaScript, in dark mode, and from the search box. */
export interface ReaderChecks {
  /** Visible text of a guide page with JavaScript disabled. */
  readonly noScriptText: string;
  /** `background-color` of the landing page's body, light and dark system setting. */
  readonly background: { readonly light: string; readonly dark: string };
  /** Titles of the search results for `query`. */
  readonly searchResults: string[];
}

/** Opens a guide without JavaScript, the landing page in both colour schemes, and runs one search. */
export async function readerChecks(
  context: BrowserContext,
  baseUrl: string,
  guide: string,
  query: string,
): Promise<ReaderChecks> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
  await page.goto(new URL(guide, baseUrl).href, { waitUntil: "load", timeout: 120_000 });
  const noScriptText = await page.evaluate(visibleText);
  await cdp.send("Emulation.setScriptExecutionDisabled", { value: false });
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto(new URL("index.html", baseUrl).href, { waitUntil: "load", timeout: 120_000 });
  await page.emulateMedia({ colorScheme: "light" });
  const light = await bg();
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await bg();
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(new URL("search.html", baseUrl).href, { waitUntil: "networkidle", timeout: 120_000 });
  await page.fill(".pagefind-ui__search-input", query);
  await page.waitForSelector(".pagefind-ui__result-link", { timeout: 60_000 }).catch(() => undefined);
  const searchResults = await page.evaluate(() =>
    [...document.querySelectorAll(".pagefind-ui__result-link")].map((a) => a.textContent ?? ""),
  );
  await page.close();
  return { noScriptText, background: { light, dark }, searchResults };
}
