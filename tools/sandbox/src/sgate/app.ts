/**
 * The SGate pay-in v1 sandbox: `/api_v1/*` verified with the sandbox's own x-auth check (auth.ts), validated
 * against specs/sgate/openapi.yaml and served from in-memory state (state.ts) by one Hono route per operation
 * (api.ts), with callbacks (notifier.ts), the browser pages and control routes (pages.ts).
 * @module
 */
import { createSandboxApp, type SandboxApp } from "../core/app.js";
import { operationRoutes } from "../core/routes.js";
import { loadSpec } from "../core/spec.js";
import type { ProviderCreateOptions } from "../core/types.js";
import { SpecValidator } from "../core/validator.js";
import { type SgateVars, sgateApiGuard, sgateHandlers } from "./api.js";
import { DOCS_CREDENTIAL, findCredential, type SgateCredential } from "./auth.js";
import { SgateApiError } from "./errors.js";
import { createNotifier, isLoopbackHost, type Notifier } from "./notifier.js";
import { addSgatePages, esc } from "./pages.js";
import { SgateState } from "./state.js";

/** The real base path of pay-in v1. */
export const SGATE_BASE_PATH = "/api_v1";

/** Options of {@link createSgateSandbox}. */
export interface SgateSandboxOptions extends ProviderCreateOptions {
  /** Credentials accepted besides the docs' example one and the key grammar (see the README). */
  credentials?: readonly SgateCredential[];
  /** Accepted distance between `x-auth-timestamp` and the sandbox clock, in seconds (default 300). */
  toleranceSeconds?: number;
  /** Callback delivery: waits between attempts (default `[1000, 2000, 4000, 8000]`: 5 attempts). */
  notificationRetryDelaysMs?: readonly number[];
  /** Per-attempt callback timeout in ms (default 5000). */
  notificationTimeoutMs?: number;
  /** Which callback hosts may be called (default: loopback only). */
  allowNotificationHost?: (hostname: string) => boolean;
}

/** A created SGate sandbox: the generic provider sandbox plus its state and notifier, for tests. */
export interface SgateSandbox extends SandboxApp<SgateVars> {
  /** In-memory orders, transactions and refunds. */
  readonly state: SgateState;
  /** Callback sender (its `attempts()` log and `idle()`). */
  readonly notifier: Notifier;
  /** The spec validator (tests validate answers with it). */
  readonly validator: SpecValidator;
}

const DEFAULT_CODES: Record<number, string> = {
  400: "invalidParameter",
  401: "notAllowed",
  403: "notAllowed",
  404: "notFound",
  409: "conflict",
  429: "tooManyRequests",
};

/** Builds a fresh SGate sandbox (fresh state, fresh fault queue). */
export async function createSgateSandbox(options: SgateSandboxOptions = {}): Promise<SgateSandbox> {
  const now = options.now ?? Date.now;
  const validator = await SpecValidator.create(loadSpec("sgate", { specsDir: options.specsDir }), {
    basePath: SGATE_BASE_PATH,
  });
  const notifier = createNotifier({
    retryDelaysMs: options.notificationRetryDelaysMs ?? [1000, 2000, 4000, 8000],
    timeoutMs: options.notificationTimeoutMs ?? 5000,
    now,
    allowHost: options.allowNotificationHost ?? isLoopbackHost,
  });
  /** Which credential created each order (callbacks are signed with it). */
  const owners = new Map<string, SgateCredential>();
  const state = new SgateState(({ type, order, transaction }) => {
    const owner = owners.get(order.id);
    if (!order.notificationURL || !owner) return;
    notifier.send({
      orderId: order.id,
      type,
      notificationURL: order.notificationURL,
      key: owner.key,
      secret: owner.secret,
      onAttempt(a) {
        transaction.notificationTimes += 1;
        transaction.lastNotifiedAt = a.at;
        if (a.completed) transaction.successfullyNotifiedAt = a.at;
      },
    });
  });

  const sandbox = createSandboxApp<SgateVars>({
    name: "sgate",
    basePath: SGATE_BASE_PATH,
    validator,
    now,
    faultError: ({ status, code, message }) =>
      new SgateApiError(
        status,
        code ?? DEFAULT_CODES[status] ?? "serverError",
        message ?? `sandbox fault ${status}`,
      ),
    internalError: (e) =>
      new SgateApiError(500, "serverError", `sandbox failure: ${e instanceof Error ? e.message : String(e)}`),
    renderError: (e, c) => {
      const path = new URL(c.req.url).pathname;
      if (path.startsWith(`${SGATE_BASE_PATH}/`) || path.startsWith("/__sandbox/")) return undefined;
      return c.html(`<h1>${esc(e.message)}</h1>`, e.status as 400);
    },
    credentialOf: (c) => c.req.header("x-auth-key"),
    onReset() {
      state.clear();
      owners.clear();
      notifier.reset();
    },
  });
  const { app } = sandbox;
  app.use(
    `${SGATE_BASE_PATH}/*`,
    sgateApiGuard({
      validator,
      basePath: SGATE_BASE_PATH,
      credentials: [DOCS_CREDENTIAL, ...(options.credentials ?? [])],
      toleranceSeconds: options.toleranceSeconds ?? 300,
    }),
  );
  const handlers = sgateHandlers(state, (orderId, credential) => owners.set(orderId, credential));
  for (const route of operationRoutes(validator, SGATE_BASE_PATH)) {
    const handler = handlers[route.operationId];
    app.on(route.method, route.path, (c) => {
      if (!handler)
        throw new SgateApiError(501, "notImplemented", `${route.operationId} is not served by the sandbox`);
      return handler(c.var.sgate, c);
    });
  }
  addSgatePages(app, state, notifier, now);
  return { ...sandbox, state, notifier, validator };
}

/** The credential the sandbox derives for a key, if it accepts it (for tests and docs). */
export function sandboxCredential(
  key: string,
  extra: readonly SgateCredential[] = [],
): SgateCredential | undefined {
  return findCredential(key, [DOCS_CREDENTIAL, ...extra]);
}
