import type { Scheme as AuthScheme, RequestParts, SignContext, SignResult } from "@keyway/auth";

// #region scheme
interface Scheme {
  readonly name: string;
  sign(parts: RequestParts, ctx: SignContext): SignResult | Promise<SignResult>;
  open?(response: Response, ctx: SignContext): Promise<Response>;
  onAuthError?(
    response: Response,
    ctx: SignContext,
    signed?: SignResult,
  ): "retry" | "fail" | Promise<"retry" | "fail">;
  redactUrl?(url: string): string;
}
// #endregion

// The interface docs/architecture.md shows is @keyway/auth's, in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sameAsAuth: Same<Scheme, AuthScheme> = true;
