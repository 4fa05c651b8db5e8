/**
 * Finds the operation a URL calls in a provider's generated operation tables, and the base URL in front of its
 * path, so the explained request goes through the client exactly as a typed call would. Pure.
 * @module
 */
import type { OperationRow, OperationTable } from "@keyway/auth";
import { CliError } from "./errors.js";

/** The operation a request calls. */
export interface OperationMatch {
  /** The surface whose table holds it (`""` for a provider with one surface). */
  readonly surface: string;
  readonly row: OperationRow;
  /** Origin plus the path in front of the operation's path, e.g. `https://sandbox.sgate.sa/api_v1`. */
  readonly baseUrl: string;
  /** The path parameters, decoded. */
  readonly path: Readonly<Record<string, string>>;
}

/** How to read the URL. */
export interface MatchOptions {
  /** The base URL to strip (otherwise inferred: whatever is in front of a known operation path). */
  readonly baseUrl?: string | undefined;
  /** Only this surface's table. */
  readonly surface?: string | undefined;
  /** The provider's usual base path, preferred when several prefixes fit. */
  readonly basePath: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `/orders/{orderId}` → a pattern capturing `orderId`, and how many characters of it are literal. */
function compile(template: string): { pattern: string; names: string[]; literal: number } {
  const names: string[] = [];
  let literal = 0;
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (param) {
        names.push(param[1]!);
        return "([^/]+)";
      }
      literal += part.length;
      return escapeRegExp(part);
    })
    .join("");
  return { pattern, names, literal };
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The operation `method url` calls. Without `baseUrl` every prefix is tried; the best match has the provider's
 * usual base path, then the most literal path characters (`/orders/list` beats `/orders/{id}`).
 * @throws CliError when no operation matches, or when two surfaces match equally (pass `--surface`).
 */
export function matchOperation(
  tables: Readonly<Record<string, OperationTable>>,
  method: string,
  url: string,
  options: MatchOptions,
): OperationMatch {
  const target = new URL(url);
  let prefix: string | undefined;
  if (options.baseUrl !== undefined) {
    const base = new URL(options.baseUrl);
    prefix = base.pathname.replace(/\/+$/, "");
    if (
      base.origin !== target.origin ||
      !(target.pathname === prefix || target.pathname.startsWith(`${prefix}/`))
    ) {
      throw new CliError(`${url} is not under the base URL ${options.baseUrl}`, 2);
    }
  }
  const surfaces = Object.keys(tables).filter((s) => options.surface === undefined || s === options.surface);
  if (surfaces.length === 0) {
    throw new CliError(`unknown surface "${options.surface}"; known: ${Object.keys(tables).join(", ")}`, 2);
  }
  const found: (OperationMatch & { score: number })[] = [];
  for (const surface of surfaces) {
    for (const [key, entry] of Object.entries(tables[surface]!)) {
      // A table row's key is `METHOD /path/{template}`, as createKeywayClient reads it.
      const space = key.indexOf(" ");
      if (key.slice(0, space) !== method) continue;
      const row: OperationRow = { extensions: {}, ...entry, method, path: key.slice(space + 1) };
      const { pattern, names, literal } = compile(row.path);
      const head = prefix === undefined ? "(.*?)" : `(${escapeRegExp(prefix)})`;
      const m = new RegExp(`^${head}${pattern}$`).exec(target.pathname);
      if (!m) continue;
      const path = Object.fromEntries(names.map((n, i) => [n, decode(m[i + 2]!)]));
      const score = (m[1] === options.basePath ? 10_000 : 0) + literal;
      found.push({ surface, row, baseUrl: target.origin + m[1], path, score });
    }
  }
  found.sort((a, b) => b.score - a.score);
  const [best, next] = found;
  if (!best) {
    throw new CliError(
      `no operation of the spec is ${method} ${target.pathname}${options.baseUrl ? "" : " (pass --base-url if the API is mounted elsewhere)"}`,
      2,
    );
  }
  if (next && next.score === best.score && next.surface !== best.surface) {
    const both = found.filter((f) => f.score === best.score).map((f) => f.surface);
    throw new CliError(
      `${method} ${target.pathname} is on several surfaces (${both.join(", ")}); pass --surface`,
      2,
    );
  }
  const { score: _score, ...match } = best;
  return match;
}
