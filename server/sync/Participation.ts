/**
 * What each student has done so far, counted as their moves are accepted: the facilitator's
 * console receives it over the room socket (`participation`, at most once every `everyMs`)
 * instead of asking for the report, which rebuilds it from the whole log. The same counts hold
 * the talk cap (TALK_CAP): a student's own share of lines, so nobody can talk the others quiet,
 * and a ceiling for the whole game.
 */
import type { Action } from "../../shared/rules/index.ts";
import { ERR, TALK_CAP, type ErrorMessage, type ParticipationLine, type RosterLine } from "../../shared/protocol/messages.ts";

type Counts = Pick<ParticipationLine, "actions" | "statements" | "backChannel">;

export interface ParticipationHost {
  /** Everyone in the game (students are picked out here). */
  roster(): RosterLine[];
  /** Sends the lines to every connected facilitator (after committing what they count). */
  send(lines: () => ParticipationLine[]): void;
}

export class Participation {
  readonly #host: ParticipationHost;
  readonly #everyMs: number;
  readonly #by = new Map<string, Counts>();
  #lines = 0;
  #lastSent = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ParticipationHost, everyMs = 2000) {
    this.#host = host;
    this.#everyMs = everyMs;
  }

  /** An accepted move by a student (member id; "" for bots and the system, not counted). */
  count(member: string, action: Pick<Action, "type"> & { to?: unknown }): void {
    if (!member) return;
    let c = this.#by.get(member);
    if (!c) this.#by.set(member, (c = { actions: 0, statements: 0, backChannel: 0 }));
    c.actions++;
    if (action.type === "say") {
      if (action.to === "table") c.statements++;
      else c.backChannel++;
      this.#lines++;
    }
  }

  /** The talk cap's refusal for this student's next move (a line when `isSay`), or null while there is room. */
  talkRefusal(member: string, isSay: boolean): ErrorMessage | null {
    const c = this.#by.get(member);
    if (c && c.actions >= TALK_CAP.actionsPerStudent) {
      return { code: ERR.talkCap, message: `You have made the ${TALK_CAP.actionsPerStudent} moves a student may make in one game.` };
    }
    if (!isSay) return null;
    if (c && c.statements + c.backChannel >= TALK_CAP.perStudent) {
      return { code: ERR.talkCap, message: `You have sent the ${TALK_CAP.perStudent} lines a student may send in one game.` };
    }
    if (this.#lines >= TALK_CAP.perGame) return { code: ERR.talkCap, message: `This game has reached its ${TALK_CAP.perGame} lines of talk.` };
    return null;
  }

  /** Every student with their counts, in roster order. */
  lines(): ParticipationLine[] {
    return this.#host
      .roster()
      .filter((m) => m.role === "player")
      .map((m) => ({ member: m.member, name: m.name, delegation: m.delegation, ...(this.#by.get(m.member) ?? { actions: 0, statements: 0, backChannel: 0 }) }));
  }

  /**
   * Something shown changed: the facilitators hear of it after this turn (never from inside
   * the handler that accepted the move, which is not on disk yet), and at most once every
   * `everyMs`.
   */
  changed(): void {
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastSent + this.#everyMs - performance.now());
    this.#timer = setTimeout(() => this.#send(), wait);
    this.#timer.unref?.();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #send(): void {
    this.#timer = undefined;
    this.#lastSent = performance.now();
    this.#host.send(() => this.lines());
  }
}
