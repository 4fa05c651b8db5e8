import { describe, expect, expectTypeOf, it } from "vitest";
import type { components } from "../src/generated/index.js";
import { isUpstream, type Standard, type UpstreamResponse } from "../src/upstream.js";

type Detail = components["schemas"]["ProductDetailResponse"];

// Bodies as the spec's own examples show them (specs/hiobuy/openapi.yaml, components.examples).
const upstream = {
  channel: "1688",
  response_format: "upstream",
  upstream_api: "com.alibaba.fenxiao.crossborder/product.search.queryProductDetail",
  upstream: { result: { success: true } },
  upstream_steps: [],
  request_id: "req_01J9Z3K6Q2W8E4R7T5Y1U3I9P3",
};
const standard = {
  product: {
    id: "1688_554456348334",
    channel: "1688",
    source_product_id: "554456348334",
    source_url: "https://detail.1688.com/offer/554456348334.html",
    title: { original: "纯棉短袖T恤", translated: "Cotton short-sleeve T-shirt", language: "en" },
    price: {
      original_amount: 12.5,
      display_amount: 12.5,
      promotion_amount: null,
      original_currency: "CNY",
      display_currency: "CNY",
    },
  },
  request_id: "req_01J9Z3K6Q2W8E4R7T5Y1U3I9P1",
};

describe("isUpstream", () => {
  it("recognizes the upstream variant", () => {
    expect(isUpstream(upstream)).toBe(true);
    expect(isUpstream({ ...upstream, upstream: null })).toBe(true); // raw vendor JSON may be anything
  });

  it("rejects standard bodies and look-alikes", () => {
    expect(isUpstream(standard)).toBe(false);
    expect(isUpstream({ ...standard, response_format: "standard" })).toBe(false);
    expect(isUpstream({ ...upstream, response_format: "UPSTREAM" })).toBe(false);
    const { upstream_api: _api, ...noApi } = upstream;
    expect(isUpstream(noApi)).toBe(false);
    const { upstream: _raw, ...noRaw } = upstream;
    expect(isUpstream(noRaw)).toBe(false);
    for (const v of [null, undefined, "upstream", 1, [], [upstream]]) expect(isUpstream(v)).toBe(false);
  });

  it("narrows a Standard | UpstreamResponse union both ways", () => {
    const body = JSON.parse(JSON.stringify(standard)) as Detail | UpstreamResponse;
    if (isUpstream(body)) {
      expectTypeOf(body).toEqualTypeOf<UpstreamResponse>();
      expectTypeOf(body.upstream_api).toEqualTypeOf<string>();
      throw new Error("unreachable: the body is standard");
    }
    expectTypeOf(body).toEqualTypeOf<Detail>();
    expect(body.product.id).toBe("1688_554456348334");
  });

  it("Standard<T> drops the upstream variant", () => {
    expectTypeOf<Standard<Detail | UpstreamResponse>>().toEqualTypeOf<Detail>();
  });
});
