import { apply } from "./apply.ts";
import type { Log } from "./context.ts";
import { newGame } from "./setup.ts";
import { DECISIVE } from "./story.ts";
import type { Action, GameConfig, GameEvent, GameState, Who } from "./types.ts";

/** One accepted move as the action log keeps it. */
export interface LogEntry {
  who: Who;
  action: Action;
  now: number;
}

/**
 * Rebuilds a game from its configuration and its log. Same scenario, seed and log ⇒ same state.
 * A log entry the rules refuse means the log is corrupt, so it throws rather than skipping.
 * Each state in between is replay's own and given up to the next step, which appends to the
 * logs in place: linear in the log's length.
 */
export function replay(config: Partial<GameConfig>, log: readonly LogEntry[], scenarioId = "minsk-window"): GameState {
  let state = newGame(config, scenarioId);
  log.forEach((entry, i) => (state = stepOn(state, entry, i).state));
  return state;
}

function stepOn(state: GameState, entry: LogEntry, i: number): { state: GameState; events: GameEvent[] } {
  const r = apply(state, entry.action, entry.who, entry.now, { relinquish: true });
  if (!r.ok) throw new Error(`log entry ${i + 1} (${entry.action.type} by ${entry.who}) was refused: ${r.code}`);
  return r;
}

/** The part of the talks a state is in: "briefing", "round-2", "signing", "debrief". */
const chapter = (s: GameState): string => (s.phase === "round" ? `round-${s.round}` : s.phase);

const LOGS: readonly Log[] = ["table", "messages", "signals", "notes"];

/**
 * A state whose logs are its own: a step given up to the engine appends to the logs in place
 * and copies everything else it changes, so slicing the logs is all a copy needs.
 */
function own(s: GameState, lengths?: readonly number[]): GameState {
  const out = { ...s };
  LOGS.forEach((log, i) => ((out as unknown as Record<Log, unknown[]>)[log] = (s[log] as unknown[]).slice(0, lengths?.[i])));
  return out;
}

/** A decisive moment of the table log (DESIGN's story marks) and where the replay shows it. */
export interface Moment {
  /** Engine entries applied when the line appears (the entry that wrote it is the last). */
  at: number;
  round: number;
  /** "Agreement", "Seat change", … (story.ts DECISIVE). */
  mark: string;
  tag: string;
  text: string;
}

/**
 * A finished game's engine log as a timeline: the exact state after any number of entries.
 * One pass at construction keeps a checkpoint every `every` entries (the state with its logs
 * held by reference and their lengths: the logs only grow, or are replaced), so any position
 * costs at most `every` engine steps and stepping forward from the last position costs one.
 * Round starts and decisive moments are positions too.
 */
export class Timeline {
  readonly length: number;
  /** `round[at]`: the round shown after `at` entries (0 in the briefing). */
  readonly round: Int16Array;
  /**
   * Positions where a chapter of the talks begins (the briefing, each round, the signing, the
   * debrief: the entry that opened it applied), in order.
   */
  readonly roundStarts: number[];
  readonly moments: Moment[];
  readonly #entries: readonly LogEntry[];
  readonly #every: number;
  readonly #checkpoints: { state: GameState; lengths: number[] }[] = [];
  /** The last position worked out: a state this timeline owns and may step on. */
  #cursor: { at: number; state: GameState; events: GameEvent[] };

  constructor(config: Partial<GameConfig>, entries: readonly LogEntry[], scenarioId = "minsk-window", every = 50) {
    this.#entries = entries;
    this.#every = Math.max(1, every);
    this.length = entries.length;
    this.round = new Int16Array(entries.length + 1);
    this.roundStarts = [];
    this.moments = [];
    let state = newGame(config, scenarioId);
    this.#cursor = { at: 0, state: own(state), events: [] };
    this.round[0] = state.round;
    for (let i = 0; ; i++) {
      if (i % this.#every === 0) this.#checkpoints.push({ state, lengths: LOGS.map((l) => state[l].length) });
      if (i === entries.length) break;
      const seen = state.table.length;
      const before = chapter(state);
      state = stepOn(state, entries[i]!, i).state;
      this.round[i + 1] = state.round;
      if (chapter(state) !== before) this.roundStarts.push(i + 1);
      for (const e of state.table.slice(seen)) {
        const tag = e.kind === "event" ? e.tag ?? "" : "";
        if (tag in DECISIVE) this.moments.push({ at: i + 1, round: e.round, mark: DECISIVE[tag]!, tag, text: e.text });
      }
    }
  }

  /** The exact state after `at` entries (clamped to the log), a copy the caller may keep. */
  state(at: number): GameState {
    return this.goto(at).state;
  }

  /**
   * The state after `at` entries and the events of the entry that led there (none at 0), for
   * the table's animations. The state is the caller's own.
   */
  goto(at: number): { at: number; state: GameState; events: GameEvent[] } {
    const to = Math.max(0, Math.min(this.length, Math.floor(at)));
    const c = this.#cursor;
    // Forward from the cursor when that is nearer than the checkpoint; else from the checkpoint.
    const from = to - 1;
    if (!(c.at <= to && (c.at === to || (from >= 0 && Math.floor(from / this.#every) * this.#every <= c.at)))) {
      const k = this.#checkpoints[Math.floor(Math.max(0, from) / this.#every)]!;
      this.#cursor = { at: Math.floor(Math.max(0, from) / this.#every) * this.#every, state: own(k.state, k.lengths), events: [] };
    }
    const cur = this.#cursor;
    while (cur.at < to) {
      const r = stepOn(cur.state, this.#entries[cur.at]!, cur.at);
      cur.state = r.state;
      cur.events = r.events;
      cur.at++;
    }
    return { at: to, state: own(cur.state), events: to === 0 ? [] : cur.events };
  }

  /** The entry that follows position `at` (the next move logged), if any. */
  next(at: number): LogEntry | undefined {
    return this.#entries[at];
  }

  /** The start of the round shown at `at` (or the previous round's start when already there). */
  previousRound(at: number): number {
    return [0, ...this.roundStarts].filter((r) => r < at).at(-1) ?? 0;
  }

  /** The start of the next round after `at`, or the end of the log. */
  nextRound(at: number): number {
    return this.roundStarts.find((r) => r > at) ?? this.length;
  }
}
