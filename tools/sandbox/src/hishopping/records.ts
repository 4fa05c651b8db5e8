/**
 * HiShopping sandbox records: the stored product, order, batch and credit-transaction shapes, the fee and credit
 * constants, money formatting (integer cents → decimal string) and the initial Temu-style catalogue.
 */

/** A business outcome: code 0 with a payload, or a failure code and message. */
export type Outcome =
  | { code: 0; payload: unknown; message?: undefined }
  | { code: number; message: string; payload?: undefined };

/** A SKU with its price and stock. */
export interface SkuState {
  sku_id: string;
  sku_sn: string;
  specs: { name: string; value: string }[];
  priceCents: number;
  stock: number;
}
/** A catalogue product and its SKUs. */
export interface ProductState {
  goods_id: string;
  title: string;
  category_id: string;
  images: string[];
  skus: SkuState[];
}
/** An order's shipping address. */
export interface ShippingAddress {
  name: string;
  phone: string;
  address: string;
  city: string;
  country: string;
  postal_code: string;
  state?: string;
}
/** The POST /orders body. */
export interface CreateOrderInput {
  goods_id: string;
  sku_id: string;
  quantity: number;
  merchant_order_no?: string;
  shipping_address: ShippingAddress;
}
/** An order as stored. */
export interface OrderState {
  order_no: string;
  merchant_order_no: string;
  status: "pending" | "processing" | "shipped" | "completed" | "cancelled" | "failed";
  goods_id: string;
  sku_id: string;
  quantity: number;
  goodsCents: number;
  feeCents: number;
  shipping_address: ShippingAddress;
  created_at: number;
  updated_at: number;
  /** Canonical JSON of the creating payload, for idempotency. */
  fingerprint: string;
}
/** One item's outcome in a batch. */
export interface BatchItem {
  index: number;
  merchant_order_no: string;
  order_no: string | null;
  code: number;
  message: string;
}
/** A batch as stored. */
export interface BatchState {
  batch_no: string;
  merchant_batch_no: string;
  items: BatchItem[];
  created_at: number;
  fingerprint: string;
}
/** A credit transaction as stored. */
export interface Transaction {
  reference_no: string;
  type: "order_charge" | "refund" | "top_up" | "adjustment";
  amountCents: number;
  beforeCents: number;
  afterCents: number;
  created_at: number;
}

/** The per-order fee the sandbox charges, in cents. */
export const FEE_CENTS = 100;
/** The sandbox credit line, in cents. */
export const CREDIT_LIMIT_CENTS = 500_000;

/** Renders integer cents as a decimal string ("-12.05"). */
export const money = (cents: number) => {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};

/** The initial catalogue: the demo's out-of-stock SKU is `17592186044419`. */
export function catalogue(): ProductState[] {
  return [
    {
      goods_id: "601099512345678",
      title: "Silicone phone case, shockproof",
      category_id: "12",
      images: ["https://img.hishopping.xyz/g/601099512345678/1.jpg"],
      skus: [
        {
          sku_id: "17592186044417",
          sku_sn: "CASE-BLK-15",
          specs: [
            { name: "Color", value: "Black" },
            { name: "Model", value: "iPhone 15" },
          ],
          priceCents: 320,
          stock: 120,
        },
        {
          sku_id: "17592186044418",
          sku_sn: "CASE-CLR-15",
          specs: [
            { name: "Color", value: "Clear" },
            { name: "Model", value: "iPhone 15" },
          ],
          priceCents: 290,
          stock: 40,
        },
      ],
    },
    {
      goods_id: "601099512345679",
      title: "USB-C fast charger 20W",
      category_id: "15",
      images: ["https://img.hishopping.xyz/g/601099512345679/1.jpg"],
      skus: [
        {
          sku_id: "17592186044419",
          sku_sn: "CHG-20W-EU",
          specs: [{ name: "Plug", value: "EU" }],
          priceCents: 650,
          stock: 0,
        },
        {
          sku_id: "17592186044420",
          sku_sn: "CHG-20W-UK",
          specs: [{ name: "Plug", value: "UK" }],
          priceCents: 650,
          stock: 25,
        },
      ],
    },
    {
      goods_id: "601099512345680",
      title: "Stainless steel water bottle 750 ml",
      category_id: "21",
      images: ["https://img.hishopping.xyz/g/601099512345680/1.jpg"],
      skus: [
        {
          sku_id: "17592186044421",
          sku_sn: "BTL-750-SLV",
          specs: [{ name: "Color", value: "Silver" }],
          priceCents: 1180,
          stock: 60,
        },
      ],
    },
  ];
}
