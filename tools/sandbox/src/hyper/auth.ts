/**
 * The Hyper sandbox's own credential checks, written from the provider's auth guide (never from
 * `@keyway/auth`): HS256 JWTs issued and verified with `jose` under each tenant's secret, on the sandbox clock,
 * and `ApiKey` lookup across tenants (a key of another tenant is refused like a wrong one, with -23).
 */
import { timingSafeEqual } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { HyperAccount, HyperTenantConfig } from "./state.js";

const encoder = new TextEncoder();

/** What a verified token says. */
export interface TokenClaims {
  readonly customerID: number;
  readonly isApi: boolean;
  readonly exp: number;
}

/** Why a token was refused (the 401 message). */
export type TokenRefusal = "missing" | "no-bearer-prefix" | "malformed" | "expired" | "invalid";

const MESSAGES: Record<TokenRefusal, string> = {
  missing: "Authorization header is missing",
  "no-bearer-prefix": "Authorization must be 'Bearer <token>'",
  malformed: "The token is malformed",
  expired: "The token has expired",
  invalid: "The token is not valid for this store",
};

/** The 401 message of a refusal. */
export function refusalMessage(r: TokenRefusal): string {
  return MESSAGES[r];
}

/** The issuer / audience the sandbox writes (the platform's demo tokens use the platform's URL for both). */
export const issuerOf = (tenant: HyperTenantConfig) => `https://${tenant.id}.hyper.sandbox`;

/**
 * Issues a token for `account`, valid `ttlSeconds` from `nowMs`, with the claim names the platform's public demo
 * tokens carry (string values, .NET-style register date).
 */
export async function issueToken(
  tenant: HyperTenantConfig,
  account: HyperAccount,
  nowMs: number,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ttlSeconds;
  const token = await new SignJWT({
    LoginType: "1",
    CustomerID: String(account.customerID),
    FirstName: account.firstName,
    LastName: account.lastName,
    Email: account.email,
    CustomerTypeID: account.isApi ? "32" : "2",
    IsReseller: account.isApi ? "1" : "0",
    IsAPI: account.isApi ? "1" : "0",
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setIssuer(issuerOf(tenant))
    .setAudience(issuerOf(tenant))
    .sign(encoder.encode(tenant.jwtSecret));
  return { token, expiresAt: exp * 1000 };
}

/** Checks an `Authorization` header against the tenant's secret on the sandbox clock. */
export async function verifyBearer(
  tenant: HyperTenantConfig,
  authorization: string | undefined,
  nowMs: number,
): Promise<TokenClaims | TokenRefusal> {
  if (!authorization) return "missing";
  const m = /^Bearer (.+)$/.exec(authorization);
  if (!m) return "no-bearer-prefix";
  const token = m[1]!.trim();
  if (token.split(".").length !== 3) return "malformed";
  try {
    const { payload } = await jwtVerify(token, encoder.encode(tenant.jwtSecret), {
      algorithms: ["HS256"],
      issuer: issuerOf(tenant),
      audience: issuerOf(tenant),
      currentDate: new Date(nowMs),
      clockTolerance: 0,
    });
    const customerID = Number(payload.CustomerID);
    if (!Number.isSafeInteger(customerID) || typeof payload.exp !== "number") return "invalid";
    return { customerID, isApi: payload.IsAPI === "1", exp: payload.exp };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) return "expired";
    if (e instanceof joseErrors.JWSInvalid || e instanceof joseErrors.JWTInvalid) return "malformed";
    return "invalid";
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Which surface an `ApiKey` opens on `tenant`, or undefined (unknown, or a key of another tenant). */
export function apiKeySurface(
  tenant: HyperTenantConfig,
  key: string | undefined,
): "supplier" | "payment" | undefined {
  if (!key) return undefined;
  if (same(key, tenant.supplierKey)) return "supplier";
  if (same(key, tenant.paymentKey)) return "payment";
  return undefined;
}
