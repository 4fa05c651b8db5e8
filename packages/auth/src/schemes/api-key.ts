/**
 * API key in a header: `ApiKey: <key>`. Hyper's Payment and Supplier APIs use it (the name is
 * case-insensitive on the wire; fetch sends it lower-case). No signature, no timestamp.
 */
import { KeywayConfigError } from "../core/errors.js";
import { opaque } from "../core/redact.js";
import { checkSecret, emitSign, resolveSecret } from "../core/scheme-kit.js";
import { REDACTED, type Scheme, type Secret, type SignContext } from "../core/types.js";

/** Options of {@link apiKeyHeader}. */
export interface ApiKeyHeaderOptions {
  /** The key, or a (possibly async) function returning the current key, read on every request. */
  readonly key: Secret;
  /** Header name; default `ApiKey` (Hyper). */
  readonly header?: string;
  /** Checks a key before it is sent (e.g. Hyper's `ak_live_` prefix); throw a KeywayConfigError to refuse. */
  readonly validate?: (key: string) => void;
}

/** RFC 9110 field-name (token). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Visible ASCII only: a key with spaces, controls or non-ASCII is a paste error, and fetch would reject CR/LF. */
const KEY = /^[\x21-\x7e]+$/;

const FROM = { scheme: "api-key", option: "key" } as const;

function check(key: string, validate: ApiKeyHeaderOptions["validate"]): string {
  if (!KEY.test(key)) {
    throw new KeywayConfigError(
      "API key has characters other than visible ASCII (whitespace or a line break?)",
    );
  }
  validate?.(key);
  return key;
}

/**
 * Creates the API-key-header scheme.
 * A static key is checked once, here, so a malformed key fails before any call; a function is read and
 * checked on every request (rotation). Debug events show the header with the value `[redacted]`.
 *
 * @example
 * ```ts
 * import { apiKeyHeader } from "@keyway/auth/api-key";
 * const scheme = apiKeyHeader({ key: () => process.env.HYPER_API_KEY ?? "" });
 * ```
 * @throws KeywayConfigError for an invalid header name or static key.
 */
export function apiKeyHeader(options: ApiKeyHeaderOptions): Scheme {
  const { key, validate } = options;
  const header = options.header ?? "ApiKey";
  if (!TOKEN.test(header)) throw new KeywayConfigError("apiKeyHeader: header is not a valid HTTP field name");
  const name = header.toLowerCase();
  const debug = Object.freeze({ headers: Object.freeze({ [name]: REDACTED }) });
  const staticResult =
    typeof key === "string"
      ? Object.freeze({ headers: Object.freeze({ [name]: check(checkSecret(key, FROM), validate) }) })
      : undefined;
  const dynamic = async (ctx: SignContext) => {
    const checked = check(await resolveSecret(key, { ...FROM, operation: ctx.row.operationId }), validate);
    emitSign(ctx, "api-key", debug);
    return { headers: { [name]: checked } };
  };
  return Object.freeze({
    name: "api-key",
    sign(_parts, ctx) {
      if (staticResult) {
        emitSign(ctx, "api-key", debug);
        return staticResult;
      }
      return dynamic(ctx);
    },
    ...opaque("[api-key scheme]", { scheme: "api-key", header: name, key: REDACTED }),
  } satisfies Scheme);
}
