/**
 * What every HIOBuy route handler receives and returns, and the small readers they share.
 * @module
 */
import type { KeyInfo } from "./keys.js";
import type { HiobuyState } from "./state.js";

/** Context handed to every route handler. */
export interface HandlerContext {
  /** Parsed JSON body (validated against the spec). */
  body: Record<string, unknown>;
  /** Query parameters. */
  query: Record<string, string | string[]>;
  /** Path template parameters. */
  params: Record<string, string>;
  /** The calling app's key. */
  key: KeyInfo;
  /** Sandbox clock (ms). */
  now: number;
  /** In-memory state. */
  state: HiobuyState;
  /** Scenario requested with `sandbox_trigger` (test keys only), if any. */
  trigger: string | undefined;
}

/** A route handler: returns the 200 body (without `request_id`) or throws `HioError` / `HioBusinessFailure`. */
export type Handler = (ctx: HandlerContext) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** Handlers keyed by the spec's operationId. */
export type Handlers = Record<string, Handler>;

/** `v` when it is a string. */
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
/** `v` when it is an integer, else `d`. */
export const int = (v: unknown, d: number): number => (typeof v === "number" && Number.isInteger(v) ? v : d);
/** The request's `language` (default `en`). */
export const lang = (b: Record<string, unknown>): string => str(b.language) ?? "en";
