import { describe, expect, it } from "vitest";
import { run } from "../src/index.js";
import { memoryIo } from "./helpers.js";

describe("keyway sandbox", () => {
  it("starts the named providers, prints their URLs and closes them when stopped", async () => {
    const io = memoryIo();
    const done = run(["sandbox", "sgate", "hiobuy"], io);
    await expect.poll(() => io.stdout(), { timeout: 60_000 }).toContain("Credentials each sandbox accepts");
    const lines = io.stdout().split("\n");
    expect(lines[0]).toBe("Keyway sandbox running (Ctrl-C to stop):");
    const url =
      /^ {2}sgate\s+(http:\/\/127\.0\.0\.1:\d+\/api_v1) {3}\(control: http:\/\/127\.0\.0\.1:\d+\/__sandbox\)$/.exec(
        lines[1]!,
      )?.[1];
    expect(url, lines[1]).toBeDefined();
    expect(lines[2]).toMatch(/^ {2}hiobuy\s+http:\/\/127\.0\.0\.1:\d+\/v1 /);
    const before = await fetch(`${url}/merchants/M448726`);
    expect(before.status).toBe(403); // unsigned: the SGate sandbox is up and checking signatures (notAllowed)
    io.stop();
    expect(await done).toBe(0);
    await expect(fetch(`${url}/merchants/M448726`)).rejects.toThrow();
  });

  it("prints one JSON line with --json", async () => {
    const io = memoryIo();
    const done = run(["sandbox", "hiobuy", "--json"], io);
    await expect.poll(() => io.stdout(), { timeout: 60_000 }).toMatch(/\n$/);
    const urls = JSON.parse(io.stdout()) as Record<string, { url: string; origin: string }>;
    expect(Object.keys(urls)).toEqual(["hiobuy"]);
    expect(urls.hiobuy!.url).toBe(`${urls.hiobuy!.origin}/v1`);
    io.stop();
    expect(await done).toBe(0);
  });

  it("refuses an unknown provider and a malformed --port before starting anything", async () => {
    const io = memoryIo();
    expect(await run(["sandbox", "stripe"], io)).toBe(2);
    expect(io.stderr()).toMatch(/^keyway: unknown sandbox provider "stripe"; known: hiobuy, /);
    const port = memoryIo();
    expect(await run(["sandbox", "--port", "sgate:80"], port)).toBe(2);
    expect(port.stderr()).toContain('--port expects <name>=<port>, got "sgate:80"');
  });
});
