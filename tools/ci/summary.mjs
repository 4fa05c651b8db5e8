#!/usr/bin/env node
// Sums the JSON reports every package's vitest run wrote (.vitest-report.json) into one closing line,
// `tests: N passed, N failed`, and fails when no test ran at all.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const group of ["packages", "tools"]) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const file = join(group, name, ".vitest-report.json");
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    rows.push(`  ${join(group, name).padEnd(22)} ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  }
}
console.log(rows.join("\n"));
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exit(1);
