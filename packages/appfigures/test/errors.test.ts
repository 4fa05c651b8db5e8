import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { APPFIGURES_BILLING_URL, AppfiguresError, toAppfiguresError } from "../src/index.js";

const at = { attempts: 1, method: "GET", url: "https://api.appfigures.com/v2/", operation: "getRoot" };

describe("toAppfiguresError", () => {
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
      const e = toAppfiguresError({ status, body, ...at });
      expect(e).toBeInstanceOf(AppfiguresError);
      expect(e.kind).toBe(kind);
      expect(e.code).toBe(kind);
      expect(e.status).toBe(status);
    }
  });

  it("carries the docs' advice: the billing link for a locked account", () => {
    const e = toAppfiguresError({
      status: 403,
      body: {
        status: 403,
        message: "No API Access",
        additional: "The authenticated account is locked due to an unpaid balance.",
      },
      ...at,
    });
    expect(e.message).toContain(APPFIGURES_BILLING_URL);
    expect(e.providerMessage).toBe("No API Access");
    expect(e.additional).toBe("The authenticated account is locked due to an unpaid balance.");
    expect(e.reference).toBeUndefined();
  });

  it("reads RFC 6749 §5.2 errors of the OAuth 2.0 endpoints", () => {
    const e = toAppfiguresError({
      status: 400,
      body: { error: "invalid_grant", error_description: "the code was already used" },
      ...at,
    });
    expect(e.kind).toBe("invalid-grant");
    expect(e.code).toBe("invalid_grant");
    expect(e.message).toBe("invalid_grant: the code was already used");
    const c = toAppfiguresError({ status: 401, body: { error: "invalid_client" }, ...at });
    expect(c.kind).toBe("invalid-client");
  });

  it("prints no request, only the redacted URL it was given", () => {
    const e = toAppfiguresError({
      status: 401,
      body: { status: 401, message: "Could not authenticate: a" },
      ...at,
    });
    expect(inspect(e)).not.toContain("authorization");
    expect(JSON.stringify(e)).not.toContain("authorization");
  });
});
