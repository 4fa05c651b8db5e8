import { basicClientKey } from "@keyway/auth/basic";

// `Authorization: Basic base64(user ":" password)` plus the app's client key in `X-Client-Key`.
export const scheme = basicClientKey({
  username: process.env.APPFIGURES_USER!,
  password: () => process.env.APPFIGURES_PASSWORD ?? "",
  clientKey: process.env.APPFIGURES_CLIENT_KEY!,
});
