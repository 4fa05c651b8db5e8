/**
 * `createHiobuyClient()`: the HIOBuy Gateway over openapi-fetch, Bearer-signed, with HIOBuy's failure and
 * retry rules (docs/providers/hiobuy.md: "Responses and errors", "Rate limits and quotas", "Idempotency").
 */
import {
  commonOptions,
  createKeywayClient,
  type InitParam,
  type KeywayClient,
  type KeywayCommonOptions,
  KeywayConfigError,
  type OperationOf,
  type OperationRow,
  type PathsWithMethod,
  type Secret,
  type UnknownOutcomeCall,
  type UnknownOutcomeInfo,
  type WithProviderError,
} from "@keyway/auth";
import { bearer } from "@keyway/auth/bearer";
import { defaultRandom, toHex } from "@keyway/auth/internal";
import type { FetchResponse, MaybeOptionalInit, ParseAs } from "openapi-fetch";
import { type HiobuyError, hiobuyErrorFrom, isHiobuyFailure } from "./errors.js";
import { operations, type paths } from "./generated/index.js";
import { USER_AGENT } from "./generated/version.js";

/** The shape of a `client.use()` hook set (openapi-fetch's middleware; see @keyway/auth). */
export type { Middleware, MiddlewareCallbackParams } from "@keyway/auth";

/** HIOBuy's production base URL. `hio_test_` keys use the same URL (the key selects sandbox mode). */
export const HIOBUY_BASE_URL = "https://api.hiobuy.com/v1";

/** Options of {@link createHiobuyClient}: the key, plus the common client options. */
export interface HiobuyClientOptions extends KeywayCommonOptions {
  /** `hio_live_…` or `hio_test_…`, or a function returning the current key (read per request). */
  readonly apiKey: Secret;
  /** Default {@link HIOBUY_BASE_URL}. https, or http on loopback (the sandbox). */
  readonly baseUrl?: string | URL | undefined;
}

/** The passthrough variant some routes answer with when the body asks `response_format: "upstream"`. */
type Upstream = { response_format: "upstream" };
/** A 200 business failure; on `x-hiobuy-business-failure: error` operations it arrives as `error`, never `data`. */
type Failure = { success: false };
/** The operation's `x-hiobuy-business-failure`, read from the generated table. */
type FailureMode<Path, M extends string> = `${Uppercase<M>} ${Path & string}` extends keyof typeof operations
  ? (typeof operations)[`${Uppercase<M>} ${Path & string}`]["extensions"] extends {
      "x-hiobuy-business-failure": infer F;
    }
    ? F
    : "error"
  : "error";
/** A result whose `data` is narrowed by `Pick` (standard, upstream or both) and the operation's failure mode. */
type Narrowed<R, Pick extends "standard" | "upstream" | "either", Mode> = R extends {
  data: infer D;
  error?: never;
  response: Response;
}
  ? {
      data: Mode extends "error" ? Exclude<ByPick<D, Pick>, Failure> : ByPick<D, Pick>;
      error?: never;
      response: Response;
    }
  : R;
type ByPick<D, Pick> = Pick extends "upstream"
  ? Extract<D, Upstream>
  : Pick extends "standard"
    ? Exclude<D, Upstream>
    : D;
type Result<
  Path extends keyof paths,
  M extends "get" | "post",
  Init,
  Pick extends "standard" | "upstream" | "either",
> = Promise<
  Narrowed<
    WithProviderError<FetchResponse<OperationOf<paths, Path, M>, Init, `${string}/${string}`>, HiobuyError>,
    Pick,
    FailureMode<Path, M>
  >
>;
type InitOf<Path extends keyof paths, M extends "get" | "post"> = MaybeOptionalInit<
  paths[Path],
  M & keyof paths[Path]
>;
/** The body's `response_format` values. */
type Format = "standard" | "upstream";
/**
 * `F` as the `data` variant: exactly `"upstream"` the passthrough envelope, `"standard"` (or `never`, on
 * operations without `response_format`) the standard shape, both (a `ResponseFormat` variable) either.
 */
type PickOf<F> = [F] extends [never]
  ? "standard"
  : [F] extends ["upstream"]
    ? "upstream"
    : [F] extends ["standard"]
      ? "standard"
      : "either";
/** The `response_format` values the operation's body accepts (`never` when it has none). */
type FormatOf<Path extends keyof paths, M extends "get" | "post"> =
  InitOf<Path, M> extends {
    body: { response_format?: infer F };
  }
    ? Exclude<F, undefined>
    : never;
/**
 * openapi-fetch's method signature as ONE generic signature (so a mistake is one diagnostic, not one per
 * overload). `F` is inferred from the body's `response_format` (default `"standard"`, also when there is no
 * `init` at all) and picks the `data` type: see {@link PickOf}; `As` is `init.parseAs` (default `"json"`).
 */
type Method<M extends "get" | "post"> = <
  Path extends PathsWithMethod<paths, M>,
  Init extends InitOf<Path, M>,
  F extends Format = "standard",
  As extends ParseAs = "json",
>(
  url: Path,
  ...init: InitParam<Init & { body?: { response_format?: F & FormatOf<Path, M> }; parseAs?: As }>
) => Result<Path, M, { parseAs: As }, PickOf<F>>;

/**
 * A typed HIOBuy client: `client.POST("/products/detail", { body })` → `{ data, error, response }`.
 * `data` is the standard shape unless the body says `response_format: "upstream"` (then the passthrough
 * envelope; a `ResponseFormat` variable gives the union, narrowed by `isUpstream`).
 */
export type HiobuyClient = Omit<KeywayClient<paths, HiobuyError>, "GET" | "POST"> & {
  GET: Method<"get">;
  POST: Method<"post">;
};

const KEY = /^hio_(live|test)_[A-Za-z0-9_-]+$/;

function checkKey(key: string): void {
  if (!KEY.test(key)) {
    throw new KeywayConfigError(
      "HIOBuy apiKey must look like hio_live_… or hio_test_… (the value is not shown)",
    );
  }
}

/** Paths whose body gets a generated caller reference when none is given. */
const GENERATED_IDS: Readonly<Record<string, readonly [field: string, prefix: string]>> = {
  "/orders/create": ["external_order_id", "ko_"],
  "/fulfillment/shipments/create": ["external_shipment_id", "ks_"],
};

const RETRYABLE_429 = new Set(["RATE_LIMIT_EXCEEDED", "PLATFORM_QUOTA_EXCEEDED"]);

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } };
    return typeof body?.error?.code === "string" ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

function describeLostCall(call: UnknownOutcomeCall): UnknownOutcomeInfo | undefined {
  const body = (call.body ?? {}) as Record<string, unknown>;
  const at = new Date(call.sentAt).toISOString();
  if (call.row.path === "/orders/create") {
    const ref = body.external_order_id;
    return {
      message:
        `POST /orders/create: no answer, so the order may have been created (external_order_id ${String(ref)}, sent ${at}). ` +
        "Do not resend: HIOBuy does not deduplicate external_order_id, so a resend can create a second order.",
      hint:
        `Call POST /orders/list for the minutes around ${at} and look for external_order_id ${String(ref)}; ` +
        "create again only if it is not there.",
      details: { external_order_id: ref, channel: body.channel, sentAt: at },
    };
  }
  if (call.row.path === "/orders/pay") {
    return {
      message: `POST /orders/pay: no answer, so order ${String(body.order_id)} may have been paid (sent ${at}). Do not pay again blindly.`,
      hint: `Call POST /orders/detail for order_id ${String(body.order_id)} and check its status before paying again.`,
      details: { order_id: body.order_id, channel: body.channel, sentAt: at },
    };
  }
  return undefined;
}

/**
 * Creates a HIOBuy client. A malformed static key fails here, before any call; the key never appears
 * in an error, `toString`, `JSON.stringify` or `util.inspect` of the client or its errors.
 */
export function createHiobuyClient(options: HiobuyClientOptions): HiobuyClient {
  if (options === null || typeof options !== "object")
    throw new KeywayConfigError("createHiobuyClient needs options");
  const { apiKey } = options;
  if (typeof apiKey !== "string" && typeof apiKey !== "function") {
    throw new KeywayConfigError("HIOBuy apiKey is required (a hio_live_… or hio_test_… key)");
  }
  const random = options.random ?? defaultRandom;
  const client = createKeywayClient<paths, HiobuyError>({
    ...commonOptions(options),
    baseUrl: options.baseUrl ?? HIOBUY_BASE_URL,
    provider: "HIOBuy",
    userAgent: USER_AGENT,
    operations,
    scheme: bearer({ token: apiKey, validate: checkKey }),
    toError: hiobuyErrorFrom,
    isFailure: (body, row: OperationRow) =>
      row.extensions["x-hiobuy-business-failure"] !== "data" && isHiobuyFailure(body),
    isRetryable: async (response) => {
      if (response.status !== 429) return undefined;
      const code = await errorCode(response);
      // The daily quota will not come back by waiting seconds: surface it (docs/providers/hiobuy.md, "Rate limits and quotas").
      if (code === "QUOTA_EXCEEDED") return false;
      return code === undefined || RETRYABLE_429.has(code) ? true : undefined;
    },
    prepareBody: (body, row) => {
      const generated = GENERATED_IDS[row.path];
      if (!generated || typeof body !== "object" || body === null) return body;
      const [field, prefix] = generated;
      if ((body as Record<string, unknown>)[field]) return body;
      return { ...body, [field]: prefix + toHex(random(12)) };
    },
    unknownOutcome: describeLostCall,
  });
  return client as HiobuyClient;
}
