import { createAppfiguresClient } from "@keyway/appfigures";

declare const clientKey: string;
declare const clientSecret: string;
declare const token: string;
declare const tokenSecret: string;
declare const password: string;

// #region ways-in
// Personal access token or OAuth 2.0 access token (recommended):
createAppfiguresClient({ auth: { type: "token", token: process.env.APPFIGURES_TOKEN! } });

// OAuth 1.0a token credentials (from getAccessToken below). HMAC-SHA1 by default; PLAINTEXT sends
// enc(clientSecret)&enc(tokenSecret) as the signature, so it relies on HTTPS.
createAppfiguresClient({
  auth: { type: "oauth1", clientKey, clientSecret, token, tokenSecret, signatureMethod: "HMAC-SHA1" },
});

// Legacy HTTP Basic + client key. Appfigures marks Basic "no longer supported" for new clients and allows it
// for internal tools only; the client key must be created by the same account as the user.
createAppfiguresClient({
  auth: { type: "basic", username: "me@example.com", password, clientKey, clientKeyIn: "header" },
});
// #endregion
