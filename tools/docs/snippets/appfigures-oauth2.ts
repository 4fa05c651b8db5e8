import { createAppfiguresClient } from "@keyway/appfigures";

declare const clientKey: string;
declare const clientSecret: string;
declare const redirectUri: string;
declare const state: string;
declare const code: string;

// #region flow
import { exchangeCode, oauth2AuthorizeUrl, revokeToken, tokenInfo } from "@keyway/appfigures";

const url = oauth2AuthorizeUrl({ clientKey, redirectUri, scope: ["products:read", "private:read"], state });
// … the user comes back to redirectUri?code=…&state=… (check state) …
const token = await exchangeCode({ clientKey, clientSecret, code, redirectUri });
createAppfiguresClient({ auth: { type: "token", token: token.accessToken } });
await tokenInfo({ clientKey, clientSecret, token: token.accessToken }); // { active, scope, username, … }
await revokeToken({ clientKey, clientSecret, token: token.accessToken });

// #endregion

export { url };
