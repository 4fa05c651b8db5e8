/**
 * Reads an npm tarball (a gzipped ustar archive) in memory, so a test can list what a package ships and read its
 * packed `package.json` without unpacking anything.
 * @module
 */
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

/**
 * The regular files of a `.tgz`, by path inside the archive with npm's leading `package/` removed
 * (`dist/index.js`, `package.json`, …). PAX and GNU long-name entries are not produced by npm or pnpm for
 * paths under 100 bytes; a path the archive marks as such is refused rather than misread.
 * @throws {Error} on a truncated archive or an entry type this reader does not handle.
 */
export function readTarball(gzipped: Uint8Array): Map<string, Buffer> {
  const tar = gunzipSync(gzipped);
  const files = new Map<string, Buffer>();
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // end of archive
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = field(header, 156, 1) || "0";
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const body = offset + BLOCK;
    if (body + size > tar.length) throw new Error(`truncated tarball at ${name}`);
    if (type === "0") files.set(name.replace(/^package\//, ""), Buffer.from(tar.subarray(body, body + size)));
    else if (type !== "5") throw new Error(`unsupported tar entry type ${JSON.stringify(type)} at ${name}`);
    offset = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
