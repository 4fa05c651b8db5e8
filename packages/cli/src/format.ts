/**
 * How `keyway explain` prints an {@link Explanation}: sections a person reads top to bottom, or one JSON object.
 * @module
 */
import type { Explanation } from "./explain.js";

const indent = (text: string) => text.replace(/^/gm, "  ");

/**
 * The explanation as text: what was matched, the canonical string, the signature, the request as sent, then
 * how secrets were shown and each note (e.g. secrets too short to be searched for).
 */
export function formatText(e: Explanation, redacted: boolean, notes: readonly string[] = []): string {
  const surface = e.surface ? ` (${e.surface})` : "";
  const lines = [`${e.provider}${surface} ${e.operationId}: ${e.operation}, signed by ${e.scheme}`, ""];
  if (e.canonical !== undefined) lines.push("Canonical string:", indent(e.canonical), "");
  if (e.signature !== undefined) lines.push("Signature:", indent(e.signature), "");
  lines.push("Request:", indent(`${e.method} ${e.url}`));
  for (const [name, value] of Object.entries(e.headers)) lines.push(indent(`${name}: ${value}`));
  if (e.body !== undefined) lines.push("", "Body:", indent(e.body));
  if (redacted) lines.push("", "Secrets are shown as [redacted]; add --show-secrets to print them.");
  for (const note of notes) lines.push(`Note: ${note}.`);
  return `${lines.join("\n")}\n`;
}

/** The explanation as one line of JSON, with `secretsRedacted` saying whether secrets were hidden and `notes`. */
export function formatJson(e: Explanation, redacted: boolean, notes: readonly string[] = []): string {
  return `${JSON.stringify({ ...e, secretsRedacted: redacted, notes })}\n`;
}
