import { describe, expect, it } from "vitest";
import { getQuota } from "../src/quota.js";

const NOW = Date.UTC(2026, 6, 20, 8, 0, 0); // 2026-07-20T08:00:00Z
const now = () => NOW;
const res = (headers: Record<string, string>, status = 200) => new Response(null, { status, headers });

describe("getQuota", () => {
  it("reads every quota header of a billable answer", () => {
    const q = getQuota(
      res({
        "x-request-id": "req_01J9Z3K6Q2W8E4R7T5Y1U3I9O1",
        "x-quota-billable-units": "2",
        "x-quota-channel": "1688",
        "x-quota-remaining-day": "4821",
        "x-quota-pack-remaining": "10000",
      }),
      { now },
    );
    expect(q).toEqual({
      requestId: "req_01J9Z3K6Q2W8E4R7T5Y1U3I9O1",
      billableUnits: 2,
      channel: "1688",
      remainingDay: 4821,
      packRemaining: 10000,
      rateLimitLimit: undefined,
      rateLimitRemaining: undefined,
      rateLimitResetMs: undefined,
      retryAfterMs: undefined,
    });
  });

  it("gives undefined for every absent header, with every key present", () => {
    const q = getQuota(res({}), { now });
    expect(Object.keys(q).sort()).toEqual(
      [
        "billableUnits",
        "channel",
        "packRemaining",
        "rateLimitLimit",
        "rateLimitRemaining",
        "rateLimitResetMs",
        "remainingDay",
        "requestId",
        "retryAfterMs",
      ].sort(),
    );
    expect(Object.values(q).every((v) => v === undefined)).toBe(true);
  });

  it("reads a 429's rate-limit headers and Retry-After in seconds (header names case-insensitive)", () => {
    const q = getQuota(
      res(
        {
          "Retry-After": "30",
          "X-RateLimit-Limit": "120",
          "X-RateLimit-Remaining": "0",
          "X-RateLimit-Reset": "42",
          "X-Quota-Remaining-Day": "0",
        },
        429,
      ),
      { now },
    );
    expect(q.retryAfterMs).toBe(30_000);
    expect(q.rateLimitLimit).toBe(120);
    expect(q.rateLimitRemaining).toBe(0);
    expect(q.rateLimitResetMs).toBe(42_000);
    expect(q.remainingDay).toBe(0);
  });

  it("reads Retry-After as an HTTP-date relative to the injected clock", () => {
    expect(getQuota(res({ "retry-after": "Mon, 20 Jul 2026 08:01:30 GMT" }), { now }).retryAfterMs).toBe(
      90_000,
    );
    // A date in the past means "now", never a negative delay.
    expect(getQuota(res({ "retry-after": "Mon, 20 Jul 2026 07:00:00 GMT" }), { now }).retryAfterMs).toBe(0);
    // The same header read at another instant gives another delay.
    const later = () => NOW + 60_000;
    expect(
      getQuota(res({ "retry-after": "Mon, 20 Jul 2026 08:01:30 GMT" }), { now: later }).retryAfterMs,
    ).toBe(30_000);
  });

  it("reads x-ratelimit-reset as epoch seconds when it is at least 1e9", () => {
    const epoch = NOW / 1000 + 45;
    expect(getQuota(res({ "x-ratelimit-reset": String(epoch) }), { now }).rateLimitResetMs).toBe(45_000);
    expect(getQuota(res({ "x-ratelimit-reset": String(NOW / 1000 - 5) }), { now }).rateLimitResetMs).toBe(0);
  });

  it("ignores unreadable values instead of guessing", () => {
    const q = getQuota(
      res({
        "retry-after": "soon",
        "x-quota-billable-units": "1.5",
        "x-quota-remaining-day": "12 units",
        "x-quota-pack-remaining": "",
        "x-quota-channel": "   ",
        "x-ratelimit-limit": "9999999999999999999",
        "x-ratelimit-reset": "-3",
      }),
      { now },
    );
    expect(q.retryAfterMs).toBeUndefined();
    expect(q.billableUnits).toBeUndefined();
    expect(q.remainingDay).toBeUndefined();
    expect(q.packRemaining).toBeUndefined();
    expect(q.channel).toBeUndefined();
    expect(q.rateLimitLimit).toBeUndefined();
    expect(q.rateLimitResetMs).toBeUndefined();
  });

  it("accepts anything with Headers and trims values; negative remainders are kept as sent", () => {
    const q = getQuota({
      headers: new Headers({ "x-quota-remaining-day": " -3 ", "x-quota-channel": " taobao " }),
    });
    expect(q.remainingDay).toBe(-3);
    expect(q.channel).toBe("taobao");
  });

  it("calls the clock only when a header needs it", () => {
    let calls = 0;
    const counting = () => {
      calls++;
      return NOW;
    };
    getQuota(res({ "x-quota-remaining-day": "5", "x-ratelimit-reset": "10" }), { now: counting });
    expect(calls).toBe(0);
    getQuota(
      res({ "retry-after": "Mon, 20 Jul 2026 08:01:30 GMT", "x-ratelimit-reset": String(NOW / 1000 + 1) }),
      {
        now: counting,
      },
    );
    expect(calls).toBe(1);
  });
});
