/**
 * The Appfigures scheme guard: a client signs only operations whose `security` accepts its credentials. What
 * an operation gets depends only on its row and the credentials' type, so it is decided once per row and
 * client: after a row's first call the guard is one lookup (no scan of the requirements, no new object).
 */
import {
  KeywayConfigError,
  type OperationRow,
  REDACTED,
  type RequestParts,
  type Scheme,
  type SignContext,
  type SignResult,
} from "@keyway/auth";
import { opaque } from "@keyway/auth/internal";

/** What a client does for one operation: sign it, send it unsigned, or refuse it. */
type Signer = (parts: RequestParts, ctx: SignContext) => SignResult | Promise<SignResult>;

/** The credential types of a client and the security scheme name of the spec each satisfies. */
export const SPEC_SCHEME = { token: "bearerAuth", oauth1: "oauth1", basic: "basicAuth" } as const;

/** A credential type of {@link SPEC_SCHEME}. */
export type AuthType = keyof typeof SPEC_SCHEME;

/** The helper to use for an operation a data client cannot sign. */
const FLOW_HELPER: Readonly<Record<string, string>> = {
  oauth1RequestToken: "getRequestToken()",
  oauth1AccessToken: "getAccessToken()",
};

/** No credentials: what a public operation (`security: []`) is sent with. */
const UNSIGNED: SignResult = Object.freeze({});
const unsigned: Signer = () => UNSIGNED;

/**
 * The signer of an operation with requirements `security`: unsigned for `[]`, `sign` when absent (the spec's
 * default) or when one requirement names the credentials' scheme, else one that refuses before the wire.
 */
function signerFor(
  security: OperationRow["security"],
  operationId: string,
  type: AuthType,
  sign: Signer,
): Signer {
  if (security === undefined) return sign;
  if (security.length === 0) return unsigned;
  const wanted = SPEC_SCHEME[type];
  if (security.some((req) => wanted in req)) return sign;
  const helper = FLOW_HELPER[operationId];
  const message = `appfigures: ${operationId} cannot be signed with ${type} auth${helper ? `; use ${helper}` : ""}`;
  return () => {
    throw new KeywayConfigError(message, { operation: operationId });
  };
}

/**
 * Wraps the credentials' scheme so that it signs only operations whose `security` accepts it: public pages and
 * the OAuth 2.0 endpoints (`security: []`) get no credentials, and operations it cannot sign (the OAuth 1.0a
 * token endpoints, signed by `getRequestToken` / `getAccessToken`) are refused before the wire.
 */
export function guardScheme(inner: Scheme, type: AuthType): Scheme {
  const sign: Signer = inner.sign.bind(inner);
  /** Each row's signer, decided on the row's first call (a client's rows live as long as the client). */
  const byRow = new WeakMap<OperationRow, Signer>();
  return Object.freeze({
    name: inner.name,
    sign(parts, ctx) {
      const row = ctx.row;
      let signer = byRow.get(row);
      if (signer === undefined) {
        signer = signerFor(row.security, row.operationId, type, sign);
        byRow.set(row, signer);
      }
      return signer(parts, ctx);
    },
    ...(inner.redactUrl ? { redactUrl: inner.redactUrl.bind(inner) } : {}),
    ...opaque(`[appfigures ${type} auth]`, { scheme: `appfigures-${type}`, credentials: REDACTED }),
  } satisfies Scheme);
}
