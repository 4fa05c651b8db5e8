/**
 * `keyway login hyper`: e-mail and password → the JWT a Reseller or Storefront client sends, through the Hyper
 * client's own login operation (`POST /Login/Customer/Api/Verify`, or `/Login/Customer/Verify` for Storefront).
 * Hyper has no refresh token: logging in again is how a token is renewed.
 * @module
 */
import { createResellerClient, createStorefrontClient } from "@keyway/hyper";
import { CliError } from "../errors.js";
import type { CliIo } from "../io.js";
import type { LoginResult } from "./appfigures.js";
import { input } from "./prompt.js";

/** Options of {@link loginHyper}. */
export interface HyperLoginOptions {
  /** The tenant's API host, e.g. `https://api.bursagb.com`. */
  readonly baseUrl: string;
  readonly surface: "reseller" | "storefront";
  readonly email?: string | undefined;
  readonly password?: string | undefined;
  readonly region?: string | undefined;
}

const LOGIN = { reseller: "/Login/Customer/Api/Verify", storefront: "/Login/Customer/Verify" } as const;

/** Hyper's answers spell fields in either case (`token` / `Token`). */
function field(obj: unknown, name: string): unknown {
  if (obj === null || typeof obj !== "object") return undefined;
  const record = obj as Record<string, unknown>;
  return record[name] ?? record[name[0]!.toUpperCase() + name.slice(1)];
}

/**
 * Logs in and returns the token and its expiry.
 * @throws CliError when Hyper refuses (its message, e.g. wrong password) or answers without a token.
 */
export async function loginHyper(io: CliIo, o: HyperLoginOptions): Promise<LoginResult> {
  const email = await input(io, { flag: o.email, env: "KEYWAY_HYPER_EMAIL", question: "Hyper e-mail: " });
  const password = await input(io, {
    flag: o.password,
    env: "KEYWAY_HYPER_PASSWORD",
    question: "Hyper password: ",
    hidden: true,
  });
  const create = o.surface === "storefront" ? createStorefrontClient : createResellerClient;
  // The login operation is public in the spec, so the session's token source is never asked for.
  const client = create({
    baseUrl: o.baseUrl,
    regionCode: o.region,
    getToken: () => {
      throw new CliError("the login call needs no token");
    },
  });
  const post = client.POST as unknown as (
    path: string,
    init: { body: unknown },
  ) => Promise<{ data?: unknown; error?: Error }>;
  const { data, error } = await post(LOGIN[o.surface], { body: { email, password } });
  if (error) throw new CliError(`Hyper refused the login: ${error.message}`, 1, { cause: error });
  const payload = field(data, "data");
  const token = field(payload, "token");
  if (typeof token !== "string" || !token) throw new CliError(`${LOGIN[o.surface]} answered without a token`);
  const expiration = field(payload, "expiration");
  return {
    fields: {
      type: "jwt",
      baseUrl: o.baseUrl,
      surface: o.surface,
      token,
      ...(typeof expiration === "string" && expiration ? { expiresAt: expiration } : {}),
    },
    secret: ["token"],
    summary: `Logged in to Hyper (${o.surface}) at ${o.baseUrl}${typeof expiration === "string" && expiration ? `; the token expires ${expiration}` : ""}.`,
  };
}
