import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pagefind": "application/octet-stream",
};

/** A running static server. */
export interface SiteServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

async function fileAt(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) return fileAt(join(path, "index.html"));
  } catch {}
  return undefined;
}

/**
 * Serves `dir` on 127.0.0.1 (port 0 picks a free one). Files built with a `.gz` twin are sent
 * gzip-encoded to clients that accept it, so the shared Redoc bundle travels compressed.
 */
export async function serveSite(
  dir: string,
  opts: { port?: number; host?: string } = {},
): Promise<SiteServer> {
  const root = normalize(dir + sep);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" }).end();
        return;
      }
      const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
      const target = normalize(join(root, pathname));
      const file = target.startsWith(root) ? await fileAt(target) : undefined;
      if (!file) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
        return;
      }
      const headers: Record<string, string> = {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": file.endsWith(".html") ? "no-cache" : "public, max-age=3600",
        "x-content-type-options": "nosniff",
        vary: "accept-encoding",
      };
      let send = file;
      if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
        const gzFile = await fileAt(`${file}.gz`);
        if (gzFile) {
          send = gzFile;
          headers["content-encoding"] = "gzip";
        }
      }
      headers["content-length"] = String((await stat(send)).size);
      res.writeHead(200, headers);
      if (req.method === "HEAD") res.end();
      else createReadStream(send).pipe(res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`error: ${(err as Error).message}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
