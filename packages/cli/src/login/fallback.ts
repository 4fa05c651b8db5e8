/**
 * Credentials `keyway explain` takes from a stored login (`keyway login …`) when no flag or environment variable
 * gives them: Appfigures' OAuth 2.0 token or OAuth 1.0a token pair (profile `appfigures`; OAuth 1.0a still needs
 * the client secret, which is never stored), and the Hyper JWT of the tenant whose base URL the request's URL
 * starts with (profile `hyper:<surface>@<base URL>`, which also names the surface).
 * @module
 */
import type { ProviderValues } from "../providers.js";
import { readLogins } from "./store.js";

/** The values to sign with, and the profile they were completed from (if one was used). */
export interface WithStoredLogin {
  readonly values: ProviderValues;
  readonly profile?: string;
}

const text = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);

/** Completes `values` from the credentials file; returns them unchanged when they already hold credentials. */
export async function withStoredLogin(
  provider: string,
  values: ProviderValues,
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<WithStoredLogin> {
  if (provider === "appfigures") {
    if (values.token || values.oauthToken || values.username || values.password) return { values };
    const login = (await readLogins(env)).appfigures;
    if (login?.type === "oauth2" && text(login.accessToken)) {
      return { values: { ...values, token: text(login.accessToken) }, profile: "appfigures" };
    }
    if (login?.type === "oauth1" && text(login.token)) {
      const stored = { oauthToken: text(login.token), oauthTokenSecret: text(login.tokenSecret) };
      return {
        values: { ...values, clientKey: values.clientKey ?? text(login.clientKey), ...stored },
        profile: "appfigures",
      };
    }
    return { values };
  }
  if (provider === "hyper" && !values.token && !values.apiKey) {
    const found = Object.entries(await readLogins(env)).filter(
      ([profile, login]) =>
        profile.startsWith("hyper:") &&
        text(login.token) &&
        typeof login.baseUrl === "string" &&
        url.startsWith(`${login.baseUrl.replace(/\/+$/, "")}/`) &&
        (values.surface === undefined || login.surface === values.surface),
    );
    if (found.length !== 1) return { values };
    const [profile, login] = found[0]!;
    return {
      values: { ...values, token: text(login.token), surface: values.surface ?? text(login.surface) },
      profile,
    };
  }
  return { values };
}
