/**
 * Bearer: `Authorization: Bearer <token>` (RFC 6750 §2.1). HIOBuy's scheme.
 * The token is a static string, a function read per request, or an async token source.
 */
import { KeywayAuthError, KeywayConfigError } from "../core/errors.js";
import { REDACTED, type Scheme, type Secret } from "../core/types.js";

/** Options of {@link bearer}. */
export interface BearerOptions {
  /** The token, or a (possibly async) function returning the current token. */
  readonly token: Secret;
  /** Checks a token before it is sent (e.g. a prefix); throw a KeywayConfigError to refuse. */
  readonly validate?: (token: string) => void;
}

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

function check(token: unknown, validate: BearerOptions["validate"]): string {
  if (typeof token !== "string" || token.length === 0) {
    throw new KeywayConfigError("bearer token is empty or not a string");
  }
  if (!TOKEN68.test(token))
    throw new KeywayConfigError("bearer token has characters RFC 6750 does not allow");
  validate?.(token);
  return token;
}

/** Creates the Bearer scheme. A static token is checked once, here, so a bad key fails before any call. */
export function bearer(options: BearerOptions): Scheme {
  const { token, validate } = options;
  const emit = (ctx: Parameters<Scheme["sign"]>[1]) =>
    ctx.debug?.({
      scheme: "bearer",
      operationId: ctx.row.operationId,
      attempt: ctx.attempt,
      headers: { authorization: `Bearer ${REDACTED}` },
    });
  if (typeof token === "string") {
    const headers = Object.freeze({ authorization: `Bearer ${check(token, validate)}` });
    const result = Object.freeze({ headers });
    return Object.freeze({
      name: "bearer",
      sign(_parts, ctx) {
        if (ctx.debug) emit(ctx);
        return result;
      },
      toJSON: () => ({ scheme: "bearer", token: REDACTED }),
      toString: () => "[bearer scheme]",
      [Symbol.for("nodejs.util.inspect.custom")]: () => "[bearer scheme]",
    } as Scheme);
  }
  return Object.freeze({
    name: "bearer",
    async sign(_parts, ctx) {
      let value: unknown;
      try {
        value = await token();
      } catch (err) {
        throw new KeywayAuthError(
          "the bearer token source failed",
          { operation: ctx.row.operationId },
          { cause: err },
        );
      }
      if (ctx.debug) emit(ctx);
      return { headers: { authorization: `Bearer ${check(value, validate)}` } };
    },
    toJSON: () => ({ scheme: "bearer", token: REDACTED }),
    toString: () => "[bearer scheme]",
    [Symbol.for("nodejs.util.inspect.custom")]: () => "[bearer scheme]",
  } as Scheme);
}
