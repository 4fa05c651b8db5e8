/**
 * Pricing an order basket: the lines' unit prices, the unavailable lines and the domestic freight per seller
 * (shared by order preview / create and the product freight estimate).
 * @module
 */
import { productFor } from "./catalog.js";
import { int, str } from "./handler.js";
import type { Channel } from "./keys.js";
import { fen, type OrderLine } from "./state.js";

/** Prices order lines; returns priced lines and the unavailable ones. */
export function priceLines(channel: Channel, lines: Array<Record<string, unknown>>) {
  const priced: OrderLine[] = [];
  const unavailable: Array<Record<string, unknown>> = [];
  for (const l of lines) {
    const offer = String(l.offer_id);
    const spec = str(l.spec_id);
    const quantity = int(l.quantity, 1);
    const p = productFor(channel, offer);
    const variant = spec ? p.variants.find((v) => v.sku_id === spec) : p.variants[0];
    let reason: string | undefined;
    if (offer.startsWith("sb_ord_unavailable") || offer.startsWith("sb_prod_not_found"))
      reason = "OFFER_UNAVAILABLE";
    else if (!variant) reason = "SPEC_NOT_FOUND";
    else if (variant.stock < quantity) reason = "OUT_OF_STOCK";
    if (reason || !variant) {
      unavailable.push({
        offer_id: offer,
        ...(spec ? { spec_id: spec } : {}),
        quantity,
        reason: reason ?? "SPEC_NOT_FOUND",
      });
      continue;
    }
    const yuan = variant.price.promotion_amount ?? variant.price.display_amount;
    priced.push({
      offer_id: offer,
      spec_id: variant.sku_id,
      quantity,
      unit_price: fen(yuan * 100),
      title: p.title.translated ?? p.title.original,
    });
  }
  const payment = priced.reduce((s, l) => s + l.unit_price.amount * l.quantity, 0);
  const sellers = new Map<string, Array<{ offer_id: string; spec_id?: string; quantity: number }>>();
  for (const l of priced) {
    const seller = productFor(channel, l.offer_id).seller.id;
    sellers.set(seller, [
      ...(sellers.get(seller) ?? []),
      { offer_id: l.offer_id, spec_id: l.spec_id, quantity: l.quantity },
    ]);
  }
  const shipping = sellers.size * 600; // ¥6 domestic freight per seller
  return { priced, unavailable, sellers, shipping, payment: payment + shipping };
}
