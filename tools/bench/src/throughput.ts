/**
 * Loopback throughput: the Keyway HIOBuy client against bare openapi-fetch making the same
 * `POST /products/detail` call to a node:http server on 127.0.0.1 (port 0), `concurrency` calls in flight at
 * all times, a fixed number of calls per round, rounds interleaved (bare, Keyway, Keyway, bare, …) so load on
 * a shared machine hits both alike. Heap: `heapUsed` after a forced GC once warm-up is done, and again after
 * the last round.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createHiobuyClient, type paths as HiobuyPaths } from "@keyway/hiobuy";
import createClient from "openapi-fetch";
import { atLeast, budget, type GroupReport } from "./budget.js";
import { spread } from "./measure.js";
import { PRODUCT_JSON } from "./stub.js";

/** Settings of one throughput run. */
export interface ThroughputOptions {
  /** Calls in flight at once. */
  readonly concurrency: number;
  /** Calls per side per round (bounded work: the run ends after `rounds × calls × 2` calls). */
  readonly calls: number;
  /** Measured rounds (one more warms up and is discarded). */
  readonly rounds: number;
  /** A round that takes longer than this fails the run (a hang, not slowness). */
  readonly roundTimeoutMs: number;
}

/** The default run: 64 in flight, 1 000 calls per side per round, 11 rounds. */
export const THROUGHPUT_DEFAULTS: ThroughputOptions = {
  concurrency: 64,
  calls: 1000,
  rounds: 11,
  roundTimeoutMs: 120_000,
};

const TOKEN = "hio_test_0123456789abcdef";
const detail = { channel: "1688", product_id: "554456348334" } as const;

/** Starts the loopback server: every request is read to the end and answered with HIOBuy's product JSON. */
export async function startLoopback(): Promise<{ server: Server; baseUrl: string }> {
  const body = Buffer.from(PRODUCT_JSON);
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}/v1` };
}

/** Runs `calls` calls of `call` with `concurrency` in flight; resolves with calls per second. */
export async function drive(
  call: () => Promise<unknown>,
  calls: number,
  concurrency: number,
  timeoutMs: number,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      next++;
      await call();
    }
  };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`a round of ${calls} calls took over ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker)), timeout]);
  } finally {
    clearTimeout(timer);
  }
  return calls / ((performance.now() - started) / 1000);
}

/**
 * `heapUsed` once the process has idled `idleMs` (so timers such as a client's deadline sweeper have run, as
 * they would between bursts on a server) and a full GC (V8's `gc`, exposed here without a command-line flag).
 */
export async function heapAfterGc(idleMs = 1500): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const ok = (r: { data?: unknown; error?: unknown }) => {
  if (r.error !== undefined || r.data === undefined) throw new Error(`call failed: ${String(r.error)}`);
};

/** Measures Keyway HIOBuy and bare openapi-fetch over loopback; budgets ≥ 0.95× throughput and heap ≤ 1.10×. */
export async function runThroughput(options: ThroughputOptions = THROUGHPUT_DEFAULTS): Promise<GroupReport> {
  const { server, baseUrl } = await startLoopback();
  try {
    const bare = createClient<HiobuyPaths>({ baseUrl, headers: { authorization: `Bearer ${TOKEN}` } });
    const keyway = createHiobuyClient({ apiKey: TOKEN, baseUrl });
    const sides = {
      bare: async () => ok(await bare.POST("/products/detail", { body: detail })),
      keyway: async () => ok(await keyway.POST("/products/detail", { body: detail })),
    };
    const run = (side: keyof typeof sides) =>
      drive(sides[side], options.calls, options.concurrency, options.roundTimeoutMs);

    await run("bare");
    await run("keyway");
    const heapWarm = await heapAfterGc();
    const perSecond = { bare: [] as number[], keyway: [] as number[] };
    const ratios: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      process.stderr.write(`throughput round ${round + 1}/${options.rounds}\r`);
      const order: (keyof typeof sides)[] = round % 2 === 0 ? ["bare", "keyway"] : ["keyway", "bare"];
      const got: Partial<Record<keyof typeof sides, number>> = {};
      for (const side of order) got[side] = await run(side);
      perSecond.bare.push(got.bare!);
      perSecond.keyway.push(got.keyway!);
      ratios.push(got.keyway! / got.bare!);
    }
    process.stderr.write("\n");
    const heapEnd = await heapAfterGc();

    const ratio = spread(ratios);
    const f = (x: number) => x.toFixed(0);
    const mb = (x: number) => (x / 2 ** 20).toFixed(1);
    const lines = [
      `Loopback throughput: POST /products/detail to node:http on 127.0.0.1, ${options.concurrency} in flight, ${options.calls} calls per side per round, ${options.rounds} interleaved rounds after one warm-up; heap = heapUsed after 1.5 s idle and a forced GC.`,
      "",
      "| side | calls/s (median, min–max) |",
      "|---|---:|",
      `| bare openapi-fetch (Bearer header) | ${f(spread(perSecond.bare).median)} (${f(spread(perSecond.bare).min)}–${f(spread(perSecond.bare).max)}) |`,
      `| Keyway HIOBuy (default options) | ${f(spread(perSecond.keyway).median)} (${f(spread(perSecond.keyway).min)}–${f(spread(perSecond.keyway).max)}) |`,
      "",
      `Keyway ÷ bare per round: median ${ratio.median.toFixed(3)} (${ratio.min.toFixed(3)}–${ratio.max.toFixed(3)}). Heap after warm-up ${mb(heapWarm)} MB, after the run ${mb(heapEnd)} MB.`,
    ];
    return {
      lines,
      budgets: [
        atLeast(
          "Keyway HIOBuy loopback throughput at concurrency 64",
          ratio.median,
          0.95,
          "× bare openapi-fetch",
        ),
        budget("Heap after the throughput run", heapEnd / heapWarm, 1.1, "× heap after warm-up"),
      ],
      data: { options, perSecond, ratios, heapWarm, heapEnd },
    };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
