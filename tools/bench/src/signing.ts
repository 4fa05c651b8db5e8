/**
 * The `signing` group of `pnpm bench`: what each signing scheme of `@keyway/auth` costs next to the raw
 * `node:crypto` primitive(s) doing the same cryptography on the same canonical string (precomputed, so the
 * raw side pays for the crypto and its encoding only). Each pair runs in interleaved rounds; a pair's figure
 * in a round is the scheme's time divided by the raw time in that same round, so load hits both alike.
 *
 * | pair | Keyway | raw node:crypto |
 * |---|---|---|
 * | SGate | `sgateHmac(…).sign(parts, ctx)` | `createHmac("sha256")` → base64 |
 * | OAuth1 | `oauth1(…).sign(parts, ctx)` (HMAC-SHA1) | `createHmac("sha1")` → base64 |
 * | HiShopping sign | `signHishoppingEnvelope(signKey, fields)` | `createHmac("sha256")` → hex |
 * | HiShopping verify | `verifyHishoppingEnvelope(signKey, envelope)` | `createHmac("sha256")` + `timingSafeEqual` |
 * | HiShopping 1 KB round trip | seal + sign + verify + open | `createCipheriv` + HMAC + HMAC + `createDecipheriv` |
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { OperationRow, RequestParts, Scheme, SignContext } from "@keyway/auth";
import {
  hishoppingCanonicalJson,
  openHishoppingPayload,
  sealHishoppingPayload,
  signHishoppingEnvelope,
  verifyHishoppingEnvelope,
} from "@keyway/auth/hishopping";
import { oauth1 } from "@keyway/auth/oauth1";
import { sgateHmac } from "@keyway/auth/sgate";
import { type Spread, spread } from "./measure.js";
import { filler, HISHOPPING_APP } from "./stub.js";

/** One scheme operation and the raw node:crypto code doing the same cryptography on the same input. */
export interface SigningPair {
  readonly id: string;
  readonly label: string;
  /** The Keyway side (what a caller awaits). */
  readonly keyway: () => unknown;
  /** The raw node:crypto side (synchronous). */
  readonly raw: () => unknown;
  /** Resolves when both sides produce the same output once (checked before timing). */
  readonly check: () => Promise<void>;
}

/** A pair's per-round figures: µs per operation and Keyway ÷ raw. */
export interface SigningRow {
  readonly id: string;
  readonly label: string;
  readonly keywayCpuUs: Spread;
  readonly rawCpuUs: Spread;
  readonly wall: Spread;
  readonly cpu: Spread;
  readonly samples: {
    keywayWallUs: number[];
    keywayCpuUs: number[];
    rawWallUs: number[];
    rawCpuUs: number[];
  };
}

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const fixedBytes = (n: number) => new Uint8Array(n).fill(7);

function context(
  row: Pick<OperationRow, "operationId" | "path"> & Partial<OperationRow>,
  baseUrl: string,
  params?: SignContext["params"],
): SignContext {
  return {
    row: { method: "GET", security: [], retry: "safe", extensions: {}, responseBody: true, ...row },
    baseUrl,
    now: () => NOW,
    random: fixedBytes,
    attempt: 1,
    params,
    debug: undefined,
  };
}

const parts = (method: string, url: string, body?: Uint8Array): RequestParts => ({
  method,
  url,
  headers: new Headers(body ? { "content-type": "application/json" } : {}),
  body,
});

function expectEqual(what: string, a: unknown, b: unknown): void {
  if (a !== b)
    throw new Error(`signing bench: ${what}: Keyway gave ${String(a)}, raw node:crypto ${String(b)}`);
}

async function signedHeader(scheme: Scheme, p: RequestParts, ctx: SignContext, name: string) {
  const out = await scheme.sign(p, ctx);
  return out.headers?.[name];
}

function sgatePair(): SigningPair {
  const key = "zS83bench0key";
  const secret = "bench-sgate-secret";
  const scheme = sgateHmac({ key, secret });
  const ctx = context(
    {
      operationId: "getMerchant",
      path: "/merchants/{merchantId}",
      extensions: { "x-sgate-method": "merchant.detail" },
    },
    "https://gateway.sgate.sa/api_v1",
    { path: { merchantId: "M448726" } },
  );
  const p = parts("GET", "https://gateway.sgate.sa/api_v1/merchants/M448726");
  // Written from the provider's rule (six sorted pairs, encodeURIComponent values), not by the scheme.
  const canonical = `key=${key}&method=merchant.detail&signMethod=HmacSHA256&signVersion=1&timestamp=${NOW / 1000}&uri=${encodeURIComponent("/merchants/M448726")}`;
  const raw = () => createHmac("sha256", secret).update(canonical).digest("base64");
  return {
    id: "sgate",
    label: "SGate sign() vs HMAC-SHA256",
    keyway: () => scheme.sign(p, ctx),
    raw,
    check: async () =>
      expectEqual("SGate signature", await signedHeader(scheme, p, ctx, "x-auth-signature"), raw()),
  };
}

function oauth1Pair(): SigningPair {
  const creds = {
    consumerKey: "bench-consumer",
    consumerSecret: "bench-consumer-secret",
    token: "bench-token",
    tokenSecret: "bench-token-secret",
  };
  const scheme = oauth1(creds);
  const url = "https://api.appfigures.com/v2/reports/sales?group_by=product&start_date=2026-11-01";
  const ctx = context(
    { operationId: "getSalesReport", path: "/reports/sales" },
    "https://api.appfigures.com/v2",
  );
  const p = parts("GET", url);
  const nonce = "07".repeat(16);
  const params = [
    ["group_by", "product"],
    ["oauth_consumer_key", creds.consumerKey],
    ["oauth_nonce", nonce],
    ["oauth_signature_method", "HMAC-SHA1"],
    ["oauth_timestamp", String(NOW / 1000)],
    ["oauth_token", creds.token],
    ["start_date", "2026-11-01"],
  ];
  // RFC 5849 §3.4.1 by hand: every name and value here is already unreserved text.
  const normalized = params.map(([n, v]) => `${n}=${v}`).join("&");
  const base = `GET&${encodeURIComponent("https://api.appfigures.com/v2/reports/sales")}&${encodeURIComponent(normalized)}`;
  const hmacKey = `${creds.consumerSecret}&${creds.tokenSecret}`;
  const raw = () => createHmac("sha1", hmacKey).update(base).digest("base64");
  return {
    id: "oauth1",
    label: "OAuth1 sign() vs HMAC-SHA1",
    keyway: () => scheme.sign(p, ctx),
    raw,
    check: async () => {
      const header = String(await signedHeader(scheme, p, ctx, "authorization"));
      const sig = /oauth_signature="([^"]+)"/.exec(header)?.[1];
      expectEqual("OAuth1 signature", sig && decodeURIComponent(sig), raw());
    },
  };
}

const HS = HISHOPPING_APP;
const hsFields = {
  app_id: HS.appId,
  data: "c2VhbGVkLWRhdGEtZm9yLWJlbmNo",
  nonce: "07".repeat(16),
  timestamp: NOW / 1000,
};
/** The canonical JSON of {@link hsFields}, written by hand (keys already in byte order). */
const hsSigningInput = `{"app_id":"${HS.appId}","data":"${hsFields.data}","nonce":"${hsFields.nonce}","timestamp":${hsFields.timestamp}}`;

function hishoppingSignPair(): SigningPair {
  const raw = () => createHmac("sha256", HS.signKey).update(hsSigningInput).digest("hex");
  return {
    id: "hishopping-sign",
    label: "HiShopping envelope sign vs HMAC-SHA256",
    keyway: () => signHishoppingEnvelope(HS.signKey, hsFields),
    raw,
    check: async () =>
      expectEqual("HiShopping sign", (await signHishoppingEnvelope(HS.signKey, hsFields)).sign, raw()),
  };
}

function hishoppingVerifyPair(): SigningPair {
  const sign = createHmac("sha256", HS.signKey).update(hsSigningInput).digest("hex");
  const envelope = { ...hsFields, sign };
  const raw = () =>
    timingSafeEqual(
      createHmac("sha256", HS.signKey).update(hsSigningInput).digest(),
      Buffer.from(sign, "hex"),
    );
  return {
    id: "hishopping-verify",
    label: "HiShopping envelope verify vs HMAC-SHA256 + timingSafeEqual",
    keyway: () => verifyHishoppingEnvelope(HS.signKey, envelope),
    raw,
    check: async () =>
      expectEqual("HiShopping verify", await verifyHishoppingEnvelope(HS.signKey, envelope), raw()),
  };
}

function hishoppingRoundTripPair(): SigningPair {
  const plaintext = new TextEncoder().encode(
    JSON.stringify({ merchant_order_no: "bench-0001", remark: filler(960) }),
  );
  const iv = fixedBytes(12);
  const rawKey = Buffer.from(HS.secretKey, "utf8");
  const aesKey = rawKey.length === 32 ? rawKey : createHash("sha256").update(rawKey).digest();
  const nonce = "07".repeat(16);
  const timestamp = NOW / 1000;
  const input = (data: string) =>
    `{"app_id":"${HS.appId}","data":"${data}","nonce":"${nonce}","timestamp":${timestamp}}`;
  const keyway = async () => {
    const data = await sealHishoppingPayload(HS.secretKey, iv, plaintext);
    const fields = { app_id: HS.appId, data, nonce, timestamp };
    const { sign } = await signHishoppingEnvelope(HS.signKey, fields);
    if (!(await verifyHishoppingEnvelope(HS.signKey, { ...fields, sign }))) throw new Error("did not verify");
    return openHishoppingPayload(HS.secretKey, data);
  };
  const raw = () => {
    const cipher = createCipheriv("aes-256-gcm", aesKey, iv);
    const sealed = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    const data = sealed.toString("base64");
    const signingInput = input(data);
    const sign = createHmac("sha256", HS.signKey).update(signingInput).digest("hex");
    const mac = createHmac("sha256", HS.signKey).update(signingInput).digest();
    if (!timingSafeEqual(mac, Buffer.from(sign, "hex"))) throw new Error("did not verify");
    const box = Buffer.from(data, "base64");
    const decipher = createDecipheriv("aes-256-gcm", aesKey, box.subarray(0, 12));
    decipher.setAuthTag(box.subarray(box.length - 16));
    return Buffer.concat([decipher.update(box.subarray(12, box.length - 16)), decipher.final()]);
  };
  return {
    id: "hishopping-round-trip",
    label: "HiShopping 1 KB seal + sign + verify + open vs raw AES-GCM + HMAC",
    keyway,
    raw,
    check: async () => {
      const data = await sealHishoppingPayload(HS.secretKey, iv, plaintext);
      const cipher = createCipheriv("aes-256-gcm", aesKey, iv);
      const expected = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      expectEqual("HiShopping sealed data", data, expected.toString("base64"));
      expectEqual(
        "HiShopping canonical JSON",
        hishoppingCanonicalJson({ app_id: HS.appId, data, nonce, timestamp }),
        input(data),
      );
      expectEqual("HiShopping round trip", Buffer.from(await keyway()).equals(raw()), true);
    },
  };
}

/** Every pair of the group. */
export function signingPairs(): SigningPair[] {
  return [sgatePair(), oauth1Pair(), hishoppingSignPair(), hishoppingVerifyPair(), hishoppingRoundTripPair()];
}

const CHUNK = 64;
const WARMUP_CALLS = 5000;

/** Calls `fn` `n` times, awaiting it only when it returns a promise. */
async function calls(fn: () => unknown, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = fn();
    if (r instanceof Promise) await r;
  }
}

/** Runs `fn` for about `ms` milliseconds, awaiting it only when it returns a promise; µs per operation. */
async function time(fn: () => unknown, ms: number): Promise<{ wallUs: number; cpuUs: number }> {
  let n = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let t = t0;
  do {
    for (let i = 0; i < CHUNK; i++) {
      const r = fn();
      if (r instanceof Promise) await r;
    }
    n += CHUNK;
    t = performance.now();
  } while (t - t0 < ms);
  const cpu = process.cpuUsage(cpu0);
  return { wallUs: ((t - t0) * 1000) / n, cpuUs: (cpu.user + cpu.system) / n };
}

/** Settings of a run of the group. */
export interface SigningOptions {
  readonly rounds: number;
  /** Time per side per pair per round, ms. */
  readonly timeMs: number;
}

/**
 * Checks every pair once and warms each side up by call count, then measures `rounds` interleaved rounds
 * (plus a discarded round): each round runs every pair, Keyway and raw back to back (which goes first
 * alternates), the pairs' order rotated by the round number.
 */
export async function measureSigning(
  pairs: readonly SigningPair[],
  options: SigningOptions,
): Promise<SigningRow[]> {
  for (const p of pairs) {
    await p.check();
    // By count, not time: on a loaded machine a time-boxed warm-up can end before V8 has optimized the code.
    await calls(p.keyway, WARMUP_CALLS);
    await calls(p.raw, WARMUP_CALLS);
  }
  const samples = new Map(
    pairs.map((p) => [
      p.id,
      {
        keywayWallUs: [] as number[],
        keywayCpuUs: [] as number[],
        rawWallUs: [] as number[],
        rawCpuUs: [] as number[],
      },
    ]),
  );
  for (let round = -1; round < options.rounds; round++) {
    const shift = ((round % pairs.length) + pairs.length) % pairs.length;
    for (const p of [...pairs.slice(shift), ...pairs.slice(0, shift)]) {
      const rawFirst = round % 2 !== 0;
      const a = await time(rawFirst ? p.raw : p.keyway, options.timeMs);
      const b = await time(rawFirst ? p.keyway : p.raw, options.timeMs);
      if (round < 0) continue;
      const [k, r] = rawFirst ? [b, a] : [a, b];
      const s = samples.get(p.id)!;
      s.keywayWallUs.push(k.wallUs);
      s.keywayCpuUs.push(k.cpuUs);
      s.rawWallUs.push(r.wallUs);
      s.rawCpuUs.push(r.cpuUs);
    }
  }
  return pairs.map((p) => {
    const s = samples.get(p.id)!;
    const over = (a: number[], b: number[]) => spread(a.map((x, i) => x / b[i]!));
    return {
      id: p.id,
      label: p.label,
      keywayCpuUs: spread(s.keywayCpuUs),
      rawCpuUs: spread(s.rawCpuUs),
      wall: over(s.keywayWallUs, s.rawWallUs),
      cpu: over(s.keywayCpuUs, s.rawCpuUs),
      samples: s,
    };
  });
}

/** The limit: a scheme costs at most twice the raw primitive(s). */
export const SIGNING_LIMIT = 2;

/** Markdown table of the rows. */
export function signingTable(rows: readonly SigningRow[]): string[] {
  const f2 = (x: number) => x.toFixed(2);
  const fr = (s: Spread) => `${f2(s.median)} (${f2(s.min)}–${f2(s.max)})`;
  return [
    "| signing pair | Keyway µs CPU | raw µs CPU | wall × raw | CPU × raw |",
    "|---|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.label} | ${f2(r.keywayCpuUs.median)} | ${f2(r.rawCpuUs.median)} | ${fr(r.wall)} | ${fr(r.cpu)} |`,
    ),
  ];
}
