/**
 * A focused load for `node --cpu-prof`: one case of cases.ts (default `hiobuy`) in the bench's own shape —
 * batches of 64 concurrent calls, then one `setImmediate` turn — for a fixed number of batches, so a profile
 * shows where that client's per-call time goes. `node --cpu-prof --cpu-prof-dir=prof dist/profile-load.js hiobuy 3000`
 * (tools/bench/README.md, "Profiles"; `dist/profile.js <file>` summarises the profile).
 */
import { buildCases } from "./cases.js";

const [id = "hiobuy", batchesArg = "2000"] = process.argv.slice(2);
const batches = Number(batchesArg);
const found = (await buildCases()).find((c) => c.id === id);
if (!found) throw new Error(`no case ${id}`);
const c = found;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const pending: Promise<unknown>[] = new Array(64);
const cpu = process.cpuUsage();
const started = performance.now();
for (let b = 0; b < batches; b++) {
  for (let i = 0; i < 64; i++) pending[i] = c.call();
  await Promise.all(pending);
  await turn();
}
const used = process.cpuUsage(cpu);
const calls = batches * 64;
console.log(
  `${id}: ${calls} calls, ${(((performance.now() - started) * 1000) / calls).toFixed(2)} µs/call wall, ` +
    `${((used.user + used.system) / calls).toFixed(2)} µs/call CPU`,
);
