/**
 * HiShopping's own fault kinds: they rewrite a signed answer after the sandbox produced it (tampered data or
 * signature, corrupted-but-re-signed data, an unsigned success).
 * @module
 */

import { createHmac } from "node:crypto";
import type { CustomFaultHandler } from "../core/app.js";
import { findApp, type HishoppingSandboxApp } from "./apps.js";
import { canonicalJson, decodeData, encodeData, signFields, signingInput } from "./protocol.js";

/** What Go's `json.Marshal` writes where canonical JSON has `<`, `>`, `&`, U+2028, U+2029. */
export function goEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A JSON answer with the given text. */
export function jsonResponse(text: string): Response {
  return new Response(text, { status: 200, headers: { "content-type": "application/json" } });
}

/**
 * The fault kinds, for a sandbox whose apps are `apps`.
 * @param apps the sandbox's apps by id (an answer is re-signed with its app's Sign Key).
 */
export function hishoppingFaultKinds<V extends object>(
  apps: ReadonlyMap<string, HishoppingSandboxApp>,
): Record<string, CustomFaultHandler<V>> {
  /** The app an answer is for (read from the answer itself, so faults can re-sign it). */
  const appOf = (body: Record<string, unknown>) =>
    typeof body.app_id === "string" ? findApp(apps, body.app_id) : undefined;

  /** Reads a handled answer's JSON, applies `edit`, and returns it (re-signed when `resign`). */
  const rewrite =
    (
      edit: (body: Record<string, unknown>, app: HishoppingSandboxApp) => void,
      resign: boolean,
    ): CustomFaultHandler<V> =>
    async ({ c, next }) => {
      await next();
      const original = c.res;
      const text = await original.text();
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // Not an envelope answer (an app speaking the header protocol): left alone.
        return new Response(text, { status: original.status, headers: original.headers });
      }
      const app = appOf(body);
      if (!app || typeof body.sign !== "string") return jsonResponse(text); // plaintext answers are left alone
      edit(body, app);
      if (resign) body.sign = signFields(app.signKey, body);
      return jsonResponse(canonicalJson(body));
    };

  const flipData = (body: Record<string, unknown>, app: HishoppingSandboxApp) => {
    const bytes = decodeData(String(body.data), app.dataEncoding)!;
    bytes[bytes.length - 1]! ^= 0x01;
    body.data = encodeData(bytes, app.dataEncoding);
  };

  return {
    /** Flips a bit of `data` without re-signing: the client must report an invalid signature. */
    "tamper-data": rewrite(flipData, false),
    /** Changes one hex digit of `sign`. */
    "tamper-sign": rewrite((body) => {
      const s = String(body.sign);
      body.sign = (s[0] === "0" ? "1" : "0") + s.slice(1);
    }, false),
    /** Flips a bit of `data` and re-signs: the signature verifies, decryption must fail. */
    "corrupt-data-resigned": rewrite(flipData, true),
    /** Cuts `data` to 20 bytes (< IV + tag) and re-signs. */
    "truncate-data-resigned": rewrite((body, app) => {
      const bytes = decodeData(String(body.data), app.dataEncoding)!;
      body.data = encodeData(bytes.subarray(0, 20), app.dataEncoding);
    }, true),
    /**
     * Answers as a Go server that signs its own `json.Marshal` output would: `<`, `>`, `&` escaped as
     * `\u003c`, `\u003e`, `\u0026` on the wire and in the signed input (a valid answer the client must accept).
     */
    "go-json": async ({ c, next }) => {
      await next();
      const original = c.res;
      const text = await original.text();
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return new Response(text, { status: original.status, headers: original.headers });
      }
      const app = appOf(body);
      if (!app || typeof body.sign !== "string") return jsonResponse(text);
      body.sign = createHmac("sha256", Buffer.from(app.signKey, "utf8"))
        .update(goEscape(signingInput(body)), "utf8")
        .digest("hex");
      return jsonResponse(goEscape(canonicalJson(body)));
    },
    /** Answers an unsigned plaintext success: the client must refuse it. */
    "unsigned-success": async ({ next }) => {
      await next();
      return jsonResponse(JSON.stringify({ code: 0, message: "success", data: {} }));
    },
  };
}
