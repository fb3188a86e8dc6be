import type { Condition } from "../scenario/types.ts";

/**
 * The game's vocabulary: every type the engine, the server and the client share.
 * Plain data only (JSON-safe), so a state can be cloned, logged, hashed and replayed.
 */

export const DELEGATIONS = ["RU", "UA", "US", "EU", "BY"] as const;
export type Code = (typeof DELEGATIONS)[number];
/** Outside powers that can be named in clause lists but sit at no seat. */
export const EXTERNALS = ["TR", "CN", "UN"] as const;
export type External = (typeof EXTERNALS)[number];
export type Actor = Code | External;

export const SEATS = ["absent", "observer", "party"] as const;
export type Seat = (typeof SEATS)[number];

export const PHASES = ["lobby", "briefing", "round", "signing", "debrief"] as const;
export type Phase = (typeof PHASES)[number];

export const OUTCOMES = [
  "ukraine_falls",
  "moscow_defeated",
  "collapse",
  "no_deal",
  "ceasefire_strong",
  "ceasefire_weakened",
] as const;
export type OutcomeId = (typeof OUTCOMES)[number];

export const CLAUSE_TYPES = [
  "ceasefire",
  "withdrawal",
  "aidFreeze",
  "neutrality",
  "territoryDeferred",
  "peacekeepers",
  "guaranteesUkraine",
  "guaranteesBelarus",
  "sanctionsRelief",
] as const;
export type ClauseType = (typeof CLAUSE_TYPES)[number];

export const SIGNALS = [
  "pressure",
  "stagingRequest",
  "counteroffensive",
  "appealToAllies",
  "pauseAid",
  "resumeAid",
  "lowerTheBar",
  "dealPressure",
  "aidPackage",
  "unitySummit",
  "pardonWave",
  "nobelPledge",
  "peaceFormula",
  "offerPeacekeepers",
] as const;
export type Signal = (typeof SIGNALS)[number];

export type SanctionLevel = "full" | "partial" | "none";
export type ReliefLevel = "partial" | "full";
export type ReliefCondition = "democratization" | "prisoners";
export type Stance = "support" | "oppose" | "none";

/** Clause parameters by type. Lists are kept sorted so equal clauses compare equal. */
export interface ClauseParams {
  contributors?: Actor[]; // peacekeepers
  guarantors?: Actor[]; // guaranteesUkraine, guaranteesBelarus
  target?: "RU" | "BY"; // sanctionsRelief
  issuer?: "US" | "EU"; // sanctionsRelief
  level?: ReliefLevel; // sanctionsRelief
  condition?: ReliefCondition; // sanctionsRelief on BY only
}

/** A clause as a player writes it: its type and its parameters. */
export interface ClauseDraft extends ClauseParams {
  type: ClauseType;
}

export type ClauseStatus = "suggested" | "proposed" | "agreed" | "struck" | "superseded";

export interface Clause {
  id: string;
  type: ClauseType;
  params: ClauseParams;
  proposer: Code;
  /** The observer who suggested it, when a party adopted a suggestion. */
  suggestedBy?: Code;
  status: ClauseStatus;
  stances: Partial<Record<Code, Stance>>;
  round: number;
  /** A clause added by Belarus's parity claim (¶14): opposing it costs influence. */
  parity?: boolean;
  /** Set the first time the clause is agreed: what an agreement sets off happens once. */
  agreedOnce?: true;
  /** Ids of RU relief clauses a parity claim has already been made on. */
  parityOf?: string;
}

export type MotionStatus = "pending" | "approved" | "denied" | "torpedoed" | "passed" | "lapsed";

export interface Motion {
  id: string;
  delegation: Code;
  seat: Seat;
  sponsor: Code;
  status: MotionStatus;
  round: number;
}

export type TableKind = "say" | "press" | "event";
export interface TableEntry {
  kind: TableKind;
  from: string; // a Code, "chair", or "" for the narrator
  text: string;
  round: number;
  /** For the narrator's lines: the kind of event announced ("seat", "agreed", "momentum", …). */
  tag?: string;
}

/** The tracks a change can move: the public ones and Belarus's private ones. */
export type TrackName = "momentum" | "battlefield" | "euUnity" | "autonomy" | "trust" | "usFavour";

/** One change of a track, with its cause in words. */
export interface TrackChange {
  track: TrackName;
  from: number;
  to: number;
  cause: string;
  round: number;
}

/** A back-channel message: seen by its sender, its recipients and the facilitator only. */
export interface PrivateMessage {
  id: string;
  from: Code;
  to: Code[];
  text: string;
  round: number;
}

export interface DelegationState {
  seat: Seat;
  influence: number;
  ready: boolean;
  bot: boolean;
  /** Students seated in this delegation (the room keeps names; the engine keeps the count). */
  humans: number;
  signature: "" | "signed" | "refused";
  /** Influence withheld at the next round's grant (deal pressure, refused staging). */
  penalty: number;
  /** Influence that may only be spent on `pressure` this round (Kremlin hawks). */
  pressureBonus: number;
}

export interface BelarusState {
  autonomy: number;
  /** Moscow's trust in Minsk (¶6, ¶8): gates Russia's sponsorship and Minsk as a guarantor. */
  trust: number;
  usFavour: number;
  pardonWaves: number;
  nobelPledged: boolean;
  peaceFormula: boolean;
  peacekeepersOffered: boolean;
  /** Clauses Russia proposed that Belarus has supported (each earns trust once). */
  backed: string[];
}

/** The West's price for relief to Belarus, per issuer (¶15). */
export type ReliefBars = Record<"US" | "EU", ReliefCondition>;

/** Effects queued during a round and resolved at its end (DESIGN §2.5 step 2). */
export interface RoundQueue {
  pressure: number;
  stagingAllowed: number;
  aidPackages: number;
  counteroffensives: number;
  eventShift: number;
  /** Whether a core clause (scenario `coreClauses`) became agreed during this round (step 3). */
  coreAgreed: boolean;
}

export interface GameConfig {
  rounds: number;
  /** 0: the facilitator advances rounds by hand. */
  roundSeconds: number;
  seed: number;
  bots: boolean;
  events: boolean;
  solo: boolean;
  /** Seconds the solo briefing waits for "Ready" before round 1 begins. */
  briefingSeconds: number;
  /** A venue the facilitator set in advance ("" lets the chair choose in the briefing). */
  venue: string;
}

export interface GameState {
  scenario: string;
  config: GameConfig;
  /** The seeded generator's state: the only source of chance. */
  rng: number;
  phase: Phase;
  round: number;
  /** Epoch ms when the current phase's timer runs out; 0 when there is none. */
  deadline: number;
  paused: boolean;
  /** Ms left on the timer while paused. */
  remaining: number;
  momentum: number;
  battlefield: number;
  euUnity: number;
  usAid: "flowing" | "paused";
  venue: string;
  venueVetoed: boolean;
  chair: Code;
  delegations: Record<Code, DelegationState>;
  belarus: BelarusState;
  sanctions: Record<"RU" | "BY", Record<"US" | "EU", SanctionLevel>>;
  /**
   * What each issuer asks of Minsk for relief (¶15): `lowerTheBar` moves the US bar to
   * "prisoners"; the EU's is "prisoners" only while EU unity is at the blocking line or below.
   * Replaced, never changed in place.
   */
  byCondition: ReliefBars;
  clauses: Clause[];
  motions: Motion[];
  table: TableEntry[];
  messages: PrivateMessage[];
  /** The current event card's id, "" when none. */
  event: string;
  deck: string[];
  queue: RoundQueue;
  /** An open staging request from Russia awaiting Belarus's answer (¶8). */
  stagingOpen: boolean;
  /**
   * Changes of Belarus's private tracks (autonomy, Moscow's trust, US favour) with their causes:
   * Belarus's own log, shown to Belarus and the facilitator only (public in the debrief).
   */
  notes: TrackChange[];
  /** Signals played this round, for icons on the seats. */
  signals: { delegation: Code; signal: Signal; round: number }[];
  /** How an early end came about, set by the end checks. */
  ended: OutcomeId | "";
  outcome: Outcome | null;
  nextId: number;
}

export interface ScoreLine {
  aim: string;
  text: string;
  ref: string;
  points: number;
}
/** One step of an explanation, with the paragraph (or "design assumption") behind it. */
export interface Reason {
  text: string;
  ref: string;
}

/** Why the game ended where it did: the article's two conditions (¶16) and Belarus's chain. */
export interface Explanation {
  /** Was the war stopped: which clauses, signed by whom. */
  stopped: Reason & { held: boolean };
  /** Did Moscow keep a strong hand: the battlefield and the treaty terms that counted. */
  strong: Reason & { held: boolean };
  /** The chain behind Belarus's score: seat, relief, guarantees, the outcome. */
  belarus: Reason[];
}

export interface Outcome {
  id: OutcomeId;
  scores: Record<Code, number>;
  breakdown: Record<Code, ScoreLine[]>;
  credibility: number;
  treatyInForce: boolean;
  /** Clause ids in force under the treaty. */
  inForce: string[];
  /** Every secret aim, revealed with what it scored: the debrief makes them public. */
  revealed: (ScoreLine & { delegation: Code })[];
  /** Why, in the article's terms: set on the final outcome only (not on projections). */
  why?: Explanation;
}

/* ---------- actions ---------- */

export type PlayerAction =
  | { type: "say"; to: "table" | Code[]; text: string }
  | { type: "propose"; clause: ClauseDraft }
  | { type: "suggest"; clause: ClauseDraft }
  | { type: "adopt"; suggestion: string }
  | { type: "stance"; clause: string; stance: Stance }
  | { type: "withdraw"; clause: string }
  | { type: "seatMotion"; delegation: Code; seat: Seat }
  | { type: "ruleMotion"; motion: string; approve: boolean }
  | { type: "torpedo"; target: string }
  | { type: "signal"; signal: Signal; target?: Code }
  | { type: "respondStaging"; allow: boolean }
  | { type: "parityClaim"; clause: string }
  | { type: "setVenue"; venue: string }
  | { type: "vetoVenue" }
  | { type: "ready"; ready: boolean }
  | { type: "sign"; sign: boolean };

/** The facilitator's console, and the system's own moves (timer, seating). Logged like any action. */
export type ControlAction =
  | { type: "start" }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "advance" }
  | { type: "extend"; seconds: number }
  | { type: "inject"; event: string }
  | { type: "setBot"; delegation: Code; bot: boolean }
  | { type: "end" }
  /** System: the timer fired; ends the phase if its deadline has passed. */
  | { type: "tick" }
  /** System: how many students sit in a delegation (joins, kicks, moves). */
  | { type: "seatHumans"; delegation: Code; humans: number };

export type Action = PlayerAction | ControlAction;
export type ActionType = Action["type"];

/** Who acts: a delegation, the facilitator, or the server itself. */
export type Who = Code | "facilitator" | "system";
/** Who looks: a delegation, the facilitator (sees all), or a spectator (public only). */
export type Viewer = Code | "facilitator" | "spectator";

/* ---------- results ---------- */

/** Something that happened, for animation and for the table log. */
export interface GameEvent {
  kind: string;
  who?: Who;
  text: string;
  data?: Record<string, unknown>;
}

export interface Rejection {
  ok: false;
  code: string;
  message: string;
}
export interface Accepted {
  ok: true;
  state: GameState;
  events: GameEvent[];
}
export type Result = Accepted | Rejection;

/* ---------- what leaves the engine ---------- */

/** One thing a delegation could do now, with its cost, and why not when it can't. */
export interface Move {
  /** A stable key for the control: "signal:pressure", "stance:c3:support", "propose". */
  key: string;
  type: PlayerAction["type"];
  label: string;
  cost: number;
  ok: boolean;
  reason?: string;
  /** The complete action to send; absent for moves that need more input (propose, suggest, say). */
  action?: PlayerAction;
  /** Refused because of the seat the delegation holds (a party's or an observer's move). */
  seatBound?: boolean;
}

export interface AimView {
  id: string;
  text: string;
  points: number;
  secret: boolean;
  ref: string;
  note: string;
  /** Points this aim would score if the game ended now. */
  progress: number;
  /** The aim's condition, so the client can warn before a clause crosses a red line. */
  when: Condition;
}

/** A delegation's private sheet: its aims (secret ones included), its own tracks and moves. */
export interface Briefing {
  delegation: Code;
  aims: AimView[];
  /** Belarus's own tracks, for Belarus (and the facilitator) only. */
  belarus?: BelarusState;
  /** Belarus's private track changes with their causes, for Belarus (and the facilitator) only. */
  notes?: TrackChange[];
  moves: Move[];
}

export interface PublicDelegation {
  seat: Seat;
  influence: number;
  ready: boolean;
  bot: boolean;
  /** Students seated in the delegation (public: the room lists them by name). */
  humans: number;
  signature: "" | "signed" | "refused";
}

/** Everything anyone may see: what the synced room state carries. */
export interface PublicView {
  scenario: string;
  phase: Phase;
  round: number;
  rounds: number;
  deadline: number;
  paused: boolean;
  remaining: number;
  momentum: number;
  battlefield: number;
  euUnity: number;
  usAid: "flowing" | "paused";
  venue: string;
  venueVetoed: boolean;
  chair: Code;
  byCondition: ReliefBars;
  sanctions: GameState["sanctions"];
  pardonWaves: number;
  stagingOpen: boolean;
  delegations: Record<Code, PublicDelegation>;
  clauses: Clause[];
  motions: Motion[];
  table: TableEntry[];
  signals: GameState["signals"];
  event: string;
  /** Set in the debrief; secret aims are public by then. */
  outcome: Outcome | null;
}

export interface View {
  public: PublicView;
  /** The viewer's delegation sheet; the facilitator gets every delegation's. */
  briefings: Partial<Record<Code, Briefing>>;
  /** Back-channel messages the viewer may read (all of them for the facilitator). */
  messages: PrivateMessage[];
}
