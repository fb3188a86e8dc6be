/**
 * A scenario is data: tracks, costs, clause rules, event cards and objectives.
 * The engine reads every number from here, so a teacher (or the simulator) can tune a game
 * without touching code, and a new scenario is a new data file.
 */
import type {
  Actor,
  ClauseType,
  Code,
  OutcomeId,
  ReliefCondition,
  ReliefLevel,
  Seat,
  Signal,
} from "../rules/types.ts";

/**
 * A rule's citation and the project's own one-line paraphrase of the source: `ref` is "¶14"
 * (or "¶18–¶19") where the article says it, `ASSUMPTION` where the game needs a mechanism the
 * article does not describe.
 */
export interface Cite {
  ref: string;
  note: string;
}

/** The `ref` of a mechanism the source does not describe. */
export const ASSUMPTION = "design assumption";

export interface TrackSpec {
  min: number;
  max: number;
  start: number;
}

export interface SignalSpec extends Cite {
  owner: Code;
  cost: number;
  label: string;
  /** May be played once a game. */
  once?: boolean;
  /** Needs a target delegation among these. */
  targets?: Code[];
  /** Moscow's trust in Minsk moves by this much when the signal is played (¶6, ¶8). */
  trust?: number;
}

export interface ClauseSpec extends Cite {
  label: string;
  /** For list-valued clauses: which actors may be listed. */
  allowed?: Actor[];
  /** A clause that can only be agreed while a clause of this type is agreed. */
  needs?: ClauseType;
}

/** An event card's effects, applied when drawn (battlefield shifts wait for the round's end). */
export interface EventSpec extends Cite {
  id: string;
  title: string;
  text: string;
  momentum?: number;
  euUnity?: number;
  autonomy?: number;
  usFavour?: number;
  /** Only if Belarus has made a pardon wave this game. */
  needsPardon?: boolean;
  /** Pauses US aid; the US may pay to resume it. */
  pausesAid?: boolean;
  /** Battlefield shift at this round's end; "random" draws +1 or −1 from the seeded generator. */
  battlefield?: number | "random";
  /** Influence Russia may spend only on `pressure` this round. */
  pressureBonus?: number;
}

/**
 * A condition over the finished (or projected) game. It holds (1) or not (0); an `inForce`
 * condition marked `perClause` counts its matching clauses instead. An objective scores
 * `points × count`.
 */
export type Condition =
  | { outcome: OutcomeId[] }
  | { seat: Code; is: Seat }
  | { treatyInForce: boolean }
  | { signed: Code }
  | {
      inForce: ClauseType[];
      target?: "RU" | "BY";
      issuer?: "US" | "EU";
      level?: ReliefLevel;
      condition?: ReliefCondition;
      /** Matches when any of these is among the clause's guarantors or contributors. */
      lists?: Actor[];
      /** Count every matching clause ("per issuer"); otherwise the aim scores once. */
      perClause?: boolean;
    }
  | { track: "momentum" | "battlefield" | "euUnity" | "autonomy" | "trust" | "usFavour" | "pardonWaves" | "credibility"; min?: number; max?: number }
  | { usAid: "flowing" | "paused" }
  | { flag: "nobelPledged" | "peaceFormula" | "peacekeepersOffered" }
  | { venue: string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** The mechanisms the rulebook cites one by one (FIDELITY §"The chain"). */
export type RuleId =
  | "seatThroughMoscow"
  | "denySeat"
  | "formatSet"
  | "trust"
  | "trustGuarantor"
  | "parityOnly"
  | "reliefFollows"
  | "twoPartPrice"
  | "euBar"
  | "bindsOnSignature"
  | "voidAfterStaging"
  | "coreMomentum"
  | "strain"
  | "violation";

export interface ObjectiveSpec extends Cite {
  id: string;
  delegation: Code;
  text: string;
  points: number;
  secret: boolean;
  when: Condition;
}

export interface Scenario {
  id: string;
  title: string;
  tracks: {
    momentum: TrackSpec;
    battlefield: TrackSpec;
    euUnity: TrackSpec;
    autonomy: TrackSpec;
    /** Moscow's trust in Minsk (¶6, ¶8): private to Belarus, like autonomy. */
    trust: TrackSpec;
    usFavour: TrackSpec;
  };
  maxPardonWaves: number;
  chair: Code;
  seats: Record<Code, Seat>;
  influence: { base: number; chair: number };
  costs: {
    propose: number;
    suggest: number;
    adopt: number;
    seatMotion: number;
    torpedo: number;
    /** Extra cost of opposing a parity clause (¶14). */
    opposeParity: number;
  };
  torpedoMomentum: number;
  /**
   * Below this trust Moscow neither sponsors Belarus's seat nor counts as backing guarantees
   * for Ukraine that name Belarus (¶6, ¶11).
   */
  trustFloor: number;
  /** Trust Belarus earns the first time it supports a clause Russia proposed. */
  backRussiaTrust: number;
  /** Min US favour before the US may lower its bar for Minsk (¶15). */
  lowerBarFavour: number;
  /** Momentum when the chair denies a seat for Belarus that Russia sponsored (¶12). */
  denySeatMomentum: number;
  /** EU unity when the US goes over Europe's head (¶18–¶19). */
  strain: { reliefOverEurope: number; lowerTheBar: number };
  /** Extra momentum lost to fighting while a ceasefire is agreed. */
  violationMomentum: number;
  /** Clause types whose agreement keeps the talks alive at the round's end (¶12). */
  coreClauses: ClauseType[];
  /** The mechanisms of the rules, each with its citation, for the rulebook and the debrief. */
  rules: Record<RuleId, Cite & { title: string }>;
  /** Autonomy Belarus loses when a seat sponsored by Russia takes effect (¶11). */
  sponsoredSeatAutonomy: number;
  /** EU unity at or below which dissenters block the EU's say on relief (¶19). */
  euBlockUnity: number;
  venues: string[];
  /** The venue Ukraine may veto at no cost (¶10). */
  vetoableVenue: string;
  signals: Record<Signal, SignalSpec>;
  staging: {
    allowBattlefield: number;
    allowAutonomy: number;
    refuseAutonomy: number;
    refusePenalty: number;
    allowTrust: number;
    refuseTrust: number;
  };
  dealPressure: { momentum: number; penalty: number };
  clauses: Record<ClauseType, ClauseSpec>;
  /** Credibility each guarantor lends Ukraine's guarantees (¶12). */
  credibility: Partial<Record<Actor, number>>;
  /** Clause types (or RU relief) that leave Moscow strong when two are in force (¶16). */
  strongClauses: number;
  /** Parity relief is capped at this level (¶14). */
  parityCap: ReliefLevel;
  events: EventSpec[];
  objectives: ObjectiveSpec[];
  outcomes: Record<OutcomeId, Cite & { title: string }>;
  defaults: {
    rounds: number;
    roundSeconds: number;
    briefingSeconds: number;
  };
  names: Record<Actor, string>;
}

/** A scenario without its objectives: what the client may bundle. */
export type PublicScenario = Omit<Scenario, "objectives">;
