/**
 * CORS for pages served from this machine, so browser code (a client built with `dangerouslyAllowBrowser`)
 * can call the sandbox from another loopback port. Only loopback origins are answered; a request without an
 * `Origin` header (every non-browser client) passes through untouched.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import type { FetchApp } from "./serve.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Whether `origin` (an `Origin` header value) is an http(s) page on 127.0.0.1, `localhost` or `[::1]`. */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  if (!origin) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * `app` behind Hono's CORS middleware for loopback origins: preflights are answered with the requested
 * headers (credential headers such as `Authorization` included), answers carry
 * `Access-Control-Allow-Origin: <that origin>` and expose every header (`Date`, signature headers). Requests
 * from any other origin, or without one, reach `app` unchanged.
 */
export function withLoopbackCors(app: FetchApp): FetchApp {
  const allow = cors({ origin: (origin) => origin, exposeHeaders: ["*"], maxAge: 600 });
  const outer = new Hono();
  outer.use("*", (c, next) => (isLoopbackOrigin(c.req.header("origin")) ? allow(c, next) : next()));
  outer.all("*", (c) => app.fetch(c.req.raw, c.env as never));
  return outer;
}
