/**
 * The SGate payment / refund callback (docs/providers/sgate.md): a GET to your `notificationURL` with
 * `_orderId` and `_type` appended and no payload (callbacks of the older gateway, as SGate's 2021–22 Node SDK
 * and its OpenCart plugin read them, carry `_orderId` only: the type is then read from the order itself). It is an untrusted "go and look" trigger: this handler
 * verifies the `x-auth-*` headers when present, re-queries the order (and its refunds), hands each confirmed
 * event (the payment; each refund, by its id) to your function exactly once, and only then answers
 * `COMPLETED::<orderId>`. A Fetch-API
 * `Request → Response` function, so it runs on Node, Bun, Deno and edge runtimes.
 */
import { KeywayConfigError, readSecret, type Secret } from "@keyway/auth";
import { type ClaimStore, memoryClaimStore } from "@keyway/auth/internal";
import { type SgateVerifyReason, verifySgateSignature } from "@keyway/auth/sgate";
import type { SgateClient } from "./client.js";
import type { components } from "./generated/index.js";

/** An order as `order.detail` returns it. */
export type SgateOrder = components["schemas"]["Order"];
/** A refund as `refund.detail` returns it. */
export type SgateRefund = components["schemas"]["RefundDetail"];

/** What the caller's function receives: the state confirmed with SGate, never the callback's own claims. */
export interface SgateNotification {
  /** What completed: the payment, or one refund (each refund is handed over on its own). */
  readonly type: "payment" | "refund";
  /** Where {@link SgateNotification.type} came from: the callback's `_type`, or the order (no `_type` sent). */
  readonly typeFrom: "callback" | "order";
  readonly orderId: string;
  /** The order, freshly read with `order.detail`. */
  readonly order: SgateOrder;
  /** For `refund`: this refund (`{orderId}_R{n}`), freshly read with `refund.detail`. */
  readonly refund?: SgateRefund;
  /**
   * The event's dedupe key, claimed before your function runs: `<orderId>:payment` for the payment,
   * `<orderId>:refund:<refundId>` for each refund. Each reaches your function once, whatever the order of
   * callbacks and replays.
   */
  readonly key: string;
  /** The header check: `valid`, `absent` (SGate may not sign callbacks), or why it failed (requery mode). */
  readonly signature: "valid" | "absent" | Exclude<SgateVerifyReason, "ok" | "missing-headers">;
}

/**
 * Where handled events are remembered (the shared claim store: claims carry a lease). Back it with a database
 * (a unique insert with an expiry column) in production; the default is in memory (one process).
 */
export type SgateNotificationStore = ClaimStore;

/**
 * An in-memory {@link SgateNotificationStore} (bounded; oldest keys are forgotten first). Claims expire after
 * their lease.
 * @param max keys kept.
 * @param now clock in ms (default `Date.now`).
 */
export function memoryNotificationStore(max = 10_000, now: () => number = Date.now): SgateNotificationStore {
  return memoryClaimStore(max, now);
}

/** Options of {@link createSgateNotificationHandler}. */
export interface SgateNotificationHandlerOptions {
  /** The client used to confirm the state (`order.detail`, `refund.detail`). */
  readonly client: SgateClient;
  /** Your client key, to check `x-auth-key`. */
  readonly key: Secret;
  /** Your client secret, to check `x-auth-signature`. */
  readonly secret: Secret;
  /** Called once per confirmed event (the payment, each refund); the reply waits for it to resolve. */
  readonly onNotification: (notification: SgateNotification) => void | Promise<void>;
  /** Dedupe store (default: {@link memoryNotificationStore}). */
  readonly store?: SgateNotificationStore;
  /**
   * How long a claim holds while your function runs, in ms (default 60 000). When it has not settled by then,
   * the delivery is answered 503 and a later delivery may process the event again.
   */
  readonly leaseMs?: number;
  /**
   * What to do when `x-auth-*` headers are present but do not verify: `requery` (default; the re-query is
   * the real protection) or `reject` (answer 401 without calling SGate).
   */
  readonly onInvalidSignature?: "requery" | "reject";
  /**
   * The path + query SGate called, when a proxy rewrites it before the request reaches you (the signed `uri`).
   * A string prefix to put back (e.g. `/api` when `/api/sgate/notify` arrives as `/sgate/notify`), or a function.
   */
  readonly publicPath?: string | ((request: Request) => string);
  /** Accepted clock distance for `x-auth-timestamp`, in seconds (default 300). */
  readonly toleranceSeconds?: number;
  /** Clock in ms (default `Date.now`). */
  readonly now?: () => number;
  /** Told about failures the reply cannot carry (lookup errors, your function throwing). */
  readonly onError?: (error: unknown, context: { orderId: string; stage: "lookup" | "handler" }) => void;
}

// `~` is left out like in every SGate path id: the official samples sign it two ways.
const SAFE_ID = /^[A-Za-z0-9._-]{1,128}$/;
const text = (status: number, body: string) =>
  new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

/**
 * Creates the callback handler: `(request: Request) => Promise<Response>`.
 *
 * Answers: 200 `COMPLETED::<orderId>` once the confirmed state was handed over (or had been before);
 * 400 for a malformed callback; 401 for bad headers in `reject` mode; 404 when SGate does not know the order;
 * 409 when SGate does not confirm what the callback claims (not paid / no refund yet); 502 when the lookup
 * failed; 503 while another delivery processes the same state; 500 when your function threw (SGate retries).
 */
export function createSgateNotificationHandler(
  options: SgateNotificationHandlerOptions,
): (request: Request) => Promise<Response> {
  const now = options.now ?? Date.now;
  const store = options.store ?? memoryNotificationStore(10_000, now);
  const leaseMs = options.leaseMs ?? 60_000;
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) {
    throw new KeywayConfigError(`leaseMs must be a positive number of milliseconds, got ${leaseMs}`);
  }
  const mode = options.onInvalidSignature ?? "requery";
  const report = options.onError ?? (() => {});

  const signedUri = (request: Request, url: URL): string => {
    const p = options.publicPath;
    if (typeof p === "function") return p(request);
    return (p ? p.replace(/\/+$/, "") : "") + url.pathname + url.search;
  };

  /** Reads a secret option; a source that throws is a configuration error naming it. */
  const secretOption = async (name: "key" | "secret", value: Secret): Promise<string> => {
    try {
      return await readSecret(value);
    } catch (err) {
      throw new KeywayConfigError(
        `SGate notification handler: the ${name} source failed`,
        {},
        { cause: err },
      );
    }
  };

  return async (request) => {
    // SGate calls with GET; anything else (HEAD probes included) must not trigger processing.
    if (request.method !== "GET") return text(405, "method not allowed");
    const url = new URL(request.url);
    const orderId = url.searchParams.get("_orderId") ?? "";
    const given = url.searchParams.get("_type");
    if (!SAFE_ID.test(orderId) || (given !== null && given !== "payment" && given !== "refund")) {
      return text(400, "expected _orderId (and _type=payment|refund when present)");
    }
    let type: "payment" | "refund" = given ?? "payment";

    let signature: SgateNotification["signature"] = "absent";
    const h = request.headers;
    if (h.has("x-auth-signature") || h.has("x-auth-key") || h.has("x-auth-timestamp")) {
      const result = await verifySgateSignature({
        headers: h,
        uri: signedUri(request, url),
        method: "order.notification",
        key: await secretOption("key", options.key),
        secret: await secretOption("secret", options.secret),
        now: now(),
        toleranceSeconds: options.toleranceSeconds ?? 300,
      });
      if (result.valid) signature = "valid";
      else {
        if (mode === "reject") return text(401, "invalid x-auth signature");
        signature =
          result.reason === "missing-headers" ? "absent" : (result.reason as SgateNotification["signature"]);
      }
    }

    let order: SgateOrder;
    const events: { key: string; refund?: SgateRefund }[] = [];
    try {
      const got = await options.client.GET("/orders/{orderId}", { params: { path: { orderId } } });
      if (got.error) {
        if (got.error.status === 404) return text(404, "unknown order");
        report(got.error, { orderId, stage: "lookup" });
        return text(502, "order lookup failed");
      }
      order = got.data;
      // No `_type` (older gateway): a refund callback comes only after a refund exists.
      if (given === null) type = (order.refundTimes ?? 0) >= 1 ? "refund" : "payment";
      if (type === "refund") {
        const n = order.refundTimes ?? 0;
        if (n < 1) return text(409, "no refund on this order yet");
        // Every refund not yet handed over, oldest first: a missed callback's refund is not lost.
        for (let i = 1; i <= n; i++) {
          const refundId = `${orderId}_R${i}`;
          const key = `${orderId}:refund:${refundId}`;
          if (i < n && store.isDone && (await store.isDone(key))) continue;
          const r = await options.client.GET("/refunds/{refundId}", { params: { path: { refundId } } });
          if (r.error) {
            report(r.error, { orderId, stage: "lookup" });
            return text(502, "refund lookup failed");
          }
          if (r.data.status === "success") events.push({ key, refund: r.data });
          else if (i === n) return text(409, `refund is ${r.data.status}`);
        }
      } else if (order.status !== "paid") {
        return text(409, `order is ${order.status}`);
      } else {
        events.push({ key: `${orderId}:payment` });
      }
    } catch (e) {
      report(e, { orderId, stage: "lookup" });
      return text(502, "order lookup failed");
    }

    let busy = false;
    for (const event of events) {
      const outcome = await handOver(event.key, {
        type,
        typeFrom: given === null ? "order" : "callback",
        orderId,
        order,
        ...(event.refund ? { refund: event.refund } : {}),
        key: event.key,
        signature,
      });
      if (outcome === "failed") return text(500, "not processed");
      if (outcome === "busy") busy = true;
    }
    return busy ? text(503, "being processed") : text(200, `COMPLETED::${orderId}`);
  };

  /** Claims one event and runs the caller's function under the claim's lease. */
  async function handOver(key: string, notification: SgateNotification): Promise<"done" | "busy" | "failed"> {
    if (!(await store.claim(key, leaseMs))) {
      return store.isDone && !(await store.isDone(key)) ? "busy" : "done";
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const lease = new Promise<"lease">((resolve) => {
      timer = setTimeout(() => resolve("lease"), leaseMs);
    });
    try {
      const run = Promise.resolve().then(() => options.onNotification(notification));
      // The function keeps running past its lease, but the delivery is answered: SGate asks again later,
      // and the expired claim lets that delivery process the event.
      if ((await Promise.race([run, lease])) === "lease") {
        run.catch((e) => report(e, { orderId: notification.orderId, stage: "handler" }));
        return "busy";
      }
    } catch (e) {
      await store.release(key);
      report(e, { orderId: notification.orderId, stage: "handler" });
      return "failed";
    } finally {
      clearTimeout(timer);
    }
    await store.complete?.(key);
    return "done";
  }
}
