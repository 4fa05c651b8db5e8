import { describe, expect, it } from "vitest";
import * as errors from "../src/core/errors.js";

const classes = (Object.entries(errors) as Array<[string, unknown]>).filter(
  (entry): entry is [string, new (...args: never[]) => Error] =>
    typeof entry[1] === "function" && entry[1].prototype instanceof Error,
);

describe("core/errors", () => {
  it("holds every error class, each on the KeywayError base with its own name", () => {
    expect(classes.map(([name]) => name).sort()).toEqual([
      "HishoppingDecryptError",
      "KeywayAuthError",
      "KeywayConfigError",
      "KeywayError",
      "KeywayNetworkError",
      "KeywayResponseError",
      "KeywayTimeoutError",
      "KeywayUnknownOutcomeError",
      "ProviderError",
      "ResponseDecryptionError",
      "ResponseReplayError",
      "ResponseSignatureError",
      "SignatureVerificationError",
    ]);
    for (const [name, Class] of classes) {
      const made = Reflect.construct(Class, [
        "m",
        { status: 500, code: "x", message: "m", attempts: 1, body: null, timeoutMs: 1, sentAt: 0, hint: "" },
      ]) as Error;
      expect(made).toBeInstanceOf(errors.KeywayError);
      expect(made.name).toBe(name);
    }
  });

  it("keeps the response-trust errors under SignatureVerificationError", () => {
    expect(new errors.ResponseSignatureError("m")).toBeInstanceOf(errors.SignatureVerificationError);
    expect(new errors.ResponseDecryptionError("m")).toBeInstanceOf(errors.SignatureVerificationError);
  });
});
