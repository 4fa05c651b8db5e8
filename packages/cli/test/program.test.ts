import { describe, expect, it } from "vitest";
import { run } from "../src/index.js";
import { memoryIo } from "./helpers.js";

describe("keyway --help and usage errors", () => {
  it("lists the commands", async () => {
    const io = memoryIo();
    expect(await run(["--help"], io)).toBe(0);
    expect(io.stdout()).toMatch(/^Usage: keyway \[options\] \[command\]/);
    for (const cmd of ["sandbox", "explain", "login"]) expect(io.stdout()).toContain(`\n  ${cmd} `);
  });

  it("prints its version", async () => {
    const io = memoryIo();
    expect(await run(["--version"], io)).toBe(0);
    expect(io.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("documents each provider's credential flags with their environment variables", async () => {
    const io = memoryIo();
    expect(await run(["explain", "sgate", "--help"], io)).toBe(0);
    expect(io.stdout()).toMatch(
      /--secret <secret>\s+client secret \(the HMAC key\) \(env\s+KEYWAY_SGATE_SECRET\)/,
    );
    expect(io.stdout()).toContain("--show-secrets");
    expect(io.stdout()).toContain("METHOD URL [BODY]");
    const explain = memoryIo();
    expect(await run(["explain", "--help"], explain)).toBe(0);
    for (const p of ["hiobuy", "sgate", "hishopping", "hyper", "appfigures"])
      expect(explain.stdout()).toContain(`\n  ${p} `);
  });

  it("has --help on sandbox and both logins", async () => {
    for (const argv of [
      ["sandbox", "--help"],
      ["login", "appfigures", "--help"],
      ["login", "hyper", "--help"],
    ]) {
      const io = memoryIo();
      expect(await run(argv, io)).toBe(0);
      expect(io.stdout()).toMatch(new RegExp(`^Usage: keyway ${argv.slice(0, -1).join(" ")} \\[options\\]`));
    }
  });

  it("refuses an unknown command or option with exit 2 and a one-line reason", async () => {
    const io = memoryIo();
    expect(await run(["sign"], io)).toBe(2);
    expect(io.stderr()).toMatch(/^error: unknown command 'sign'/);
    const opt = memoryIo();
    expect(await run(["explain", "sgate", "--secrt", "x", "GET", "https://h/api_v1/x"], opt)).toBe(2);
    expect(opt.stderr()).toMatch(/^error: unknown option '--secrt'\n\(Did you mean --secret\?\)/);
    const provider = memoryIo();
    expect(await run(["explain", "stripe", "GET", "https://h/"], provider)).toBe(2);
    expect(provider.stderr()).toContain("unknown command 'stripe'");
  });
});
