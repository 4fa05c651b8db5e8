import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { withLoopbackCors } from "./cors.js";

/** Anything with a WHATWG `fetch(request, env)` handler, e.g. a Hono app. */
export interface FetchApp {
  fetch: (request: Request, ...rest: never[]) => Response | Promise<Response>;
}

/** Options of {@link serve}. */
export interface ServeOptions {
  /** TCP port on 127.0.0.1; `0` (default) picks a free one. */
  port?: number;
}

/** A running loopback server. */
export interface ServedApp {
  /** `http://127.0.0.1:<port>` (no trailing slash, no base path). */
  url: string;
  /** The bound port. */
  port: number;
  /** The underlying node:http server. */
  server: Server;
  /** Stops listening and closes every open connection; resolves when the server is closed. */
  close(): Promise<void>;
}

/**
 * Serves `app` on 127.0.0.1 only, through @hono/node-server (so handlers get `c.env.incoming` / `outgoing`,
 * which the `drop` fault uses to destroy the socket), answering CORS for loopback pages (`withLoopbackCors`).
 * @throws when the port is in use.
 */
export async function serve(app: FetchApp, options: ServeOptions = {}): Promise<ServedApp> {
  const server = createAdaptorServer({ fetch: withLoopbackCors(app).fetch as never }) as Server;
  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once("error", onError);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
