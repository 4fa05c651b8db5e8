/**
 * The Hyper sandbox's tenants and their in-memory state: accounts and balances, catalog, order lines, supplier
 * products and payments. Each tenant is independent (its own JWT secret, keys, catalog and orders), as each
 * store of the white-label platform is.
 */
import { HyperSandboxError } from "./errors.js";

/** The delivery state of an order line: 0 cancelled, 1 delivered, 2 processing, 3 removed from processing. */
export type DeliveryStatus = 0 | 1 | 2 | 3;

/** A login-capable account of a tenant. */
export interface HyperAccount {
  readonly customerID: number;
  readonly email: string;
  readonly password: string;
  readonly firstName: string;
  readonly lastName: string;
  /** `true` for an API customer (Reseller surface, `IsAPI = 1`), `false` for a storefront customer. */
  readonly isApi: boolean;
  /** The account's own API key: the value delivery callbacks carry in `Apikey`. */
  readonly callbackKey: string;
  balance: number;
}

/** The fixed facts of one sandbox tenant. */
export interface HyperTenantConfig {
  /** Path segment: the tenant is served at `/tenants/<id>`. */
  readonly id: string;
  /** Store name, for messages. */
  readonly name: string;
  /** `false`: every API route answers 404 "The API integration is disabled for this tenant". */
  readonly apiEnabled: boolean;
  /** HS256 key of the tenant's JWTs. */
  readonly jwtSecret: string;
  /** The Reseller (API customer) account. */
  readonly reseller: Omit<HyperAccount, "balance"> & { readonly balance: number };
  /** A Storefront (end customer) account. */
  readonly customer: Omit<HyperAccount, "balance"> & { readonly balance: number };
  /** The Supplier API key. */
  readonly supplierKey: string;
  /** The Payment API key. */
  readonly paymentKey: string;
}

const hex = (seed: string) => seed.repeat(Math.ceil(32 / seed.length)).slice(0, 32);

/** The built-in tenants: two open stores and one with the API integration switched off. */
export const HYPER_TENANTS: Readonly<Record<string, HyperTenantConfig>> = Object.freeze({
  bursagb: {
    id: "bursagb",
    name: "BursaGB (sandbox)",
    apiEnabled: true,
    jwtSecret: "sandbox-bursagb-jwt-secret-0123456789abcdef",
    reseller: {
      customerID: 55724,
      email: "reseller@bursagb.test",
      password: "reseller-pass",
      firstName: "Ada",
      lastName: "Reseller",
      isApi: true,
      callbackKey: `ak_test_${hex("b0a1")}`,
      balance: 1000,
    },
    customer: {
      customerID: 55725,
      email: "buyer@bursagb.test",
      password: "buyer-pass",
      firstName: "Can",
      lastName: "Buyer",
      isApi: false,
      callbackKey: `ak_test_${hex("b0c2")}`,
      balance: 200,
    },
    supplierKey: `ak_test_${hex("b5e3")}`,
    paymentKey: `ak_test_${hex("b9a4")}`,
  },
  inovapin: {
    id: "inovapin",
    name: "Inovapin (sandbox)",
    apiEnabled: true,
    jwtSecret: "sandbox-inovapin-jwt-secret-fedcba9876543210",
    reseller: {
      customerID: 81001,
      email: "reseller@inovapin.test",
      password: "reseller-pass",
      firstName: "Deniz",
      lastName: "Reseller",
      isApi: true,
      callbackKey: `ak_test_${hex("1a01")}`,
      balance: 500,
    },
    customer: {
      customerID: 81002,
      email: "buyer@inovapin.test",
      password: "buyer-pass",
      firstName: "Ece",
      lastName: "Buyer",
      isApi: false,
      callbackKey: `ak_test_${hex("1c02")}`,
      balance: 50,
    },
    supplierKey: `ak_test_${hex("15e3")}`,
    paymentKey: `ak_test_${hex("19a4")}`,
  },
  closed: {
    id: "closed",
    name: "Closed store (sandbox, API integration disabled)",
    apiEnabled: false,
    jwtSecret: "sandbox-closed-jwt-secret-00000000000000000",
    reseller: {
      customerID: 90001,
      email: "reseller@closed.test",
      password: "reseller-pass",
      firstName: "No",
      lastName: "Api",
      isApi: true,
      callbackKey: `ak_test_${hex("c0a1")}`,
      balance: 0,
    },
    customer: {
      customerID: 90002,
      email: "buyer@closed.test",
      password: "buyer-pass",
      firstName: "No",
      lastName: "Buyer",
      isApi: false,
      callbackKey: `ak_test_${hex("c0c2")}`,
      balance: 0,
    },
    supplierKey: `ak_test_${hex("c5e3")}`,
    paymentKey: `ak_test_${hex("c9a4")}`,
  },
} satisfies Record<string, HyperTenantConfig>);

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

/** One order line. */
export interface OrderLine {
  orderID: number;
  orderDetailID: number;
  deliverID: string | null;
  customerStoreProductID: number;
  productID: number;
  productName: string;
  quantity: number;
  price: number;
  status: DeliveryStatus;
  deliveryData: string[] | null;
  deliveryNote: string | string[] | null;
  requiredData: Array<{ title: string; value: string }>;
  createdAt: string;
  customerID: number;
  notifyURL: string | null;
}

/** A recorded payment (Payment API). */
export interface Payment {
  paymentID: string;
  orderID: number | null;
  customerID: number | null;
  amount: number;
  currency: string;
  status: "pending" | "paid" | "failed" | "refunded" | "partially_refunded";
  refundedAmount: number;
}

/** A line Create Order refuses, with why. */
export interface RefusedLine {
  deliverID: string | null;
  customerStoreProductID: number;
  message: string;
}

const CATEGORIES = [
  { productCategoryID: 10, categoryName: "Knight Online", parentID: null },
  { productCategoryID: 11, categoryName: "Knight Online GB", parentID: 10 },
  { productCategoryID: 20, categoryName: "Mobile games", parentID: null },
  { productCategoryID: 21, categoryName: "PUBG Mobile UC", parentID: 20 },
  { productCategoryID: 30, categoryName: "Valorant VP", parentID: null },
];

function catalog(): Product[] {
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

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The mutable state of one tenant. */
export class TenantState {
  readonly accounts: HyperAccount[];
  products: Product[] = catalog();
  lines: OrderLine[] = [];
  payments = new Map<string, Payment>();
  private nextOrder = 70001;
  private nextLine = 55501;
  private nextProduct = 600;

  constructor(readonly config: HyperTenantConfig) {
    this.accounts = [{ ...config.reseller }, { ...config.customer }];
  }

  /** Back to the initial state. */
  reset(): void {
    for (const [i, base] of [this.config.reseller, this.config.customer].entries()) {
      this.accounts[i]!.balance = base.balance;
    }
    this.products = catalog();
    this.lines = [];
    this.payments.clear();
    this.nextOrder = 70001;
    this.nextLine = 55501;
    this.nextProduct = 600;
  }

  account(customerID: number): HyperAccount | undefined {
    return this.accounts.find((a) => a.customerID === customerID);
  }

  login(email: string, password: string, api: boolean): HyperAccount {
    const account = this.accounts.find((a) => a.email.toLowerCase() === email.toLowerCase());
    if (!account || account.password !== password)
      throw new HyperSandboxError(400, -2, "Invalid email or password");
    if (account.isApi !== api) {
      throw new HyperSandboxError(
        400,
        -3,
        api ? "The customer is not an API customer (IsAPI = 0)" : "API customers log in with Generate Token",
      );
    }
    return account;
  }

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

  /**
   * Create Order: all or nothing. Refused lines (unknown or passive product, not enough stock, missing
   * required data) come back in the result and nothing changes; an order over the balance is refused whole.
   */
  createOrder(
    account: HyperAccount,
    basket: Array<{
      deliverID?: string;
      customerStoreProductID: number;
      quantity: number;
      requireData?: Array<{ productRequireID?: number; identifier?: string; title?: string; value: string }>;
    }>,
    notifyURL: string | null,
    now: number,
  ): { refused: RefusedLine[] } | { orderID: number; lines: OrderLine[] } {
    const refused: RefusedLine[] = [];
    const wanted = new Map<number, number>();
    for (const item of basket) {
      const p = this.products.find((x) => x.customerStoreProductID === item.customerStoreProductID);
      const deliverID = item.deliverID ?? null;
      const already = wanted.get(item.customerStoreProductID) ?? 0;
      if (p?.status !== 1) {
        refused.push({
          deliverID,
          customerStoreProductID: item.customerStoreProductID,
          message: "Product not available",
        });
      } else if (p.totalStock < already + item.quantity) {
        refused.push({
          deliverID,
          customerStoreProductID: item.customerStoreProductID,
          message: "Out of stock",
        });
      } else {
        const given = new Set((item.requireData ?? []).map((r) => r.productRequireID ?? r.identifier));
        const missing = p.productRequire.filter(
          (r) => !given.has(r.productRequireID) && !given.has(r.identifier),
        );
        if (missing.length) {
          refused.push({
            deliverID,
            customerStoreProductID: item.customerStoreProductID,
            message: `Missing required data: ${missing.map((m) => m.title).join(", ")}`,
          });
        }
      }
      wanted.set(item.customerStoreProductID, already + item.quantity);
    }
    if (refused.length) return { refused };
    const products = basket.map(
      (item) => this.products.find((x) => x.customerStoreProductID === item.customerStoreProductID)!,
    );
    const total = round2(basket.reduce((sum, item, i) => sum + products[i]!.salePrice * item.quantity, 0));
    if (total > account.balance) {
      throw new HyperSandboxError(
        200,
        -30,
        `Insufficient balance: the order costs ${total}, the balance is ${account.balance}`,
        {
          orderID: null,
          details: null,
          items: null,
        },
      );
    }
    account.balance = round2(account.balance - total);
    const orderID = this.nextOrder++;
    const lines = basket.map((item, i) => {
      const p = products[i]!;
      p.totalStock -= item.quantity;
      const line: OrderLine = {
        orderID,
        orderDetailID: this.nextLine++,
        deliverID: item.deliverID ?? null,
        customerStoreProductID: p.customerStoreProductID,
        productID: p.productID,
        productName: p.productName,
        quantity: item.quantity,
        price: round2(p.salePrice * item.quantity),
        status: 2 as DeliveryStatus,
        deliveryData: null,
        deliveryNote: null,
        requiredData: (item.requireData ?? []).map((r) => ({
          title:
            r.title ??
            p.productRequire.find(
              (x) => x.productRequireID === r.productRequireID || x.identifier === r.identifier,
            )?.title ??
            r.identifier ??
            "value",
          value: r.value,
        })),
        createdAt: new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z"),
        customerID: account.customerID,
        notifyURL,
      };
      this.lines.push(line);
      return line;
    });
    return { orderID, lines };
  }

  /** The caller's line, or a 404. */
  lineOf(account: HyperAccount | undefined, orderDetailID: number): OrderLine {
    const line = this.lines.find(
      (l) => l.orderDetailID === orderDetailID && (!account || l.customerID === account.customerID),
    );
    if (!line) throw new HyperSandboxError(404, -404, `No order line ${orderDetailID}`);
    return line;
  }

  /** Sets a line's state (supplier delivery or reseller cancel); cancelling refunds the line and its stock. */
  setStatus(
    line: OrderLine,
    status: DeliveryStatus,
    data: string[] | null,
    note: string | string[] | null,
  ): void {
    if (line.status === 0 || line.status === 1) {
      throw new HyperSandboxError(
        400,
        -40,
        `Order line ${line.orderDetailID} is already ${line.status === 1 ? "delivered" : "cancelled"}`,
      );
    }
    if (status === 0) {
      const account = this.account(line.customerID);
      if (account) account.balance = round2(account.balance + line.price);
      const p = this.products.find((x) => x.productID === line.productID);
      if (p) p.totalStock += line.quantity;
    }
    line.status = status;
    if (status === 1) {
      line.deliveryData = data;
      line.deliveryNote = note;
    } else if (note !== null) {
      line.deliveryNote = note;
    }
  }

  lineView(l: OrderLine) {
    return {
      deliverID: l.deliverID,
      orderDetailID: l.orderDetailID,
      status: l.status,
      deliveryData: l.deliveryData,
      deliveryNote: l.deliveryNote,
    };
  }

  awaiting() {
    return this.lines
      .filter((l) => l.status === 2 || l.status === 3)
      .map((l) => ({
        orderID: l.orderID,
        orderDetailID: l.orderDetailID,
        deliverID: l.deliverID,
        productID: l.productID,
        productName: l.productName,
        quantity: l.quantity,
        requiredData: l.requiredData.map((r) => ({ ...r })),
        createdAt: l.createdAt,
      }));
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

  notifyPayment(input: {
    paymentID: string;
    orderID?: number;
    customerID?: number;
    amount: number;
    currency: string;
    status: Payment["status"];
  }): Payment {
    if (this.payments.has(input.paymentID)) {
      throw new HyperSandboxError(400, -50, `Payment ${input.paymentID} is already recorded`);
    }
    const payment: Payment = {
      paymentID: input.paymentID,
      orderID: input.orderID ?? null,
      customerID: input.customerID ?? null,
      amount: input.amount,
      currency: input.currency,
      status: input.status,
      refundedAmount: 0,
    };
    if (input.status === "paid" && input.customerID !== undefined) {
      const account = this.account(input.customerID);
      if (!account) throw new HyperSandboxError(404, -404, `No customer ${input.customerID}`);
      account.balance = round2(account.balance + input.amount);
    }
    this.payments.set(payment.paymentID, payment);
    return payment;
  }

  payment(paymentID: string): Payment {
    const p = this.payments.get(paymentID);
    if (!p) throw new HyperSandboxError(404, -404, `No payment ${paymentID}`);
    return p;
  }

  refund(paymentID: string, amount: number): Payment {
    const p = this.payment(paymentID);
    if (p.status !== "paid" && p.status !== "partially_refunded") {
      throw new HyperSandboxError(400, -51, `Payment ${paymentID} is ${p.status}`);
    }
    if (round2(p.refundedAmount + amount) > p.amount) {
      throw new HyperSandboxError(
        400,
        -52,
        `Refund exceeds the payment (${p.amount - p.refundedAmount} left)`,
      );
    }
    p.refundedAmount = round2(p.refundedAmount + amount);
    p.status = p.refundedAmount === p.amount ? "refunded" : "partially_refunded";
    if (p.customerID !== null) {
      const account = this.account(p.customerID);
      if (account) account.balance = round2(account.balance - amount);
    }
    return p;
  }
}
