/**
 * The four Hyper clients. Each tenant has its own API host, so `baseUrl` is required. Reseller and Storefront
 * carry a JWT session (`@keyway/auth/jwt`): the token comes from your `token` / `getToken`, or from the
 * client's own login call with `credentials`; it is refreshed before it expires, once after a 401, and one
 * login serves every concurrent call. Payment and Supplier send the `ApiKey` header (`@keyway/auth/api-key`).
 */
import {
  commonOptions,
  createKeywayClient,
  type KeywayClient,
  type KeywayCommonOptions,
  KeywayConfigError,
  type OperationRow,
  type OperationTable,
  readSecret,
  type Scheme,
  type Secret,
  type SignResult,
  type UnknownOutcomeCall,
  type UnknownOutcomeInfo,
} from "@keyway/auth";
import { apiKeyHeader } from "@keyway/auth/api-key";
import { opaque } from "@keyway/auth/internal";
import { type JwtToken, type JwtTokenReason, jwtSession } from "@keyway/auth/jwt";
import { field, type HyperError, hyperErrorFrom, isHyperFailure } from "./errors.js";
import { type paths as PaymentPaths, operations as paymentOperations } from "./generated/payment/index.js";
import { type paths as ResellerPaths, operations as resellerOperations } from "./generated/reseller/index.js";
import {
  type paths as StorefrontPaths,
  operations as storefrontOperations,
} from "./generated/storefront/index.js";
import { type paths as SupplierPaths, operations as supplierOperations } from "./generated/supplier/index.js";
import { USER_AGENT } from "./generated/version.js";

/** The shape of a `client.use()` hook set (openapi-fetch's middleware; see @keyway/auth). */
export type { Middleware, MiddlewareCallbackParams } from "@keyway/auth";

/**
 * The platform owner's own tenant (the host its docs use). Not a default: every store runs its own API host,
 * so each factory requires `baseUrl` (e.g. `https://api.bursagb.com`).
 */
export const HYPER_BASE_URL = "https://api.hyperteknoloji.com.tr";

/** Options every Hyper client takes: the common client options, the tenant's host and the region header. */
export interface HyperBaseOptions extends KeywayCommonOptions {
  /** The tenant's API host, e.g. `https://api.bursagb.com` (required: each store has its own). */
  readonly baseUrl: string;
  /** Sent as `h-region-code` on every call (the platform defaults to `TR` without it). */
  readonly regionCode?: string | undefined;
}

/** Login credentials of an API customer (Reseller) or a customer (Storefront). */
export interface HyperCredentials {
  readonly email: Secret;
  readonly password: Secret;
}

/** How a JWT client gets its token: exactly one of `token`, `getToken` or `credentials`. */
export interface HyperJwtOptions extends HyperBaseOptions {
  /** A token you already have (string, or a function read whenever a token is needed). */
  readonly token?: Secret | undefined;
  /** Your token source (e.g. a shared cache); called once at a time, with why a token is needed. */
  readonly getToken?:
    | ((info: { readonly reason: JwtTokenReason }) => string | JwtToken | Promise<string | JwtToken>)
    | undefined;
  /** Email and password: the client calls the login route itself (Generate Token / customer login). */
  readonly credentials?: HyperCredentials | undefined;
  /** Fetch a new token this long before it expires (default 30 000 ms, at most half its lifetime). */
  readonly refreshMarginMs?: number | undefined;
}

/** Options of {@link createResellerClient}. */
export type ResellerClientOptions = HyperJwtOptions;
/** Options of {@link createStorefrontClient}. */
export type StorefrontClientOptions = HyperJwtOptions;

/** Options of the ApiKey clients ({@link createPaymentClient}, {@link createSupplierClient}). */
export interface HyperApiKeyOptions extends HyperBaseOptions {
  /** The `ApiKey` (e.g. `ak_live_…`), or a function read per request so it can rotate. */
  readonly apiKey: Secret;
}
/** Options of {@link createPaymentClient}. */
export type PaymentClientOptions = HyperApiKeyOptions;
/** Options of {@link createSupplierClient}. */
export type SupplierClientOptions = HyperApiKeyOptions;

/** The Reseller API client: openapi-fetch's call shape, `error` typed as {@link HyperError}. */
export type ResellerClient = KeywayClient<ResellerPaths, HyperError>;
/** The Storefront API client. */
export type StorefrontClient = KeywayClient<StorefrontPaths, HyperError>;
/** The Payment API client. */
export type PaymentClient = KeywayClient<PaymentPaths, HyperError>;
/** The Supplier API client. */
export type SupplierClient = KeywayClient<SupplierPaths, HyperError>;

const REGION = /^[A-Z]{2}$/;

/** An operation the spec marks public (`security: []`): sent without credentials. */
const isPublic = (row: OperationRow) => row.security?.length === 0;

/** What a public operation is signed with when no region is set: nothing. */
const UNSIGNED: SignResult = Object.freeze({});

/**
 * Wraps a scheme: public operations are not signed, and every call carries the region header. Synchronous
 * where the inner scheme is (a static `ApiKey`, a JWT still fresh): no extra promise per call.
 */
function withTenantRules(inner: Scheme, regionCode: string | undefined): Scheme {
  const region = regionCode === undefined ? undefined : Object.freeze({ "h-region-code": regionCode });
  const regionOnly: SignResult = region ? Object.freeze({ headers: region }) : UNSIGNED;
  // The inner result last given the region header: a static scheme returns the same object every time.
  let lastSigned: SignResult | undefined;
  let lastWithRegion: SignResult | undefined;
  /**
   * The inner scheme's result behind each result with the region added, for an inner scheme with an
   * `onAuthError` (it reads its own). Only the JWT session has one, and its results are one per token: no
   * map entry per call.
   */
  const innerOf = inner.onAuthError ? new WeakMap<SignResult, SignResult>() : undefined;
  const addRegion = (signed: SignResult): SignResult => {
    if (signed !== lastSigned) {
      lastWithRegion = { ...signed, headers: { ...signed.headers, ...region } };
      lastSigned = signed;
      innerOf?.set(lastWithRegion, signed);
    }
    return lastWithRegion!;
  };
  return Object.freeze({
    name: inner.name,
    sign(parts, ctx) {
      if (isPublic(ctx.row)) return regionOnly;
      const signed = inner.sign(parts, ctx);
      if (!region) return signed;
      return "then" in signed ? signed.then(addRegion) : addRegion(signed);
    },
    ...(inner.onAuthError
      ? {
          onAuthError: (
            response: Response,
            ctx: Parameters<NonNullable<Scheme["onAuthError"]>>[1],
            signed?: SignResult,
          ) =>
            isPublic(ctx.row)
              ? ("fail" as const)
              : inner.onAuthError!(response, ctx, signed && (innerOf?.get(signed) ?? signed)),
        }
      : {}),
    ...opaque(`[${inner.name} scheme]`, { scheme: inner.name }),
  } satisfies Scheme);
}

const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);

/** How a surface says what settles a create that may have gone through (its operations only, so each
 * factory's bundle carries its own surface's hints). */
type LostCall = (call: UnknownOutcomeCall) => UnknownOutcomeInfo | undefined;

const lostBody = (call: UnknownOutcomeCall) =>
  [(call.body ?? {}) as Record<string, unknown>, new Date(call.sentAt).toISOString()] as const;

/** Reseller and Storefront: orders. */
const lostOrder: LostCall = (call) => {
  const [body, at] = lostBody(call);
  switch (call.row.operationId) {
    case "createOrder": {
      const basket = field(body, "basketData");
      const ids = Array.isArray(basket)
        ? basket.map((line) => str((line as Record<string, unknown>) && field(line as never, "deliverID")))
        : [];
      const known = ids.filter((id): id is string => id !== undefined);
      const which = known.length ? `deliverID ${known.join(", ")}` : "the basket (it carried no deliverID)";
      return {
        message:
          `POST /Order/create: no answer, so the order may have been created (${which}, sent ${at}). ` +
          "Do not resend: Hyper does not document de-duplication of deliverID, so a resend can order twice.",
        hint:
          `Call POST /Order/customer/list (newest first) and look for ${which}` +
          (known.length ? "" : " by product and time") +
          `; wait for its delivery callback, or create again only if it is not there.`,
        details: { deliverIDs: known, sentAt: at },
      };
    }
    case "cancelOrder":
      return {
        hint: `Call GET /Order/detail/${String(field(body, "orderDetailID"))}: status 0 means the cancel went through.`,
        details: { orderDetailID: field(body, "orderDetailID"), sentAt: at },
      };
    default:
      return undefined;
  }
};

/** Supplier: deliveries. */
const lostDelivery: LostCall = (call) => {
  if (call.row.operationId !== "deliverOrder") return undefined;
  const [body, at] = lostBody(call);
  return {
    hint:
      `Call POST /Supplier/Orders/Awaiting: if order line ${String(field(body, "orderDetailID"))} is no longer ` +
      "listed, the delivery was recorded; deliver again only if it is still there.",
    details: { orderDetailID: field(body, "orderDetailID"), deliverID: field(body, "deliverID"), sentAt: at },
  };
};

/** Payment: notifications and refunds. */
const lostPayment: LostCall = (call) => {
  const id = call.row.operationId;
  if (id !== "notifyPayment" && id !== "refundPayment") return undefined;
  const [body, at] = lostBody(call);
  return {
    hint: `Call GET /Payment/Status/${String(field(body, "paymentID"))} to see what was recorded before sending again.`,
    details: { paymentID: field(body, "paymentID"), sentAt: at },
  };
};

function check(options: HyperBaseOptions | undefined, factory: string): asserts options is HyperBaseOptions {
  if (options === null || typeof options !== "object")
    throw new KeywayConfigError(`${factory} needs options`);
  if (typeof options.baseUrl !== "string" || options.baseUrl.length === 0) {
    throw new KeywayConfigError(
      `${factory}: baseUrl is required (the tenant's API host, e.g. https://api.bursagb.com)`,
    );
  }
  if (options.regionCode !== undefined && !REGION.test(options.regionCode)) {
    throw new KeywayConfigError(`${factory}: regionCode must be two capital letters, e.g. TR`);
  }
}

function build<Paths extends {}>(
  options: HyperBaseOptions,
  operations: OperationTable,
  scheme: Scheme,
  unknownOutcome: LostCall,
) {
  return createKeywayClient<Paths, HyperError>({
    ...commonOptions(options),
    baseUrl: options.baseUrl,
    provider: "Hyper",
    userAgent: USER_AGENT,
    ...(options.regionCode === undefined ? {} : { describe: { regionCode: options.regionCode } }),
    operations,
    scheme: withTenantRules(scheme, options.regionCode),
    toError: hyperErrorFrom,
    isFailure: isHyperFailure,
    unknownOutcome,
  });
}

/** The login operation of each JWT surface. */
type LoginPath = "/Login/Customer/Api/Verify" | "/Login/Customer/Verify";

function jwtClient<Paths extends {}>(
  options: HyperJwtOptions,
  operations: OperationTable,
  loginPath: LoginPath,
  factory: string,
): KeywayClient<Paths, HyperError> {
  check(options, factory);
  const given = [options.token, options.getToken, options.credentials].filter((v) => v !== undefined);
  if (given.length !== 1) {
    throw new KeywayConfigError(`${factory}: pass exactly one of token, getToken or credentials`);
  }
  let client: KeywayClient<Paths, HyperError> | undefined;
  const { token, getToken, credentials } = options;
  const source: (info: {
    readonly reason: JwtTokenReason;
  }) => string | JwtToken | Promise<string | JwtToken> =
    getToken ??
    (token !== undefined
      ? () => readSecret(token)
      : async () => {
          const creds = credentials as HyperCredentials;
          const body = { email: await readSecret(creds.email), password: await readSecret(creds.password) };
          // The login route is public in the spec, so this call is not signed (no recursion into the session).
          const post = client!.POST as unknown as (
            path: LoginPath,
            init: { body: unknown },
          ) => Promise<{ data?: { data?: Record<string, unknown> }; error?: HyperError }>;
          const { data, error } = await post(loginPath, { body });
          if (error) throw error;
          const d = data?.data ?? {};
          const value = field(d, "token");
          const expiration = field(d, "expiration");
          if (typeof value !== "string") throw new KeywayConfigError(`${loginPath} answered without a token`);
          return {
            token: value,
            expiresAt: typeof expiration === "string" && expiration ? expiration : undefined,
          };
        });
  const scheme = jwtSession({ getToken: source, refreshMarginMs: options.refreshMarginMs });
  client = build<Paths>(options, operations, scheme, lostOrder);
  return client;
}

/**
 * Creates a Reseller API client (API customer, JWT). With `credentials` the client calls Generate Token
 * (`POST /Login/Customer/Api/Verify`) itself, refreshes before `expiration` / `exp`, once after a 401, and
 * shares one login between concurrent calls; a refused token is never retried in a loop.
 *
 * ```ts
 * const reseller = createResellerClient({ baseUrl: "https://api.bursagb.com", credentials: { email, password } });
 * const { data, error } = await reseller.GET("/Categories");
 * ```
 * @throws KeywayConfigError when `baseUrl` is missing or not exactly one token source is given.
 */
export function createResellerClient(options: ResellerClientOptions): ResellerClient {
  return jwtClient<ResellerPaths>(
    options,
    resellerOperations,
    "/Login/Customer/Api/Verify",
    "createResellerClient",
  );
}

/**
 * Creates a Storefront API client (end customer, JWT). With `credentials` the client calls the customer
 * login (`POST /Login/Customer/Verify`, a proposed route) itself; refresh works as for the Reseller client.
 * @throws KeywayConfigError when `baseUrl` is missing or not exactly one token source is given.
 */
export function createStorefrontClient(options: StorefrontClientOptions): StorefrontClient {
  return jwtClient<StorefrontPaths>(
    options,
    storefrontOperations,
    "/Login/Customer/Verify",
    "createStorefrontClient",
  );
}

function apiKeyClient<Paths extends {}>(
  options: HyperApiKeyOptions,
  operations: OperationTable,
  factory: string,
  lost: LostCall,
): KeywayClient<Paths, HyperError> {
  check(options, factory);
  if (typeof options.apiKey !== "string" && typeof options.apiKey !== "function") {
    throw new KeywayConfigError(`${factory}: apiKey is required`);
  }
  return build<Paths>(options, operations, apiKeyHeader({ key: options.apiKey, header: "ApiKey" }), lost);
}

/**
 * Creates a Payment API client (`ApiKey` header). The routes of this surface are proposals (see the README).
 * @throws KeywayConfigError when `baseUrl` or `apiKey` is missing, or a static key is malformed.
 */
export function createPaymentClient(options: PaymentClientOptions): PaymentClient {
  return apiKeyClient<PaymentPaths>(options, paymentOperations, "createPaymentClient", lostPayment);
}

/**
 * Creates a Supplier API client (`ApiKey` header): awaiting orders, delivery, products.
 * @throws KeywayConfigError when `baseUrl` or `apiKey` is missing, or a static key is malformed.
 */
export function createSupplierClient(options: SupplierClientOptions): SupplierClient {
  return apiKeyClient<SupplierPaths>(options, supplierOperations, "createSupplierClient", lostDelivery);
}
