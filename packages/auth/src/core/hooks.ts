/**
 * `client.use()` hooks, with openapi-fetch's names and shapes (`onRequest`, `onResponse`, `onError`), run by
 * the transport (docs/architecture.md#hooks). `onRequest` runs once per attempt, BEFORE signing, on a fresh
 * copy of the call's unsigned request, so the signature covers whatever it sets; the Request that goes on the
 * wire is built after it and never handed to a hook, so no hook can change what was signed. `onResponse` and
 * `onError` run once per call, on the final answer (after retries and after the scheme opened it) or on the
 * final failure. Hooks never see a credential: the request they get is the one before signing.
 */
import { KeywayConfigError } from "./errors.js";
import type { CallParams } from "./types.js";

/** What every hook is told (openapi-fetch's `MiddlewareCallbackParams`, less `options`, plus the attempt). */
export interface MiddlewareCallbackParams {
  /** The attempt's request before signing: the URL, headers and body the scheme will sign. */
  readonly request: Request;
  /** The operation's path template, e.g. `/orders/{orderId}`. */
  readonly schemaPath: string;
  /** The caller's params (`path`, `query`, `header`, `cookie`). */
  readonly params: CallParams;
  /** An id shared by every hook call of one client call. */
  readonly id: string;
  /** The spec's operationId. */
  readonly operationId: string;
  /** The attempt number, from 1 (for `onResponse` / `onError`: the attempts made). */
  readonly attempt: number;
}

/** What a hook may return: a value, or nothing (an `async` hook that returns nothing gives `Promise<void>`). */
// biome-ignore lint/suspicious/noConfusingVoidType: openapi-fetch's hook return types, where void means "no change"
type HookResult<T> = T | undefined | void | Promise<T | undefined | void>;

/** Runs per attempt, before signing; may return a Request (same method, under the base URL) to replace it. */
export type MiddlewareOnRequest = (options: MiddlewareCallbackParams) => HookResult<Request>;
/** Runs once per call on the answer the caller's parser will read; may return a Response to replace it. */
export type MiddlewareOnResponse = (
  options: MiddlewareCallbackParams & { readonly response: Response },
) => HookResult<Response>;
/** Runs once per call when it ends without an answer; a Response becomes the answer, an Error is thrown instead. */
export type MiddlewareOnError = (
  options: MiddlewareCallbackParams & { readonly error: unknown },
) => HookResult<Response | Error>;

/** A hook set for {@link KeywayClient.use}: at least one of openapi-fetch's three callbacks. */
export type Middleware =
  | { onRequest: MiddlewareOnRequest; onResponse?: MiddlewareOnResponse; onError?: MiddlewareOnError }
  | { onRequest?: MiddlewareOnRequest; onResponse: MiddlewareOnResponse; onError?: MiddlewareOnError }
  | { onRequest?: MiddlewareOnRequest; onResponse?: MiddlewareOnResponse; onError: MiddlewareOnError };

/** The hooks of one client: what `use()` / `eject()` edit. Each call runs a snapshot taken when it starts. */
export class HookList {
  /** Registered hook sets, in order. */
  readonly list: Middleware[] = [];

  /** Registers hook sets (openapi-fetch's `use`): falsy entries are skipped, anything else must be a hook set. */
  use(...middleware: (Middleware | null | undefined | false)[]): void {
    for (const m of middleware) {
      if (!m) continue;
      if (typeof m !== "object" || !("onRequest" in m || "onResponse" in m || "onError" in m)) {
        throw new KeywayConfigError(
          "use() takes objects with at least one of onRequest(), onResponse() or onError()",
        );
      }
      this.list.push(m);
    }
  }

  /** Removes hook sets by identity (openapi-fetch's `eject`). */
  eject(...middleware: Middleware[]): void {
    for (const m of middleware) {
      const i = this.list.indexOf(m);
      if (i !== -1) this.list.splice(i, 1);
    }
  }

  /** The hook sets a call runs, or undefined when there are none (the transport then skips all hook work). */
  snapshot(): readonly Middleware[] | undefined {
    return this.list.length === 0 ? undefined : this.list.slice();
  }
}

let nextId = 0;
/** A short id per client call, for correlating its hook calls. */
export function hookCallId(): string {
  nextId = (nextId + 1) % Number.MAX_SAFE_INTEGER;
  return nextId.toString(36);
}

type Info = Omit<MiddlewareCallbackParams, "request">;

/**
 * Runs every `onRequest` in registration order. A returned Request replaces the attempt's request; it must keep
 * the method and stay under `baseUrl` (the credentials never leave the base URL).
 */
export async function runOnRequest(
  hooks: readonly Middleware[],
  request: Request,
  info: Info,
  baseUrl: string,
): Promise<Request> {
  for (const m of hooks) {
    if (typeof m.onRequest !== "function") continue;
    const result = await m.onRequest({ ...info, request });
    if (result === undefined || result === null) continue;
    if (!(result instanceof Request)) {
      throw new KeywayConfigError("onRequest must return a Request (or nothing) to change the request", {
        operation: info.operationId,
      });
    }
    if (result.method !== request.method || !isUnder(result.url, baseUrl)) {
      throw new KeywayConfigError(
        `onRequest returned a ${result.method} request outside the base URL; a hook may change headers, ` +
          "query and body, never the method or the origin",
        { method: request.method, operation: info.operationId },
      );
    }
    request = result;
  }
  return request;
}

/**
 * One attempt's request after the `onRequest` hooks, as parts to sign: the hooks get a fresh unsigned copy of
 * openapi-fetch's request (headers, URL, and the serializer's `body`); the Request that goes out is rebuilt
 * from what they return, so a hook that kept a reference cannot touch what is signed. A replaced body (and a
 * FormData one, whose multipart boundary is the copied content-type's) is read back once as bytes.
 */
export async function beforeSigning<B>(
  hooks: readonly Middleware[],
  first: Request,
  body: B,
  info: Info,
  baseUrl: string,
): Promise<{ request: Request; headers: Headers; body: B | Uint8Array | undefined }> {
  const fresh = new Request(first.url, {
    method: first.method,
    headers: first.headers,
    body: body as BodyInit | undefined,
  });
  const request = await runOnRequest(hooks, fresh, info, baseUrl);
  const bytes =
    request === fresh && !(body instanceof FormData)
      ? body
      : request.body === null
        ? undefined
        : new Uint8Array(await request.arrayBuffer());
  return { request, headers: new Headers(request.headers), body: bytes };
}

/** Runs every `onResponse` in reverse registration order (as openapi-fetch does); a returned Response replaces it. */
export async function runOnResponse(
  hooks: readonly Middleware[],
  request: Request,
  response: Response,
  info: Info,
): Promise<Response> {
  for (let i = hooks.length - 1; i >= 0; i--) {
    const m = hooks[i]!;
    if (typeof m.onResponse !== "function") continue;
    const result = await m.onResponse({ ...info, request, response });
    if (result === undefined || result === null) continue;
    if (!(result instanceof Response)) {
      throw new KeywayConfigError("onResponse must return a Response (or nothing)", {
        operation: info.operationId,
      });
    }
    response = result;
  }
  return response;
}

/**
 * Runs every `onError` in reverse registration order. Resolves with a Response one of them returned (it becomes
 * the call's answer); otherwise rejects with the error, replaced by any Error a hook returned.
 */
export async function runOnError(
  hooks: readonly Middleware[],
  request: Request,
  error: unknown,
  info: Info,
): Promise<Response> {
  for (let i = hooks.length - 1; i >= 0; i--) {
    const m = hooks[i]!;
    if (typeof m.onError !== "function") continue;
    const result = await m.onError({ ...info, request, error });
    if (result === undefined || result === null) continue;
    if (result instanceof Response) return result;
    if (!(result instanceof Error)) {
      throw new KeywayConfigError("onError must return a Response, an Error, or nothing", {
        operation: info.operationId,
      });
    }
    error = result;
  }
  throw error;
}

/** Whether `url` is `baseUrl` itself or below it (path, query). */
function isUnder(url: string, baseUrl: string): boolean {
  if (!url.startsWith(baseUrl)) return false;
  const next = url.charAt(baseUrl.length);
  return next === "" || next === "/" || next === "?" || next === "#";
}
