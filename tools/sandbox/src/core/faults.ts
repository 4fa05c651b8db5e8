/** Fault kinds every provider sandbox understands. */
export type BuiltinFaultKind = "drop" | "delay" | "status" | "skew";

/** What a caller asks for with `faults.inject(...)` or `POST /__sandbox/faults`. */
export interface FaultSpec {
  /**
   * `drop`: destroy the TCP connection without any answer. `delay`: wait `ms`, then carry on.
   * `status`: answer `status` (with `retryAfter`, `code`, `message`, `body`, `headers`) instead of handling.
   * `skew`: handle normally but with the sandbox clock shifted by `seconds` (the `Date` header and any
   * timestamp check the provider makes), on every matching request until removed (unless `times` is given). Any other string: a provider-specific kind (see the provider's README
   * section), which must be registered by that provider or `inject` throws.
   */
  kind: BuiltinFaultKind | (string & {});
  /** Only requests to this operation match (operationId from the spec). */
  operationId?: string;
  /** Only requests with this HTTP method match (any case). */
  method?: string;
  /** Only requests to this exact path (relative to the provider's base path, e.g. `/orders/create`) match. */
  path?: string;
  /**
   * Only requests made with this credential match: the API key (HIOBuy: the Bearer key), the key (SGate:
   * `x-auth-key`), the app (HiShopping: `app_id`) or the bearer token / client key (Appfigures). Lets test files
   * that share one sandbox keep their faults to themselves.
   */
  credential?: string;
  /** How many matching requests consume this fault (default 1; `skew`: persistent unless `times` is given). */
  times?: number;
  /** Never consumed: applies to every matching request until removed or reset. */
  persistent?: boolean;
  /**
   * `drop` / `delay` only: `before` (default) acts before the provider handles the request; `after` lets the
   * provider handle it (state changes happen, e.g. an order is created) and then drops / delays the answer.
   */
  stage?: "before" | "after";
  /** `delay`: milliseconds (0…120000). */
  ms?: number;
  /** `status`: HTTP status to answer (100…599). */
  status?: number;
  /** `status`: value of the `Retry-After` header (seconds or an HTTP date). */
  retryAfter?: number | string;
  /** `status`: provider error code to put in the provider's error body (e.g. `RATE_LIMIT_EXCEEDED`). */
  code?: string;
  /** `status`: error message for the provider's error body. */
  message?: string;
  /** `status`: exact JSON body to answer instead of the provider's error body. */
  body?: unknown;
  /** `status`: extra response headers. */
  headers?: Record<string, string>;
  /** `skew`: seconds to shift the sandbox clock by (negative = behind). */
  seconds?: number;
  /** Provider-specific parameters for custom kinds. */
  params?: Record<string, unknown>;
}

/** A queued fault: the spec plus its id and how many more requests it will affect. */
export interface Fault extends Readonly<FaultSpec> {
  /** Unique id (`flt_<n>`), usable with {@link FaultController.remove}. */
  readonly id: string;
  /** Requests this fault still applies to (`Infinity` when persistent). */
  readonly remaining: number;
}

/** A request as seen by fault matching. */
export interface FaultMatchInput {
  /** operationId of the matched operation, if any. */
  operationId: string | undefined;
  /** HTTP method. */
  method: string;
  /** Path relative to the provider's base path. */
  path: string;
  /** The request's credential (see {@link FaultSpec.credential}), when the provider can tell. */
  credential?: string | undefined;
}

/** Thrown by {@link FaultController.inject} for an invalid fault spec. */
export class FaultSpecError extends Error {
  override readonly name = "FaultSpecError";
}

const BUILTIN = new Set<string>(["drop", "delay", "status", "skew"]);
const MAX_DELAY_MS = 120_000;
const MAX_SKEW_S = 10 * 366 * 86_400;

/**
 * Queue of injected faults for one provider sandbox. Each request consumes at most one fault: the first queued
 * fault (in injection order) whose filters all match it; a fault with `times: n` affects the next n matching
 * requests, a `persistent` one every matching request until removed.
 */
export class FaultController {
  private queue: Array<FaultSpec & { id: string; remaining: number }> = [];
  private seq = 0;
  private readonly customKinds: ReadonlySet<string>;

  /** @param customKinds provider-specific kinds accepted besides the built-in ones. */
  constructor(customKinds: Iterable<string> = []) {
    this.customKinds = new Set(customKinds);
  }

  /** Every kind this controller accepts. */
  kinds(): string[] {
    return [...BUILTIN, ...this.customKinds];
  }

  /**
   * Queues one fault (or several, in order).
   * @returns the queued fault(s) with their ids.
   * @throws {FaultSpecError} for an unknown kind or out-of-range parameters.
   */
  inject(spec: FaultSpec): Fault;
  inject(specs: readonly FaultSpec[]): Fault[];
  inject(spec: FaultSpec | readonly FaultSpec[]): Fault | Fault[] {
    if (Array.isArray(spec)) {
      const checked = spec.map((s) => this.check(s));
      return checked.map((s) => this.push(s));
    }
    return this.push(this.check(spec as FaultSpec));
  }

  /** Pending faults, in match order (copies). */
  list(): Fault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  /** Removes one fault by id. @returns whether it was queued. */
  remove(id: string): boolean {
    const before = this.queue.length;
    this.queue = this.queue.filter((f) => f.id !== id);
    return this.queue.length !== before;
  }

  /** Whether a pending fault filters on the credential (the app reads it only then). */
  needsCredential(): boolean {
    return this.queue.some((f) => f.credential !== undefined);
  }

  /** Removes every pending fault. @returns how many were removed. */
  clear(): number {
    const n = this.queue.length;
    this.queue = [];
    return n;
  }

  /**
   * Finds the first fault matching the request and consumes one use of it (called by the sandbox app for every
   * request under the base path).
   * @returns a snapshot of the consumed fault, or `undefined`.
   */
  take(req: FaultMatchInput): Fault | undefined {
    const i = this.queue.findIndex(
      (f) =>
        (f.operationId === undefined || f.operationId === req.operationId) &&
        (f.method === undefined || f.method.toUpperCase() === req.method.toUpperCase()) &&
        (f.path === undefined || f.path === req.path) &&
        (f.credential === undefined || f.credential === req.credential),
    );
    if (i < 0) return undefined;
    const f = this.queue[i]!;
    if (!f.persistent) {
      f.remaining -= 1;
      if (f.remaining <= 0) this.queue.splice(i, 1);
    }
    return { ...f };
  }

  private push(spec: FaultSpec): Fault {
    this.seq += 1;
    const fault = {
      ...spec,
      id: `flt_${this.seq}`,
      remaining: spec.persistent ? Number.POSITIVE_INFINITY : (spec.times ?? 1),
    };
    this.queue.push(fault);
    return { ...fault };
  }

  private check(input: FaultSpec): FaultSpec {
    if (!input || typeof input !== "object") throw new FaultSpecError("a fault must be an object");
    const s = { ...input };
    if (typeof s.kind !== "string" || !(BUILTIN.has(s.kind) || this.customKinds.has(s.kind))) {
      throw new FaultSpecError(
        `unknown fault kind ${JSON.stringify(s.kind)}; known: ${this.kinds().join(", ")}`,
      );
    }
    if (s.times !== undefined && !(Number.isInteger(s.times) && s.times >= 1 && s.times <= 1_000_000)) {
      throw new FaultSpecError("times must be an integer 1…1000000");
    }
    if (s.persistent !== undefined && typeof s.persistent !== "boolean")
      throw new FaultSpecError("persistent must be a boolean");
    for (const k of ["operationId", "method", "path", "credential", "code", "message"] as const) {
      if (s[k] !== undefined && typeof s[k] !== "string") throw new FaultSpecError(`${k} must be a string`);
    }
    if (s.stage !== undefined && s.stage !== "before" && s.stage !== "after") {
      throw new FaultSpecError('stage must be "before" or "after"');
    }
    switch (s.kind) {
      case "delay":
        if (typeof s.ms !== "number" || !Number.isFinite(s.ms) || s.ms < 0 || s.ms > MAX_DELAY_MS) {
          throw new FaultSpecError(`delay needs ms between 0 and ${MAX_DELAY_MS}`);
        }
        break;
      case "status":
        if (typeof s.status !== "number" || !Number.isInteger(s.status) || s.status < 100 || s.status > 599) {
          throw new FaultSpecError("status needs an integer status 100…599");
        }
        if (
          s.retryAfter !== undefined &&
          typeof s.retryAfter !== "number" &&
          typeof s.retryAfter !== "string"
        ) {
          throw new FaultSpecError("retryAfter must be seconds or an HTTP date");
        }
        if (s.headers !== undefined && (typeof s.headers !== "object" || s.headers === null)) {
          throw new FaultSpecError("headers must be an object of strings");
        }
        break;
      case "skew":
        // A shifted clock is a condition, not an event: a client that corrects its clock and retries must meet
        // the same clock again. So skew lasts until removed unless `times` bounds it.
        if (s.times === undefined && s.persistent === undefined) s.persistent = true;
        if (
          typeof s.seconds !== "number" ||
          !Number.isFinite(s.seconds) ||
          Math.abs(s.seconds) > MAX_SKEW_S
        ) {
          throw new FaultSpecError("skew needs a finite number of seconds (at most ten years)");
        }
        break;
      default:
        break;
    }
    return s;
  }
}
