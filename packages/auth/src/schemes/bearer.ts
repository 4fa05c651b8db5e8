/**
 * Bearer: `Authorization: Bearer <token>` (RFC 6750 §2.1). HIOBuy's scheme.
 * The token is a static string, a function read per request, or an async token source.
 */
import { KeywayConfigError } from "../core/errors.js";
import { opaque } from "../core/redact.js";
import { checkSecret, emitSign, resolveSecret, type SignDebugDetails } from "../core/scheme-kit.js";
import { REDACTED, type Scheme, type Secret } from "../core/types.js";

/** Options of {@link bearer}. */
export interface BearerOptions {
  /** The token, or a (possibly async) function returning the current token. */
  readonly token: Secret;
  /** Checks a token before it is sent (e.g. a prefix); throw a KeywayConfigError to refuse. */
  readonly validate?: (token: string) => void;
}

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;
const FROM = { scheme: "bearer", option: "token" } as const;
const DEBUG: SignDebugDetails = /* @__PURE__ */ Object.freeze({
  headers: Object.freeze({ authorization: `Bearer ${REDACTED}` }),
});

function check(token: string, validate: BearerOptions["validate"]): string {
  if (!TOKEN68.test(token))
    throw new KeywayConfigError("bearer token has characters RFC 6750 does not allow");
  validate?.(token);
  return token;
}

/** Creates the Bearer scheme. A static token is checked once, here, so a bad key fails before any call. */
export function bearer(options: BearerOptions): Scheme {
  const { token, validate } = options;
  const printed = opaque("[bearer scheme]", { scheme: "bearer", token: REDACTED });
  if (typeof token === "string") {
    const headers = Object.freeze({ authorization: `Bearer ${check(checkSecret(token, FROM), validate)}` });
    const result = Object.freeze({ headers });
    return Object.freeze({
      name: "bearer",
      sign(_parts, ctx) {
        emitSign(ctx, "bearer", DEBUG);
        return result;
      },
      ...printed,
    } satisfies Scheme);
  }
  return Object.freeze({
    name: "bearer",
    async sign(_parts, ctx) {
      const value = await resolveSecret(token, { ...FROM, operation: ctx.row.operationId });
      emitSign(ctx, "bearer", DEBUG);
      return { headers: { authorization: `Bearer ${check(value, validate)}` } };
    },
    ...printed,
  } satisfies Scheme);
}
