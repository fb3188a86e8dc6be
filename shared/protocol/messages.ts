/**
 * Message names, options and payloads between client and server (DESIGN §4).
 * docs/PROTOCOL.md is the prose reference; this file is the one both sides import.
 */
import type { Briefing, Code, OutcomeId, PrivateMessage } from "../rules/types.ts";

export const PROTOCOL_VERSION = 1;
export const ROOM_NAME = "table";

/** Message types, client → server and server → client. */
export const MSG = {
  action: "action",
  facilitator: "facilitator",
  welcome: "welcome",
  briefing: "briefing",
  private: "private",
  event: "event",
  error: "error",
  /** Server → facilitator: every member with the id `assign`/`kick` take (names, no tokens). */
  roster: "roster",
  /** Server → facilitator: each student's accepted moves and lines so far (throttled). */
  participation: "participation",
  /** Server → everyone in a finished game: bot games of the same setup, as they are played, then the result. */
  simulated: "simulated",
  /** Student → server: take the delegation's seat back from the bot playing it (payload `{}`). */
  takeSeat: "takeSeat",
} as const;

/** Join codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const CODE_LENGTH = 6;
export const isJoinCode = (s: string): boolean =>
  s.length === CODE_LENGTH && [...s].every((ch) => CODE_ALPHABET.includes(ch));

export type Role = "facilitator" | "player" | "spectator";

export interface CreateConfig {
  rounds?: number;
  roundSeconds?: number;
  seed?: number;
  bots?: boolean;
  events?: boolean;
  venue?: string;
}

export interface CreateOptions {
  name: string;
  role: Role;
  config?: CreateConfig;
  delegation?: Code;
  solo?: boolean;
}

export interface JoinOptions {
  name: string;
  role: Role;
  delegation?: Code;
  playerToken?: string;
  facilitatorToken?: string;
}

export interface Welcome {
  playerToken: string;
  code: string;
  role: Role;
  delegation?: Code;
  facilitatorToken?: string;
  /** The member id the facilitator uses to assign or kick this student. */
  member?: string;
  protocol: number;
}

/** `"briefing"`: one per delegation the receiver may read (the facilitator gets all five). */
export type BriefingMessage = Briefing;

/** `"private"`: back-channel messages this client may read; sent whole on join, then one at a time. */
export type PrivateMessagePayload = PrivateMessage;

/** `"roster"`: sent to the facilitator on join and whenever someone joins, moves or leaves. */
export interface RosterLine {
  member: string;
  name: string;
  role: Role;
  delegation: Code | "";
  connected: boolean;
}

/** `"participation"`: one line per student, sent to the facilitator on join and at most every 2 s after a change. */
export interface ParticipationLine {
  member: string;
  name: string;
  delegation: Code | "";
  /** Accepted moves of any kind. */
  actions: number;
  /** Lines said at the table (press statements included). */
  statements: number;
  /** Back-channel messages sent. */
  backChannel: number;
}

/**
 * The talk cap: `say` lines (table and back channel) a game keeps. Each student has a share of
 * their own, so one student cannot use up the others' talk; the game as a whole stops at
 * `perGame` (40 students × 500). Bots are bounded by their per-round budget instead.
 * Every accepted move counts too (`actionsPerStudent`): stance flips, suggestions withdrawn and
 * ready toggles are free, and without a bound one student could grow the log for hours.
 */
export const TALK_CAP = { perStudent: 500, perGame: 20_000, actionsPerStudent: 2_000 } as const;

export interface ErrorMessage {
  code: string;
  message: string;
  action?: string;
}

/** Stable error codes outside the engine's `rule/…` and `phase/…` ones. */
export const ERR = {
  invalid: "payload/invalid",
  tooLarge: "payload/too_large",
  unknownType: "payload/unknown_type",
  rateLimited: "rate_limited",
  notFacilitator: "role/not_facilitator",
  spectator: "role/spectator",
  noMember: "room/no_member",
  notDelegation: "role/not_delegation",
  talkCap: "talk/cap",
} as const;

/** One delegation's score in this game against the bots who played that seat. */
export interface SimulatedSeat {
  /** This game's score. */
  score: number;
  /** The bots' mean score in the seat. */
  mean: number;
  /** Share of simulated games (%) in which the seat scored less than this game: "better than". */
  percentile: number;
  /** Share of simulated games (%) in which the seat scored exactly as much. */
  level: number;
  /** [score, games] for every score the bots reached, lowest first. */
  histogram: [number, number][];
}

/**
 * `"simulated"`: the game against bot-only games of the same scenario and config. Sent while
 * they are played (`queued`, `running`: `done` of `total`), then once `done` with the result
 * (or `failed` with a reason); a client joining later gets the latest one after `welcome`.
 */
export interface SimulatedMessage {
  status: "queued" | "running" | "done" | "failed";
  done: number;
  total: number;
  result?: {
    /** Games played (fewer than `total` only when the time budget ran out: `partial`). */
    games: number;
    partial: boolean;
    outcomes: Partial<Record<OutcomeId, number>>;
    scores: Record<Code, SimulatedSeat>;
  };
  message?: string;
}
