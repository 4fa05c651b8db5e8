/**
 * `node dist/group-child.js <group> <options JSON>`: runs one bench group and sends its report to the parent
 * (src/main.ts, through src/isolate.ts). Not meant to be started by hand.
 */
import { type BenchOptions, isGroup, runGroup } from "./groups.js";
import { reportToParent } from "./isolate.js";

const [name = "", optionsJson = "{}"] = process.argv.slice(2);
await reportToParent(async () => {
  if (!isGroup(name)) throw new Error(`no group ${name}`);
  return runGroup(name, JSON.parse(optionsJson) as BenchOptions);
});
