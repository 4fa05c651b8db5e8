import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { OperationRow, Scheme, SignContext, SignDebugEvent } from "@keyway/auth";
import { apiKeyHeader } from "@keyway/auth/api-key";
import { basicClientKey, basicCredentials } from "@keyway/auth/basic";
import { bearer } from "@keyway/auth/bearer";
import { jwtSession } from "@keyway/auth/jwt";
import { oauth1 } from "@keyway/auth/oauth1";
import { sgateHmac } from "@keyway/auth/sgate";

/** A worked example of a scheme for fixed inputs: what is signed and what goes on the wire. */
export interface WorkedExample {
  /** Where the inputs and expected values come from (a vector file or an RFC section). */
  readonly source: string;
  /** The fixed inputs, label and value. */
  readonly inputs: readonly (readonly [string, string])[];
  /** The canonical string / signature base string, for schemes that have one. */
  readonly canonical?: string;
  /** Further intermediate values (label, value), e.g. the signature. */
  readonly derived?: readonly (readonly [string, string])[];
  /** The headers the scheme sets, as sent. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request body as sent, when the scheme replaces it. */
  readonly body?: string;
  /** True when the build signed the inputs with @keyway/auth and compared; false when shown as the vector file states them. */
  readonly signedByBuild: boolean;
}

function row(
  operationId: string,
  method: string,
  path: string,
  extensions: Record<string, unknown> = {},
): OperationRow {
  return {
    operationId,
    method,
    path,
    security: [],
    retry: "safe",
    extensions: { "x-keyway-retry": "safe", ...extensions },
  };
}

/** Signs one request with a real scheme, with a fixed clock, and returns its headers and debug event. */
async function signOnce(
  scheme: Scheme,
  request: { method: string; url: string; baseUrl: string; row: OperationRow; nowMs: number },
): Promise<{ headers: Record<string, string>; event: SignDebugEvent | undefined }> {
  let event: SignDebugEvent | undefined;
  let counter = 0;
  const ctx: SignContext = {
    row: request.row,
    baseUrl: request.baseUrl,
    now: () => request.nowMs,
    random: (n) => Uint8Array.from({ length: n }, () => counter++ & 255),
    attempt: 1,
    params: undefined,
    debug: (e) => {
      event = e;
    },
  };
  const result = await scheme.sign(
    { method: request.method, url: request.url, headers: new Headers(), body: undefined },
    ctx,
  );
  return { headers: { ...(result.headers ?? {}) }, event };
}

function mustEqual(what: string, actual: string | undefined, expected: string): void {
  if (actual !== expected) {
    throw new Error(
      `worked example ${what}: @keyway/auth gives ${JSON.stringify(actual)}, the vector says ${JSON.stringify(expected)}`,
    );
  }
}

interface SgateVector {
  name: string;
  key: string;
  secret: string;
  timestamp: number;
  method: string;
  uri: string;
  canonical: string;
  signature: string;
  baseUrl?: string;
  url?: string;
}

/** SGate: the first vector of specs/sgate/vectors/vectors.json that has a full URL, signed by the real scheme. */
async function sgate(root: string): Promise<WorkedExample> {
  const file = "specs/sgate/vectors/vectors.json";
  const { vectors } = JSON.parse(await readFile(join(root, file), "utf8")) as { vectors: SgateVector[] };
  const v = vectors.find((x) => x.baseUrl && x.url && !x.baseUrl.includes("127.0.0.1")) ?? vectors[0]!;
  const baseUrl = v.baseUrl ?? "https://sandbox.sgate.sa/api_v1";
  const url = v.url ?? `${baseUrl}${v.uri}`;
  const { headers, event } = await signOnce(sgateHmac({ key: v.key, secret: v.secret }), {
    method: "POST",
    url,
    baseUrl,
    row: row("example", "POST", v.uri, { "x-sgate-method": v.method }),
    nowMs: v.timestamp * 1000,
  });
  mustEqual("sgate canonical string", event?.canonical, v.canonical);
  mustEqual("sgate signature", headers["x-auth-signature"], v.signature);
  return {
    source: `${file}, vector “${v.name}”`,
    inputs: [
      ["key", v.key],
      ["secret", v.secret],
      ["timestamp", String(v.timestamp)],
      ["method (the operation's x-sgate-method)", v.method],
      ["base URL", baseUrl],
      ["request URL", url],
    ],
    canonical: v.canonical,
    derived: [["signature = base64(HMAC-SHA256(secret, canonical))", v.signature]],
    headers,
    signedByBuild: true,
  };
}

interface HishoppingRequestVector {
  name: string;
  method: string;
  path: string;
  secret_key: string;
  data_encoding: string;
  iv_hex: string;
  timestamp: number;
  plaintext: string;
  signing_input: string;
  sign: string;
  wire_body?: string;
}

/** HiShopping: the first request vector of specs/hishopping/vectors/vectors.json, as the file states it. */
async function hishopping(root: string): Promise<WorkedExample> {
  const file = "specs/hishopping/vectors/vectors.json";
  const doc = JSON.parse(await readFile(join(root, file), "utf8")) as {
    credentials: { app_id: string; sign_key: string };
    base_url: string;
    requests: HishoppingRequestVector[];
  };
  const v = doc.requests.find((r) => r.wire_body) ?? doc.requests[0]!;
  return {
    source: `${file}, request “${v.name}” (computed with Python's cryptography package; @keyway/auth's tests check the scheme against the same file)`,
    inputs: [
      ["request", `${v.method} ${doc.base_url}${v.path}`],
      ["app_id", doc.credentials.app_id],
      ["Secret Key (AES)", v.secret_key],
      ["Sign Key (HMAC)", doc.credentials.sign_key],
      ["IV (hex)", v.iv_hex],
      ["timestamp", String(v.timestamp)],
      ["data encoding", v.data_encoding],
      ["logical payload", v.plaintext],
    ],
    canonical: v.signing_input,
    derived: [["sign = hex(HMAC-SHA256(Sign Key, signing input))", v.sign]],
    headers: { "content-type": "application/json" },
    ...(v.wire_body ? { body: v.wire_body } : {}),
    signedByBuild: false,
  };
}

/** OAuth 1.0a: RFC 5849 §1.2's protected-resource request, signed by the real scheme. */
async function oauth1Example(): Promise<WorkedExample> {
  // RFC 5849 §1.2 (https://www.rfc-editor.org/rfc/rfc5849#section-1.2): the printer example's values.
  const rfcSignature = "MdpQcU8iPSUjWoN/UDMsK2sui9I=";
  const url = "http://photos.example.net/photos?file=vacation.jpg&size=original";
  const { headers, event } = await signOnce(
    oauth1({
      consumerKey: "dpf43f3p2l4k3l03",
      consumerSecret: "kd94hf93k423kf44",
      token: "nnch734d00sl2jdk",
      tokenSecret: "pfkkdhi9sl3r4s00",
      realm: "Photos",
      nonce: () => "chapoH",
    }),
    {
      method: "GET",
      url,
      baseUrl: "http://photos.example.net",
      row: row("example", "GET", "/photos"),
      nowMs: 137131202_000,
    },
  );
  const auth = headers.authorization ?? "";
  const sig = /oauth_signature="([^"]*)"/.exec(auth)?.[1];
  mustEqual("oauth1 signature", sig === undefined ? undefined : decodeURIComponent(sig), rfcSignature);
  return {
    signedByBuild: true,
    source:
      "RFC 5849 §1.2 (https://www.rfc-editor.org/rfc/rfc5849#section-1.2), the protected-resource request",
    inputs: [
      ["request", `GET ${url}`],
      ["consumer key / secret", "dpf43f3p2l4k3l03 / kd94hf93k423kf44"],
      ["token / token secret", "nnch734d00sl2jdk / pfkkdhi9sl3r4s00"],
      ["timestamp / nonce", "137131202 / chapoH"],
    ],
    ...(event?.canonical ? { canonical: event.canonical } : {}),
    derived: [
      ["oauth_signature = base64(HMAC-SHA1(consumer secret & token secret, base string))", rfcSignature],
    ],
    headers,
  };
}

/** HTTP Basic + client key: RFC 7617 §2's credentials, sent by the real scheme. */
async function basicExample(): Promise<WorkedExample> {
  // RFC 7617 §2 (https://www.rfc-editor.org/rfc/rfc7617#section-2): "Aladdin" / "open sesame".
  const expected = "QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
  mustEqual("basic credentials", basicCredentials("Aladdin", "open sesame"), `Basic ${expected}`);
  const { headers } = await signOnce(
    basicClientKey({ username: "Aladdin", password: "open sesame", clientKey: "ck_example" }),
    {
      method: "GET",
      url: "https://api.appfigures.com/v2/products/mine",
      baseUrl: "https://api.appfigures.com/v2",
      row: row("example", "GET", "/products/mine"),
      nowMs: 0,
    },
  );
  mustEqual("basic header", headers.authorization, `Basic ${expected}`);
  return {
    signedByBuild: true,
    source: "RFC 7617 §2 (https://www.rfc-editor.org/rfc/rfc7617#section-2), with an example client key",
    inputs: [
      ["username", "Aladdin"],
      ["password", "open sesame"],
      ["client key", "ck_example"],
    ],
    canonical: "Aladdin:open sesame",
    derived: [['base64(utf8(username ":" password))', expected]],
    headers,
  };
}

async function simple(scheme: Scheme, inputs: [string, string][], source: string): Promise<WorkedExample> {
  const { headers } = await signOnce(scheme, {
    method: "GET",
    url: "https://api.example.com/v1/things/1",
    baseUrl: "https://api.example.com/v1",
    row: row("example", "GET", "/things/{id}"),
    nowMs: 1_700_000_000_000,
  });
  return { source, inputs, headers, signedByBuild: true };
}

/** The worked example of a scheme by its module name, or undefined for a scheme without one. */
export async function workedExample(scheme: string, root: string): Promise<WorkedExample | undefined> {
  switch (scheme) {
    case "sgate":
      return sgate(root);
    case "hishopping":
      return hishopping(root);
    case "oauth1":
      return oauth1Example();
    case "basic":
      return basicExample();
    case "bearer":
      return simple(
        bearer({ token: "hio_test_example" }),
        [["token", "hio_test_example"]],
        "a fixed example token",
      );
    case "api-key":
      return simple(
        apiKeyHeader({ key: "ak_test_example" }),
        [["key", "ak_test_example"]],
        "a fixed example key",
      );
    case "jwt": {
      const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJleGFtcGxlIn0.c2lnbmF0dXJl";
      return simple(
        jwtSession({ getToken: () => token }),
        [["token returned by getToken()", token]],
        "a fixed example token (the scheme caches it and asks again before it expires or after a 401)",
      );
    }
    default:
      return undefined;
  }
}
