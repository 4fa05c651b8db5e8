import { createHash } from "node:crypto";
import type { Channel } from "./keys.js";

/** Product templates the deterministic catalogue draws from (title, yuan base price, variant axes). */
const TEMPLATES = [
  {
    title: "不锈钢保温杯 500ml 双层真空",
    en: "Stainless steel vacuum insulated bottle 500 ml",
    category: "Home & Kitchen > Drinkware",
    base: 18.5,
    axes: [
      {
        name: "颜色",
        en: "Color",
        values: [
          ["黑色", "Black"],
          ["白色", "White"],
          ["薄荷绿", "Mint green"],
        ],
      },
      {
        name: "容量",
        en: "Capacity",
        values: [
          ["500ml", "500 ml"],
          ["750ml", "750 ml"],
        ],
      },
    ],
  },
  {
    title: "纯棉圆领短袖T恤 男女同款",
    en: "Cotton crew-neck short-sleeve T-shirt, unisex",
    category: "Apparel > T-shirts",
    base: 12.8,
    axes: [
      {
        name: "颜色",
        en: "Color",
        values: [
          ["白色", "White"],
          ["黑色", "Black"],
        ],
      },
      {
        name: "尺码",
        en: "Size",
        values: [
          ["S", "S"],
          ["M", "M"],
          ["L", "L"],
          ["XL", "XL"],
        ],
      },
    ],
  },
  {
    title: "无线蓝牙耳机 入耳式 降噪",
    en: "Wireless Bluetooth earbuds, in-ear, noise cancelling",
    category: "Electronics > Audio",
    base: 45,
    axes: [
      {
        name: "颜色",
        en: "Color",
        values: [
          ["白色", "White"],
          ["黑色", "Black"],
          ["粉色", "Pink"],
        ],
      },
    ],
  },
  {
    title: "帆布托特包 大容量 单肩",
    en: "Canvas tote bag, large capacity, shoulder",
    category: "Bags > Totes",
    base: 9.9,
    axes: [
      {
        name: "颜色",
        en: "Color",
        values: [
          ["米白", "Off-white"],
          ["卡其", "Khaki"],
          ["黑色", "Black"],
        ],
      },
    ],
  },
  {
    title: "硅胶手机壳 适用 iPhone 15",
    en: "Silicone phone case for iPhone 15",
    category: "Electronics > Phone accessories",
    base: 6.5,
    axes: [
      {
        name: "颜色",
        en: "Color",
        values: [
          ["黑色", "Black"],
          ["紫色", "Purple"],
        ],
      },
      {
        name: "型号",
        en: "Model",
        values: [
          ["iPhone 15", "iPhone 15"],
          ["iPhone 15 Pro", "iPhone 15 Pro"],
        ],
      },
    ],
  },
] as const;

const SELLERS = [
  { id: "b2b-2209876543", name: "义乌市优品日用品有限公司" },
  { id: "b2b-1122334455", name: "广州市白云区潮流服饰厂" },
  { id: "b2b-5566778899", name: "深圳市声悦电子科技有限公司" },
];

const KEYWORD_INDEX = TEMPLATES.map((t, i) => ({ i, text: `${t.title} ${t.en}`.toLowerCase() }));

function digest(...parts: string[]): Buffer {
  return createHash("sha256").update(parts.join("\u0000")).digest();
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A product price in CNY yuan, as product models carry it. */
export interface ProductPrice {
  original_amount: number;
  display_amount: number;
  promotion_amount: number | null;
  original_currency: "CNY";
  display_currency: "CNY";
}

function price(yuan: number, promo: boolean): ProductPrice {
  const amount = round2(yuan);
  return {
    original_amount: amount,
    display_amount: amount,
    promotion_amount: promo ? round2(amount * 0.9) : null,
    original_currency: "CNY",
    display_currency: "CNY",
  };
}

/** One variant (SKU) of a catalogue product. */
export interface Variant {
  sku_id: string;
  attributes: Array<{ name: string; value: string; original_name: string; original_value: string }>;
  price: ProductPrice;
  stock: number;
  image: string;
}

/** A full product as the sandbox models it (a superset; routes pick the spec's fields). */
export interface CatalogProduct {
  id: string;
  channel: Channel;
  source_product_id: string;
  source_url: string;
  title: { original: string; translated: string | null; language: string };
  description: { original: string; translated: string | null; language: string } | null;
  price: ProductPrice;
  price_tiers: Array<{ min_quantity: number; price: number }>;
  min_order_quantity: number | null;
  distribution_min_quantity: number | null;
  images: Array<{ url: string; type: "main" | "gallery" | "variant" }>;
  videos: { main: string | null; detail: string | null };
  variants: Variant[];
  attributes: Array<{ name: string; value: string }>;
  seller: { id: string; name: string; shop_url: string };
  seller_name: string;
  category: string;
  sales_count: number;
}

/** Marketplace page of a product. */
export function sourceUrl(channel: Channel, id: string): string {
  if (channel === "1688") return `https://detail.1688.com/offer/${id}.html`;
  if (channel === "taobao") return `https://item.taobao.com/item.htm?id=${id}`;
  return `https://weidian.com/item.html?itemID=${id}`;
}

/**
 * The deterministic product for a channel + marketplace id: the same id always gives the same product (any id
 * works, like HIOBuy's sandbox where unknown ids are a generic success). Prices are yuan; SKU ids are
 * `<source id>-<n>`; stock 0 on one variant of every product with three or more variants.
 */
export function productFor(channel: Channel, sourceId: string, language = "en"): CatalogProduct {
  const h = digest(channel, sourceId);
  const t = TEMPLATES[h[0]! % TEMPLATES.length]!;
  const seller = SELLERS[h[1]! % SELLERS.length]!;
  const base = round2(t.base * (0.8 + (h[2]! % 40) / 100));
  const promo = channel === "taobao" && h[3]! % 2 === 0;
  const cdn = `https://cdn.hiobuy.com/sandbox/${channel}/${sourceId}`;
  const combos: Array<Array<readonly [string, string, string, string]>> = [[]];
  for (const axis of t.axes) {
    const next: typeof combos = [];
    for (const c of combos)
      for (const [orig, en] of axis.values) next.push([...c, [axis.name, orig, axis.en, en]]);
    combos.splice(0, combos.length, ...next);
  }
  const variants: Variant[] = combos.map((combo, i) => ({
    sku_id: `${sourceId}-${i + 1}`,
    attributes: combo.map(([origName, origValue, name, value]) => ({
      name: language === "zh" ? origName : name,
      value: language === "zh" ? origValue : value,
      original_name: origName,
      original_value: origValue,
    })),
    price: price(base + (i % 3) * 1.5, promo),
    stock: combos.length >= 3 && i === combos.length - 1 ? 0 : 50 + ((h[4 + (i % 20)]! * 7) % 950),
    image: `${cdn}/sku-${i + 1}.jpg`,
  }));
  const translated = language === "zh" ? null : t.en;
  return {
    id: `${channel}_${sourceId}`,
    channel,
    source_product_id: sourceId,
    source_url: sourceUrl(channel, sourceId),
    title: { original: t.title, translated, language },
    description: {
      original: `<p>${t.title}</p><p>厂家直销，支持一件代发。</p>`,
      translated: translated === null ? null : `<p>${t.en}</p><p>Factory direct, dropshipping supported.</p>`,
      language,
    },
    price: price(base, promo),
    price_tiers:
      channel === "1688"
        ? [
            { min_quantity: 2, price: base },
            { min_quantity: 50, price: round2(base * 0.92) },
            { min_quantity: 200, price: round2(base * 0.85) },
          ]
        : [],
    min_order_quantity: channel === "1688" ? 2 : null,
    distribution_min_quantity: channel === "1688" ? 1 : null,
    images: [
      { url: `${cdn}/main.jpg`, type: "main" },
      { url: `${cdn}/gallery-1.jpg`, type: "gallery" },
      ...variants.slice(0, 2).map((v) => ({ url: v.image, type: "variant" as const })),
    ],
    videos: { main: channel === "1688" ? `${cdn}/main.mp4` : null, detail: null },
    variants,
    attributes: [
      { name: language === "zh" ? "品牌" : "Brand", value: language === "zh" ? "其他" : "Other" },
      {
        name: language === "zh" ? "产地" : "Origin",
        value: language === "zh" ? "浙江义乌" : "Yiwu, Zhejiang",
      },
    ],
    seller: {
      id: seller.id,
      name: seller.name,
      shop_url: channel === "1688" ? `https://${seller.id}.1688.com` : `https://shop${h[5]}.taobao.com`,
    },
    seller_name: seller.name,
    category: t.category,
    sales_count: 100 + ((h[6]! << 4) | h[7]!) * 3,
  };
}

/**
 * Deterministic marketplace ids for a search: the same keyword + page always lists the same products. Keywords
 * that match a catalogue template rank its products first.
 */
export function searchIds(
  channel: Channel,
  keyword: string,
  page: number,
  pageSize: number,
): { ids: string[]; total: number } {
  const kw = keyword.trim().toLowerCase();
  const preferred = KEYWORD_INDEX.filter((k) =>
    kw.split(/\s+/).some((w) => w.length > 1 && k.text.includes(w)),
  ).map((k) => k.i);
  const total = kw.length === 0 ? 0 : preferred.length > 0 ? 137 : 58;
  const ids: string[] = [];
  const start = (page - 1) * pageSize;
  for (let n = start; n < Math.min(start + pageSize, total); n++) {
    // Walk candidate ids until one lands on a preferred template (bounded), so results match the keyword.
    let id = "";
    for (let attempt = 0; attempt < 64; attempt++) {
      const h = digest(channel, kw, String(n), String(attempt));
      id =
        channel === "taobao"
          ? String(7_000_000_000_000 + (h.readUInt32BE(0) % 900_000_000) * 1000 + (h[4]! % 1000))
          : String(600_000_000_000 + (h.readUInt32BE(0) % 99_999_999_999));
      const template = digest(channel, id)[0]! % TEMPLATES.length;
      if (preferred.length === 0 || preferred.includes(template)) break;
    }
    ids.push(id);
  }
  return { ids, total };
}

/** The thinner list item for search results. */
export function listItem(p: CatalogProduct) {
  return {
    id: p.id,
    channel: p.channel,
    source_product_id: p.source_product_id,
    source_url: p.source_url,
    title: p.title,
    image: p.images[0]!.url,
    price: p.price,
    seller: { name: p.seller.name },
    sales_count: p.sales_count,
  };
}

/** Parses a marketplace product URL into channel + id (`undefined` when it is not a product link). */
export function parseProductUrl(url: string): { channel: Channel; id: string } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const host = u.hostname.toLowerCase();
  if (host.endsWith("1688.com")) {
    const m = /\/offer\/(\d+)\.html/.exec(u.pathname);
    return m ? { channel: "1688", id: m[1]! } : undefined;
  }
  if (host.endsWith("taobao.com") || host.endsWith("tmall.com")) {
    const id = u.searchParams.get("id");
    return id && /^\d+$/.test(id) ? { channel: "taobao", id } : undefined;
  }
  if (host.endsWith("weidian.com")) {
    const id = u.searchParams.get("itemID") ?? u.searchParams.get("itemId");
    return id && /^\d+$/.test(id) ? { channel: "weidian", id } : undefined;
  }
  return undefined;
}
