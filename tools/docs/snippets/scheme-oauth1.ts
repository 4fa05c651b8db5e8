import type { createKeywayClient } from "@keyway/auth";
import { oauth1 } from "@keyway/auth/oauth1";

// An OAuth 1.0a scheme signs each attempt (HMAC-SHA1, fresh nonce and timestamp) into `Authorization: OAuth …`.
export const scheme = oauth1({
  consumerKey: process.env.APPFIGURES_CONSUMER_KEY!,
  consumerSecret: () => process.env.APPFIGURES_CONSUMER_SECRET ?? "",
  token: process.env.APPFIGURES_TOKEN!,
  tokenSecret: () => process.env.APPFIGURES_TOKEN_SECRET ?? "",
});

// Provider packages hand the scheme to the shared client wrapper, with their generated operation table.
export type ClientFactory = typeof createKeywayClient;
