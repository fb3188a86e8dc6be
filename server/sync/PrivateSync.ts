/**
 * Everything that must not enter the synced state travels here as direct sends: briefings
 * (a delegation's members and the facilitator) and back-channel messages (sender, recipients
 * and the facilitator). Spectators receive neither. Who may read what is decided by the
 * engine's `view`/`briefing`; this file only routes.
 */
import { DELEGATIONS, briefing, projectOutcome, view, type Code, type GameState, type PrivateMessage } from "../../shared/rules/index.ts";
import { getMessageBytes, Protocol } from "@colyseus/core";
import { MSG } from "../../shared/protocol/messages.ts";

/** What the room knows about a connection: enough to route private sends. */
export interface Audience {
  role: "facilitator" | "player" | "spectator";
  delegation: Code | "";
}

export interface Sender {
  /** Connected clients with their audience; `raw` sends a message already encoded. */
  recipients(): Iterable<{ audience: Audience; raw(bytes: Uint8Array): void }>;
}

/** A message encoded once for every recipient (as `client.send` would encode it for one). */
const encode = (type: string, payload: unknown): Uint8Array => getMessageBytes.raw(Protocol.ROOM_DATA, type, payload);

const briefingsFrom = (phase: GameState["phase"]): boolean => phase !== "lobby";

export class PrivateSync {
  #lastBriefing = new Map<Code, string>();
  #seenMessages = 0;

  /**
   * Sends briefings that changed and back-channel messages that are new since the last call.
   * `sheets`: the delegations whose briefings the steps since the last call can have changed
   * (the engine's `sheetsChanged`): only those are recomputed (legal moves are the costly part),
   * none after talk, one after a ready toggle.
   */
  flush(state: GameState, out: Sender, sheets: ReadonlySet<Code> | "all" = "all"): void {
    const codes = sheets === "all" ? DELEGATIONS : DELEGATIONS.filter((c) => sheets.has(c));
    if (codes.length && briefingsFrom(state.phase)) {
      const projection = projectOutcome(state); // once, not once per delegation
      for (const code of codes) {
        const b = briefing(state, code, projection);
        const json = JSON.stringify(b);
        if (this.#lastBriefing.get(code) === json) continue;
        this.#lastBriefing.set(code, json);
        const bytes = encode(MSG.briefing, b);
        for (const r of out.recipients()) if (readsBriefing(r.audience, code)) r.raw(bytes);
      }
    }
    const fresh = state.messages.slice(this.#seenMessages);
    this.#seenMessages = state.messages.length;
    for (const m of fresh) {
      const bytes = encode(MSG.private, m);
      for (const r of out.recipients()) if (readsMessage(r.audience, m)) r.raw(bytes);
    }
  }

  /** Marks the current state as already sent (after a restore, before anyone is connected). */
  prime(state: GameState): void {
    this.#seenMessages = state.messages.length;
    if (!briefingsFrom(state.phase)) return;
    const projection = projectOutcome(state);
    for (const code of DELEGATIONS) this.#lastBriefing.set(code, JSON.stringify(briefing(state, code, projection)));
  }

  /** Everything private a (re)joining client may read: its briefings, then its messages. */
  welcome(state: GameState, audience: Audience, send: (type: string, payload: unknown) => void): void {
    const viewer = audience.role === "facilitator" ? "facilitator" : audience.role === "player" && audience.delegation ? audience.delegation : null;
    if (!viewer) return;
    const v = view(state, viewer);
    if (briefingsFrom(state.phase)) for (const code of DELEGATIONS) { const b = v.briefings[code]; if (b) send(MSG.briefing, b); }
    for (const m of v.messages) send(MSG.private, m);
  }
}

function readsBriefing(a: Audience, code: Code): boolean {
  return a.role === "facilitator" || (a.role === "player" && a.delegation === code);
}

function readsMessage(a: Audience, m: PrivateMessage): boolean {
  if (a.role === "facilitator") return true;
  if (a.role !== "player" || !a.delegation) return false;
  return m.from === a.delegation || m.to.includes(a.delegation);
}
