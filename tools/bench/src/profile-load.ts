/**
 * A focused load for `node --cpu-prof`: one case of cases.ts (default `hiobuy`) in the bench's own shape —
 * batches of 64 concurrent calls, then one `setImmediate` turn — for a fixed number of batches, so a profile
 * shows where that client's per-call time goes. `node --cpu-prof --cpu-prof-dir=prof dist/profile-load.js hiobuy 3000`
 * (tools/bench/README.md, "Profiles"; `dist/profile.js <file>` summarises the profile). `loopback:<side>`
 * (`bare`, `keyway`, `untimed`) drives one side of the throughput group instead: `<calls>` calls over the
 * loopback server, 64 in flight, after 2,000 warm-up calls.
 */
import { findCase } from "./cases.js";
import { driveBatches } from "./measure.js";
import { drive, SIDES, type Side, sideCalls, startLoopback } from "./throughput.js";

const [id = "hiobuy", countArg = "2000"] = process.argv.slice(2);
if (id.startsWith("loopback:")) {
  const side = id.slice("loopback:".length) as Side;
  if (!SIDES.includes(side)) throw new Error(`no side ${side}; sides are ${SIDES.join(", ")}`);
  const calls = Number(countArg);
  const { server, baseUrl } = await startLoopback();
  try {
    const call = sideCalls(baseUrl)[side];
    await drive(call, 2000, 64, 120_000);
    const run = await drive(call, calls, 64, 120_000);
    console.log(
      `${id}: ${calls} calls, ${run.perSecond.toFixed(0)} calls/s, ${run.cpuUs.toFixed(1)} µs/call CPU (server included)`,
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
} else {
  await profileCase(id, Number(countArg));
}

async function profileCase(id: string, batches: number): Promise<void> {
  const c = await findCase(id);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await driveBatches(c, batches);
  const used = process.cpuUsage(cpu);
  const calls = batches * 64;
  console.log(
    `${id}: ${calls} calls, ${(((performance.now() - started) * 1000) / calls).toFixed(2)} µs/call wall, ` +
      `${((used.user + used.system) / calls).toFixed(2)} µs/call CPU`,
  );
}
