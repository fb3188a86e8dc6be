/**
 * What a bot knows at one call: its view, the imagined state and a few derived facts. Built
 * once per call; never kept between calls (bots hold no memory — what they did is read back
 * from the table, like a student rereading the minutes).
 */
import { refusal } from "../rules/apply.ts";
import { neededSupport, slotOf } from "../rules/clauses.ts";
import { scenarioOf } from "../rules/scenario.ts";
import type { Briefing, Clause, ClauseDraft, Code, GameState, Move, PlayerAction, PublicView, View } from "../rules/types.ts";
import type { ObjectiveSpec, Scenario } from "../scenario/types.ts";
import { fnv, rollFrom } from "./chance.ts";
import { aimsOf, dealScore, imagine, noDealWorld, scoreOf } from "./imagine.ts";
import { clauseKey, commonOf, costOf, liveAims, normalize, tracksIn, type Common } from "./facts.ts";

/**
 * Lookahead results by everything they depend on: first the table's part (the same for every
 * seat), then mine. A cache of a pure function: it changes how fast a bot decides, never what
 * it decides.
 */
const MEMO = new Map<string, Map<string, Lookahead>>();
let memoSize = 0;
const MEMO_MAX = 256;

/** My treaty-world scores for one `scoreKey`: the deal, no deal, and what clauses add or take away. */
interface Lookahead {
  deal?: number;
  noDeal?: number;
  /** By clause key: what the clause adds to the deal. */
  worth: Map<string, number>;
  /** By agreed clause id: what the deal gains or loses without it. */
  without: Map<string, number>;
  /** By my hopes and the clause added to them: the deal I am bargaining toward. */
  hoped: Map<string, number>;
}

/** Rejections that may come from what the bot cannot see; its listed moves settle those. */
const UNSEEN = new Set(["rule/favour_low", "rule/trust_low", "rule/no_influence", "rule/not_offered"]);

export class Sight {
  readonly v: View;
  readonly me: Code;
  readonly p: PublicView;
  readonly sc: Scenario;
  readonly brief: Briefing | undefined;
  readonly s: GameState;
  readonly aims: ObjectiveSpec[];
  /** A fingerprint of this game, stable within a round: the event and the first clauses tabled. */
  readonly salt: string;
  readonly #common: Common;
  #moves: Map<string, Move> | undefined;
  #deal: number | undefined;
  #noDeal: number | undefined;
  #mine: { say: number; acts: number; said: string[] } | undefined;
  #saltH: number | undefined;
  #moodH: number | undefined;
  #key: string | undefined;
  #look: Lookahead | undefined;
  #hopes: Clause[] | undefined;
  #hopesKey: string | undefined;

  constructor(v: View, me: Code) {
    this.v = v;
    this.me = me;
    this.p = v.public;
    this.sc = scenarioOf(v.public.scenario);
    this.brief = v.briefings[me];
    this.s = imagine(v, me);
    this.aims = liveAims(aimsOf(v.public.scenario, me));
    this.#common = commonOf(this.p, this.sc);
    this.salt = `${me}|${this.p.round}|${this.p.event}|${this.#common.first}`;
  }

  get seat() {
    return this.p.delegations[this.me].seat;
  }
  get influence() {
    return this.p.delegations[this.me].influence;
  }
  /** Where the front will stand when this round ends, as far as the table shows. */
  get front() {
    return this.s.battlefield;
  }
  get party() {
    return this.seat === "party";
  }

  /** A die fixed for this game, round and question. */
  roll(question: string): number {
    return rollFrom((this.#saltH ??= fnv(0x811c9dc5, `${this.salt}|`)), question);
  }
  /**
   * A die fixed for this game and question from the third round on: a delegation's mood.
   * It is drawn from the first three event cards (the game's only chance), so every game has
   * its own temper without any bot remembering anything.
   */
  mood(question: string): number {
    if (this.#moodH === undefined) {
      const c = this.#common.climate;
      this.#moodH = c.moodH.get(this.me);
      if (this.#moodH === undefined) c.moodH.set(this.me, (this.#moodH = fnv(0x811c9dc5, `${this.me}|${c.text}|`)));
    }
    return rollFrom(this.#moodH, question);
  }
  /** The same die for every delegation: the climate of the war everyone reads in the news. */
  world(question: string): number {
    return rollFrom(this.#common.climate.worldH, question);
  }

  /** The action if the rules take it from me now, else null. */
  can(a: PlayerAction): PlayerAction | null {
    // Influence is public: skip the rules' full check for what I plainly can't pay for
    // (a pressure signal may ride on the Kremlin hawks' bonus, which only my move list shows).
    const cost = costOf(this.sc, a);
    if (cost > this.influence && !(a.type === "signal" && a.signal === "pressure" && this.p.event === "kremlinHawks")) return null;
    if (a.type === "stance") return this.#stanceOk(a) ? a : null;
    // The rules' own checks, without making the move (bots build only well-formed actions:
    // the engine's `apply` refuses any other when the bot plays it, and the bot tests fail).
    const r = refusal(this.s, a, this.me, 0);
    // A seat for Belarus hangs on Moscow's trust, Belarus's private track: the listed moves know it.
    if (!r && a.type !== "seatMotion") return a;
    if (r && !UNSEEN.has(r.code)) return null;
    // My listed moves know what I can't see (a hawks' bonus, Belarus's favour in Washington).
    const key = JSON.stringify(a);
    for (const m of this.moves.values()) if (m.ok && m.action && JSON.stringify(m.action) === key) return a;
    return null;
  }

  /**
   * The stance rule (rules/moves.ts `stance`) read off the public view: in a running round,
   * as a party, on an open clause, a new stance, and the price of opposing a parity claim.
   * Stances are most of what bots do, and the full `apply` would copy the state for each.
   */
  #stanceOk(a: Extract<PlayerAction, { type: "stance" }>): boolean {
    const p = this.p;
    if (p.phase !== "round" || p.paused || this.seat !== "party") return false;
    const cl = p.clauses.find((x) => x.id === a.clause);
    if (!cl || (cl.status !== "proposed" && cl.status !== "agreed")) return false;
    const now = cl.stances[this.me] ?? "none";
    if (now === a.stance) return false;
    const price = cl.parity && a.stance === "oppose" ? this.sc.costs.opposeParity : 0;
    return price <= this.influence;
  }

  /** My listed moves by key (computed by the engine; looked at only when needed). */
  get moves(): Map<string, Move> {
    return (this.#moves ??= new Map((this.brief?.moves ?? []).map((m) => [m.key, m])));
  }

  /** Who must support a clause for it to be agreed (the rules' own list), once per call. */
  needs(cl: Clause): Code[] {
    // The rules read only the clause, the chair, EU unity against the bloc line and whether
    // Belarus is a party, all public: every seat and every table with those shares the answer.
    const tag = this.#common.needTag;
    let m = NEEDS.get(cl.params);
    if (!m || m.type !== cl.type) NEEDS.set(cl.params, (m = { type: cl.type, by: new Map() }));
    let n = m.by.get(tag);
    if (!n) m.by.set(tag, (n = neededSupport(this.s, this.sc, cl)));
    return n;
  }

  /**
   * My score if the talks ended in `state`, counting only the aims a treaty, a signature or
   * the outcome can change: every decision compares two such worlds, and the other aims
   * (seats, tracks, venue) score the same in both.
   */
  score(state: GameState): number {
    return scoreOf(state, this.aims);
  }
  /**
   * Everything my scores depend on, as text (the table's part shared by every seat, then mine):
   * lookahead results are remembered under it, so a bot called again on a table that changed
   * nowhere that matters does not recount.
   */
  get scoreKey(): string {
    return `${this.#common.table}#${this.#myKey()}`;
  }
  /** My part of `scoreKey`: my sheet and the tracks it (or the rules) reads. */
  #myKey(): string {
    if (this.#key === undefined) {
      const p = this.p;
      // Tracks enter only as far as the rules or my aims look at them.
      const used = tracksIn(this.aims);
      let tracks = "";
      for (const k of used) tracks += `${k === "credibility" ? "" : k in p ? (p as unknown as Record<string, unknown>)[k] : this.s.belarus[k as "autonomy"]},`;
      const bf = this.sc.tracks.battlefield;
      const b = this.s.battlefield;
      const front = used.has("battlefield") ? b : b >= bf.max ? "F" : b <= bf.min ? "D" : b >= 0 ? "+" : "-";
      const momentum = used.has("momentum") ? p.momentum : p.momentum <= this.sc.tracks.momentum.min ? "0" : "m";
      const unity = used.has("euUnity") ? p.euUnity : p.euUnity > this.sc.euBlockUnity ? "u" : "b";
      this.#key = `${this.me}|${this.aims.length}|${front}|${momentum}|${unity}|${tracks}`;
    }
    return this.#key;
  }
  /** My lookahead results under `scoreKey`, found (or started) on first use. */
  #open(): Lookahead {
    if (this.#look) return this.#look;
    let mine = MEMO.get(this.#common.table);
    if (!mine) {
      if (memoSize >= MEMO_MAX) {
        MEMO.clear();
        memoSize = 0;
      }
      MEMO.set(this.#common.table, (mine = new Map()));
    }
    const key = this.#myKey();
    let look = mine.get(key);
    if (!look) {
      mine.set(key, (look = { worth: new Map(), without: new Map(), hoped: new Map() }));
      memoSize++;
    }
    return (this.#look = look);
  }
  /** My score in the treaty world as the table stands (a ceasefire assumed). */
  get deal(): number {
    if (this.#deal === undefined) {
      const look = this.#open();
      this.#deal = look.deal ??= dealScore(this.s, this.aims);
    }
    return this.#deal;
  }
  get noDeal(): number {
    if (this.#noDeal === undefined) {
      const look = this.#open();
      this.#noDeal = look.noDeal ??= this.score(noDealWorld(this.s));
    }
    return this.#noDeal;
  }
  /** What a clause adds to my treaty-world score (it supersedes its slot). */
  worth(x: Pick<Clause, "type" | "params">): number {
    const worth = this.#open().worth;
    const key = clauseKey(x);
    let v = worth.get(key);
    if (v === undefined) worth.set(key, (v = dealScore(this.s, this.aims, x) - this.deal));
    return v;
  }
  /**
   * The clauses on the table I would like to see agreed: the best for me in each slot, if it
   * beats what is agreed there. The deal I am bargaining toward.
   */
  get hopes(): Clause[] {
    if (this.#hopes) return this.#hopes;
    const best = new Map<string, { cl: Clause; v: number }>();
    for (const cl of this.p.clauses) {
      if (cl.status !== "proposed" || cl.type === "ceasefire") continue;
      const v = this.worth(cl);
      if (v <= 0) continue;
      const slot = slotOf(cl);
      if ((best.get(slot)?.v ?? 0) < v) best.set(slot, { cl, v });
    }
    return (this.#hopes = [...best.values()].map((x) => x.cl));
  }
  /** My treaty-world score if my hopes and `x` were all agreed. */
  hoped(x?: Pick<Clause, "type" | "params">): number {
    this.#hopesKey ??= this.hopes.map(clauseKey).join(";");
    const hoped = this.#open().hoped;
    const key = `${this.#hopesKey}#${x ? clauseKey(x) : ""}`;
    let v = hoped.get(key);
    if (v === undefined) hoped.set(key, (v = this.#hoped(x)));
    return v;
  }
  #hoped(x?: Pick<Clause, "type" | "params">): number {
    const extra: Pick<Clause, "type" | "params">[] = this.hopes.filter((cl) => !x || slotOf(cl) !== slotOf(x));
    if (x) extra.push(x);
    return dealScore(this.s, this.aims, extra);
  }

  /** What the treaty world gains or loses for me without an agreed clause. */
  without(id: string): number {
    const without = this.#open().without;
    let v = without.get(id);
    if (v === undefined) without.set(id, (v = dealScore(this.s, this.aims, undefined, id) - this.deal));
    return v;
  }

  /** The propose (party) or suggest (observer) action for a draft, when the rules take it. */
  canTable(d: ClauseDraft): PlayerAction | null {
    const type = this.party ? "propose" : this.seat === "observer" ? "suggest" : null;
    if (!type || this.sc.costs[type] > this.influence) return null;
    const clause = normalize(d);
    // The same clause already on the table is refused; no need to ask the rules.
    const { type: kind, ...params } = clause;
    const key = clauseKey({ type: kind, params });
    if (this.p.clauses.some((cl) => cl.type === kind && (cl.status === "proposed" || cl.status === "agreed" || cl.status === "suggested") && clauseKey(cl) === key)) return null;
    return this.can({ type, clause });
  }

  /** What I have said and done this round, read back from the table and my back channels. */
  get mine() {
    if (this.#mine) return this.#mine;
    const name = this.sc.names[this.me];
    let say = 0;
    let acts = 0;
    const said: string[] = [];
    const t = this.p.table;
    for (let i = t.length - 1; i >= 0 && t[i]!.round === this.p.round; i--) {
      const e = t[i]!;
      if ((e.kind === "say" || e.kind === "press") && e.from === this.me) {
        say++;
        said.push(e.text);
      } else if (e.kind === "event" && e.text.startsWith(name)) acts++;
    }
    for (let i = this.v.messages.length - 1; i >= 0 && this.v.messages[i]!.round === this.p.round; i--) {
      const m = this.v.messages[i]!;
      if (m.from === this.me) {
        say++;
        said.push(m.text);
      }
    }
    return (this.#mine = { say, acts, said });
  }

  /** Signals I played this round (the public signal icons). */
  played(sig: string): number {
    return this.p.signals.filter((x) => x.delegation === this.me && x.signal === sig && x.round === this.p.round).length;
  }

  agreed(type: string, pred: (cl: Clause) => boolean = () => true): Clause | undefined {
    return this.p.clauses.find((cl) => cl.status === "agreed" && cl.type === type && pred(cl));
  }
  open(type: string, pred: (cl: Clause) => boolean = () => true): Clause | undefined {
    return this.p.clauses.find((cl) => (cl.status === "agreed" || cl.status === "proposed") && cl.type === type && pred(cl));
  }
}

/** Who a clause needs, by its parameters (never changed) and the public facts the rule reads. */
const NEEDS = new WeakMap<object, { type: string; by: Map<string, Code[]> }>();

