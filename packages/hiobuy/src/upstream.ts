/**
 * The `response_format: "upstream"` variant of HIOBuy answers: the raw marketplace JSON instead of
 * HIOBuy's standard models. Operations that accept `response_format` answer `Standard | UpstreamResponse`.
 */
import type { components } from "./generated/index.js";

/** The raw-marketplace variant (`components["schemas"]["UpstreamResponse"]`). */
export type UpstreamResponse = components["schemas"]["UpstreamResponse"];

/**
 * True when `data` is the `UpstreamResponse` variant (`response_format: "upstream"` with an
 * `upstream_api` name). On a `Standard | UpstreamResponse` union it narrows both ways:
 *
 * ```ts
 * const { data } = await client.POST("/products/detail", { body: { channel: "1688", product_id, response_format } });
 * if (data && isUpstream(data)) data.upstream; // raw vendor JSON
 * else if (data) data.product;                  // StandardProductDetail
 * ```
 */
export function isUpstream(data: unknown): data is UpstreamResponse {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
  const d = data as Record<string, unknown>;
  return d.response_format === "upstream" && typeof d.upstream_api === "string" && "upstream" in d;
}

/**
 * The standard part of an answer type: `Standard<Data>` drops the `UpstreamResponse` variant, for
 * callers that never send `response_format: "upstream"` (or have checked {@link isUpstream}).
 */
export type Standard<T> = Exclude<T, UpstreamResponse>;
