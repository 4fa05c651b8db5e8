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

/**
 * One interval per client expires every late attempt. A timer per attempt costs more than the rest of the
 * transport (Node rebuilds its timer list when the only timer of a duration is cleared), so deadlines are
 * swept every tenth of the timeout (5 ms to 1 s): an attempt times out at most 10% late. Pending attempts form
 * a doubly linked list in deadline order (one timeout per client, so appending keeps it sorted): an attempt
 * that settles unlinks itself at once (O(1)), so nothing of a settled call stays reachable until the next
 * sweep (an array compacted per sweep kept a second of answers alive, and the garbage collector paid for
 * it), and a sweep stops at the first deadline still ahead. The interval is unref'd, so it never keeps a
 * process alive, and stops after idle sweeps.
 */
export class DeadlineSweeper {
  #head: PendingAttempt | undefined;
  #tail: PendingAttempt | undefined;
  readonly #tickMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #idle = 0;
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
    }
  }
}

/**
 * A live attempt, also the `RequestInit` the inner fetch is given. Its `signal` (and AbortController) is
 * made only when a fetch reads it: undici reads it, and aborting it then errors the response body too; a
 * fetch that never reads it does not pay for an AbortSignal (a measurable cost per attempt). Once the answer
 * is handed over, an abort also calls {@link LiveAttempt.onAbort} (the client wrapper rejects the call with
 * it, so a body that never ends cannot hold the call past its deadline). Only where the transport itself
 * reads the body before handing it over (`scheme.open`) is the body of such a fetch wrapped in a small
 * guarding stream (see {@link LiveAttempt.run}): re-streaming every answer cost more than the rest of a call.
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
  #reject: ((reason: unknown) => void) | undefined;
  #body: ReadableStreamDefaultController<Uint8Array> | undefined;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  readonly #user: AbortSignal | undefined;
  readonly #onUserAbort: (() => void) | undefined;
  /** Told of an abort after the answer was handed over (the wrapper's rejection of the whole call). */
  onAbort: ((reason: unknown) => void) | undefined;

  constructor(
    readonly deadline: number,
    user: AbortSignal | undefined,
  ) {
    this.#user = user;
    if (user) {
      this.#onUserAbort = () => this.#abort(user.reason);
      user.addEventListener("abort", this.#onUserAbort, { once: true });
    }
  }

  /** The inner fetch's abort signal, made on first read. */
  get signal(): AbortSignal {
    if (!this.#controller) {
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

  /** Ends the attempt without aborting anything (its answer was read or dropped): unhooks the caller's signal. */
  release(): void {
    if (this.done) return;
    this.done = true;
    this.sweeper?.remove(this);
    if (this.#onUserAbort) this.#user?.removeEventListener("abort", this.#onUserAbort);
  }

  #abort(reason: unknown): void {
    if (this.done) return;
    this.release();
    this.reason = reason;
    this.#controller?.abort(reason);
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
   * Sends through `fetch` and resolves with the answer, or rejects with {@link TIMEOUT} / the caller's reason
   * when the attempt is aborted first. With `guardBody`, if the fetch never read the signal, the body is
   * wrapped so an abort during the body read still ends it.
   */
  run(
    fetch: (request: Request, init: RequestInit) => Promise<Response>,
    request: Request,
    guardBody: boolean,
  ): Promise<Response> {
    return new Promise<Response>((resolve, reject) => {
      this.#reject = reject;
      if (this.done) {
        reject(this.reason);
        return;
      }
      fetch(request, this as RequestInit).then((response) => {
        this.#reject = undefined;
        if (this.done) {
          if (this.reason !== undefined) response.body?.cancel(this.reason).catch(() => {});
          reject(this.reason);
          return;
        }
        resolve(!guardBody || this.#controller || !response.body ? response : this.#guard(response));
      }, reject);
    });
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
