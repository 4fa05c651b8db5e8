/**
 * How `keyway explain` prints an {@link Explanation}: sections a person reads top to bottom, or one JSON object.
 * @module
 */
import type { Explanation } from "./explain.js";

const indent = (text: string) => text.replace(/^/gm, "  ");

/** The explanation as text: what was matched, the canonical string, the signature, the request as sent. */
export function formatText(e: Explanation, redacted: boolean): string {
  const surface = e.surface ? ` (${e.surface})` : "";
  const lines = [`${e.provider}${surface} ${e.operationId}: ${e.operation}, signed by ${e.scheme}`, ""];
  if (e.canonical !== undefined) lines.push("Canonical string:", indent(e.canonical), "");
  if (e.signature !== undefined) lines.push("Signature:", indent(e.signature), "");
  lines.push("Request:", indent(`${e.method} ${e.url}`));
  for (const [name, value] of Object.entries(e.headers)) lines.push(indent(`${name}: ${value}`));
  if (e.body !== undefined) lines.push("", "Body:", indent(e.body));
  if (redacted) lines.push("", "Secrets are shown as [redacted]; add --show-secrets to print them.");
  return `${lines.join("\n")}\n`;
}

/** The explanation as one line of JSON, with `secretsRedacted` saying whether secrets were hidden. */
export function formatJson(e: Explanation, redacted: boolean): string {
  return `${JSON.stringify({ ...e, secretsRedacted: redacted })}\n`;
}
