/**
 * Hyper's callbacks to you: the Order Delivery Callback (each state change of an order line) and the Product
 * Update Callback. The platform POSTs JSON with `Apikey: <your account key>` and sends the request again until
 * it gets a 2xx with `{ "success": true, "message": "OK" }`. These handlers check the key in constant time,
 * parse the typed payload, de-duplicate through a store, call your function and acknowledge only after it
 * resolved. Fetch-API `Request → Response` functions: Node, Bun, Deno and edge runtimes.
 */
import { readSecret, type Secret } from "@keyway/auth";
import { type ClaimStore, memoryClaimStore, sha256, timingSafeEqual, utf8 } from "@keyway/auth/internal";
import { field } from "./errors.js";
import type { webhooks } from "./generated/reseller/index.js";

/** The delivery state of an order line: 0 cancelled, 1 delivered, 2 processing, 3 removed from processing. */
export type HyperDeliveryStatus = 0 | 1 | 2 | 3;

/** The Order Delivery Callback body as the spec describes it (PascalCase, as the docs show it). */
export type HyperDeliveryCallbackBody = NonNullable<
  webhooks["orderDelivery"]["post"]["requestBody"]
>["content"]["application/json"];

/** A verified delivery callback, normalised (either casing accepted on the wire). */
export interface HyperDelivery {
  /** Your id of the line, from Create Order (`DeliverID`). */
  readonly deliverID: string | null;
  /** The platform's id of the order line (`OrderDetailID`). */
  readonly orderDetailID: number;
  /** The new state. */
  readonly status: HyperDeliveryStatus;
  /** `true` when `status` is 1 (delivered). */
  readonly delivered: boolean;
  /** The delivered codes (E-PIN, e-mail, SMS products), or null. */
  readonly deliveryData: readonly string[] | null;
  /** A manual-delivery note or transaction reference (string or list), or null. */
  readonly deliveryNote: string | readonly string[] | null;
  /** The dedupe key this delivery was claimed under: `orderDetailID:status`. */
  readonly key: string;
  /** The body as received. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A verified product update callback (the payload is not documented: the raw body plus the known ids). */
export interface HyperProductUpdate {
  readonly productID: number | undefined;
  readonly customerStoreProductID: number | undefined;
  /** The dedupe key: the body's canonical JSON. */
  readonly key: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * Where handled callbacks are remembered (the shared claim store: claims carry a lease, so a function that
 * never settles does not block its callback forever). Back it with a database (a unique insert with an
 * expiry column) in production; the default is in memory (one process).
 */
export type HyperCallbackStore = ClaimStore;

/**
 * An in-memory {@link HyperCallbackStore} (bounded; the oldest keys are forgotten first; claims expire after
 * their lease).
 * @param max keys kept.
 * @param now clock in ms (default `Date.now`).
 */
export function memoryCallbackStore(max = 10_000, now: () => number = Date.now): HyperCallbackStore {
  return memoryClaimStore(max, now);
}

/** Options shared by the callback handlers. */
export interface HyperCallbackHandlerOptions {
  /** Your account's API key: the value the platform sends in `Apikey` (a function is read per callback). */
  readonly apiKey: Secret;
  /** Dedupe store (default: {@link memoryCallbackStore}). */
  readonly store?: HyperCallbackStore;
  /** Told about failures the answer cannot carry (your function throwing). */
  readonly onError?: (error: unknown, context: { key: string }) => void;
  /** Largest accepted body in bytes (default 64 KiB). */
  readonly maxBodyBytes?: number;
}

/** Options of {@link createDeliveryCallbackHandler}. */
export interface HyperDeliveryHandlerOptions extends HyperCallbackHandlerOptions {
  /** Called once per order-line state; the acknowledgement waits for it to resolve. */
  readonly onDelivery: (delivery: HyperDelivery) => void | Promise<void>;
}

/** Options of {@link createProductUpdateHandler}. */
export interface HyperProductUpdateHandlerOptions extends HyperCallbackHandlerOptions {
  /** Called once per distinct update; the acknowledgement waits for it to resolve. */
  readonly onProductUpdate: (update: HyperProductUpdate) => void | Promise<void>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const json = (status: number, body: Json) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
const refuse = (status: number, message: string, errorCode: number | null = null) =>
  json(status, { success: false, message, errorCode, data: null });
const ACK = { success: true, message: "OK" } as const;

/** Compares the `Apikey` header with the account key in constant time (both hashed to equal length first). */
async function keyMatches(request: Request, expected: Secret): Promise<boolean> {
  const given = request.headers.get("apikey");
  const key = await readSecret(expected);
  if (typeof key !== "string" || key.length === 0) return false;
  const [a, b] = await Promise.all([sha256(given ?? ""), sha256(key)]);
  return timingSafeEqual(a, b) && given !== null;
}

async function readBody(request: Request, max: number): Promise<Json | Response> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) return refuse(413, "body too large");
  let text: string;
  try {
    text = await request.text();
  } catch {
    return refuse(400, "unreadable body");
  }
  if (utf8(text).length > max) return refuse(413, "body too large");
  try {
    const body: unknown = JSON.parse(text);
    return isObject(body) ? body : refuse(400, "body must be a JSON object");
  } catch {
    return refuse(400, "body is not JSON");
  }
}

/** The shared flow: method, key, body, parse, claim, call, acknowledge. */
function handler<T extends { key: string }>(
  options: HyperCallbackHandlerOptions,
  parse: (body: Json) => T | string,
  deliver: (value: T) => void | Promise<void>,
): (request: Request) => Promise<Response> {
  const store = options.store ?? memoryCallbackStore();
  const report = options.onError ?? (() => {});
  const max = options.maxBodyBytes ?? 65_536;
  return async (request) => {
    if (request.method !== "POST") return refuse(405, "method not allowed");
    if (!(await keyMatches(request, options.apiKey))) return refuse(401, "invalid Apikey", -23);
    const body = await readBody(request, max);
    if (body instanceof Response) return body;
    const value = parse(body);
    if (typeof value === "string") return refuse(400, value);
    if (!(await store.claim(value.key))) {
      if (store.isDone && !(await store.isDone(value.key))) return refuse(503, "being processed");
      return json(200, ACK);
    }
    try {
      await deliver(value);
    } catch (e) {
      await store.release(value.key);
      report(e, { key: value.key });
      return refuse(500, "not processed");
    }
    await store.complete?.(value.key);
    return json(200, ACK);
  };
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === "string");

/** Parses a delivery callback body (PascalCase or camelCase); a string is the reason it is refused. */
export function parseDeliveryCallback(body: Json): Omit<HyperDelivery, "key"> | string {
  const deliverID = field(body, "DeliverID");
  const orderDetailID = field(body, "OrderDetailID");
  const status = field(body, "Status");
  const data = field(body, "DeliveryData") ?? null;
  const note = field(body, "DeliveryNote") ?? null;
  if (deliverID !== undefined && deliverID !== null && typeof deliverID !== "string") {
    return "DeliverID must be a string";
  }
  if (typeof orderDetailID !== "number" || !Number.isSafeInteger(orderDetailID) || orderDetailID < 1) {
    return "OrderDetailID must be a positive integer";
  }
  if (status !== 0 && status !== 1 && status !== 2 && status !== 3) return "Status must be 0, 1, 2 or 3";
  if (data !== null && !isStringArray(data)) return "DeliveryData must be a list of strings or null";
  if (note !== null && typeof note !== "string" && !isStringArray(note)) {
    return "DeliveryNote must be a string, a list of strings or null";
  }
  return {
    deliverID: (deliverID as string | undefined) ?? null,
    orderDetailID,
    status,
    delivered: status === 1,
    deliveryData: data === null ? null : Object.freeze([...data]),
    deliveryNote: note === null || typeof note === "string" ? note : Object.freeze([...note]),
    raw: body,
  };
}

/**
 * Creates the Order Delivery Callback handler: `(request: Request) => Promise<Response>`.
 *
 * Answers: 200 `{ success: true, message: "OK" }` once your function resolved for this order-line state (or
 * had before); 401 (`errorCode` -23) when `Apikey` is missing or wrong; 400 for a malformed body; 405 for a
 * method other than POST; 413 for a body over `maxBodyBytes`; 503 while another delivery of the same state is
 * being processed; 500 when your function threw. Every non-2xx makes the platform send it again.
 */
export function createDeliveryCallbackHandler(
  options: HyperDeliveryHandlerOptions,
): (request: Request) => Promise<Response> {
  return handler(
    options,
    (body) => {
      const parsed = parseDeliveryCallback(body);
      return typeof parsed === "string"
        ? parsed
        : { ...parsed, key: `${parsed.orderDetailID}:${parsed.status}` };
    },
    options.onDelivery,
  );
}

/** Canonical JSON (sorted keys) for a dedupe key. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/**
 * Creates the Product Update Callback handler. Its payload is not documented, so your function gets the raw
 * body plus `productID` / `customerStoreProductID` when present; identical bodies are handled once.
 * Answers as {@link createDeliveryCallbackHandler}.
 */
export function createProductUpdateHandler(
  options: HyperProductUpdateHandlerOptions,
): (request: Request) => Promise<Response> {
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  return handler(
    options,
    (body) => ({
      productID: num(field(body, "ProductID")),
      customerStoreProductID: num(field(body, "CustomerStoreProductID")),
      key: `product:${canonical(body)}`,
      raw: body,
    }),
    options.onProductUpdate,
  );
}
