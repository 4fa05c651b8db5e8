import { inspect } from "node:util";
import type { FailureInfo } from "@keyway/auth";
import { describe, expect, it } from "vitest";
import {
  APPFIGURES_BILLING_URL,
  AppfiguresError,
  appfiguresErrorFrom,
  isAppfiguresFailure,
} from "../src/index.js";

/** A failed answer as the client wrapper describes it to `toError`. */
const failure = (status: number, body: unknown): FailureInfo => ({
  status,
  body,
  response: new Response(null, { status }),
  row: { operationId: "getRoot", method: "GET", path: "/", security: [], retry: "safe", extensions: {} },
  attempts: 1,
  method: "GET",
  url: "https://api.appfigures.com/v2/",
});

describe("appfiguresErrorFrom", () => {
  it("classifies the documented authentication errors (docs' bodies verbatim)", () => {
    const cases = [
      [
        401,
        { status: 401, message: "Could not authenticate:", additional: "", reference: "" },
        "bad-credentials",
      ],
      [
        403,
        {
          status: 403,
          message: "No API Access",
          additional: "The authenticated account is locked due to an unpaid balance.",
        },
        "account-locked",
      ],
      [
        403,
        {
          status: 403,
          message: "API Access is disabled",
          additional: "API access has been disabled for this user due to API terms violation.",
        },
        "access-disabled",
      ],
      [
        400,
        {
          status: 400,
          message: "Must give an app key via X-Client-Key header or client_key query string parameter",
          additional: "",
          reference: "",
        },
        "missing-client-key",
      ],
      [404, { status: 404, message: "Not Found" }, "not-found"],
      [429, { status: 429, message: "Daily limit reached" }, "rate-limited"],
      [503, "upstream down", "server"],
    ] as const;
    for (const [status, body, kind] of cases) {
      const e = appfiguresErrorFrom(failure(status, body));
      expect(e).toBeInstanceOf(AppfiguresError);
      expect(e.kind).toBe(kind);
      expect(e.code).toBe(kind);
      expect(e.status).toBe(status);
    }
  });

  it("carries the docs' advice: the billing link for a locked account", () => {
    const e = appfiguresErrorFrom(
      failure(403, {
        status: 403,
        message: "No API Access",
        additional: "The authenticated account is locked due to an unpaid balance.",
      }),
    );
    expect(e.message).toContain(APPFIGURES_BILLING_URL);
    expect(e.providerMessage).toBe("No API Access");
    expect(e.additional).toBe("The authenticated account is locked due to an unpaid balance.");
    expect(e.reference).toBeUndefined();
  });

  it("reads RFC 6749 §5.2 errors of the OAuth 2.0 endpoints", () => {
    const e = appfiguresErrorFrom(
      failure(400, { error: "invalid_grant", error_description: "the code was already used" }),
    );
    expect(e.kind).toBe("invalid-grant");
    expect(e.code).toBe("invalid_grant");
    expect(e.message).toBe("invalid_grant: the code was already used");
    const c = appfiguresErrorFrom(failure(401, { error: "invalid_client" }));
    expect(c.kind).toBe("invalid-client");
  });

  it("isAppfiguresFailure recognises both failure shapes and nothing else", () => {
    expect(isAppfiguresFailure({ status: 401, message: "Could not authenticate:" })).toBe(true);
    expect(isAppfiguresFailure({ error: "invalid_grant" })).toBe(true);
    expect(isAppfiguresFailure({ status: "200", message: "OK" })).toBe(false);
    expect(isAppfiguresFailure({ downloads: 1 })).toBe(false);
    expect(isAppfiguresFailure("Could not authenticate")).toBe(false);
  });

  it("prints no request, only the redacted URL it was given", () => {
    const e = appfiguresErrorFrom(failure(401, { status: 401, message: "Could not authenticate: a" }));
    expect(inspect(e)).not.toContain("authorization");
    expect(JSON.stringify(e)).not.toContain("authorization");
  });
});
