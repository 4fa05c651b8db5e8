/**
 * One attempt's deadline and abort wiring. An attempt lives from the moment it is sent until its answer's
 * body has been read (or the answer is dropped for a retry): the per-attempt timeout and the caller's signal
 * cover the headers *and* the body, and {@link LiveAttempt.release} unhooks everything once the call settles.
 */

/** The reason an attempt is aborted with when its deadline passes. */
export const TIMEOUT: unique symbol = Symbol("keyway.timeout");

/** An attempt the sweeper watches: a node of its list while pending. */
interface PendingAttempt {
  readonly deadline: number;
  expire(): void;
  prev: PendingAttempt | undefined;
  next: PendingAttempt | undefined;
  /** The sweeper watching it, until it settles or expires. */
  sweeper: DeadlineSweeper | undefined;
}

/** Attempts that may read one shared signal (an `AbortSignal` listener per attempt: keep the walk short). */
const SHARE_LIMIT = 32;

/**
 * One AbortController the attempts of one sweep interval share (at most {@link SHARE_LIMIT}). Making an
 * `AbortSignal` costs more than the rest of Keyway's work on a call on Node 20 (tools/bench/README.md,
 * "Profiles"), and every spec fetch reads the one it is given. The shared signal is aborted only once an
 * attempt that read it has timed out and none of its readers is still running: each has timed out too or
 * ended (its answer read or cancelled), and aborting an ended fetch does nothing. So it never ends an attempt
 * before its deadline. The readers started within one sweep interval, so their deadlines are at most one
 * interval apart: a timed-out reader's fetch is aborted in the sweep that expires it or in the next one (the
 * same sweep when the timeout is a whole number of intervals, as the default's is). Attempts whose caller
 * passed a `signal`, or whose answer's body is handed over unread (`parseAs: "stream"`), get a signal of their
 * own.
 */
export class SharedSignal {
  readonly controller = new AbortController();
  /** Attempts that read it (at most {@link SHARE_LIMIT}). */
  readers = 0;
  /** Readers still running: neither ended nor timed out. */
  running = 0;
  /** Whether a reader timed out: abort once no reader is running. */
  doomed = false;
  constructor(
    /** The sweep interval it was made in. */
    readonly tick: number,
    /** The sweeper's interval (ms). */
    readonly tickMs: number,
  ) {}
  /** A reader stopped running; `timedOut`: by its deadline. Aborts the signal once that ends the last one. */
  leave(timedOut: boolean): void {
    this.running--;
    if (timedOut) this.doomed = true;
    if (this.doomed && this.running === 0) this.controller.abort(TIMEOUT);
  }
}

/**
 * One interval per client expires every late attempt. A timer per attempt costs more than the rest of the
 * transport (Node rebuilds its timer list when the only timer of a duration is cleared), so deadlines are
 * swept every tenth of the timeout (5 ms to 1 s): an attempt times out at most 10% late. Pending attempts form
 * a doubly linked list in deadline order (one timeout per client, so appending keeps it sorted): an attempt
 * that settles unlinks itself at once (O(1)), so nothing of a settled call stays reachable until the next
 * sweep (an array compacted per sweep kept a second of answers alive, and the garbage collector paid for
 * it), and a sweep stops at the first deadline still ahead. The sweeper also hands out the signal the
 * attempts of one interval share ({@link SharedSignal}) and aborts it once its last reader's deadline has
 * passed, if one of them timed out. The interval is unref'd, so it never keeps a process alive, and stops
 * after idle sweeps (and once no shared signal waits to be aborted).
 */
export class DeadlineSweeper {
  #head: PendingAttempt | undefined;
  #tail: PendingAttempt | undefined;
  readonly #tickMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #idle = 0;
  /** Sweeps so far: the interval a shared signal belongs to. */
  #tick = 0;
  #shared: SharedSignal | undefined;
  constructor(timeoutMs: number | undefined) {
    this.#tickMs = Math.max(5, Math.min(1000, Math.ceil((timeoutMs ?? 0) / 10)));
  }
  /** Watches an attempt until it is removed or its deadline passes. */
  add(attempt: PendingAttempt): void {
    attempt.sweeper = this;
    attempt.next = undefined;
    attempt.prev = this.#tail;
    if (this.#tail) this.#tail.next = attempt;
    else this.#head = attempt;
    this.#tail = attempt;
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#sweep(), this.#tickMs);
      (this.#timer as { unref?: () => void }).unref?.();
    }
  }
  /** The signal an attempt of this interval shares (a new one per interval, and per {@link SHARE_LIMIT} readers). */
  share(): SharedSignal {
    let shared = this.#shared;
    if (!shared || shared.tick !== this.#tick || shared.readers >= SHARE_LIMIT) {
      shared = new SharedSignal(this.#tick, this.#tickMs);
      this.#shared = shared;
    }
    shared.readers++;
    shared.running++;
    return shared;
  }
  /** Stops watching an attempt (it settled). */
  remove(attempt: PendingAttempt): void {
    if (attempt.sweeper !== this) return;
    attempt.sweeper = undefined;
    const { prev, next } = attempt;
    if (prev) prev.next = next;
    else this.#head = next;
    if (next) next.prev = prev;
    else this.#tail = prev;
    attempt.prev = attempt.next = undefined;
  }
  #sweep(): void {
    this.#tick++;
    const now = performance.now();
    let attempt = this.#head;
    if (attempt) this.#idle = 0;
    while (attempt && attempt.deadline <= now) {
      const next = attempt.next;
      this.remove(attempt);
      attempt.expire();
      attempt = next;
    }
    if (!this.#head && ++this.#idle >= 8) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      this.#idle = 0;
      this.#shared = undefined;
    }
  }
}

/**
 * A live attempt, also the `RequestInit` the inner fetch is given. Its `signal` is handed out only when a
 * fetch reads it (every spec fetch does; aborting it then errors the response body too): the sweep interval's
 * {@link SharedSignal}, or one of its own where the caller can abort the call or reads the body later. A
 * fetch that never reads it does not pay for an AbortSignal. A fetch that took it is trusted to end when it
 * is aborted, as the platform's do, and is watched in case it does not ({@link LiveAttempt.stuck}); one that
 * never read it is raced instead ({@link LiveAttempt.run}). Once the answer is handed over, an abort also
 * calls {@link LiveAttempt.onAbort} (the client wrapper rejects the call with it, so a body that never ends
 * cannot hold the call past its deadline). Only where the transport itself reads the body before handing it
 * over (`scheme.open`) is the body of a fetch that never read the signal wrapped in a small guarding stream:
 * re-streaming every answer cost more than the rest of a call.
 */
export class LiveAttempt implements PendingAttempt {
  done = false;
  prev: PendingAttempt | undefined;
  next: PendingAttempt | undefined;
  sweeper: DeadlineSweeper | undefined;
  /** Why the attempt ended early: {@link TIMEOUT}, or the caller's abort reason. */
  reason: unknown;
  /** Whether the deadline (not the caller) ended it. */
  timedOut = false;
  #controller: AbortController | undefined;
  /** The shared signal it read, if it read one (see {@link LiveAttempt.signal}). */
  #shared: SharedSignal | undefined;
  /** Whether it needs a signal of its own. */
  readonly #own: boolean;
  #reject: ((reason: unknown) => void) | undefined;
  #body: ReadableStreamDefaultController<Uint8Array> | undefined;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  readonly #user: AbortSignal | undefined;
  readonly #onUserAbort: (() => void) | undefined;
  /** Told of an abort after the answer was handed over (the wrapper's rejection of the whole call). */
  onAbort: ((reason: unknown) => void) | undefined;
  /** Whether the transport has the fetch's outcome, an answer or a failure (set by the transport). */
  settled = false;
  /** Whether the fetch took the signal, was aborted and never settled: the call was ended without it. */
  stuck = false;
  /** Whether {@link LiveAttempt.run} handed the fetch's own promise over (the fetch took the signal). */
  #direct = false;

  constructor(
    readonly deadline: number,
    user: AbortSignal | undefined,
    /** Whether the answer's body may be handed over unread (`parseAs: "stream"`): no shared signal then. */
    unread = false,
    /** The call, ended through its `abort` when a fetch that took the signal ignores its abort. */
    readonly call?: { readonly abort: ((reason: unknown) => void) | undefined },
  ) {
    this.#user = user;
    this.#own = user !== undefined || unread;
    if (user) {
      this.#onUserAbort = () => this.#abort(user.reason);
      user.addEventListener("abort", this.#onUserAbort, { once: true });
    }
  }

  /**
   * The inner fetch's abort signal, on first read: the sweep interval's {@link SharedSignal} for an attempt
   * under a deadline alone, or one of its own (made then) for one the caller can abort or whose body is
   * handed over unread.
   */
  get signal(): AbortSignal {
    if (this.#shared) return this.#shared.controller.signal;
    if (!this.#controller) {
      if (!this.#own && this.sweeper && !this.done) {
        this.#shared = this.sweeper.share();
        return this.#shared.controller.signal;
      }
      this.#controller = new AbortController();
      if (this.done && this.reason !== undefined) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  /** The sweeper's callback: the deadline passed. */
  expire(): void {
    if (this.done) return;
    this.timedOut = true;
    this.#abort(TIMEOUT);
  }

  /**
   * Whether the inner fetch took the attempt's signal (read `init.signal`, as every spec fetch does when it
   * starts): then aborting it ends the fetch, the answer's headers and its body alike.
   */
  get signalTaken(): boolean {
    return this.#shared !== undefined || this.#controller !== undefined;
  }

  /** Ends the attempt without aborting anything (its answer was read or dropped): unhooks the caller's signal. */
  release(): void {
    if (this.done) return;
    this.done = true;
    this.sweeper?.remove(this);
    if (this.#onUserAbort) this.#user?.removeEventListener("abort", this.#onUserAbort);
    // The last running reader of a shared signal one of them timed out on aborts it (see SharedSignal).
    this.#shared?.leave(this.timedOut);
  }

  #abort(reason: unknown): void {
    if (this.done) return;
    this.reason = reason;
    this.release();
    if (!this.#shared) this.#controller?.abort(reason);
    if (this.#direct && !this.settled) this.#watch();
    this.#reject?.(reason);
    this.onAbort?.(reason);
    if (this.#body) {
      try {
        this.#body.error(reason);
      } catch {
        // the guarded body already finished
      }
      this.#reader?.cancel(reason).catch(() => {});
    }
  }

  /**
   * Sends through `fetch`. A fetch that took the signal ({@link LiveAttempt.signalTaken}; a spec fetch reads it
   * synchronously, as it starts) is ended by its abort, so its own promise is returned: no race, no promise
   * more per attempt. For one that did not, the attempt races it: it resolves with the answer, or rejects with
   * {@link TIMEOUT} / the caller's reason when the attempt is aborted first; with `guardBody`, the body is
   * wrapped so an abort during the body read still ends it.
   */
  run(
    fetch: (request: Request, init: RequestInit) => Promise<Response>,
    request: Request,
    guardBody: boolean,
  ): Promise<Response> {
    if (this.done) return Promise.reject(this.reason);
    let sent: Promise<Response>;
    try {
      sent = fetch(request, this as RequestInit);
    } catch (err) {
      return Promise.reject(err);
    }
    if (this.signalTaken) {
      this.#direct = true;
      return sent;
    }
    return new Promise<Response>((resolve, reject) => {
      this.#reject = reject;
      if (this.done) {
        reject(this.reason);
        return;
      }
      sent.then((response) => {
        this.#reject = undefined;
        if (this.done) {
          if (this.reason !== undefined) response.body?.cancel(this.reason).catch(() => {});
          reject(this.reason);
          return;
        }
        resolve(!guardBody || this.signalTaken || !response.body ? response : this.#guard(response));
      }, reject);
    });
  }

  /**
   * After an abort, gives a fetch that took the signal a grace to end: one that ignores its abort (the
   * platform's fetches all honour it) would otherwise hold the call past its deadline, so the call is then
   * ended without it (through {@link LiveAttempt.call}'s `abort`), and its late outcome is dropped.
   */
  #watch(): void {
    // A signal of its own was aborted just now; a shared one is within one more sweep (see SharedSignal).
    const graceMs = this.#shared ? 2 * this.#shared.tickMs : 5;
    const timer = setTimeout(() => {
      if (this.settled) return;
      this.stuck = true;
      this.call?.abort?.(this.reason);
    }, graceMs);
    (timer as { unref?: () => void }).unref?.();
  }

  /** Wraps a response body so {@link LiveAttempt.expire} and the caller's abort error it mid-read. */
  #guard(response: Response): Response {
    const reader = response.body!.getReader();
    this.#reader = reader;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#body = controller;
      },
      pull: async (controller) => {
        try {
          const { done, value } = await reader.read();
          if (this.done && this.reason !== undefined) return;
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (err) {
          controller.error(err);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(stream, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }
}
