/**
 * The hand-written baselines the SGate and HiShopping budgets compare against: what a developer would write
 * on bare openapi-fetch with `client.use` and `node:crypto`, doing the same signing (and, for HiShopping,
 * the same sealing, verifying and opening) as the Keyway scheme.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import type { Middleware } from "openapi-fetch";

/** SGate x-auth signing: HMAC-SHA256 over the six sorted `name=value` pairs, base64. */
export function sgateMiddleware(options: {
  key: string;
  secret: string;
  basePath: string;
  methods: Readonly<Record<string, string>>;
}): Middleware {
  const enc = encodeURIComponent;
  return {
    onRequest({ request, schemaPath }) {
      const method = options.methods[schemaPath];
      if (method === undefined) throw new Error(`no SGate method for ${schemaPath}`);
      const url = new URL(request.url);
      const uri = url.pathname.slice(options.basePath.length) + url.search;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const canonical = `key=${enc(options.key)}&method=${enc(method)}&signMethod=HmacSHA256&signVersion=1&timestamp=${timestamp}&uri=${enc(uri)}`;
      const signature = createHmac("sha256", options.secret).update(canonical).digest("base64");
      request.headers.set("x-auth-signature", signature);
      request.headers.set("x-auth-key", options.key);
      request.headers.set("x-auth-timestamp", timestamp);
      request.headers.set("x-auth-sign-method", "HmacSHA256");
      request.headers.set("x-auth-sign-version", "1");
      return request;
    },
  };
}

/**
 * HiShopping envelope both ways: the request body sealed with AES-256-GCM and signed with HMAC-SHA256 into
 * `{app_id, data, nonce, sign, timestamp}`; the answer's `sign` checked (constant time), its timestamp
 * (±300 s) and nonce (not seen before) checked, its `data` opened, its `merchant_order_no` compared with the
 * request's, and handed on as `{code, message, data}` — the checks the Keyway scheme makes.
 */
export function hishoppingMiddleware(options: {
  appId: string;
  secretKey: string;
  signKey: string;
}): Middleware {
  const raw = Buffer.from(options.secretKey, "utf8");
  const aesKey = raw.length === 32 ? raw : createHash("sha256").update(raw).digest();
  const hmacHex = (input: string) => createHmac("sha256", options.signKey).update(input).digest("hex");
  const asked = new WeakMap<Request, unknown>();
  const seen = new Map<string, number>();
  return {
    async onRequest({ request }) {
      const plaintext = Buffer.from(await request.arrayBuffer());
      const merchantOrderNo = (JSON.parse(plaintext.toString("utf8")) as { merchant_order_no?: unknown })
        .merchant_order_no;
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", aesKey, iv);
      const sealed = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      const data = sealed.toString("base64");
      const nonce = randomBytes(16).toString("hex");
      const timestamp = Math.floor(Date.now() / 1000);
      const head = `{"app_id":${JSON.stringify(options.appId)},"data":${JSON.stringify(data)},"nonce":"${nonce}"`;
      const sign = hmacHex(`${head},"timestamp":${timestamp}}`);
      const headers = new Headers(request.headers);
      headers.set("App-ID", options.appId);
      headers.set("Timestamp", String(timestamp));
      headers.set("Nonce", nonce);
      headers.set("content-type", "application/json");
      const sealedRequest = new Request(request.url, {
        method: request.method,
        headers,
        body: `${head},"sign":"${sign}","timestamp":${timestamp}}`,
      });
      asked.set(sealedRequest, merchantOrderNo);
      return sealedRequest;
    },
    async onResponse({ request, response }) {
      const envelope = (await response.json()) as Record<string, unknown>;
      const given = envelope.sign;
      if (typeof given !== "string" || !/^[0-9a-f]{64}$/.test(given)) throw new Error("unsigned answer");
      const keys = Object.keys(envelope)
        .filter((k) => k !== "sign")
        .sort();
      const input = `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(envelope[k])}`).join(",")}}`;
      const expected = createHmac("sha256", options.signKey).update(input).digest();
      if (!timingSafeEqual(expected, Buffer.from(given, "hex"))) throw new Error("bad signature");
      const now = Date.now();
      if (typeof envelope.timestamp !== "number" || Math.abs(envelope.timestamp * 1000 - now) > 300_000) {
        throw new Error("stale answer");
      }
      const nonce = String(envelope.nonce);
      if ((seen.get(nonce) ?? 0) > now) throw new Error("replayed answer");
      for (const [n, expires] of seen) {
        if (expires > now) break;
        seen.delete(n);
      }
      seen.set(nonce, now + 600_000);
      const sealed = Buffer.from(String(envelope.data), "base64");
      const decipher = createDecipheriv("aes-256-gcm", aesKey, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(12, sealed.length - 16)),
        decipher.final(),
      ]);
      const data = JSON.parse(plain.toString("utf8")) as { merchant_order_no?: unknown };
      const merchantOrderNo = asked.get(request);
      if (data.merchant_order_no !== undefined && data.merchant_order_no !== merchantOrderNo) {
        throw new Error("answer for another order");
      }
      const body = JSON.stringify({ code: envelope.code, message: envelope.message, data });
      return new Response(body, { status: response.status, headers: { "content-type": "application/json" } });
    },
  };
}
