/**
 * HIOBuy product routes (`/v1/products/*`): detail, parse, search, image upload and search, freight estimate.
 * @module
 */
import { priceLines } from "../basket.js";
import { listItem, parseProductUrl, productFor, searchIds } from "../catalog.js";
import { HioError } from "../errors.js";
import { type HandlerContext, type Handlers, int, lang, str } from "../handler.js";
import type { Channel } from "../keys.js";
import { fen } from "../state.js";

/** Throws the documented sandbox outcome for a magic product id. */
function productScenario(id: string): void {
  if (id === "sb_prod_not_found") throw new HioError("NOT_FOUND", "Product not found.");
  if (id === "sb_prod_upstream_error") {
    throw new HioError("CHANNEL_UPSTREAM_ERROR", "The marketplace rejected the call.", {
      upstream: { code: "gw.QueryProductDetail.error", message: "offer is offline" },
    });
  }
}

function detail(ctx: HandlerContext): Record<string, unknown> {
  const b = ctx.body;
  const channel = b.channel as Channel;
  let id = str(b.product_id) ?? str(b.id) ?? str(b.mi_id);
  if (!id && str(b.url)) id = parseProductUrl(str(b.url)!)?.id;
  if (!id && str(b.tao_password))
    id = String(7_100_000_000_000 + ((str(b.tao_password)!.length * 7919) % 1_000_000));
  if (!id) throw new HioError("VALIDATION_ERROR", "product_id, url, mi_id, or tao_password is required.");
  // A search item's id is `{channel}_{source_product_id}`; HIOBuy's starter sends it back unchanged
  // (https://github.com/hiobuy/starter src/lib/hiobuy.ts getProductDetail).
  if (id.startsWith(`${channel}_`)) id = id.slice(channel.length + 1);
  productScenario(id);
  if (channel === "weidian" && id === "sb_prod_capability")
    throw new HioError("CHANNEL_CAPABILITY_NOT_SUPPORTED");
  return { product: productFor(channel, id, lang(b)) };
}

function search(ctx: HandlerContext, keyword: string): Record<string, unknown> {
  const b = ctx.body;
  const channel = b.channel as Channel;
  if (channel === "weidian") {
    throw new HioError("CHANNEL_CAPABILITY_NOT_SUPPORTED", "Search is not available on the weidian channel.");
  }
  const page = int(b.page, 1);
  const pageSize = int(b.page_size, 20);
  if (keyword === "sb_search_empty") return { items: [], page, page_size: pageSize, total: 0 };
  const { ids, total } = searchIds(channel, keyword, page, pageSize);
  let items = ids.map((id) => listItem(productFor(channel, id, lang(b))));
  const min = typeof b.price_start === "number" ? b.price_start : undefined;
  const max = typeof b.price_end === "number" ? b.price_end : undefined;
  if (min !== undefined || max !== undefined) {
    items = items.filter(
      (i) =>
        (min === undefined || i.price.display_amount >= min) &&
        (max === undefined || i.price.display_amount <= max),
    );
  }
  if (b.sort_field === "price") {
    items.sort(
      (x, y) => (x.price.display_amount - y.price.display_amount) * (b.sort_order === "desc" ? -1 : 1),
    );
  }
  return { items, page, page_size: pageSize, total };
}

/** Product handlers by operationId. */
export const productHandlers: Handlers = {
  productDetail: detail,
  productParse: (ctx) => {
    const url = String(ctx.body.url);
    const parsed = parseProductUrl(url);
    if (!parsed) throw new HioError("VALIDATION_ERROR", "url is not a 1688, Taobao or Weidian product link.");
    const channel = (str(ctx.body.channel) as Channel | undefined) ?? parsed.channel;
    productScenario(parsed.id);
    return { product: productFor(channel, parsed.id, lang(ctx.body)) };
  },
  productSearch: (ctx) => search(ctx, str(ctx.body.keyword) ?? ""),
  productUploadImage: (ctx) => {
    const b = ctx.body;
    if (b.channel === "taobao" && !str(b.image_base64))
      throw new HioError("VALIDATION_ERROR", "image_base64 is required for taobao.");
    if (!str(b.image_base64) && !str(b.image_url))
      throw new HioError("VALIDATION_ERROR", "image_base64 or image_url is required.");
    const seed = (str(b.image_base64) ?? str(b.image_url) ?? "").length;
    return { channel: b.channel, image_id: `img_${(seed * 2654435761) % 4294967296}` };
  },
  productSearchByImage: (ctx) => {
    const b = ctx.body;
    const ref = str(b.image_id) ?? str(b.image_url) ?? str(b.image_base64)?.slice(0, 32);
    if (!ref) throw new HioError("VALIDATION_ERROR", "image_id, image_base64 or image_url is required.");
    const out = search(ctx, `${str(b.keyword) ?? ""} image:${ref}`);
    return { ...out, pic_region_info: { current_region: "0,800,0,800", yolo_crop_region: "120,680,90,710" } };
  },
  productFreightEstimate: (ctx) => {
    const b = ctx.body;
    const r = priceLines(b.channel as Channel, b.lines as Array<Record<string, unknown>>);
    return {
      estimate: { freight: fen(r.shipping) },
      shipping: fen(r.shipping),
      unavailable_lines: r.unavailable,
      monetary_unit: "CNY_minor",
    };
  },
};
