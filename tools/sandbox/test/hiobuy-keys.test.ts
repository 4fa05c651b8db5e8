import { describe, expect, it } from "vitest";
import { parseApiKey } from "../src/hiobuy/keys.js";

describe("HIOBuy key grammar", () => {
  it("rejects anything that is not Bearer hio_(test|live)_<text>", () => {
    for (const h of [
      undefined,
      "",
      "hio_test_x",
      "Bearer",
      "Bearer hio_test_",
      "Bearer hio_dev_x",
      "Basic hio_test_x",
      "Bearer hio_test_a b",
      `Bearer hio_test_${"a".repeat(129)}`,
    ]) {
      expect(parseApiKey(h), String(h)).toBeUndefined();
    }
  });
  it("plain test and live keys: warehouse mode, every channel, limits by type", () => {
    const t = parseApiKey("Bearer hio_test_abc")!;
    expect([t.type, t.mode, [...t.channels], t.canWrite, t.ratePerMinute]).toEqual([
      "test",
      "warehouse",
      ["1688", "taobao", "weidian"],
      true,
      Number.POSITIVE_INFINITY,
    ]);
    const l = parseApiKey("Bearer hio_live_abc")!;
    expect([l.type, l.ratePerMinute, l.dailyQuota]).toEqual(["live", 600, 1000]);
  });
  it("leading flags combine; the first non-flag segment ends them", () => {
    const k = parseApiKey("Bearer hio_test_self_no1688_ro_rl5_quota7_app_self")!;
    expect([k.mode, [...k.channels], k.canWrite, k.ratePerMinute, k.dailyQuota]).toEqual([
      "self",
      ["taobao", "weidian"],
      false,
      5,
      7,
    ]);
    const later = parseApiKey("Bearer hio_test_app_self")!;
    expect(later.mode).toBe("warehouse");
  });
});
