/**
 * Who sits in each delegation's seat: the students the roster holds there, or a bot. The room
 * tells the engine head counts and bot hand-overs through `commit` (logged as the system), and
 * remembers who last gave each seat to a bot or back, so a seat the facilitator handed to a
 * bot stays the bot's while one the system filled for want of students is returned.
 */
import { DELEGATIONS, type Action, type Code, type GameState, type Who } from "../../shared/rules/index.ts";
import type { Roster } from "./Roster.ts";

export interface SeatHost {
  state(): GameState;
  roster(): Roster;
  /** Applies an action as the system; true when the engine accepted it. */
  commit(action: Action): boolean;
}

export class Seats {
  #host: SeatHost;
  #setters = new Map<Code, Who>();

  constructor(host: SeatHost) {
    this.#host = host;
  }

  /** Called for every accepted `setBot`, live or replayed from the log. */
  noteSetBot(code: Code, who: Who): void {
    this.#setters.set(code, who);
  }

  lastSetBy(code: Code): Who | "" {
    return this.#setters.get(code) ?? "";
  }

  /** Students seated in a delegation, and how many of them are connected now. */
  seated(code: Code): { seated: number; connected: number } {
    const players = this.#host.roster().players().filter((m) => m.delegation === code);
    return { seated: players.length, connected: players.filter((m) => m.connected).length };
  }

  /** With `bots` on, a bot takes every seat no student holds. */
  fillEmpty(): void {
    const s = this.#host.state();
    if (!s.config.bots) return;
    for (const code of DELEGATIONS) {
      const d = this.#host.state().delegations[code];
      if (d.humans === 0 && !d.bot) this.#host.commit({ type: "setBot", delegation: code, bot: true });
    }
  }

  /**
   * Tells the engine a delegation's head count. A student arriving at a seat a bot filled for
   * want of students takes it back (a seat the facilitator gave a bot stays the bot's); with
   * `bots` on, a seat emptied by a move or a kick during the game goes to a bot.
   */
  count(code: Code): void {
    const humans = this.#host.roster().humans(code);
    const s = this.#host.state();
    const d = s.delegations[code];
    if (d.humans !== humans) this.#host.commit({ type: "seatHumans", delegation: code, humans });
    if (humans > 0 && d.bot && this.lastSetBy(code) === "system" && this.seated(code).connected > 0) {
      this.#host.commit({ type: "setBot", delegation: code, bot: false });
    } else if (humans === 0 && !d.bot && s.config.bots && s.phase !== "lobby" && s.phase !== "debrief") {
      this.#host.commit({ type: "setBot", delegation: code, bot: true });
    }
  }

  /** Head counts the engine has wrong (a crash between saving a member and logging the count). */
  recount(): void {
    for (const code of DELEGATIONS) if (this.#host.roster().humans(code) !== this.#host.state().delegations[code].humans) this.count(code);
  }
}
