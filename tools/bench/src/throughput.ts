/**
 * Loopback throughput: the Keyway HIOBuy client against bare openapi-fetch making the same
 * `POST /products/detail` call to a node:http server on 127.0.0.1 (port 0), `concurrency` calls in flight at
 * all times. Many short rounds: each runs every side for a fixed number of calls, back to back, in an order
 * that changes every round, so load on a shared machine hits the sides of a round alike; the figure is the
 * median of the per-round ratios, reported with its interquartile range. A third side, the same client with
 * `timeoutMs: 0`, shows what the default deadline costs (reported, not budgeted). Heap: `heapUsed` after a
 * forced GC once warm-up is done, and again after the last round.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createHiobuyClient, type paths as HiobuyPaths } from "@keyway/hiobuy";
import createClient from "openapi-fetch";
import { atLeast, budget, type GroupReport } from "./budget.js";
import { interleave, type Quartiles, quartiles, ratios } from "./measure.js";
import { PRODUCT_JSON } from "./stub.js";

/** Settings of one throughput run. */
export interface ThroughputOptions {
  /** Calls in flight at once. */
  readonly concurrency: number;
  /** Calls per side per round (bounded work: `(warmupRounds + rounds) × calls × 3` calls in all). */
  readonly calls: number;
  /** Measured rounds; each runs every side once, back to back, in an order that changes every round. */
  readonly rounds: number;
  /** Rounds run first and discarded (JIT, connection pool, heap growth). */
  readonly warmupRounds: number;
  /** A side's run that takes longer than this fails the run (a hang, not slowness). */
  readonly roundTimeoutMs: number;
}

/**
 * The default run: 64 in flight, 36 rounds of 200 calls per side after 5 warm-up rounds (24,600 calls). Short
 * adjacent runs see the same load on a shared machine, and the median of many per-round ratios moves less
 * from run to run than the median of a few long ones (tools/bench/README.md, "Loopback throughput and heap").
 */
export const THROUGHPUT_DEFAULTS: ThroughputOptions = {
  concurrency: 64,
  calls: 200,
  rounds: 36,
  warmupRounds: 5,
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

/** One side's run: calls per second (wall) and process CPU (user + system) per call. */
export interface SideRun {
  readonly perSecond: number;
  readonly cpuUs: number;
}

/**
 * Runs `calls` calls of `call` with `concurrency` in flight. CPU is the whole process's (`process.cpuUsage`),
 * so it counts the loopback server and undici's work for these calls too: the same for every side.
 */
export async function drive(
  call: () => Promise<unknown>,
  calls: number,
  concurrency: number,
  timeoutMs: number,
): Promise<SideRun> {
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      next++;
      await call();
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`a run of ${calls} calls took over ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    await Promise.race([Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker)), timeout]);
  } finally {
    clearTimeout(timer);
  }
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { perSecond: calls / (elapsedMs / 1000), cpuUs: (used.user + used.system) / calls };
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

/** The sides measured: bare openapi-fetch, the Keyway client as shipped, and (reported only) without a deadline. */
export const SIDES = ["bare", "keyway", "untimed"] as const;

/** A side's name. */
export type Side = (typeof SIDES)[number];

const LABELS: Record<Side, string> = {
  bare: "bare openapi-fetch (Bearer header)",
  keyway: "Keyway HIOBuy (default options)",
  untimed: "Keyway HIOBuy, timeoutMs: 0 (diagnostic)",
};

/** One call of each side against the loopback server at `baseUrl` (each side its own client); a failed call throws. */
export function sideCalls(baseUrl: string): Record<Side, () => Promise<void>> {
  const bare = createClient<HiobuyPaths>({ baseUrl, headers: { authorization: `Bearer ${TOKEN}` } });
  const keyway = createHiobuyClient({ apiKey: TOKEN, baseUrl });
  const untimed = createHiobuyClient({ apiKey: TOKEN, baseUrl, timeoutMs: 0 });
  return {
    bare: async () => ok(await bare.POST("/products/detail", { body: detail })),
    keyway: async () => ok(await keyway.POST("/products/detail", { body: detail })),
    untimed: async () => ok(await untimed.POST("/products/detail", { body: detail })),
  };
}

/** Per-round figures of every side: calls per second and CPU µs per call, one entry per measured round. */
export type SideSamples = Record<Side, { perSecond: number[]; cpuUs: number[] }>;

/** The per-round ratios a run reports, each with its quartiles. */
export interface ThroughputSummary {
  /** Keyway ÷ bare calls per second (the budget's figure is its median). */
  readonly ratio: Quartiles;
  /** Keyway ÷ bare CPU per call (above 1: Keyway costs more CPU per call). */
  readonly cpuRatio: Quartiles;
  /** timeoutMs: 0 ÷ bare calls per second. */
  readonly untimedRatio: Quartiles;
  /** Keyway ÷ timeoutMs: 0 calls per second: what the default deadline costs (below 1: it costs). */
  readonly timeoutRatio: Quartiles;
}

/** Per-round ratios of a run's samples and their quartiles (a pure function of the samples). */
export function summarise(samples: SideSamples): ThroughputSummary & { ratios: number[] } {
  const { bare, keyway, untimed } = samples;
  const perRound = ratios(keyway.perSecond, bare.perSecond);
  return {
    ratios: perRound,
    ratio: quartiles(perRound),
    cpuRatio: quartiles(ratios(keyway.cpuUs, bare.cpuUs)),
    untimedRatio: quartiles(ratios(untimed.perSecond, bare.perSecond)),
    timeoutRatio: quartiles(ratios(keyway.perSecond, untimed.perSecond)),
  };
}

/**
 * Measures Keyway HIOBuy (default options, and `timeoutMs: 0` as a diagnostic) against bare openapi-fetch over
 * loopback in short interleaved rounds; budgets ≥ 0.95× bare calls per second (median of the per-round ratios)
 * and heap after the run ≤ 1.10× heap after warm-up.
 */
export async function runThroughput(options: ThroughputOptions = THROUGHPUT_DEFAULTS): Promise<GroupReport> {
  const { server, baseUrl } = await startLoopback();
  try {
    const calls = sideCalls(baseUrl);
    const run = (side: Side) =>
      drive(calls[side], options.calls, options.concurrency, options.roundTimeoutMs);

    for (let round = -options.warmupRounds; round < 0; round++) {
      for (const side of interleave(SIDES, round)) await run(side);
    }
    const heapWarm = await heapAfterGc();
    const samples = Object.fromEntries(
      SIDES.map((side) => [side, { perSecond: [] as number[], cpuUs: [] as number[] }]),
    ) as SideSamples;
    const orders: string[] = [];
    for (let round = 0; round < options.rounds; round++) {
      process.stderr.write(`throughput round ${round + 1}/${options.rounds}\r`);
      const order = interleave(SIDES, round);
      orders.push(order.join(","));
      for (const side of order) {
        const got = await run(side);
        samples[side].perSecond.push(got.perSecond);
        samples[side].cpuUs.push(got.cpuUs);
      }
    }
    process.stderr.write("\n");
    const heapEnd = await heapAfterGc();

    const summary = summarise(samples);
    const { ratios, ratio } = summary;
    return {
      lines: throughputLines(options, samples, summary, heapWarm, heapEnd),
      budgets: [
        atLeast(
          "Keyway HIOBuy loopback throughput at concurrency 64",
          ratio.median,
          0.95,
          "× bare openapi-fetch",
          ratio,
        ),
        budget("Heap after the throughput run", heapEnd / heapWarm, 1.1, "× heap after warm-up"),
      ],
      data: {
        options,
        perSecond: {
          bare: samples.bare.perSecond,
          keyway: samples.keyway.perSecond,
          untimed: samples.untimed.perSecond,
        },
        ratios,
        heapWarm,
        heapEnd,
        cpuUs: { bare: samples.bare.cpuUs, keyway: samples.keyway.cpuUs, untimed: samples.untimed.cpuUs },
        orders,
        summary: {
          ratio,
          cpuRatio: summary.cpuRatio,
          untimedRatio: summary.untimedRatio,
          timeoutRatio: summary.timeoutRatio,
        },
      },
    };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** A quartile summary as `median (IQR q1–q3, min–max)`. */
const q = (x: Quartiles, digits: number) =>
  `${x.median.toFixed(digits)} (IQR ${x.q1.toFixed(digits)}–${x.q3.toFixed(digits)}, ${x.min.toFixed(digits)}–${x.max.toFixed(digits)})`;

function throughputLines(
  options: ThroughputOptions,
  samples: SideSamples,
  summary: ThroughputSummary,
  heapWarm: number,
  heapEnd: number,
): string[] {
  const mb = (x: number) => (x / 2 ** 20).toFixed(1);
  return [
    `Loopback throughput: POST /products/detail to node:http on 127.0.0.1, ${options.concurrency} in flight; ${options.rounds} rounds after ${options.warmupRounds} warm-up rounds, each running every side for ${options.calls} calls, back to back, in an order that changes every round; ratios are taken within a round. CPU: process.cpuUsage (the server's share included, the same for every side) / calls. Heap = heapUsed after 1.5 s idle and a forced GC.`,
    "",
    "| side | calls/s, median (IQR, min–max) | CPU µs/call, median (IQR, min–max) |",
    "|---|---:|---:|",
    ...SIDES.map(
      (side) =>
        `| ${LABELS[side]} | ${q(quartiles(samples[side].perSecond), 0)} | ${q(quartiles(samples[side].cpuUs), 1)} |`,
    ),
    "",
    "| per-round ratio | median (IQR, min–max) |",
    "|---|---:|",
    `| Keyway ÷ bare, calls/s (budget) | ${q(summary.ratio, 3)} |`,
    `| Keyway ÷ bare, CPU per call | ${q(summary.cpuRatio, 3)} |`,
    `| timeoutMs: 0 ÷ bare, calls/s | ${q(summary.untimedRatio, 3)} |`,
    `| Keyway (default timeout) ÷ timeoutMs: 0, calls/s | ${q(summary.timeoutRatio, 3)} |`,
    "",
    `Heap after warm-up ${mb(heapWarm)} MB, after the run ${mb(heapEnd)} MB.`,
  ];
}
