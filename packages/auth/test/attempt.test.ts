import { describe, expect, it } from "vitest";
import { DeadlineSweeper, LiveAttempt, TIMEOUT } from "../src/core/attempt.js";

describe("DeadlineSweeper", () => {
  it("unlinks an attempt the moment it settles: nothing of a settled call waits for the next sweep", () => {
    const sweeper = new DeadlineSweeper(60_000);
    const [a, b, c] = [1, 2, 3].map((n) => new LiveAttempt(performance.now() + 60_000 + n, undefined));
    for (const x of [a!, b!, c!]) sweeper.add(x);
    b!.release();
    expect(b!.sweeper).toBeUndefined();
    expect(b!.prev ?? b!.next).toBeUndefined();
    expect(a!.next).toBe(c);
    expect(c!.prev).toBe(a);
    a!.release();
    c!.release();
    expect([a!.sweeper, c!.sweeper, c!.prev, a!.next]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("expires the attempts whose deadline passed, in order, and leaves the others watched", async () => {
    const sweeper = new DeadlineSweeper(50); // swept every 5 ms
    const late = new LiveAttempt(performance.now() + 10, undefined);
    const later = new LiveAttempt(performance.now() + 60_000, undefined);
    sweeper.add(late);
    sweeper.add(later);
    const outcome = late.run(() => new Promise<Response>(() => {}), new Request("https://x.test/"), false);
    await expect(outcome).rejects.toBe(TIMEOUT);
    expect(late.timedOut).toBe(true);
    expect(later.done).toBe(false);
    expect(later.sweeper).toBe(sweeper);
    later.release();
  });
});
