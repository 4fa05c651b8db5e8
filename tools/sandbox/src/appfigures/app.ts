/**
 * The Appfigures API v2 sandbox: `/v2/*` validated against specs/appfigures/openapi.yaml, authenticated by the
 * sandbox's own rules (api.ts and state.ts; OAuth 1.0a verified by oauth1.ts with node:crypto), scope-checked
 * with the scope each operation's `oauth2` requirement names, counted against a daily quota, and answered from
 * the fixtures (routes.ts, fixtures.ts). The OAuth 1.0a and OAuth 2.0 authorization pages approve as the
 * sandbox's test user.
 * @module
 */
import { createSandboxApp } from "../core/app.js";
import { operationRoutes } from "../core/routes.js";
import { loadSpec } from "../core/spec.js";
import type { ProviderCreateOptions, ProviderSandbox } from "../core/types.js";
import { SpecValidator } from "../core/validator.js";
import { type AppfiguresVars, appfiguresGuard } from "./api.js";
import { AppfiguresApiError, errorBody } from "./errors.js";
import { appfiguresHandlers } from "./routes.js";
import { AppfiguresState } from "./state.js";

/** The real base path of API v2. */
export const APPFIGURES_BASE_PATH = "/v2";

/** Options of {@link createAppfiguresSandbox}. */
export interface AppfiguresSandboxOptions extends ProviderCreateOptions {
  /** Requests per account per UTC day, shown in `GET /` (default 5000). */
  dailyLimit?: number;
  /** Accepted distance of `oauth_timestamp` from the sandbox clock, in seconds (default 300). */
  toleranceSeconds?: number;
}

/** A created Appfigures sandbox: the generic provider sandbox plus its state and validator, for tests. */
export interface AppfiguresSandbox extends ProviderSandbox {
  state: AppfiguresState;
  validator: SpecValidator;
}

/** Builds a fresh Appfigures sandbox (fresh state, fresh fault queue). */
export async function createAppfiguresSandbox(
  options: AppfiguresSandboxOptions = {},
): Promise<AppfiguresSandbox> {
  const now = options.now ?? Date.now;
  const validator = await SpecValidator.create(loadSpec("appfigures", { specsDir: options.specsDir }), {
    basePath: APPFIGURES_BASE_PATH,
  });
  const state = new AppfiguresState({
    dailyLimit: options.dailyLimit ?? 5000,
    toleranceSeconds: options.toleranceSeconds ?? 300,
  });
  const sandbox = createSandboxApp<AppfiguresVars>({
    name: "appfigures",
    basePath: APPFIGURES_BASE_PATH,
    validator,
    now,
    faultError: ({ status, message }) =>
      new AppfiguresApiError(status, errorBody(status, message ?? `Sandbox fault ${status}`)),
    internalError: (e) =>
      new AppfiguresApiError(
        500,
        errorBody(500, `Sandbox failure: ${e instanceof Error ? e.message : String(e)}`),
      ),
    // Faults can target one caller: the bearer token, else the client key (Basic header or query, or the
    // OAuth 1.0a oauth_consumer_key of the header).
    credentialOf: (c) => {
      const authorization = c.req.header("authorization") ?? "";
      if (/^Bearer /i.test(authorization)) return authorization.slice(7).trim();
      const key = c.req.header("x-client-key") ?? new URL(c.req.url).searchParams.get("client_key");
      if (key) return key;
      const m = /oauth_consumer_key="?([^",\s]+)/.exec(authorization);
      return m ? decodeURIComponent(m[1]!) : undefined;
    },
    onReset: () => state.clear(),
  });
  const { app } = sandbox;
  app.use(`${APPFIGURES_BASE_PATH}/*`, appfiguresGuard({ validator, basePath: APPFIGURES_BASE_PATH, state }));
  const handlers = appfiguresHandlers(state);
  for (const route of operationRoutes(validator, APPFIGURES_BASE_PATH)) {
    const handler = handlers[route.operationId];
    app.on(route.method, route.path, (c, next) => {
      // Hono may match a literal path and a template alike (/products/mine, /products/:product_id): the guard's
      // spec lookup decided which operation this is.
      if (c.var.appfigures.operationId !== route.operationId) return next();
      if (!handler)
        throw new AppfiguresApiError(
          501,
          errorBody(501, `${route.operationId} is not served by the sandbox`),
        );
      return handler(c.var.appfigures, c);
    });
  }
  return { ...sandbox, state, validator };
}
