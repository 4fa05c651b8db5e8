import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OAUTH2_OOB, oauth2AuthorizeUrl } from "@keyway/appfigures";
import { type RunningSandbox, startSandbox } from "@keyway/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/index.js";
import { memoryIo } from "./helpers.js";

let sandbox: RunningSandbox<"appfigures" | "hyper">;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox({ providers: ["appfigures", "hyper"] });
  dir = mkdtempSync(join(tmpdir(), "keyway-cli-"));
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

const printedUrl = (text: string) =>
  /Open this URL in a browser and approve access:\n {2}(\S+)\n/.exec(text)?.[1];
const stored = () =>
  JSON.parse(readFileSync(join(dir, "credentials.json"), "utf8")) as Record<string, Record<string, string>>;
const client = ["--client-key", "kw_demo_client", "--client-secret", "kw_demo_secret"];

/** Sends what `keyway explain --show-secrets --json` printed and returns the status. */
async function explainAndSend(argv: string[], env: Record<string, string> = {}) {
  const io = memoryIo({ env });
  expect(await run(["explain", ...argv, "--show-secrets", "--json"], io), io.stderr()).toBe(0);
  if (env.KEYWAY_CONFIG_DIR)
    expect(io.stderr()).toMatch(/^keyway: signing with the stored login "(appfigures|hyper:reseller@.+)"\n$/);
  const e = JSON.parse(io.stdout()) as {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
  };
  const res = await fetch(e.url, { method: e.method, headers: e.headers, body: e.body });
  await res.arrayBuffer();
  return res.status;
}

describe("keyway login appfigures", () => {
  it("OAuth 2.0 out of band: prints the authorize URL, takes the pasted code, stores the token (0600)", async () => {
    const io = memoryIo({
      env: { KEYWAY_CONFIG_DIR: dir },
      answer: async () => {
        const html = await (await fetch(printedUrl(io.stderr())!)).text();
        return /<code id="code">([^<]+)<\/code>/.exec(html)![1]!;
      },
    });
    const argv = [
      "login",
      "appfigures",
      ...client,
      "--base-url",
      sandbox.urls.appfigures,
      "--scope",
      "products:read",
    ];
    expect(await run(argv, io), io.stderr()).toBe(0);
    expect(io.asked.map((a) => a.question)).toEqual(["Paste the code (or the URL you were sent to): "]);
    expect(io.stdout()).toMatch(
      /^Logged in to Appfigures with OAuth 2\.0 \(scopes: products:read\)\.\n {2}type: oauth2\n {2}accessToken: \[redacted\]\n/,
    );
    const token = stored().appfigures!.accessToken!;
    expect(token).toMatch(/^oat_/);
    expect(io.stdout()).not.toContain(token);
    expect(statSync(join(dir, "credentials.json")).mode & 0o777).toBe(0o600);
    expect(
      await explainAndSend([
        "appfigures",
        "--token",
        token,
        "GET",
        `${sandbox.urls.appfigures}/products/mine`,
      ]),
    ).toBe(200);
    // keyway explain signs with the stored login when no credential is given.
    const mine = ["appfigures", "GET", `${sandbox.urls.appfigures}/products/mine`];
    expect(await explainAndSend(mine, { KEYWAY_CONFIG_DIR: dir })).toBe(200);
  });

  it("OAuth 2.0: takes the pasted redirect URL and refuses one whose state is not this login's", async () => {
    const redirect = ["--redirect-uri", "https://app.example.com/appfigures/callback"];
    const argv = [
      "login",
      "appfigures",
      ...client,
      ...redirect,
      "--base-url",
      sandbox.urls.appfigures,
      "--no-store",
      "--json",
    ];
    const location = async (text: string) =>
      (await fetch(printedUrl(text)!, { redirect: "manual" })).headers.get("location")!;
    const ok = memoryIo({ answer: () => location(ok.stderr()) });
    expect(await run(argv, ok), ok.stderr()).toBe(0);
    expect(JSON.parse(ok.stdout())).toMatchObject({
      profile: "appfigures",
      type: "oauth2",
      accessToken: "[redacted]",
    });
    const forged = memoryIo({
      answer: async () => (await location(forged.stderr())).replace(/state=\w+/, "state=forged"),
    });
    expect(await run(argv, forged)).toBe(1);
    expect(forged.stderr()).toMatch(
      /keyway: the redirect's state does not match: not the answer to this login\n$/,
    );
  });

  it("OAuth 2.0 --code: exchanges a code obtained elsewhere, asking nothing (for scripts)", async () => {
    const authorize = oauth2AuthorizeUrl({
      clientKey: "kw_demo_client",
      redirectUri: OAUTH2_OOB,
      scope: "public:read",
      state: "script-1",
      baseUrl: sandbox.urls.appfigures,
    });
    const code = /<code id="code">([^<]+)<\/code>/.exec(await (await fetch(authorize)).text())![1]!;
    const io = memoryIo();
    const argv = ["login", "appfigures", ...client, "--base-url", sandbox.urls.appfigures, "--code", code];
    expect(await run([...argv, "--no-store", "--show-secrets", "--json"], io), io.stderr()).toBe(0);
    expect(io.asked).toEqual([]);
    expect(io.stderr()).toBe("");
    expect(JSON.parse(io.stdout()).accessToken).toMatch(/^oat_/);
  });

  it("OAuth 1.0a: receives the verifier on a loopback callback and the tokens sign requests", async () => {
    let browsed: Promise<Response> | undefined;
    const io = memoryIo({
      env: { KEYWAY_CONFIG_DIR: dir },
      onErr: (text) => {
        const url = printedUrl(text);
        if (url) browsed = fetch(url); // the sandbox approves and redirects to the loopback callback
      },
    });
    const argv = [
      "login",
      "appfigures",
      "--flow",
      "oauth1",
      ...client,
      "--base-url",
      sandbox.urls.appfigures,
    ];
    expect(await run(argv, io), io.stderr()).toBe(0);
    expect(await (await browsed!).text()).toContain("Signed in. You can close this tab");
    const { token, tokenSecret } = stored().appfigures!;
    expect(io.stdout()).not.toContain(tokenSecret!);
    const creds = [...client, "--oauth-token", token!, "--oauth-token-secret", tokenSecret!];
    expect(
      await explainAndSend(["appfigures", ...creds, "GET", `${sandbox.urls.appfigures}/products/mine`]),
    ).toBe(200);
  });

  it("fails clearly without client credentials and no terminal to ask on", async () => {
    const io = memoryIo();
    expect(await run(["login", "appfigures", "--base-url", sandbox.urls.appfigures], io)).toBe(2);
    expect(io.stderr()).toBe(
      "keyway: Appfigures client key: no answer: standard input closed (or set KEYWAY_APPFIGURES_CLIENT_KEY)\n",
    );
  });
});

describe("keyway login hyper", () => {
  it("asks for the password without echo, stores the JWT, and the JWT signs Reseller calls", async () => {
    const io = memoryIo({
      env: { KEYWAY_CONFIG_DIR: dir, KEYWAY_HYPER_EMAIL: "reseller@bursagb.test" },
      answer: () => "reseller-pass",
    });
    expect(await run(["login", "hyper", "--base-url", sandbox.urls.hyper], io), io.stderr()).toBe(0);
    expect(io.asked).toEqual([{ question: "Hyper password: ", hidden: true }]);
    const entry = stored()[`hyper:reseller@${sandbox.urls.hyper}`]!;
    expect(entry.token).toMatch(/^eyJ/);
    expect(io.stdout()).toContain("  token: [redacted]\n");
    expect(io.stdout()).not.toContain(entry.token!);
    const argv = [
      "hyper",
      "--surface",
      "reseller",
      "--token",
      entry.token!,
      "GET",
      `${sandbox.urls.hyper}/Categories`,
    ];
    expect(await explainAndSend(argv)).toBe(200);
    // The stored login of this tenant also names the surface (the path is on reseller and storefront).
    expect(
      await explainAndSend(["hyper", "GET", `${sandbox.urls.hyper}/Categories`], { KEYWAY_CONFIG_DIR: dir }),
    ).toBe(200);
  });

  it("reports a refused login without the password and exits 1", async () => {
    const io = memoryIo();
    const argv = [
      "login",
      "hyper",
      "--base-url",
      sandbox.urls.hyper,
      "--email",
      "reseller@bursagb.test",
      "--password",
      "wrong-pass-123",
      "--no-store",
    ];
    expect(await run(argv, io)).toBe(1);
    expect(io.stderr()).toMatch(/^keyway: Hyper refused the login: /);
    expect(io.stderr()).not.toContain("wrong-pass-123");
  });

  it("needs a base URL", async () => {
    const io = memoryIo();
    expect(await run(["login", "hyper"], io)).toBe(2);
    expect(io.stderr()).toContain("login hyper needs --base-url (or KEYWAY_HYPER_BASE_URL)");
  });
});
