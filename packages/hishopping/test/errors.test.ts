/** The error class's derived facts, per code of the provider's catalogue. */
import { describe, expect, it } from "vitest";
import { HishoppingError } from "../src/index.js";

const error = (code: string, status = 200) =>
  new HishoppingError({ status, code, message: "m", attempts: 1, body: undefined, method: "POST", url: "u" });

describe("HishoppingError", () => {
  it("preAuth: exactly the 1001–1006 codes (refused before authentication)", () => {
    const pre = ["1001", "1002", "1003", "1004", "1005", "1006"];
    for (const code of pre) expect(error(code).preAuth, code).toBe(true);
    for (const code of ["1000", "1007", "10011", "2001", "2002", "5001", "HTTP_401", "x1001"])
      expect(error(code).preAuth, code).toBe(false);
  });

  it("numericCode and transient", () => {
    expect(error("2002").numericCode).toBe(2002);
    expect(error("HTTP_502", 502)).toMatchObject({ numericCode: undefined, transient: true });
    expect(error("5001").transient).toBe(true);
    expect(error("3002").transient).toBe(false);
  });
});
