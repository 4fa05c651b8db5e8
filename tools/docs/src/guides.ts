import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { workedExample } from "./examples.js";
import { esc, type PageInput } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { snippetHtml } from "./snippets.js";

/** What the site says of a scheme beyond its source: who uses it and what goes wrong. */
interface SchemeNotes {
  readonly title: string;
  readonly usedBy: string;
  /** Common errors: symptom and fix. */
  readonly errors: readonly (readonly [string, string])[];
}

const NOTES: Record<string, SchemeNotes> = {
  bearer: {
    title: "Bearer token",
    usedBy: "HIOBuy Gateway (`@keyway/hiobuy`)",
    errors: [
      [
        "`KeywayConfigError: bearer token is empty or not a string`",
        "The environment variable is unset; the client refuses before any call. Set the key or pass a function that reads it.",
      ],
      [
        "`KeywayConfigError: … characters RFC 6750 does not allow`",
        "A pasted key carries a space or line break; trim it.",
      ],
      [
        "The provider answers 401",
        "A test key against the live API or a revoked key: check which base URL the client uses.",
      ],
    ],
  },
  jwt: {
    title: "JWT session (login, cache, refresh on 401)",
    usedBy: "Hyper Reseller and Storefront APIs (`@keyway/hyper`)",
    errors: [
      [
        "Every call answers 401 twice, then fails",
        "The login works but the token is refused: the credentials are for another surface, or the `Bearer ` prefix was removed.",
      ],
      [
        "`getToken` is called on every request",
        "The token has no `exp` claim and the login answer gives no expiry; return `{ token, expiresAt }` from `getToken`.",
      ],
      [
        "`KeywayAuthError: the token source failed`",
        "The login call itself threw; its error is the `cause`.",
      ],
    ],
  },
  "api-key": {
    title: "API key header",
    usedBy: "Hyper Payment and Supplier APIs (`@keyway/hyper`)",
    errors: [
      [
        "`KeywayConfigError: API key has characters other than visible ASCII`",
        "A pasted key carries whitespace or a line break; trim it.",
      ],
      ["The provider answers 401 or 403", "The key belongs to another surface or environment."],
    ],
  },
  basic: {
    title: "HTTP Basic with a client key",
    usedBy: "Appfigures API v2 (`@keyway/appfigures`)",
    errors: [
      [
        "`KeywayConfigError` about a colon in the username",
        "RFC 7617 forbids `:` in the user-id; use the account's email address.",
      ],
      [
        "401 with a correct password",
        'The client key is missing or belongs to another app; it goes in `X-Client-Key` (or `client_key` with `clientKeyIn: "query"`).',
      ],
      [
        "A client key in logs",
        'With `clientKeyIn: "query"` it travels in the URL; pass the scheme\'s `redactUrl` to the client so errors hide it.',
      ],
    ],
  },
  oauth1: {
    title: "OAuth 1.0a (HMAC-SHA1 or PLAINTEXT)",
    usedBy: "Appfigures API v2 (`@keyway/appfigures`)",
    errors: [
      [
        "401 `invalid signature`",
        "The base string differs from the server's: a query parameter encoded twice, or a body parameter of a form request left out. Compare the `onSign` canonical string with the server's.",
      ],
      [
        "401 `timestamp refused`",
        "The machine clock is off; the client corrects it from the server's `Date` header once per client.",
      ],
      ["PLAINTEXT over http://", "PLAINTEXT sends the secrets as they are: use it over HTTPS only."],
    ],
  },
  sgate: {
    title: "SGate HMAC-SHA256 (x-auth-* headers)",
    usedBy: "SGate pay-in v1 (`@keyway/sgate`)",
    errors: [
      [
        "`KeywayConfigError: operation … has no x-sgate-method`",
        "The spec lacks the signed method name of that operation; every SGate operation needs `x-sgate-method`.",
      ],
      [
        "SGate answers a signature error",
        "The `uri` signed is the path below the base URL plus the query as sent; a proxy base path must be part of `baseUrl`, not of the path.",
      ],
      [
        "`KeywayConfigError` about an unsafe path id",
        "An id holding `/`, `?` or `#` would change the signed uri; SGate ids never contain them.",
      ],
    ],
  },
  hishopping: {
    title: "HiShopping envelope (AES-256-GCM + HMAC-SHA256)",
    usedBy: "HiShopping B-End API (`@keyway/hishopping`)",
    errors: [
      [
        "`SignatureVerificationError` on an answer",
        "The answer's `sign` does not match under your Sign Key: wrong Sign Key, or a proxy rewrote the body. The client never decrypts an unverified answer.",
      ],
      [
        "Code 1001 Invalid signature",
        "The server computed another signing input: check the Sign Key and that nothing re-serialises the JSON body.",
      ],
      [
        "Code 1006 Decryption failed",
        "The Secret Key differs from the server's (a key of other than 32 bytes is hashed with SHA-256 first).",
      ],
    ],
  },
};

/** The leading JSDoc block of a scheme module, as Markdown (the source's own description of the wire format). */
async function moduleDoc(root: string, scheme: string): Promise<string> {
  const base = join(root, "packages/auth/src/schemes");
  const file = existsSync(join(base, scheme, "index.ts"))
    ? join(base, scheme, "index.ts")
    : join(base, `${scheme}.ts`);
  const text = await readFile(file, "utf8");
  const m = /^\s*\/\*\*([\s\S]*?)\*\//.exec(text);
  if (!m) return "";
  return m[1]!
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}

function kv(rows: readonly (readonly [string, string])[]): string {
  return `<dl class="kv">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd><code>${esc(v)}</code></dd>`).join("")}</dl>`;
}

/** Builds the guide page of one scheme of packages/auth/src/schemes. */
export async function guidePage(root: string, scheme: string): Promise<PageInput> {
  const notes = NOTES[scheme];
  const title = notes?.title ?? scheme;
  const path = `guides/${scheme}.html`;
  const wire = renderMarkdown(await moduleDoc(root, scheme), {
    root,
    repoPath: `packages/auth/src/schemes/${scheme}`,
    sitePath: path,
    linkMap: new Map(),
  }).html;
  const example = await workedExample(scheme, root);
  const parts: string[] = [
    `<h1>${esc(title)}</h1>`,
    `<p class="lead">Scheme <code>@keyway/auth/${esc(scheme)}</code>${notes ? `, used by ${renderInline(notes.usedBy)}` : ""}.</p>`,
    `<h2 id="on-the-wire">What goes on the wire</h2>`,
    wire || "<p>See the scheme's source in packages/auth/src/schemes.</p>",
  ];
  if (example) {
    parts.push(
      `<h2 id="worked-example">Worked example</h2>`,
      example.signedByBuild
        ? `<p>Fixed inputs from ${esc(example.source)}. The site build signs them with <code>@keyway/auth</code> and stops if the result differs from the expected value, so this page and the tests cannot disagree.</p>`
        : `<p>Fixed inputs from ${esc(example.source)}. The values are read from that file when the site is built, so this page and the tests cannot disagree.</p>`,
      `<h3 id="inputs">Inputs</h3>`,
      kv(example.inputs),
    );
    if (example.canonical !== undefined) {
      parts.push(
        `<h3 id="canonical">Canonical string</h3>`,
        `<pre class="wrap"><code>${esc(example.canonical)}</code></pre>`,
      );
    }
    if (example.derived?.length) parts.push(kv(example.derived));
    parts.push(
      `<h3 id="headers">Resulting headers</h3>`,
      `<pre><code>${esc(
        Object.entries(example.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join("\n"),
      )}</code></pre>`,
    );
    if (example.body !== undefined)
      parts.push(
        `<h3 id="body">Body on the wire</h3>`,
        `<pre class="wrap"><code>${esc(example.body)}</code></pre>`,
      );
  }
  const snippet = snippetHtml(root, `scheme-${scheme}.ts`);
  if (snippet) parts.push(`<h2 id="client-code">Client code</h2>`, snippet);
  if (notes) {
    parts.push(
      `<h2 id="common-errors">Common errors</h2>`,
      `<table><thead><tr><th scope="col">What you see</th><th scope="col">What to do</th></tr></thead><tbody>${notes.errors
        .map(([a, b]) => `<tr><td>${renderInline(a)}</td><td>${renderInline(b)}</td></tr>`)
        .join("")}</tbody></table>`,
    );
  }
  return {
    path,
    title: `${title} — auth guide`,
    description: `How Keyway signs requests with the ${title} scheme: the wire format, a worked example, client code and common errors.`,
    body: parts.join("\n"),
    searchable: true,
  };
}

/** Inline Markdown (backticks only) to HTML. */
export function renderInline(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** The guide title of a scheme, for link lists. */
export function schemeTitle(scheme: string): string {
  return NOTES[scheme]?.title ?? scheme;
}
