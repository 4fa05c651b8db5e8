/**
 * The spec's operations as Hono routes: each provider registers its handlers with `app.on(method, path, …)` from
 * this list, so requests are dispatched by Hono's router, keyed by the spec's operationId.
 * @module
 */
import type { SpecValidator } from "./validator.js";

/** One operation of the spec as a Hono route. */
export interface OperationRoute {
  /** The spec's operationId. */
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Full Hono path, base path included, `{param}` written `:param` (e.g. `/v1/things/:id`). */
  path: string;
  /** The path as in the spec, relative to the base path (e.g. `/things/{id}`). */
  template: string;
}

/** Every operation of the validator's spec as a route under `basePath`. */
export function operationRoutes(validator: SpecValidator, basePath: string): OperationRoute[] {
  const base = basePath.replace(/\/+$/, "");
  return validator.operations().flatMap((op) => {
    if (!op.operationId) return [];
    const template = validator.pathPrefix ? op.path.slice(validator.pathPrefix.length) || "/" : op.path;
    return [
      {
        operationId: op.operationId,
        method: op.method.toUpperCase(),
        path: base + template.replace(/\{([^}]+)\}/g, ":$1"),
        template,
      },
    ];
  });
}
