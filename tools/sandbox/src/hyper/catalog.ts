/**
 * The Hyper sandbox's per-tenant catalog: categories, products, and the Supplier API's product upserts.
 * `TenantState` builds on it.
 */
import { HyperSandboxError } from "./errors.js";

/** A catalog product (camelCase, as live answers are). */
export interface Product {
  productID: number;
  customerStoreProductID: number;
  productCategoryID: number;
  productName: string;
  sku: string;
  salePrice: number;
  totalStock: number;
  status: 0 | 1;
  productRequire: Array<{ productRequireID: number; identifier: string; title: string; type: string }>;
}

const CATEGORIES = [
  { productCategoryID: 10, categoryName: "Knight Online", parentID: null },
  { productCategoryID: 11, categoryName: "Knight Online GB", parentID: 10 },
  { productCategoryID: 20, categoryName: "Mobile games", parentID: null },
  { productCategoryID: 21, categoryName: "PUBG Mobile UC", parentID: 20 },
  { productCategoryID: 30, categoryName: "Valorant VP", parentID: null },
];

/** A fresh copy of the initial catalog. */
export function catalog(): Product[] {
  return [
    {
      productID: 501,
      customerStoreProductID: 9001,
      productCategoryID: 11,
      productName: "Knight Online 10 GB",
      sku: "KO-GB-10",
      salePrice: 125.5,
      totalStock: 40,
      status: 1,
      productRequire: [
        { productRequireID: 3, identifier: "character", title: "Character name", type: "text" },
      ],
    },
    {
      productID: 502,
      customerStoreProductID: 9002,
      productCategoryID: 21,
      productName: "PUBG Mobile 60 UC",
      sku: "PUBG-UC-60",
      salePrice: 29.9,
      totalStock: 100,
      status: 1,
      productRequire: [{ productRequireID: 4, identifier: "playerId", title: "Player ID", type: "text" }],
    },
    {
      productID: 503,
      customerStoreProductID: 9003,
      productCategoryID: 30,
      productName: "Valorant 1000 VP",
      sku: "VAL-VP-1000",
      salePrice: 249,
      totalStock: 0,
      status: 1,
      productRequire: [],
    },
  ];
}

/** The catalog part of a tenant's mutable state. */
export class CatalogState {
  products: Product[] = catalog();
  protected nextProduct = 600;

  categories() {
    return CATEGORIES.map((c) => ({ ...c }));
  }

  productView(p: Product) {
    return {
      productID: p.productID,
      customerStoreProductID: p.customerStoreProductID,
      productCategoryID: p.productCategoryID,
      productName: p.productName,
      salePrice: p.salePrice,
      totalStock: p.totalStock,
      status: p.status,
      productRequire: p.productRequire.map((r) => ({ ...r })),
    };
  }

  listProducts(page: number, pageSize: number, categoryID: number) {
    const all = this.products.filter((p) => categoryID === 0 || p.productCategoryID === categoryID);
    return all.slice((page - 1) * pageSize, page * pageSize).map((p) => this.productView(p));
  }

  product(productID: number): Product {
    const p = this.products.find((x) => x.productID === productID);
    if (!p) throw new HyperSandboxError(404, -404, `No product ${productID}`);
    return p;
  }

  supplierProductView(p: Product) {
    return {
      productID: p.productID,
      sku: p.sku,
      productName: p.productName,
      price: p.salePrice,
      stock: p.totalStock,
      status: p.status,
    };
  }

  upsertProducts(
    inputs: Array<{
      productID?: number;
      sku?: string;
      productName?: string;
      price?: number;
      stock?: number;
      status?: 0 | 1;
    }>,
  ) {
    return inputs.map((input) => {
      let p =
        (input.productID !== undefined
          ? this.products.find((x) => x.productID === input.productID)
          : undefined) ??
        (input.sku !== undefined ? this.products.find((x) => x.sku === input.sku) : undefined);
      if (!p) {
        if (input.productID !== undefined)
          throw new HyperSandboxError(404, -404, `No product ${input.productID}`);
        const id = this.nextProduct++;
        p = {
          productID: id,
          customerStoreProductID: 9000 + id,
          productCategoryID: 0,
          productName: input.productName ?? input.sku ?? `Product ${id}`,
          sku: input.sku ?? `SKU-${id}`,
          salePrice: input.price ?? 0,
          totalStock: input.stock ?? 0,
          status: input.status ?? 1,
          productRequire: [],
        };
        this.products.push(p);
      } else {
        if (input.productName !== undefined) p.productName = input.productName;
        if (input.price !== undefined) p.salePrice = input.price;
        if (input.stock !== undefined) p.totalStock = input.stock;
        if (input.status !== undefined) p.status = input.status;
        if (input.sku !== undefined) p.sku = input.sku;
      }
      return this.supplierProductView(p);
    });
  }
}
