/**
 * What every rule handler works with: a private copy of the state to change, the scenario,
 * the clock reading the caller passed in, and the events it records.
 */
import type { Scenario, TrackSpec } from "../scenario/types.ts";
import type { Clause, Code, GameEvent, GameState, Phase, Rejection, TrackChange, Who } from "./types.ts";
import { TRACK_WORDS, type PublicTrack } from "./effects.ts";

export interface Ctx {
  s: GameState;
  sc: Scenario;
  now: number;
  who: Who;
  events: GameEvent[];
  /**
   * Only asking whether a delegation's move would be taken: its handler returns after its last
   * check, so `s` may be the caller's own state, uncopied (see `refusal`).
   */
  probe?: boolean;
  /**
   * The logs (table, messages, signals) this step may append to in place: those it has already
   * given a copy of their own, or all of them when the caller gave its state up (`relinquish`
   * in apply.ts). Until then the copy of the state shares them with the state it was made from
   * (see `record`).
   */
  logged?: Partial<Record<Log, true>>;
  /** Clauses this step has its own copies of; the others are shared with the state it came from (see `mine`). */
  owned?: Set<Clause>;
  /** Public track changes made since the last announcement: the next one carries them. */
  changes?: TrackChange[];
}

/** The append-only logs of a state. */
export type Log = "table" | "messages" | "signals" | "notes";

export const reject = (code: string, message: string): Rejection => ({ ok: false, code, message });

export const clamp = (v: number, t: TrackSpec): number => Math.max(t.min, Math.min(t.max, v));

export const nameOf = (c: Ctx, code: string): string => c.sc.names[code as Code] ?? code;

/** A number with its sign, as the log writes changes: +1, −2. */
export const signedNumber = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0");

/**
 * Moves a public track by `delta` (clamped to its range) and returns the log's words for the
 * change with its cause: "Momentum −1 (now 4): Russia pressed on the front". "" when nothing moved.
 */
export function shift(c: Ctx, track: PublicTrack, delta: number, cause: string): string {
  const before = c.s[track];
  c.s[track] = clamp(before + delta, c.sc.tracks[track]);
  if (c.s[track] === before) return "";
  (c.changes ??= []).push({ track, from: before, to: c.s[track], cause, round: c.s.round });
  return changeText({ track, from: before, to: c.s[track], cause });
}

/** A change in the log's words: "Momentum −1 (now 4): Russia pressed on the front". */
export const changeText = (ch: Pick<TrackChange, "track" | "from" | "to" | "cause">): string =>
  `${TRACK_WORDS[ch.track]} ${signedNumber(ch.to - ch.from)} (now ${ch.track === "battlefield" ? signedNumber(ch.to) : ch.to}): ${ch.cause}`;

/**
 * Moves one of Belarus's private tracks (autonomy, trust, US favour), clamped to its range, and
 * notes the change with its cause in Belarus's own log (never on the public table).
 */
export function nudge(c: Ctx, track: "autonomy" | "trust" | "usFavour", delta: number, cause: string): void {
  const before = c.s.belarus[track];
  c.s.belarus[track] = clamp(before + delta, c.sc.tracks[track]);
  if (c.s.belarus[track] !== before) record(c, "notes", { track, from: before, to: c.s.belarus[track], cause, round: c.s.round });
}

/**
 * Records a public event: it is announced on the table log and sent for animation.
 * `quiet` events animate but stay off the table (ready toggles would drown the talk).
 */
export function announce(c: Ctx, kind: string, text: string, data?: Record<string, unknown>, quiet = false): void {
  // The public track changes behind this announcement travel with it, for animation and the debrief.
  const changes = c.changes?.splice(0) ?? [];
  const all = changes.length ? { ...data, tracks: changes } : data;
  c.events.push({ kind, who: c.who, text, ...(all ? { data: all } : {}) });
  if (!quiet) record(c, "table", { kind: "event", from: "", text, round: c.s.round, tag: kind });
  // One step from collapse: everyone is told, once each time Momentum falls to its last step.
  const brink = c.sc.tracks.momentum.min + 1;
  if (changes.some((ch) => ch.track === "momentum" && ch.to === brink && ch.from > brink)) {
    announce(c, "warning", `Warning: Momentum is at ${brink}, one step from collapse. One more loss of momentum ends the talks; only agreeing a core clause this round raises it.`, { momentum: brink });
  }
}

/**
 * Appends to one of the state's logs. A step's copy of the state starts out sharing the logs
 * with the state it was made from, which must never change, so the first entry of a step
 * copies the log with the entry; a step that appends nothing copies nothing. When the caller
 * gave that state up, every log is already `logged`: the entry is pushed in place, O(1), and
 * a game's log of n lines is built in O(n) rather than O(n²).
 */
export function record<L extends Log>(c: Ctx, log: L, entry: GameState[L][number]): void {
  const logged = (c.logged ??= {});
  if (logged[log]) (c.s[log] as GameState[L][number][]).push(entry);
  else {
    c.s[log] = [...(c.s[log] as GameState[L][number][]), entry] as GameState[L];
    logged[log] = true;
  }
}

/**
 * The first rungs of the ladder every delegation move climbs: the game is not over, the phase
 * fits, the talks are not paused, the seat allows it, and the influence is there.
 */
export function gate(
  s: GameState,
  code: Code,
  opts: { phases: Phase[]; party?: boolean; observer?: boolean; cost?: number; whilePaused?: boolean },
): Rejection | null {
  if (s.phase === "debrief") return reject("phase/over", "The game is over.");
  if (!opts.phases.includes(s.phase)) {
    return reject("phase/wrong", `Not possible in the ${s.phase} phase (only in: ${opts.phases.join(", ")}).`);
  }
  if (s.paused && !opts.whilePaused) return reject("phase/paused", "The facilitator has paused the talks.");
  const seat = s.delegations[code].seat;
  if (opts.party && seat !== "party") return reject("rule/not_party", "Only a party at the table can do this.");
  if (opts.observer && seat !== "observer") return reject("rule/not_observer", "Only an observer can do this.");
  const cost = opts.cost ?? 0;
  if (cost > s.delegations[code].influence) {
    return reject("rule/no_influence", `Needs ${cost} influence; ${s.delegations[code].influence} left this round.`);
  }
  return null;
}

/** Pays influence already checked by `gate`. */
export function pay(s: GameState, code: Code, cost: number): void {
  s.delegations[code].influence -= cost;
}

/**
 * A clause of the step's state that the step may change: the state's own copy of it, made on
 * the first change (in its place in the list). Every change to a clause goes through here.
 */
export function mine(c: Ctx, cl: Clause): Clause {
  if (c.owned?.has(cl)) return cl;
  const copy = { ...cl, stances: { ...cl.stances } };
  c.s.clauses[c.s.clauses.indexOf(cl)] = copy;
  (c.owned ??= new Set()).add(copy);
  return copy;
}

/**
 * A cheap copy for one step: nested records that rules change are copied; the append-only logs
 * are shared until the step appends to one (`record`), the clauses until the step changes one
 * (`mine`).
 */
export function copyState(s: GameState): GameState {
  const delegations = {} as GameState["delegations"];
  for (const k of Object.keys(s.delegations) as Code[]) delegations[k] = { ...s.delegations[k] };
  return {
    ...s,
    delegations,
    belarus: { ...s.belarus },
    sanctions: { RU: { ...s.sanctions.RU }, BY: { ...s.sanctions.BY } },
    clauses: s.clauses.slice(),
    motions: s.motions.map((m) => ({ ...m })),
    deck: s.deck.slice(),
    queue: { ...s.queue },
  };
}

export const newId = (s: GameState, prefix: string): string => `${prefix}${s.nextId++}`;
