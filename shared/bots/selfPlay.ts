/**
 * Bot-only games, as the simulator and the tests play them: the default scenario, no timer,
 * every seat a bot, and the facilitator advancing each phase once every bot has nothing more
 * to do. Pure and instant: the engine's `apply` directly, a fixed clock reading.
 */
import { apply } from "../rules/apply.ts";
import { newGame } from "../rules/setup.ts";
import { legalMoves } from "../rules/legal.ts";
import { projectOutcome } from "../rules/score.ts";
import { publicView } from "../rules/view.ts";
import { DELEGATIONS, type Action, type Briefing, type Code, type GameState, type Outcome, type PlayerAction, type View, type Who } from "../rules/types.ts";
import { aimsOf } from "./imagine.ts";
import { botMove } from "./index.ts";

export interface SelfPlayOptions {
  seed: number;
  rounds?: number;
  events?: boolean;
  /** A venue set in advance (GameConfig.venue); absent: the chair chooses in the briefing. */
  venue?: string;
  /** The scenario's id; absent: the default scenario. */
  scenario?: string;
  /** Called with the state before each bot is asked (tests compare views with the engine's). */
  onState?: (s: GameState) => void;
  /** Swaps in another decision function (tests wrap `botMove`). */
  bot?: (v: View, me: Code) => PlayerAction | null;
  /** Seats played by something other than the bots: the strategy lab's policies. */
  players?: Partial<Record<Code, Player>>;
  /**
   * Play on from this state (a running game's, every seat already handed to the bots: see
   * bots/whatIf.ts) instead of a new game; `seed`, `rounds`, `events`, `venue` and `scenario`
   * are then the state's own and ignored here.
   */
  from?: GameState;
  /** The clock reading every move is applied at (0 unless playing on from a real game). */
  now?: number;
}

/**
 * A seat played from the whole state (the strategy lab builds the seat's view from it): its
 * next action, or null for "nothing more now". A throw is a policy error; so is an action the
 * engine refuses. Either counts as null: the seat is asked again once another has acted.
 */
export type Player = (s: GameState, me: Code) => PlayerAction | null;

/** A player's error: counted, reported, never fatal. */
export interface PlayerError {
  who: Code;
  round: number;
  phase: GameState["phase"];
  text: string;
}

export interface SelfPlayResult {
  outcome: Outcome;
  state: GameState;
  /** Bot actions the engine refused (each one is a bug). */
  rejected: { who: Code; action: PlayerAction; code: string; message: string }[];
  /** Players' errors: throws, refused actions, runs over the action cap. */
  playerErrors: PlayerError[];
  actions: number;
}

/**
 * Exactly `view(state, me)` for a delegation, except that the engine's move list is worked
 * out only if the bot looks at it (bots test their moves with the rules themselves and read
 * the list only for what they cannot see). Tests check the two views are equal.
 */
export function seatView(s: GameState, me: Code): View {
  if (shared?.s !== s) shared = { s, pub: publicView(s) };
  const briefings: View["briefings"] = { [me]: new Sheet(shared, me) };
  return { public: shared.pub, briefings, messages: s.messages.filter((m) => m.from === me || m.to.includes(me)) };
}

/**
 * A seat's sheet as `briefing` builds it, its live parts (progress, moves) worked out on first
 * read. A class, not a literal with getters: a literal's getters are new closures each time, and
 * V8 keeps each such object's accessors in a hidden class of its own in the old generation, which
 * holds every state ever viewed alive through the young collections (most of the simulator's
 * garbage-collection time). `toJSON` gives exactly the engine's sheet, as tests compare.
 */
class Sheet implements Briefing {
  readonly delegation: Code;
  readonly belarus?: GameState["belarus"];
  readonly notes?: GameState["notes"];
  #of: NonNullable<typeof shared>;
  #aims: Briefing["aims"] | undefined;
  #moves: Briefing["moves"] | undefined;
  constructor(of: NonNullable<typeof shared>, me: Code) {
    this.delegation = me;
    if (me === "BY") {
      this.belarus = { ...of.s.belarus };
      this.notes = of.s.notes;
    }
    this.#of = of;
  }
  get aims(): Briefing["aims"] {
    if (this.#aims) return this.#aims;
    const { s } = this.#of;
    const me = this.delegation;
    const lines = (this.#of.projection ??= projectOutcome(s)).breakdown[me];
    return (this.#aims = aimsOf(s.scenario, me).map((o) => ({ id: o.id, text: o.text, points: o.points, secret: o.secret, ref: o.ref, note: o.note, progress: lines.find((l) => l.aim === o.id)?.points ?? 0, when: o.when })));
  }
  set aims(aims: Briefing["aims"]) {
    this.#aims = aims;
  }
  get moves(): Briefing["moves"] {
    const { s } = this.#of;
    return (this.#moves ??= s.phase === "debrief" ? [] : legalMoves(s, this.delegation));
  }
  set moves(moves: Briefing["moves"]) {
    this.#moves = moves;
  }
  toJSON(): Briefing {
    return { delegation: this.delegation, aims: this.aims, ...(this.belarus ? { belarus: this.belarus, notes: this.notes } : {}), moves: this.moves };
  }
}

/**
 * What every seat's view of one state shares (bots never change a view they are given), kept
 * for the last state: the seats are asked one after another on the same state.
 */
let shared: { s: GameState; projection?: Outcome; pub: View["public"] } | undefined;

/** Bot calls per phase at most: a loop guard, far above what a sane game needs. */
const PHASE_LIMIT = 400;
/**
 * Accepted actions a player may make per seat in one phase of one round; the one after is a
 * player error and the seat is done for the phase (a policy that always acts still ends).
 */
export const PLAYER_ACTIONS = 60;

/** A player's action for an error message, whatever the player returned. */
function shown(a: unknown): string {
  try {
    return JSON.stringify(a) ?? String(a);
  } catch {
    return String(a);
  }
}

export function playGame(opts: SelfPlayOptions): SelfPlayResult {
  const bot = opts.bot ?? botMove;
  const now = opts.now ?? 0;
  let s = opts.from ?? newGame({ roundSeconds: 0, seed: opts.seed, events: opts.events ?? true, ...(opts.rounds ? { rounds: opts.rounds } : {}), ...(opts.venue ? { venue: opts.venue } : {}) }, opts.scenario);
  const rejected: SelfPlayResult["rejected"] = [];
  const playerErrors: PlayerError[] = [];
  let actions = 0;
  const run = (a: Action, who: Who) => {
    const r = apply(s, a, who, now);
    if (!r.ok) throw new Error(`${who} ${a.type} refused: ${r.code} ${r.message}`);
    s = r.state;
  };
  if (!opts.from) {
    for (const code of DELEGATIONS) run({ type: "setBot", delegation: code, bot: true }, "facilitator");
    run({ type: "start" }, "facilitator");
  }
  while (s.phase !== "debrief") {
    const phase = s.phase;
    const round = s.round;
    // Start with a different delegation each round so nobody always moves first.
    const order = DELEGATIONS.map((_, i) => DELEGATIONS[(i + round) % DELEGATIONS.length]!);
    let calls = 0;
    const done = new Set<Code>();
    const stopped = new Set<Code>();
    const acted = new Map<Code, number>();
    outer: while (done.size + stopped.size < order.length && calls < PHASE_LIMIT) {
      for (const me of order) {
        if (s.phase !== phase || s.round !== round) break outer;
        if (stopped.has(me)) continue;
        calls++;
        opts.onState?.(s);
        const player = opts.players?.[me];
        if (player) {
          const failed = (text: string) => playerErrors.push({ who: me, round, phase, text });
          let a: PlayerAction | null;
          try {
            a = player(s, me);
          } catch (err) {
            failed(err instanceof Error ? err.message : String(err));
            a = null;
          }
          if (a && (acted.get(me) ?? 0) >= PLAYER_ACTIONS) {
            failed(`more than ${PLAYER_ACTIONS} actions in one phase; done for the phase`);
            stopped.add(me);
            done.delete(me);
            continue;
          }
          const r = a && apply(s, a, me, now);
          if (r && !r.ok) failed(`${shown(a)} refused (${r.code}: ${r.message})`);
          if (!r || !r.ok) {
            done.add(me);
            continue;
          }
          actions++;
          acted.set(me, (acted.get(me) ?? 0) + 1);
          s = r.state;
          if (a!.type !== "say" && a!.type !== "ready") done.clear();
          continue;
        }
        const v = seatView(s, me);
        const a = bot(v, me);
        if (!a) {
          done.add(me);
          continue;
        }
        const r = apply(s, a, me, now);
        actions++;
        if (!r.ok) {
          rejected.push({ who: me, action: a, code: r.code, message: r.message });
          stopped.add(me); // a rejected bot is stopped for the phase, as the server does
          done.delete(me);
          continue;
        }
        s = r.state;
        // Anything accepted may give the others something to answer — except talk and
        // readiness, which no bot's decision reads from another delegation.
        if (a.type !== "say" && a.type !== "ready") done.clear();
      }
    }
    if (s.phase === phase && s.round === round) run({ type: "advance" }, "facilitator");
  }
  return { outcome: s.outcome!, state: s, rejected, playerErrors, actions };
}
