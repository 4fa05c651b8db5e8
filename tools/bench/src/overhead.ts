/**
 * Per-call overhead of a Keyway Bearer client against bare openapi-fetch, same stub fetch, same call.
 * Rounds are interleaved (A B, B A, …) so drift in CPU speed hits both sides alike; each round times a
 * batch of calls of each side with tinybench, and the ratio of the two medians is that round's result.
 */
import { createKeywayClient, type OperationTable, ProviderError } from "@keyway/auth";
import { bearer } from "@keyway/auth/bearer";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";

type Res = { 200: { headers: Record<string, unknown>; content: { "application/json": { id: string } } } };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
/** The benchmarked API: one POST with a JSON body, as HIOBuy's reads are. */
export interface BenchPaths {
  "/products/detail": {
    parameters: NoParams;
    get?: never;
    put?: never;
    post: {
      parameters: NoParams;
      requestBody: { content: { "application/json": { channel: string; product_id: string } } };
      responses: Res;
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

const operations: OperationTable = {
  "POST /products/detail": {
    operationId: "getProductDetail",
    method: "POST",
    path: "/products/detail",
    security: [{ bearerAuth: [] }],
    retry: "safe",
    extensions: { "x-keyway-retry": "safe" },
  },
};

const BODY = '{"id":"554456348334","title":"Sample","price":"12.50"}';
/** The same stub on both sides: an answer built per call, as a real fetch would. */
const stub = async (_req: Request) =>
  new Response(BODY, { status: 200, headers: { "content-type": "application/json" } });
const TOKEN = "hio_test_0123456789abcdef";
const BASE = "https://api.hiobuy.com/v1";
const body = { channel: "1688", product_id: "554456348334" };

/** Result of the overhead benchmark. */
export interface OverheadResult {
  rounds: number;
  bareMedianUs: number;
  keywayMedianUs: number;
  ratios: number[];
  medianRatio: number;
  minRatio: number;
  maxRatio: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Runs `rounds` interleaved rounds of `timeMs` per side and returns the ratio keyway / bare. */
export async function runOverhead(rounds = 9, timeMs = 300): Promise<OverheadResult> {
  const bare = createClient<BenchPaths>({
    baseUrl: BASE,
    fetch: stub,
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const keyway = createKeywayClient<BenchPaths, ProviderError>({
    baseUrl: BASE,
    operations,
    scheme: bearer({ token: TOKEN }),
    fetch: stub,
    toError: (f) =>
      new ProviderError({ status: f.status, code: "X", message: "x", attempts: f.attempts, body: f.body }),
  });
  // Both must really work before they are timed.
  const a = await bare.POST("/products/detail", { body });
  const b = await keyway.POST("/products/detail", { body });
  if (a.data?.id !== "554456348334" || b.data?.id !== "554456348334")
    throw new Error("benchmark clients disagree");

  const tasks = {
    bare: async () => {
      await bare.POST("/products/detail", { body });
    },
    keyway: async () => {
      await keyway.POST("/products/detail", { body });
    },
  };
  const ratios: number[] = [];
  const bareUs: number[] = [];
  const keywayUs: number[] = [];
  // Round 0 warms both sides up and is discarded: whichever ran first would otherwise run cold.
  for (let r = -1; r < rounds; r++) {
    const bench = new Bench({ time: timeMs, warmupTime: 50 });
    const order = r % 2 !== 0 ? (["bare", "keyway"] as const) : (["keyway", "bare"] as const);
    for (const name of order) bench.add(name, tasks[name]);
    await bench.run();
    const med = (name: string) => {
      const t = bench.getTask(name)?.result;
      if (!t || !("latency" in t)) throw new Error(`task ${name} did not complete`);
      return (t.latency.p50 ?? Number.NaN) * 1000;
    };
    const [x, y] = [med("bare"), med("keyway")];
    if (r < 0) continue;
    bareUs.push(x);
    keywayUs.push(y);
    ratios.push(y / x);
  }
  return {
    rounds,
    bareMedianUs: median(bareUs),
    keywayMedianUs: median(keywayUs),
    ratios,
    medianRatio: median(ratios),
    minRatio: Math.min(...ratios),
    maxRatio: Math.max(...ratios),
  };
}
