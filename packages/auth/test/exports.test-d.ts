import { describe, expectTypeOf, it } from "vitest";
// @ts-expect-error the transport's mutable per-call state is not part of the public API
import type { CallState, InnerFetch, OperationTable, Scheme, Secret } from "../src/index.js";

describe("public types", () => {
  it("exports the contract types, not the transport's call state", () => {
    expectTypeOf<Secret>().toEqualTypeOf<string | (() => string | Promise<string>)>();
    expectTypeOf<Scheme["sign"]>().toBeFunction();
    expectTypeOf<InnerFetch>().toBeFunction();
    expectTypeOf<OperationTable>().toBeObject();
    expectTypeOf<CallState>().toBeAny();
  });
});
