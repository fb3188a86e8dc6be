/**
 * Refused creates and joins are expected (a mistyped code, a stale token, a script): one short
 * line each, at most five a second for the whole process; the rest are counted and summed up in
 * one line. Never a stack trace (at 360 refusals a second, 1 KB traces were 1.4 GB an hour).
 */
class RefusalLog {
  #since = 0;
  #lines = 0;
  #dropped = 0;

  note(what: string, who: string, e: unknown): void {
    const now = Date.now();
    if (now - this.#since >= 1000) {
      if (this.#dropped > 0) console.warn(`[refused] ${this.#dropped} more refusals in the last second`);
      this.#since = now;
      this.#lines = 0;
      this.#dropped = 0;
    }
    if (this.#lines >= 5) return void this.#dropped++;
    this.#lines++;
    const why = (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 100);
    console.warn(`[refused] ${what.slice(0, 12)} ${who.slice(0, 45)}: ${why}`);
  }
}

export const refusals = new RefusalLog();
