import { setTimeout as sleep } from "node:timers/promises";
import type { HttpBindings } from "@hono/node-server";
import { type Context, Hono } from "hono";
import { SandboxError } from "./errors.js";
import { type Fault, FaultController, type FaultSpec, FaultSpecError } from "./faults.js";
import { INVALID_JSON, type RequestParts, type SpecValidator } from "./validator.js";

/** Per-request state the core puts in `c.var.sandbox` for provider handlers. */
export interface RequestContext {
  /** The sandbox clock in epoch milliseconds, including any `skew` fault applied to this request. */
  now(): number;
  /** operationId of the matched operation (`undefined`: no operation matches). */
  operationId: string | undefined;
  /** Request path relative to the base path (e.g. `/orders/create`). */
  path: string;
  /** The fault this request consumed, if any. */
  fault: Fault | undefined;
}

/**
 * Hono environment of every provider sandbox app: node-server bindings, `c.var.sandbox`, and the provider's own
 * request variables `V`.
 */
export type SandboxEnv<V extends object = object> = {
  Bindings: Partial<HttpBindings>;
  Variables: { sandbox: RequestContext } & V;
};

/** Handler of a provider-specific fault kind. */
export type CustomFaultHandler<V extends object = object> = (args: {
  /** The consumed fault (its `params` carry the kind's parameters). */
  fault: Fault;
  /** The Hono context. */
  c: Context<SandboxEnv<V>>;
  /** Runs the provider's normal handling; afterwards `c.res` holds its answer (which may be replaced). */
  next: () => Promise<void>;
}) => Promise<Response | undefined>;

/** Arguments of {@link SandboxAppOptions.faultError}. */
export interface FaultErrorArgs {
  /** HTTP status of the fault. */
  status: number;
  /** Error code requested by the fault, if any. */
  code?: string | undefined;
  /** Error message requested by the fault, if any. */
  message?: string | undefined;
}

/** Options of {@link createSandboxApp}. */
export interface SandboxAppOptions<V extends object = object> {
  /** Provider name (`hiobuy`, `sgate`, …). */
  name: string;
  /** Real base path of the provider (e.g. `/v1`); `""` for none. */
  basePath: string;
  /** The provider's spec validator (used to find the operation a fault targets). */
  validator: SpecValidator;
  /** Base clock in epoch ms (default `Date.now`). */
  now?: (() => number) | undefined;
  /** Provider-specific fault kinds and their handlers. */
  faultKinds?: Record<string, CustomFaultHandler<V>>;
  /** The provider's error for a `status` fault without an explicit `body` (rendered like any other). */
  faultError(args: FaultErrorArgs): SandboxError;
  /** The provider's error for an unexpected exception (default: 500 `{ error: message }`). */
  internalError?(error: unknown): SandboxError;
  /**
   * Renders a {@link SandboxError} in the provider's shape (e.g. adding a request id); `undefined` falls back to
   * {@link SandboxError.toResponse}.
   */
  renderError?(error: SandboxError, c: Context<SandboxEnv<V>>): Response | undefined;
  /** Clears the provider's in-memory state (called by `reset()` and `POST /__sandbox/reset`). */
  onReset?(): void;
  /**
   * The request's credential (API key, key, app id), matched against a fault's `credential` filter; read only
   * while such a fault is queued.
   */
  credentialOf?(c: Context<SandboxEnv<V>>): string | undefined | Promise<string | undefined>;
}

/** What {@link createSandboxApp} returns; the provider adds its routes to `app` under `basePath`. */
export interface SandboxApp<V extends object = object> {
  /** Provider name. */
  name: string;
  /** Base path (no trailing slash). */
  basePath: string;
  /** The Hono app: control routes and fault middleware installed, provider routes to be added. */
  app: Hono<SandboxEnv<V>>;
  /** The provider's fault queue. */
  faults: FaultController;
  /** Clears faults and provider state. */
  reset(): void;
}

/** Prefix of the control routes (outside every provider base path). */
export const CONTROL_PREFIX = "/__sandbox";

/** Thrown (→ 500) when a `drop` fault hits a request that has no socket (the app was called in-process). */
export class DropUnsupportedError extends Error {
  override readonly name = "DropUnsupportedError";
  constructor() {
    super("a drop fault needs a real connection: serve the app with serve() and use fetch");
  }
}

function destroySocket<V extends object>(c: Context<SandboxEnv<V>>): void {
  const socket = c.env?.incoming?.socket;
  if (!socket) throw new DropUnsupportedError();
  socket.destroy();
}

function setHeader<V extends object>(c: Context<SandboxEnv<V>>, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    const res = new Response(c.res.body, c.res);
    res.headers.set(name, value);
    c.res = res;
  }
}

/**
 * Creates a provider sandbox app with the shared plumbing:
 *
 * - control routes outside the base path: `POST /__sandbox/faults` (body: a {@link FaultSpec} or an array;
 *   201 `{ faults }`, 400 `{ error }`), `GET /__sandbox/faults`, `DELETE /__sandbox/faults`,
 *   `POST /__sandbox/reset` (faults and provider state), `GET /__sandbox/health`;
 * - for every request under the base path: operation lookup, fault consumption and application
 *   (`drop`, `delay`, `status`, `skew`, custom kinds), `c.var.sandbox` ({@link RequestContext}), and a `Date`
 *   header from the sandbox clock on every answer;
 * - one error handler: a thrown {@link SandboxError} is answered through `renderError`, any other exception
 *   through `internalError`.
 */
export function createSandboxApp<V extends object = object>(options: SandboxAppOptions<V>): SandboxApp<V> {
  const basePath = options.basePath.replace(/\/+$/, "");
  const baseNow = options.now ?? Date.now;
  const custom = options.faultKinds ?? {};
  const faults = new FaultController(Object.keys(custom));
  const app = new Hono<SandboxEnv<V>>();
  const reset = () => {
    faults.clear();
    options.onReset?.();
  };
  const render = (e: SandboxError, c: Context<SandboxEnv<V>>): Response =>
    options.renderError?.(e, c) ?? e.toResponse();
  app.onError((e, c) => {
    const error =
      e instanceof SandboxError
        ? e
        : (options.internalError?.(e) ?? new SandboxError(500, { error: `sandbox failure: ${e.message}` }));
    return render(error, c);
  });

  app.post(`${CONTROL_PREFIX}/faults`, async (c) => {
    let spec: unknown;
    try {
      spec = await c.req.json();
    } catch {
      return c.json({ error: "body must be JSON: a fault or an array of faults" }, 400);
    }
    try {
      const queued = Array.isArray(spec)
        ? faults.inject(spec as FaultSpec[])
        : [faults.inject(spec as FaultSpec)];
      return c.json({ faults: queued.map(serializeFault) }, 201);
    } catch (e) {
      if (e instanceof FaultSpecError) return c.json({ error: e.message }, 400);
      throw e;
    }
  });
  app.get(`${CONTROL_PREFIX}/faults`, (c) => c.json({ faults: faults.list().map(serializeFault) }));
  app.delete(`${CONTROL_PREFIX}/faults`, (c) => c.json({ cleared: faults.clear() }));
  app.post(`${CONTROL_PREFIX}/reset`, (c) => {
    reset();
    return c.json({ reset: true });
  });
  app.get(`${CONTROL_PREFIX}/health`, (c) =>
    c.json({ name: options.name, basePath, faultKinds: faults.kinds() }),
  );

  app.use("*", async (c, next) => {
    const url = new URL(c.req.url);
    const inBase = basePath === "" || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    if (url.pathname.startsWith(`${CONTROL_PREFIX}/`) || !inBase) return next();
    const path = url.pathname.slice(basePath.length) || "/";
    const operationId = options.validator.match(c.req.method, path);
    const credential = faults.needsCredential() ? await options.credentialOf?.(c) : undefined;
    const fault = faults.take({ operationId, method: c.req.method, path, credential });
    const skewMs = fault?.kind === "skew" ? (fault.seconds ?? 0) * 1000 : 0;
    const ctx: RequestContext = { now: () => baseNow() + skewMs, operationId, path, fault };
    (c as unknown as Context<SandboxEnv>).set("sandbox", ctx);
    const finish = () => {
      if (!c.res.headers.has("date")) setHeader(c, "date", new Date(ctx.now()).toUTCString());
    };

    if (!fault) {
      await next();
      return finish();
    }
    const after = fault.stage === "after";
    switch (fault.kind) {
      case "drop":
        if (after) await next();
        destroySocket(c);
        // The socket is gone; whatever is written now goes nowhere.
        return c.body(null, 500);
      case "delay":
        if (!after) await sleep(fault.ms ?? 0);
        await next();
        if (after) await sleep(fault.ms ?? 0);
        return finish();
      case "status": {
        const status = fault.status ?? 500;
        const error =
          fault.body !== undefined
            ? new SandboxError(status, fault.body)
            : options.faultError({ status, code: fault.code, message: fault.message });
        const res = render(error, c);
        const headers = new Headers(res.headers);
        if (fault.retryAfter !== undefined) headers.set("retry-after", String(fault.retryAfter));
        for (const [k, v] of Object.entries(fault.headers ?? {})) headers.set(k, String(v));
        headers.set("date", new Date(ctx.now()).toUTCString());
        return new Response(res.body, { status, headers });
      }
      case "skew":
        await next();
        setHeader(c, "date", new Date(ctx.now()).toUTCString());
        return;
      default: {
        const handler = custom[fault.kind];
        if (!handler) throw new FaultSpecError(`no handler for fault kind ${fault.kind}`);
        const res = await handler({ fault, c, next });
        if (res) c.res = res;
        return finish();
      }
    }
  });

  return { name: options.name, basePath, app, faults, reset };
}

function serializeFault(f: Fault): Record<string, unknown> {
  return { ...f, remaining: Number.isFinite(f.remaining) ? f.remaining : null };
}

/** The request parts of a Hono request, ready for `SpecValidator.validateRequest` (path relative to `basePath`). */
export async function readRequestParts<V extends object>(
  c: Context<SandboxEnv<V>>,
  basePath: string,
): Promise<RequestParts> {
  const url = new URL(c.req.url);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    query[key] = all.length === 1 ? all[0]! : all;
  }
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const text = c.req.method === "GET" || c.req.method === "HEAD" ? "" : await c.req.text();
  let body: unknown;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = INVALID_JSON;
    }
  }
  return {
    method: c.req.method,
    path: url.pathname.slice(basePath.replace(/\/+$/, "").length) || "/",
    query,
    headers,
    body,
  };
}
