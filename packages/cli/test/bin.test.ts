import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/keyway.js", import.meta.url));

// One spawn of the real bin (the rest of the suite runs `run()` in process): a user's first command, with the
// secret in the environment as the README suggests.
describe("the keyway bin", { timeout: 150_000 }, () => {
  it("explains SGate's documented example: the documented signature, exit 0, nothing on stderr", async () => {
    const args = ["--key", "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI", "--timestamp", "1672991487", "--json"];
    const r = await new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          "--conditions=source",
          bin,
          "explain",
          "sgate",
          ...args,
          "curl https://sandbox.sgate.sa/api_v1/merchants/M448726",
        ],
        { encoding: "utf8", timeout: 120_000, env: { ...process.env, KEYWAY_SGATE_SECRET: "your secret" } },
        (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
      );
    });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      signature: "daFE250/BIWoJGoZxFAsm6fWWyck1HxVpI6E/EXhYKQ=",
      secretsRedacted: true,
    });
  });
});
