import { describe, expect, it } from "vitest";
import { memoryClaimStore } from "../src/internal.js";

describe("memoryClaimStore", () => {
  it("gives a key to one claimant until its lease expires, and never again once completed", () => {
    let clock = 1_000;
    const store = memoryClaimStore(10, () => clock);
    expect(store.claim("a", 500)).toBe(true);
    expect(store.claim("a", 500)).toBe(false);
    expect(store.isDone?.("a")).toBe(false);
    clock += 501; // the first claimant never settled: its lease ran out
    expect(store.claim("a", 500)).toBe(true);
    store.complete?.("a");
    clock += 10_000;
    expect(store.claim("a", 500)).toBe(false);
    expect(store.isDone?.("a")).toBe(true);
  });

  it("releases a claim for the provider's retry, and defaults the lease to 60 s", () => {
    let clock = 0;
    const store = memoryClaimStore(10, () => clock);
    expect(store.claim("b")).toBe(true);
    store.release("b");
    expect(store.claim("b")).toBe(true);
    clock += 59_999;
    expect(store.claim("b")).toBe(false);
    clock += 2;
    expect(store.claim("b")).toBe(true);
  });

  it("forgets the oldest key when full", () => {
    const store = memoryClaimStore(2, () => 0);
    store.claim("x");
    store.complete?.("x");
    store.claim("y");
    store.claim("z");
    expect(store.isDone?.("x")).toBe(false);
    expect(store.claim("x")).toBe(true);
  });
});
