// Times an SGate signature and a HiShopping seal + sign on both crypto paths of the BUILT package, side by
// side. Not a test: run `pnpm --filter @keyway/auth build && node packages/auth/bench/crypto-paths.mjs`.
// The node:crypto path is what `node` resolves `#crypto` to; `node --conditions=browser` resolves the Web
// Crypto path. Each path runs in its own child process, rounds alternate between the two, and the work is
// done in batches awaited one by one with a turn of the event loop (setImmediate) between batches.
// On a shared machine compare the ratio, not the absolute times, and prefer the CPU figures (user + system
// time of the whole process, every thread): Web Crypto's work runs on libuv's thread pool, which an
// oversubscribed machine schedules alongside the main thread, so wall time flatters it there.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROUNDS = 7;
const BATCHES = 10;
const PER_BATCH = 200;

if (process.argv[2] === "--child") {
  const { cryptoPath } = await import("../dist/core/crypto.js");
  const { sgateCanonicalString, sgateSignature } = await import("@keyway/auth/sgate");
  const { sealHishoppingPayload, signHishoppingEnvelope } = await import("@keyway/auth/hishopping");
  const secret = "kE7v9mQ2xL4pR8sT1wY6zA3bC5dF0gH2";
  const canonical = sgateCanonicalString({
    uri: "/merchants/M448726/orders",
    key: "zS83hJd2kLq9",
    timestamp: 1672991487,
    method: "merchant.orders.list",
  });
  const plaintext = new TextEncoder().encode(
    JSON.stringify({ orderId: "HS-2026-000123", items: [{ sku: "A-1", qty: 2 }], note: "x".repeat(200) }),
  );
  const iv = new Uint8Array(12).fill(7);
  const work = {
    sgate: () => sgateSignature(canonical, secret),
    hishopping: async () => {
      const data = await sealHishoppingPayload(secret, iv, plaintext);
      return signHishoppingEnvelope("sign-key-0123456789", { appId: "app-1", timestamp: 1672991487, data });
    },
  };
  const out = { path: cryptoPath };
  for (const [name, fn] of Object.entries(work)) {
    for (let i = 0; i < PER_BATCH; i++) await fn(); // warm-up, key caches filled
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let b = 0; b < BATCHES; b++) {
      for (let i = 0; i < PER_BATCH; i++) await fn();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const wall = Number(process.hrtime.bigint() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    out[name] = { wall: wall / (BATCHES * PER_BATCH), cpu: (cpu.user + cpu.system) / (BATCHES * PER_BATCH) };
  }
  console.log(JSON.stringify(out));
} else {
  const self = fileURLToPath(import.meta.url);
  const runs = { node: [], web: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const args of [
      [self, "--child"],
      ["--conditions=browser", self, "--child"],
    ]) {
      const child = spawnSync(process.execPath, args, { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
      const result = JSON.parse(child.stdout);
      runs[result.path].push(result);
    }
  }
  // Best round (least disturbed by other processes) and median round, µs per call, CPU and wall.
  const best = (xs) => Math.min(...xs);
  const median = (xs) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`${BATCHES}×${PER_BATCH} calls per round, ${ROUNDS} rounds per path, µs per call`);
  console.log("workload              stat          node:crypto   Web Crypto   Web/node");
  for (const name of ["sgate", "hishopping"]) {
    const label = name === "sgate" ? "SGate signature" : "HiShopping seal+sign";
    for (const [stat, pick, field] of [
      ["cpu best", best, "cpu"],
      ["cpu median", median, "cpu"],
      ["wall best", best, "wall"],
      ["wall median", median, "wall"],
    ]) {
      const n = pick(runs.node.map((x) => x[name][field]));
      const w = pick(runs.web.map((x) => x[name][field]));
      console.log(
        `${label.padEnd(21)} ${stat.padEnd(11)} ${n.toFixed(2).padStart(11)}   ${w.toFixed(2).padStart(10)}   ${(w / n).toFixed(1).padStart(7)}×`,
      );
    }
  }
}
