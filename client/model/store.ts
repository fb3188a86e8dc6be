/**
 * The client's single source of truth: what the server has told this browser. Connection
 * writes it, panels and the scene read it and re-render on change. No DOM, no Phaser here.
 */
import type { Briefing, Code, GameEvent, PrivateMessage } from "../../shared/rules/types.ts";
import type { ParticipationLine, Role, RosterLine, SimulatedMessage, Welcome } from "../../shared/protocol/messages.ts";
import { normalize, type PublicState } from "./publicState.ts";

export type ConnectionState = "idle" | "connecting" | "connected" | "reconnecting" | "closed" | "kicked";

export interface Toast {
  id: number;
  code: string;
  message: string;
}

export interface ClientState {
  connection: ConnectionState;
  role: Role | null;
  delegation: Code | null;
  welcome: Welcome | null;
  pub: PublicState;
  briefings: Partial<Record<Code, Briefing>>;
  messages: PrivateMessage[];
  toasts: Toast[];
  /** The facilitator's roster: every student with the member id used to move or remove them. */
  roster: RosterLine[];
  /** The facilitator's per-student counts, pushed by the room (`participation`). */
  participation: ParticipationLine[];
  /** Engine events in arrival order, for the scene's animations; trimmed to the latest. */
  events: { seq: number; event: GameEvent }[];
  /** The game against bot games of its setup, once it has ended (`simulated`). */
  simulated: SimulatedMessage | null;
  /**
   * A move or command was sent and the server has not answered yet (no state change, no error):
   * the game view holds its buttons meanwhile, so a double click sends once.
   */
  waiting: boolean;
  /** A solo game (this browser created it as one). */
  solo: boolean;
}

type Listener = (s: ClientState, changed: ReadonlySet<keyof ClientState>) => void;

export class Store {
  state: ClientState = {
    connection: "idle",
    role: null,
    delegation: null,
    welcome: null,
    pub: normalize({}),
    briefings: {},
    messages: [],
    toasts: [],
    roster: [],
    participation: [],
    events: [],
    simulated: null,
    waiting: false,
    solo: false,
  };
  private listeners = new Set<Listener>();
  private seq = 0;

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  set(patch: Partial<ClientState>): void {
    this.state = { ...this.state, ...patch };
    const changed = new Set(Object.keys(patch) as (keyof ClientState)[]);
    for (const fn of this.listeners) fn(this.state, changed);
  }

  setPublic(raw: unknown): void {
    this.set({ pub: normalize(raw) });
  }

  setWelcome(w: Welcome): void {
    // Another game's simulated games never show in this one's debrief.
    this.set({ welcome: w, role: w.role, delegation: w.delegation ?? null, ...(this.state.welcome?.code !== w.code ? { simulated: null } : {}) });
  }

  addBriefing(b: Briefing): void {
    this.set({ briefings: { ...this.state.briefings, [b.delegation]: b } });
  }

  /** Back-channel messages arrive whole on join, then one at a time; ids keep them unique. */
  addMessages(list: PrivateMessage[]): void {
    const byId = new Map(this.state.messages.map((m) => [m.id, m]));
    for (const m of list) byId.set(m.id, m);
    this.set({ messages: [...byId.values()] });
  }

  addEvent(event: GameEvent): void {
    this.seq += 1;
    this.set({ events: [...this.state.events.slice(-49), { seq: this.seq, event }] });
  }

  toast(code: string, message: string): void {
    this.seq += 1;
    this.set({ toasts: [...this.state.toasts.slice(-3), { id: this.seq, code, message }] });
  }

  dismiss(id: number): void {
    this.set({ toasts: this.state.toasts.filter((t) => t.id !== id) });
  }
}

/** The briefing this viewer reads first: its own delegation's, else the first one sent. */
export function ownBriefing(s: ClientState): Briefing | null {
  if (s.delegation && s.briefings[s.delegation]) return lockedByBot(s, s.briefings[s.delegation]!);
  const first = Object.values(s.briefings)[0];
  return first ?? null;
}

/** What a student reads while a bot plays their seat: every move but talk refused, saying why. */
export const BOT_LOCK = 'A bot is playing your seat: press "Take the seat back" to act again.';

function lockedByBot(s: ClientState, b: Briefing): Briefing {
  if (s.role !== "player" || !s.pub.delegations[b.delegation]?.bot) return b;
  return { ...b, moves: b.moves.map((m) => (m.type === "say" ? m : { ...m, ok: false, reason: BOT_LOCK })) };
}
