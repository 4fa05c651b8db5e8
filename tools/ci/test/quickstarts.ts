/**
 * Package README quick starts: how they are found, and what each prints when it runs against the sandbox.
 * Shared by readme-quickstarts.test.ts (workspace sources) and pack-install.test.ts (installed tarballs).
 * @module
 */

/** The first TypeScript block of the README section whose heading starts with "Quick start". */
export function quickStart(readme: string): string {
  const section = readme.split(/^## /m).find((s) => s.startsWith("Quick start"));
  const block = section?.match(/```ts\n([\s\S]*?)```/);
  if (!block?.[1]) throw new Error("no ```ts block under ## Quick start");
  return block[1];
}

/** `true` when the README has a "Quick start" section with a TypeScript block. */
export function hasQuickStart(readme: string): boolean {
  try {
    quickStart(readme);
    return true;
  } catch {
    return false;
  }
}

/**
 * What each package's quick start prints (stdout, whole) when it runs against the sandbox, by package name.
 * hiobuy and hishopping read `<PROVIDER>_BASE_URL` (and hiobuy `HIOBUY_API_KEY`); the others start their own.
 */
export const QUICK_START_OUTPUT: Readonly<Record<string, RegExp>> = {
  "@keyway/auth": /^daFE250\/BIWoJGoZxFAsm6fWWyck1HxVpI6E\/EXhYKQ=\n$/,
  "@keyway/hiobuy": /¥\d+(\.\d+)?\n$/,
  "@keyway/sgate":
    /^M448726T\d+ pending\nhttp:\/\/127\.0\.0\.1:\d+\/order\/M448726T\d+\?ticket=[^\n]+\npending\n$/,
  "@keyway/appfigures": /^aladdin@example\.com \d+\/5000 requests today\n(\d\.00 .+\n){3}404 not-found\n$/,
  "@keyway/hishopping": /^HS\d+ \S+\n$/,
  "@keyway/hyper": /^70001 shop-1001-1 55501\n1 UC-0001-XYZ\n$/,
  // `keyway explain sgate … --json` on SGate's documented example: the docs' signature.
  "@keyway/cli": /"daFE250\/BIWoJGoZxFAsm6fWWyck1HxVpI6E\/EXhYKQ="/,
};
