/**
 * A room's turn queue. Every entry point of a room (a message, a join or leave, a timer, a bot's
 * move) runs as a step: it changes the game and enqueues its writes synchronously, and whatever
 * it sends (or patches into the schema) waits in the outbox (`later`) until the store has
 * committed the game's writes (`durable`). The next steps start only then; steps queued
 * meanwhile run together and share one flush. So a client never sees an uncommitted effect,
 * whatever the store's latency, and other rooms go on meanwhile.
 */

interface Step {
  fn: () => void;
  /** The hook or message it serves, for error logs. */
  name: string;
  /** Whether its promise rejects with what `fn` threw (else: logged, resolved). */
  rethrow: boolean;
  ok: () => void;
  fail: (e: unknown) => void;
}

export interface StepHost {
  /** Resolves true once the game's writes are committed; false: the room stopped (nothing is sent). */
  durable(): Promise<boolean>;
  /** A step (or a send) threw: logged, the room goes on. */
  failed(err: unknown, name: string): void;
}

export class Steps {
  readonly #host: StepHost;
  #queue: Step[] = [];
  #running = false;
  #outbox: (() => void)[] | null = null;
  #closed = false;

  constructor(host: StepHost) {
    this.#host = host;
  }

  /**
   * Runs `fn` as a step: at once when none is in flight, else after it. Resolves once the step's
   * writes are committed and its outbox sent (or at once when the room stopped: nothing ran). What
   * `fn` throws is logged (`failed`), or with `rethrow` rejects the promise instead (after the
   * rest of its batch is done; also when the room stopped first).
   */
  run(name: string, fn: () => void, rethrow = false): Promise<void> {
    if (this.#closed) return rethrow ? Promise.reject(new Error("the room is closed")) : Promise.resolve();
    return new Promise((ok, fail) => {
      this.#queue.push({ fn, name, rethrow, ok, fail });
      if (!this.#running) void this.#drain();
    });
  }

  /** Whether a step is running (its sends wait in the outbox). */
  get inStep(): boolean {
    return this.#outbox !== null;
  }

  /** Sends after the running step's flush (at once outside a step: nothing is pending then). */
  later(f: () => void): void {
    if (this.#outbox) this.#outbox.push(f);
    else f();
  }

  /** No step runs from now on; queued ones are dropped. */
  close(): void {
    this.#closed = true;
    for (const s of this.#queue.splice(0)) Steps.#drop(s);
  }

  static #drop(s: Step): void {
    if (s.rethrow) s.fail(new Error("the room stopped"));
    else s.ok();
  }

  async #drain(): Promise<void> {
    this.#running = true;
    while (this.#queue.length > 0 && !this.#closed) {
      const batch = this.#queue.splice(0);
      const out: (() => void)[] = (this.#outbox = []);
      const thrown = batch.map((s) => {
        try {
          s.fn();
          return undefined;
        } catch (e) {
          return { e };
        }
      });
      this.#outbox = null;
      if (!(await this.#host.durable())) {
        this.close();
        for (const s of batch) Steps.#drop(s);
        break;
      }
      for (const f of out) {
        try {
          f();
        } catch (e) {
          this.#host.failed(e, "send");
        }
      }
      batch.forEach((s, i) => {
        const t = thrown[i];
        if (!t) return s.ok();
        if (s.rethrow) return s.fail(t.e);
        this.#host.failed(t.e, s.name);
        s.ok();
      });
    }
    this.#running = false;
  }
}
