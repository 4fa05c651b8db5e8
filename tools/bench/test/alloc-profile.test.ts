import { describe, expect, it } from "vitest";
import { type AllocNode, allocByFunction, sampleAllocations } from "../src/alloc-profile.js";

const node = (
  functionName: string,
  url: string,
  lineNumber: number,
  selfSize: number,
  children: AllocNode[] = [],
) => ({
  callFrame: { functionName, url, lineNumber },
  selfSize,
  children,
});

describe("allocByFunction", () => {
  it("sums a function's allocations over every stack it appears in, and names where it is", () => {
    const head = node("(root)", "", -1, 0, [
      node("call", "file:///work/x/packages/auth/dist/core/client.js", 124, 100, [
        node(
          "coreFetch",
          "file:///work/x/node_modules/.pnpm/openapi-fetch@0.17.0/node_modules/openapi-fetch/dist/index.mjs",
          22,
          40,
        ),
      ]),
      node("call", "file:///work/x/packages/auth/dist/core/client.js", 124, 60),
      node("", "node:internal/webstreams/readablestream", 251, 7),
    ]);
    const { total, byFunction } = allocByFunction(head);
    expect(total).toBe(207);
    expect(Object.fromEntries(byFunction)).toEqual({
      "call packages/auth/dist/core/client.js:125": 160,
      "coreFetch openapi-fetch/dist/index.mjs:23": 40,
      "(anonymous) node:internal/webstreams/readablestream:252": 7,
    });
  });
});

describe("sampleAllocations", () => {
  it("counts what was allocated and already freed, not only what survived", async () => {
    let sink: unknown;
    async function churn(): Promise<void> {
      for (let i = 0; i < 4000; i++) sink = new Array(128).fill(i); // ~0.5 KB each, garbage at once
      await new Promise((resolve) => setImmediate(resolve));
    }
    const { byFunction } = await sampleAllocations(churn, 1024);
    const [, bytes = 0] = [...byFunction].find(([where]) => where.startsWith("churn ")) ?? [];
    // 4,000 arrays of 128 slots: about 2 MB at 4 bytes a slot (pointer compression), 4 MB at 8.
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(bytes).toBeLessThan(10_000_000);
    expect(sink).toBeDefined();
  });
});
