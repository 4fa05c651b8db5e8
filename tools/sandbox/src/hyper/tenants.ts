/**
 * The Hyper sandbox's built-in tenants: each store's fixed facts (JWT secret, Reseller and Storefront accounts,
 * Supplier and Payment API keys), as each store of the white-label platform has its own.
 */

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
