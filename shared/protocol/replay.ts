/**
 * `GET /api/games/:code/replay` (docs/PROTOCOL.md): what a finished game's replay is built
 * from. The client runs the entries through the engine (shared/rules/replay.ts Timeline).
 */
import type { Action, Code, GameConfig, Who } from "../rules/types.ts";
import type { ObjectiveSpec } from "../scenario/types.ts";
import type { Role } from "./messages.ts";

/** Who asked: the owner (facilitator, or a solo game's player) also gets `share`. */
export type ReplayViewer = "facilitator" | "player" | "shared";

export interface ReplayBody {
  code: string;
  scenario: string;
  config: GameConfig;
  /** When the game ended (epoch ms). */
  finished: number;
  /** The engine log in order; `time` is the clock reading the engine was given. */
  entries: { seq: number; time: number; who: Who; action: Action }[];
  /**
   * The scenario's objectives, which the engine scores with: the client bundle leaves them out
   * (secret aims), and a finished game reveals them all in its debrief anyway.
   */
  objectives: ObjectiveSpec[];
  /** The students (and facilitator) by name and seat; no ids, no tokens. */
  members: { name: string; role: Role; delegation: Code | ""; kicked: boolean }[];
  viewer: ReplayViewer;
  /** Only for the owner: the share key and the path a class opens with it. */
  share?: { key: string; link: string };
}

/** The share key's shape: 22 base64url characters (128 bits of an HMAC-SHA256). */
export const SHARE_KEY = /^[A-Za-z0-9_-]{22}$/;
