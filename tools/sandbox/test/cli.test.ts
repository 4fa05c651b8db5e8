import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCli } from "../src/cli-args.js";

const bin = fileURLToPath(new URL("../bin/keyway-sandbox.js", import.meta.url));

describe("keyway-sandbox arguments", () => {
  it("reads providers from --provider and positionals, ports as name=port", () => {
    expect(parseCli(["hiobuy", "--provider", "sgate", "--port", "sgate=4010", "--json"])).toEqual({
      help: false,
      json: true,
      ports: { sgate: 4010 },
      providers: ["hiobuy", "sgate"],
    });
    expect(parseCli([]).providers).toBeUndefined();
  });
  it("ignores the `--` that `pnpm sandbox -- --provider …` passes through", () => {
    expect(parseCli(["--", "--provider", "hiobuy"]).providers).toEqual(["hiobuy"]);
    expect(parseCli(["--", "--", "-p", "sgate", "--json"])).toMatchObject({
      providers: ["sgate"],
      json: true,
    });
  });
  it("refuses unknown options and malformed ports", () => {
    expect(() => parseCli(["--providers", "hiobuy"])).toThrow(/Unknown option/);
    expect(() => parseCli(["--port", "sgate:4010"])).toThrow(/--port expects/);
    expect(() => parseCli(["--port", "sgate=70000"])).toThrow(/--port expects/);
  });
});

// One real process (through tsx in the workspace): generous limits, a hang fails, a slow machine does not.
describe("keyway-sandbox process", { timeout: 180_000 }, () => {
  it("serves until SIGTERM, then closes the port and exits 0", async () => {
    const child = spawn(process.execPath, [bin, "--", "--provider", "sgate", "--json"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolve(out.split("\n")[0]!);
      });
      exited.then((code) => reject(new Error(`exited ${code} before printing: ${err}`)));
    });
    const { sgate } = JSON.parse(line) as { sgate: { url: string; origin: string } };
    expect(sgate.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api_v1$/);
    const health = await fetch(`${sgate.origin}/__sandbox/health`);
    expect(await health.json()).toMatchObject({ name: "sgate", basePath: "/api_v1" });

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    await expect(fetch(`${sgate.origin}/__sandbox/health`)).rejects.toThrow();
  });
});
