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

describe("shared signals", () => {
  const watched = (sweeper: DeadlineSweeper, ms: number, user?: AbortSignal, unread = false) => {
    const attempt = new LiveAttempt(performance.now() + ms, user, unread);
    sweeper.add(attempt);
    return attempt;
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("attempts of one sweep interval share a signal; a caller's signal or an unread body gets its own", () => {
    const sweeper = new DeadlineSweeper(60_000);
    const [a, b] = [watched(sweeper, 60_000), watched(sweeper, 60_000)];
    const withCaller = watched(sweeper, 60_000, new AbortController().signal);
    const unread = watched(sweeper, 60_000, undefined, true);
    const untimed = new LiveAttempt(Number.POSITIVE_INFINITY, undefined); // never added: no sweeper
    expect(a!.signal).toBe(b!.signal);
    const others = [withCaller.signal, unread.signal, untimed.signal];
    expect(new Set([a!.signal, ...others]).size).toBe(4);
    for (const x of [a!, b!, withCaller, unread, untimed]) x.release();
  });

  it("hands one signal to at most 32 attempts", () => {
    const sweeper = new DeadlineSweeper(60_000);
    const attempts = Array.from({ length: 33 }, () => watched(sweeper, 60_000));
    const signals = attempts.map((x) => x.signal);
    expect(new Set(signals.slice(0, 32)).size).toBe(1);
    expect(signals[32]).not.toBe(signals[0]);
    for (const x of attempts) x.release();
  });

  it("a new sweep interval starts a new shared signal", async () => {
    const sweeper = new DeadlineSweeper(50); // swept every 5 ms
    const first = watched(sweeper, 60_000);
    const signal = first.signal;
    await pause(30);
    const second = watched(sweeper, 60_000);
    expect(second.signal).not.toBe(signal);
    first.release();
    second.release();
  });

  it("is aborted only after a reader timed out and every reader's deadline passed", async () => {
    const sweeper = new DeadlineSweeper(50);
    const started = performance.now();
    const early = watched(sweeper, 10);
    const late = watched(sweeper, 60);
    const signal = early.signal;
    expect(late.signal).toBe(signal);
    const hung = early.run(() => new Promise<Response>(() => {}), new Request("https://x.test/"), false);
    await expect(hung).rejects.toBe(TIMEOUT);
    // The early attempt ended at its own deadline; its fetch is aborted once `late` cannot be hurt by it.
    expect(signal.aborted).toBe(false);
    const abortedAt = await new Promise<number>((resolve) =>
      signal.addEventListener("abort", () => resolve(performance.now())),
    );
    expect(abortedAt - started).toBeGreaterThanOrEqual(59);
    expect(signal.reason).toBe(TIMEOUT);
    expect(late.timedOut).toBe(true);
  });

  it("is never aborted when every reader ended in time", async () => {
    const sweeper = new DeadlineSweeper(50);
    const a = watched(sweeper, 15);
    const b = watched(sweeper, 15);
    const signal = a.signal;
    const answers = await Promise.all(
      [a, b].map((x) => x.run(async () => new Response("ok"), new Request("https://x.test/"), false)),
    );
    expect(await Promise.all(answers.map((r) => r.text()))).toEqual(["ok", "ok"]);
    a.release();
    b.release();
    await pause(50);
    expect(signal.aborted).toBe(false);
  });
});
