/**
 * The loopback end of an OAuth redirect (RFC 8252 §7.3): a one-request HTTP server on 127.0.0.1 that hands the
 * callback's query parameters over and tells the browser it may close the tab.
 * @module
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A listening callback server. */
export interface LoopbackCallback {
  /** The redirect URI to register / send, e.g. `http://127.0.0.1:53682/callback`. */
  readonly url: string;
  /** Resolves with the query parameters of the first request to the callback path. */
  readonly received: Promise<URLSearchParams>;
  /** Stops listening (idempotent). */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (`port` 0: a free port) for one request to `path`; other paths answer 404.
 * @param timeoutMs how long to wait for the browser before `received` rejects.
 */
export async function listenForCallback(
  port: number,
  path: string,
  timeoutMs: number,
): Promise<LoopbackCallback> {
  let deliver!: (params: URLSearchParams) => void;
  let fail!: (err: Error) => void;
  const received = new Promise<URLSearchParams>((resolve, reject) => {
    deliver = resolve;
    fail = reject;
  });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", connection: "close" });
    res.end(
      "<!doctype html><title>keyway</title><p>Signed in. You can close this tab and go back to the terminal.</p>",
    );
    deliver(url.searchParams);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const timer = setTimeout(
    () => fail(new Error(`no browser callback within ${Math.round(timeoutMs / 1000)} s`)),
    timeoutMs,
  );
  timer.unref();
  let closed: Promise<void> | undefined;
  const close = () => {
    clearTimeout(timer);
    closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };
  received.catch(() => {});
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${bound}${path}`, received, close };
}
