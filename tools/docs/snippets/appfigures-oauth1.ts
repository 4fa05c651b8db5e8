import { createAppfiguresClient } from "@keyway/appfigures";

declare const clientKey: string;
declare const clientSecret: string;
declare const verifier: string;

// #region flow
import { getAccessToken, getRequestToken, oauth1AuthorizeUrl } from "@keyway/appfigures";

const temp = await getRequestToken({ clientKey, clientSecret, scope: ["products:read", "private:read"] });
console.log("Open", oauth1AuthorizeUrl(temp)); // callback "oob": the user is shown a verifier
const creds = await getAccessToken({ clientKey, clientSecret, requestToken: temp, verifier });
// store creds.token and creds.tokenSecret, then:
createAppfiguresClient({
  auth: { type: "oauth1", clientKey, clientSecret, token: creds.token, tokenSecret: creds.tokenSecret },
});
// #endregion
