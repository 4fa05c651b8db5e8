/**
 * The request `keyway explain` signs, read from a curl command line or from `METHOD URL [BODY]`. Pure: no file
 * is read and no variable is expanded, so what is explained is exactly what was typed.
 * @module
 */
import { parse } from "shell-quote";
import { CliError } from "./errors.js";

/** A request as the user described it: what the client is then asked to send. */
export interface RequestInput {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The absolute URL, query included. */
  readonly url: string;
  /** Headers in the order given (names as typed). */
  readonly headers: readonly (readonly [name: string, value: string])[];
  /** The body text, when there is one. */
  readonly body: string | undefined;
}

const METHOD = /^[A-Z]+$/;
/** curl options that take no value and change nothing that is signed. */
const IGNORED_FLAGS = new Set([
  "-s",
  "--silent",
  "-S",
  "--show-error",
  "-i",
  "--include",
  "-v",
  "--verbose",
  "-L",
  "--location",
  "-k",
  "--insecure",
  "--compressed",
  "-f",
  "--fail",
  "-g",
  "--globoff",
]);
const DATA_FLAGS = new Set(["-d", "--data", "--data-raw", "--data-ascii", "--data-binary", "--json"]);
/** Options that take a value, keyed by their short and long names. */
const VALUE_FLAGS = new Set(["-X", "--request", "-H", "--header", "--url", ...DATA_FLAGS]);
const CREDENTIAL_FLAGS = new Set(["-u", "--user", "--oauth2-bearer", "-b", "--cookie"]);

function usage(message: string): never {
  throw new CliError(message, 2);
}

/** Splits a command line into words as a POSIX shell would, refusing pipes, redirections and substitutions. */
export function shellWords(line: string): string[] {
  // A backslash before a line break continues the line (as copied from docs), it is not an escaped newline.
  const words = parse(line.replace(/\\\r?\n/g, " "), (name) => `$${name}`);
  return words.map((word) => {
    if (typeof word === "string") return word;
    if ("comment" in word) usage("the curl command holds a comment (#); remove it");
    if (word.op === "glob") return word.pattern;
    return usage(`the curl command holds a shell operator (${word.op}); give one curl command only`);
  });
}

/**
 * Reads a curl command's words (the first one `curl`): `-X`/`--request`, `-H`/`--header` (repeatable),
 * `-d`/`--data`/`--data-raw`/`--data-ascii`/`--data-binary` (repeatable, joined with `&` as curl does),
 * `--json`, `-G`/`--get` and the URL (positional or `--url`). Output-only flags (`-s`, `-i`, `-L`, …) are
 * ignored.
 * @throws CliError (usage) for an option that reads a file (`-d @file`), sets credentials (`-u`: keyway sets
 *   them), or that keyway does not know, and for a missing or second URL.
 */
export function parseCurl(words: readonly string[]): RequestInput {
  if (words[0] !== "curl") usage(`a curl command starts with "curl", got ${JSON.stringify(words[0] ?? "")}`);
  let method: string | undefined;
  let url: string | undefined;
  let get = false;
  let json = false;
  const headers: [string, string][] = [];
  const data: string[] = [];
  for (let i = 1; i < words.length; i++) {
    let word = words[i]!;
    let value: string | undefined;
    // Attached forms: -XPOST, -H'a: b', --data=…
    const long = /^(--[a-z0-9-]+)=(.*)$/s.exec(word);
    if (long && VALUE_FLAGS.has(long[1]!)) [word, value] = [long[1]!, long[2]!];
    else if (/^-[XHd]./s.test(word)) [word, value] = [word.slice(0, 2), word.slice(2)];
    if (word === "-G" || word === "--get") {
      get = true;
      continue;
    }
    if (IGNORED_FLAGS.has(word)) continue;
    if (CREDENTIAL_FLAGS.has(word)) {
      usage(`curl ${word} sets credentials; keyway signs with the credentials given by its own options`);
    }
    if (VALUE_FLAGS.has(word)) {
      if (value === undefined) {
        if (i + 1 >= words.length) usage(`curl ${word} needs a value`);
        value = words[++i]!;
      }
      if (word === "-X" || word === "--request") method = value.toUpperCase();
      else if (word === "-H" || word === "--header") headers.push(header(value));
      else if (word === "--url") url = setUrl(url, value);
      else {
        if (value.startsWith("@") && word !== "--data-raw") {
          usage(`curl ${word} ${value} reads a file; paste the body itself (or use --data-raw)`);
        }
        if (word === "--json") json = true;
        data.push(value);
      }
      continue;
    }
    if (word.startsWith("-") && word !== "-") usage(`curl option ${word} is not supported by keyway explain`);
    url = setUrl(url, word);
  }
  if (url === undefined) usage("the curl command has no URL");
  if (json) {
    if (!headers.some(([n]) => n.toLowerCase() === "content-type"))
      headers.push(["Content-Type", "application/json"]);
    if (!headers.some(([n]) => n.toLowerCase() === "accept")) headers.push(["Accept", "application/json"]);
  }
  const body = data.length > 0 ? data.join(json ? "" : "&") : undefined;
  if (get && body !== undefined) {
    const target = new URL(checkUrl(url));
    target.search = target.search ? `${target.search}&${body}` : `?${body}`;
    return { method: method ?? "GET", url: target.href, headers, body: undefined };
  }
  return { method: method ?? (body === undefined ? "GET" : "POST"), url: checkUrl(url), headers, body };
}

/**
 * Reads `METHOD URL [BODY]` (e.g. `POST https://… '{"a":1}'`).
 * @throws CliError (usage) for a method that is not an upper-case HTTP verb, a bad URL or extra words.
 */
export function parseMethodUrl(words: readonly string[]): RequestInput {
  const [method, url, body, ...rest] = words;
  if (!method || !METHOD.test(method)) {
    usage(`expected a curl command or METHOD URL [BODY], got ${JSON.stringify(words.join(" "))}`);
  }
  if (url === undefined) usage(`${method} needs a URL`);
  if (rest.length > 0) usage(`unexpected ${JSON.stringify(rest.join(" "))} after the body (quote the body)`);
  return { method, url: checkUrl(url), headers: [], body };
}

/**
 * Reads the words after the provider: one quoted curl command, the words of a curl command (after `--`), or
 * `METHOD URL [BODY]`.
 */
export function parseRequest(words: readonly string[]): RequestInput {
  if (words.length === 1 && /^\s*curl\s/.test(words[0]!)) return parseCurl(shellWords(words[0]!));
  if (words[0] === "curl") return parseCurl(words);
  return parseMethodUrl(words);
}

function header(raw: string): [string, string] {
  const colon = raw.indexOf(":");
  if (colon <= 0) usage(`curl header ${JSON.stringify(raw)} is not "Name: value"`);
  return [raw.slice(0, colon).trim(), raw.slice(colon + 1).trim()];
}

function setUrl(previous: string | undefined, next: string): string {
  if (previous !== undefined) usage(`the curl command has two URLs (${previous} and ${next})`);
  return next;
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return usage(`${JSON.stringify(url)} is not an absolute URL`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") usage(`${url} is not an http(s) URL`);
  return url;
}
