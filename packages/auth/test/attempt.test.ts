import { describe, expect, it } from "vitest";
import { DeadlineSweeper, LiveAttempt, TIMEOUT } from "../src/core/attempt.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

  /** A fetch that honours its signal, as the platform's do: it rejects with the abort's reason. */
  const honouring = (_request: Request, init: RequestInit) =>
    new Promise<Response>((_, reject) => {
      const signal = init.signal!;
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });

  /** Two attempts reading one shared signal, swept every 5 ms: `early` times out after 10 ms. */
  const twoReaders = (otherMs: number) => {
    const sweeper = new DeadlineSweeper(50);
    const started = performance.now();
    const early = watched(sweeper, 10);
    const other = watched(sweeper, otherMs);
    const signal = early.signal;
    expect(other.signal).toBe(signal);
    return { started, early, other, signal };
  };

  it("is aborted once a reader timed out and no reader is still running: never before a deadline", async () => {
    const { started, early, other: late, signal } = twoReaders(60);
    const sent = expect(early.run(honouring, new Request("https://x.test/"), false)).rejects.toBe(TIMEOUT);
    const abortedAt = await new Promise<number>((resolve) =>
      signal.addEventListener("abort", () => resolve(performance.now())),
    );
    // `early` timed out at its own deadline, but `late` was still running: the abort waited for its deadline.
    expect(early.timedOut).toBe(true);
    expect(abortedAt - started).toBeGreaterThanOrEqual(59);
    expect(late.timedOut).toBe(true);
    expect(signal.reason).toBe(TIMEOUT);
    await sent;
  });

  it("is aborted when the last running reader ends after another timed out", async () => {
    const { early, other, signal } = twoReaders(60_000);
    const sent = early.run(honouring, new Request("https://x.test/"), false);
    await pause(30);
    expect(early.timedOut).toBe(true);
    expect(signal.aborted).toBe(false); // `other` is still running
    other.release(); // its answer was read
    expect(signal.aborted).toBe(true);
    await expect(sent).rejects.toBe(TIMEOUT);
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

describe("LiveAttempt.run", () => {
  const request = () => new Request("https://x.test/");
  /** A call as the transport hands it over: `abort` ends the whole call. */
  const callWith = () => {
    const ended: unknown[] = [];
    return { ended, call: { abort: (reason: unknown) => ended.push(reason) } };
  };

  it("returns the fetch's own promise when the fetch took the signal, and races one that did not", async () => {
    const sweeper = new DeadlineSweeper(60_000);
    const taking = new LiveAttempt(performance.now() + 60_000, undefined);
    const ignoring = new LiveAttempt(performance.now() + 60_000, undefined);
    sweeper.add(taking);
    sweeper.add(ignoring);
    const answer = Promise.resolve(new Response("ok"));
    /** A fetch that reads its signal (and ignores it) before answering. */
    const reading = (_r: Request, init: RequestInit) => {
      void init.signal;
      return answer;
    };
    expect(taking.run(reading, request(), false)).toBe(answer);
    expect(taking.signalTaken).toBe(true);
    const raced = ignoring.run(() => answer, request(), false);
    expect(raced).not.toBe(answer);
    expect(ignoring.signalTaken).toBe(false);
    expect(await raced).toBe(await answer);
    taking.release();
    ignoring.release();
  });

  it("ends the call when a fetch that took the signal ignores its abort", async () => {
    const sweeper = new DeadlineSweeper(50); // swept every 5 ms
    const { ended, call } = callWith();
    const attempt = new LiveAttempt(performance.now() + 10, undefined, false, call);
    sweeper.add(attempt);
    const started = performance.now();
    let seen: AbortSignal | undefined;
    void attempt.run(
      (_r, init) => {
        seen = init.signal ?? undefined;
        return new Promise<Response>(() => {});
      },
      request(),
      false,
    );
    while (ended.length === 0 && performance.now() - started < 5_000) await pause(5);
    expect(ended).toEqual([TIMEOUT]);
    expect(attempt.stuck).toBe(true);
    expect(seen?.aborted).toBe(true);
    // Two sweeps of grace after the deadline (and scheduling slack on a loaded machine).
    expect(performance.now() - started).toBeGreaterThanOrEqual(10);
  });

  it("leaves the call alone when a fetch that took the signal honours it", async () => {
    const sweeper = new DeadlineSweeper(50);
    const { ended, call } = callWith();
    const attempt = new LiveAttempt(performance.now() + 10, undefined, false, call);
    sweeper.add(attempt);
    const sent = attempt.run(
      (_r, init) =>
        new Promise<Response>((_, reject) =>
          init.signal!.addEventListener("abort", () => reject(init.signal!.reason)),
        ),
      request(),
      false,
    );
    await expect(sent).rejects.toBe(TIMEOUT);
    attempt.settled = true; // what the transport records once it has the outcome
    await pause(40);
    expect(ended).toEqual([]);
    expect(attempt.stuck).toBe(false);
  });

  it("gives a signal of its own only the short grace: the caller's abort ends a call whose fetch ignores it", async () => {
    const { ended, call } = callWith();
    const user = new AbortController();
    const attempt = new LiveAttempt(Number.POSITIVE_INFINITY, user.signal, false, call);
    const hang = (_r: Request, init: RequestInit) => {
      void init.signal;
      return new Promise<Response>(() => {});
    };
    void attempt.run(hang, request(), false);
    const reason = new Error("stop");
    user.abort(reason);
    await pause(50);
    expect(ended).toEqual([reason]);
    expect(attempt.stuck).toBe(true);
  });
});
