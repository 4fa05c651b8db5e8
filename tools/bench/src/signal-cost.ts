/**
 * `node dist/signal-cost.js`: what making one `AbortSignal` costs on the Node running it, in the bench's own
 * shape (64 at a time, then a `setImmediate` turn, so the garbage they leave is collected as on a server),
 * beside a plain object and a bare `EventTarget` for scale. Run it with each Node of the matrix
 * (tools/matrix/runtimes) to compare versions; README "Profiles", "The deadline's signal".
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Median ns per call of `make` over `rounds` rounds of `batches` × 64 calls. */
export async function nsPerCall(make: () => unknown, rounds = 9, batches = 300): Promise<number> {
  const runs: number[] = [];
  for (let r = -1; r < rounds; r++) {
    const started = process.hrtime.bigint();
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < 64; i++) make();
      await turn();
    }
    if (r >= 0) runs.push(Number(process.hrtime.bigint() - started) / (batches * 64));
  }
  runs.sort((a, b) => a - b);
  return runs[runs.length >> 1]!;
}

const makers: Record<string, () => unknown> = {
  "plain object": () => ({ a: 1 }),
  "new EventTarget()": () => new EventTarget(),
  "new AbortController().signal": () => new AbortController().signal,
};
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, make] of Object.entries(makers)) {
    console.log(`${process.version} ${name}: ${(await nsPerCall(make)).toFixed(0)} ns`);
  }
}
