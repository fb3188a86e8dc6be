/**
 * Seat hand-over: a class must not stall on a seat whose students have all dropped out. When no
 * student of a delegation has been connected for `afterMs`, a bot takes the seat (the system's
 * `setBot`, labelled as a bot in the state); when one of them comes back, the seat goes back and
 * the returning students get a short "while you were away" summary of the table.
 */
import { DELEGATIONS, type Action, type Code, type GameState, type Who } from "../../shared/rules/index.ts";

export interface HandOverHost {
  state(): GameState;
  /** Students seated in the delegation, and how many of them are connected now. */
  seated(code: Code): { seated: number; connected: number };
  /** Who last handed the seat to a bot or back ("system" for the server's own moves). */
  lastSetBy(code: Code): Who | "";
  commit(action: Action): boolean;
  /** Sends the summary to the delegation's connected students. */
  tell(code: Code, text: string): void;
  /** Runs a timer's work as one of the room's steps (its sends wait for the commit). */
  step(fn: () => void): void;
}

const LIVE = new Set(["briefing", "round", "signing"]);

export class HandOver {
  readonly #host: HandOverHost;
  readonly #afterMs: number;
  readonly #timers = new Map<Code, ReturnType<typeof setTimeout>>();
  /** Where the table stood when each seat was handed over. */
  readonly #since = new Map<Code, number>();

  constructor(host: HandOverHost, afterMs: number) {
    this.#host = host;
    this.#afterMs = afterMs;
  }

  /** Call after any change of who is connected. */
  check(): void {
    const s = this.#host.state();
    for (const code of DELEGATIONS) {
      const { seated, connected } = this.#host.seated(code);
      const d = s.delegations[code];
      if (connected > 0) {
        this.#cancel(code);
        // Also after a restart, when where the table stood at the hand-over is not known.
        if (d.bot && s.phase !== "debrief" && this.#host.lastSetBy(code) === "system") this.#giveBack(code);
        continue;
      }
      const away = seated > 0 && !d.bot && LIVE.has(s.phase) && s.config.bots && this.#afterMs > 0;
      if (!away) this.#cancel(code);
      else if (!this.#timers.has(code)) {
        const t = setTimeout(() => this.#host.step(() => this.#handOver(code)), this.#afterMs);
        t.unref?.();
        this.#timers.set(code, t);
      }
    }
  }

  stop(): void {
    for (const code of [...this.#timers.keys()]) this.#cancel(code);
  }

  #cancel(code: Code): void {
    const t = this.#timers.get(code);
    if (t) clearTimeout(t);
    this.#timers.delete(code);
  }

  #handOver(code: Code): void {
    this.#timers.delete(code);
    const s = this.#host.state();
    const { seated, connected } = this.#host.seated(code);
    if (connected > 0 || seated === 0 || s.delegations[code].bot || !LIVE.has(s.phase)) return;
    if (this.#host.commit({ type: "setBot", delegation: code, bot: true })) this.#since.set(code, s.table.length);
  }

  #giveBack(code: Code): void {
    const from = this.#since.get(code) ?? this.#host.state().table.length;
    this.#since.delete(code);
    const text = summary(this.#host.state(), from);
    if (this.#host.commit({ type: "setBot", delegation: code, bot: false })) this.#host.tell(code, text);
  }
}

/** A few lines on what happened at the table since entry `from`. */
export function summary(s: GameState, from: number): string {
  const missed = s.table.slice(from).filter((e) => e.kind !== "event" || !/ is (not )?ready\.$/.test(e.text));
  if (missed.length === 0) return "While you were away a bot held your seat; nothing happened at the table.";
  const last = missed.slice(-3).map((e) => (e.from ? `${e.from}: ${e.text}` : e.text));
  return `While you were away a bot held your seat (${missed.length} entries on the table log). Latest: ${last.join(" · ")}`;
}
