/** Marketplace channels HIOBuy Gateway serves. */
export const CHANNELS = ["1688", "taobao", "weidian"] as const;
/** One marketplace channel. */
export type Channel = (typeof CHANNELS)[number];

/** What the sandbox knows about an API key, parsed from the key itself (see the README's key grammar). */
export interface KeyInfo {
  /** The key (kept server-side in the sandbox only, never echoed). */
  key: string;
  /** `test` for `hio_test_…`, `live` for `hio_live_…`. */
  type: "test" | "live";
  /** `warehouse` (HIOBuy warehouse, fulfillment enabled) or `self` (self fulfillment). */
  mode: "warehouse" | "self";
  /** Channels the app has authorized. */
  channels: ReadonlySet<Channel>;
  /** `false` for `ro` keys: order and shipment writes answer 403 INSUFFICIENT_SCOPE. */
  canWrite: boolean;
  /** Requests per minute before 429 RATE_LIMIT_EXCEEDED (`Infinity`: no limit). */
  ratePerMinute: number;
  /** Billable units per channel per UTC day before 429 QUOTA_EXCEEDED. */
  dailyQuota: number;
}

/** Default daily quota per channel of a live key (test keys: 10 000). */
export const LIVE_DAILY_QUOTA = 1000;
/** Default requests per minute of a live key (test keys skip rate limits, like the real sandbox). */
export const LIVE_RATE_PER_MINUTE = 600;

const KEY_RE = /^hio_(test|live)_([A-Za-z0-9_-]{1,128})$/;

/**
 * Parses an `Authorization` header value. Grammar:
 * `Bearer hio_(test|live)_<flag>_…_<rest>`, where leading `_`-separated segments that are flags apply:
 * `self` (self-fulfillment app), `no1688` / `notaobao` / `noweidian` (channel not authorized), `ro` (read-only
 * scope), `rl<N>` (N requests per minute), `quota<N>` (N billable units per channel per day). The rest is any
 * `[A-Za-z0-9_-]` text; the whole key is at most 137 characters.
 * @returns the key's properties, or `undefined` for a missing / malformed key (→ 401 INVALID_API_KEY).
 */
export function parseApiKey(authorization: string | undefined): KeyInfo | undefined {
  if (!authorization) return undefined;
  const m = /^Bearer ([^\s]+)$/.exec(authorization.trim());
  if (!m) return undefined;
  const key = m[1]!;
  const km = KEY_RE.exec(key);
  if (!km) return undefined;
  const type = km[1] as "test" | "live";
  const info: KeyInfo = {
    key,
    type,
    mode: "warehouse",
    channels: new Set(CHANNELS),
    canWrite: true,
    ratePerMinute: type === "live" ? LIVE_RATE_PER_MINUTE : Number.POSITIVE_INFINITY,
    dailyQuota: type === "live" ? LIVE_DAILY_QUOTA : 10_000,
  };
  const channels = new Set<Channel>(CHANNELS);
  for (const seg of km[2]!.split("_")) {
    const limit = /^(rl|quota)(\d{1,6})$/.exec(seg);
    if (seg === "self") info.mode = "self";
    else if (seg === "ro") info.canWrite = false;
    else if (seg === "no1688" || seg === "notaobao" || seg === "noweidian")
      channels.delete(seg.slice(2) as Channel);
    else if (limit?.[1] === "rl") info.ratePerMinute = Number(limit[2]);
    else if (limit?.[1] === "quota") info.dailyQuota = Number(limit[2]);
    else break;
  }
  info.channels = channels;
  return info;
}
