import { describe, expect, it } from "vitest";
import { hishoppingStub, jsonStub } from "../src/stub.js";

/** An init whose `signal` counts its reads, as a client's lazily made signal would see them. */
function countingInit(signal: AbortSignal) {
  let reads = 0;
  const init = {
    get signal() {
      reads++;
      return signal;
    },
  } as RequestInit;
  return { init, reads: () => reads };
}

describe("stub fetches", () => {
  it("read the signal they are given, as a spec fetch does", async () => {
    const hs = await hishoppingStub();
    for (const fetch of [jsonStub('{"a":1}'), hs.fetch]) {
      const { init, reads } = countingInit(new AbortController().signal);
      const response = await fetch("https://x.test/", init);
      expect(response.status).toBe(200);
      expect(reads()).toBe(1);
    }
  });

  it("refuse to answer under an aborted signal, with its reason", async () => {
    const reason = new Error("gone");
    await expect(jsonStub("{}")("https://x.test/", { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
  });
});
