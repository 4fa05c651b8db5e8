/**
 * `node dist/alloc-profile.js <case> [batches] [top]`: what one case of cases.ts allocates per call, and in
 * which functions. It runs the case in the bench's shape (batches of 64 concurrent calls, then one
 * `setImmediate` turn; 300 warm-up batches first) under V8's sampling heap profiler, counting objects the
 * garbage collector has already freed too, so the figure is what a call allocates, not what it keeps. The
 * garbage collector's share of a CPU profile grows with it (tools/bench/README.md, "Profiles").
 *
 * Sampled: one sample per 256 bytes allocated on average, so read a function's figure to about ±5 %. A function
 * V8 inlined is counted in its caller.
 */
import { Session } from "node:inspector/promises";
import { findCase } from "./cases.js";
import { driveBatches } from "./measure.js";

/** A node of V8's sampling heap profile. */
export interface AllocNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly AllocNode[];
}

/** A function's allocations: `name url:line` → bytes, and the total. */
export function allocByFunction(head: AllocNode): { total: number; byFunction: Map<string, number> } {
  const byFunction = new Map<string, number>();
  let total = 0;
  const stack: AllocNode[] = [head];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (node.selfSize > 0) {
      total += node.selfSize;
      const where = url.replace(/^.*\/node_modules\//, "").replace(/^file:\/\/.*\/(packages|tools)\//, "$1/");
      const key = `${functionName || "(anonymous)"} ${where || "(native)"}:${lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
    }
    stack.push(...node.children);
  }
  return { total, byFunction };
}

/**
 * Allocations made while `work` runs, freed ones included: V8's sampling heap profiler with the objects the
 * garbage collector has collected kept in the profile (without them a profile shows only what survived).
 */
export async function sampleAllocations(
  work: () => Promise<void>,
  samplingInterval = 256,
): Promise<{ total: number; byFunction: Map<string, number> }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("HeapProfiler.startSampling", {
      samplingInterval,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    await work();
    const { profile } = await session.post("HeapProfiler.stopSampling");
    return allocByFunction(profile.head as unknown as AllocNode);
  } finally {
    session.disconnect();
  }
}

async function main(): Promise<void> {
  const [id = "hiobuy", batchesArg = "1500", topArg = "25"] = process.argv.slice(2);
  const c = await findCase(id);
  await driveBatches(c, 300);
  const batches = Number(batchesArg);
  const { total, byFunction } = await sampleAllocations(() => driveBatches(c, batches));
  const calls = batches * 64;
  console.log(`${id}: ${calls} calls, ${(total / calls).toFixed(0)} bytes allocated per call (sampled)\n`);
  console.log("| function | bytes/call |\n|---|---:|");
  const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg));
  for (const [where, bytes] of top) console.log(`| ${where} | ${(bytes / calls).toFixed(0)} |`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
