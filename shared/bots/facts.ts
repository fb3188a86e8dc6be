/**
 * Facts a bot derives from what it sees, worked out once and kept while they hold: what every
 * seat reads alike off one public view, the war's climate from the log, clause keys, the aims
 * and tracks a sheet reads, and drafts in the engine's normal form. Caches of pure functions:
 * they change how fast a bot decides, never what it decides.
 */
import { DELEGATIONS, EXTERNALS, type Actor, type Clause, type ClauseDraft, type PlayerAction, type PublicView, type TableEntry } from "../rules/types.ts";
import type { Condition, ObjectiveSpec, Scenario } from "../scenario/types.ts";
import { fnv } from "./chance.ts";

/**
 * What every seat reads alike off one public view, worked out once for the view on first use:
 * seats are asked one after another on the same table, so the last view's facts are kept
 * (views are never changed; a new state brings a new view).
 */
export class Common {
  readonly p: PublicView;
  readonly sc: Scenario;
  #table: string | undefined;
  #first: string | undefined;
  #needTag: string | undefined;
  constructor(p: PublicView, sc: Scenario) {
    this.p = p;
    this.sc = sc;
  }
  /** The table's part of every seat's `scoreKey`. */
  get table(): string {
    if (this.#table === undefined) {
      const p = this.p;
      const seats = DELEGATIONS.map((c) => p.delegations[c].seat[0]! + p.delegations[c].signature.slice(0, 1)).join("");
      const agreed = p.clauses.filter((cl) => cl.status === "agreed").map((cl) => cl.id + clauseKey(cl)).join();
      this.#table = `${p.scenario}|${p.usAid}|${p.chair}|${seats}|${agreed}`;
    }
    return this.#table;
  }
  /** The first clauses tabled, for the game's fingerprint. */
  get first(): string {
    return (this.#first ??= this.p.clauses.slice(0, 3).map((cl) => cl.id + cl.type + cl.proposer).join("|"));
  }
  /** What `neededSupport` reads besides the clause. */
  get needTag(): string {
    const p = this.p;
    return (this.#needTag ??= `${p.scenario}|${p.chair}|${p.euUnity > this.sc.euBlockUnity ? 1 : 0}|${p.delegations.BY.seat === "party" ? 1 : 0}`);
  }
  /** The first three event cards: the war's climate. */
  get climate(): Climate {
    return climateOf(this.p.table);
  }
}
let common: Common | undefined;
export function commonOf(p: PublicView, sc: Scenario): Common {
  if (common?.p !== p) common = new Common(p, sc);
  return common;
}

/** The first three event cards of a game's log, with the dice hashed from them. */
export interface Climate {
  text: string;
  worldH: number;
  /** Each delegation's mood die, by delegation. */
  moodH: Map<string, number>;
}
/**
 * Where the last reading of a log stopped. The log only grows and its entries never change,
 * so a log that still holds the same entry there is the same game's, read on from that point;
 * once three cards are found there is nothing more to read.
 */
let reading: { upTo: number; at: TableEntry | undefined; events: string[]; climate: Climate } | undefined;
function climateOf(table: TableEntry[]): Climate {
  let r = reading;
  if (!r || r.upTo > table.length || (r.upTo > 0 && table[r.upTo - 1] !== r.at)) r = { upTo: 0, at: undefined, events: [], climate: climateFrom([]) };
  if (r.events.length < 3 && r.upTo < table.length) {
    const before = r.events.length;
    let i = r.upTo;
    for (; i < table.length && r.events.length < 3; i++) {
      const t = table[i]!;
      if (t.kind === "event" && t.text.startsWith("Event:")) r.events.push(t.text);
    }
    r.upTo = i;
    r.at = table[i - 1];
    if (r.events.length !== before) r.climate = climateFrom(r.events);
  }
  reading = r;
  return r.climate;
}
function climateFrom(events: string[]): Climate {
  const text = events.join("|");
  return { text, worldH: fnv(0x811c9dc5, `world|${text}|`), moodH: new Map() };
}

const ORDER: readonly string[] = [...DELEGATIONS, ...EXTERNALS];

/** A clause's type and parameters as text (its slot and lists: all that scoring reads). */
export function clauseKey(x: Pick<Clause, "type" | "params">): string {
  const c = KEYS.get(x.params);
  if (c && c.type === x.type) return c.key;
  const key = clauseKeyOf(x);
  KEYS.set(x.params, { type: x.type, key });
  return key;
}
/** Clause keys by parameters (never changed once a clause exists; copies of a clause share them). */
const KEYS = new WeakMap<object, { type: string; key: string }>();
function clauseKeyOf(x: Pick<Clause, "type" | "params">): string {
  const p = x.params;
  const list = p.guarantors ?? p.contributors;
  return `${x.type}|${p.target ?? ""}|${p.issuer ?? ""}|${p.level ?? ""}|${p.condition ?? ""}|${list ? list.join(",") : ""}`;
}

/** Aims a treaty, a signature or the outcome can change (memoized per sheet). */
const LIVE = new WeakMap<ObjectiveSpec[], ObjectiveSpec[]>();
export function liveAims(aims: ObjectiveSpec[]): ObjectiveSpec[] {
  let live = LIVE.get(aims);
  if (!live) {
    const moves = (c: Condition): boolean =>
      "outcome" in c || "treatyInForce" in c || "signed" in c || "inForce" in c || ("track" in c && c.track === "credibility") ||
      ("all" in c && c.all.some(moves)) || ("any" in c && c.any.some(moves)) || ("not" in c && moves(c.not));
    live = aims.filter((a) => moves(a.when));
    LIVE.set(aims, live);
  }
  return live;
}

/** The tracks a sheet's conditions read (memoized per sheet). */
const TRACKS = new WeakMap<ObjectiveSpec[], Set<string>>();
export function tracksIn(aims: ObjectiveSpec[]): Set<string> {
  let used = TRACKS.get(aims);
  if (!used) {
    used = new Set();
    const walk = (c: Condition) => {
      if ("track" in c) used!.add(c.track);
      if ("all" in c) c.all.forEach(walk);
      if ("any" in c) c.any.forEach(walk);
      if ("not" in c) walk(c.not);
    };
    for (const a of aims) walk(a.when);
    TRACKS.set(aims, used);
  }
  return used;
}

/** The influence an action costs by the scenario's price list (parity opposition aside). */
export function costOf(sc: Scenario, a: PlayerAction): number {
  switch (a.type) {
    case "signal":
      return sc.signals[a.signal]?.cost ?? 0;
    case "propose":
    case "suggest":
    case "adopt":
    case "seatMotion":
    case "torpedo":
      return sc.costs[a.type];
    default:
      return 0;
  }
}

/** A clause draft in the engine's normal form (lists deduplicated and in a fixed order). */
export function normalize(d: ClauseDraft): ClauseDraft {
  const out: ClauseDraft = { type: d.type };
  const sort = (xs: Actor[]) => [...new Set(xs)].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  if (d.contributors) out.contributors = sort(d.contributors);
  if (d.guarantors) out.guarantors = sort(d.guarantors);
  if (d.target) out.target = d.target;
  if (d.issuer) out.issuer = d.issuer;
  if (d.level) out.level = d.level;
  if (d.condition) out.condition = d.condition;
  return out;
}

/**
 * A draft as a clause-shaped value, for lookahead (never change it). The characters list the
 * same few drafts on every call, so each is normalized once and keeps one identity, which the
 * clause-key cache then recognises.
 */
export const asClause = (d: ClauseDraft): Pick<Clause, "type" | "params"> => {
  const list = (xs: Actor[] | undefined) => (xs ? xs.join() : "-");
  const raw = `${d.type}|${list(d.contributors)}|${list(d.guarantors)}|${d.target ?? ""}|${d.issuer ?? ""}|${d.level ?? ""}|${d.condition ?? ""}`;
  let x = DRAFTS.get(raw);
  if (!x) {
    if (DRAFTS.size >= 512) DRAFTS.clear();
    const { type, ...params } = normalize(d);
    DRAFTS.set(raw, (x = { type, params }));
  }
  return x;
};
const DRAFTS = new Map<string, Pick<Clause, "type" | "params">>();
