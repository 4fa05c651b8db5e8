/**
 * Hosted payment links built from a created order (`id` + `ticket`), as SGate documents them:
 * the standard cashier, a forced payment method, and the iframe (embed) page.
 */
import { KeywayConfigError } from "@keyway/auth";

/** Methods a forced-method link can lock the cashier to (`intl-card` is for non-SAR currencies). */
export type SgateCashierMethod = "mada" | "stcpay" | "applepay" | "intl-card" | "tamara" | "tabby";
/** Methods the iframe page offers. */
export type SgateEmbedMethod = "mada" | "stcpay" | "tamara" | "tabby";

/** The part of a created order the links need. */
export interface SgateLinkOrder {
  readonly id: string;
  readonly ticket: string;
}

/** What every link helper accepts beside where the cashier is. */
interface SgateLinkCommon {
  /** Where the payer lands afterwards (URL-encoded into the link). */
  readonly returnURL?: string | undefined;
  /** Cashier language, `EN` (default) or `AR`. */
  readonly language?: "EN" | "AR" | undefined;
}

/**
 * Options of the link helpers. Where the cashier is must be said, so a link never points at another
 * environment than the order: `baseUrl` (the API base URL the client that created the order uses, e.g.
 * `SGATE_SANDBOX_BASE_URL`; the cashier lives on the same origin and path prefix, minus `/api_v1`) or
 * `cashierUrl` (an explicit cashier root, which wins over `baseUrl`).
 */
export type SgateLinkOptions = SgateLinkCommon &
  (
    | { readonly baseUrl: string; readonly cashierUrl?: string | undefined }
    | { readonly baseUrl?: string | undefined; readonly cashierUrl: string }
  );

const SAFE = /^[A-Za-z0-9._~-]+$/;

/** The cashier root for an API base URL: the same URL without its trailing `/api_v1`. */
export function sgateCashierUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.pathname = url.pathname.replace(/\/+$/, "").replace(/\/api_v1$/, "");
  return url.href.replace(/\/+$/, "");
}

function root(options: SgateLinkOptions): string {
  const { baseUrl, cashierUrl } = (options ?? {}) as { baseUrl?: unknown; cashierUrl?: unknown };
  if (typeof cashierUrl === "string" && cashierUrl) return cashierUrl.replace(/\/+$/, "");
  if (typeof baseUrl === "string" && baseUrl) return sgateCashierUrl(baseUrl).replace(/\/+$/, "");
  throw new KeywayConfigError(
    "SGate payment links need the base URL the order was created on (baseUrl) or an explicit cashierUrl",
  );
}

function check(order: SgateLinkOrder): void {
  if (!SAFE.test(order.id))
    throw new KeywayConfigError("order id has characters a payment link cannot carry");
  if (!SAFE.test(order.ticket))
    throw new KeywayConfigError("order ticket has characters a payment link cannot carry");
}

function query(pairs: Array<[string, string | undefined]>): string {
  return pairs
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&");
}

/** The standard hosted cashier: `{root}/order/{id}?ticket=…&returnURL=…&language=…`. */
export function sgatePaymentLink(order: SgateLinkOrder, options: SgateLinkOptions): string {
  check(order);
  return `${root(options)}/order/${order.id}?${query([
    ["ticket", order.ticket],
    ["returnURL", options.returnURL],
    ["language", options.language ?? "EN"],
  ])}`;
}

/** The cashier locked to one method: `{root}/order/{id}/{method}?ticket=…&lockPayMethod=yes`. */
export function sgateMethodLink(
  order: SgateLinkOrder,
  method: SgateCashierMethod,
  options: SgateLinkOptions,
): string {
  check(order);
  return `${root(options)}/order/${order.id}/${method}?${query([
    ["ticket", order.ticket],
    ["returnURL", options.returnURL],
    ["language", options.language ?? "EN"],
    ["lockPayMethod", "yes"],
  ])}`;
}

/** The iframe page: `{root}/embed/{method}?orderId=…&ticket=…&returnURL=…&language=…`. */
export function sgateEmbedLink(
  order: SgateLinkOrder,
  method: SgateEmbedMethod,
  options: SgateLinkOptions,
): string {
  check(order);
  return `${root(options)}/embed/${method}?${query([
    ["orderId", order.id],
    ["ticket", order.ticket],
    ["returnURL", options.returnURL],
    ["language", options.language ?? "EN"],
  ])}`;
}
