/**
 * Who is in the room: students seated in delegations, the facilitator, spectators, their
 * tokens (hashed) and live connections. The engine only learns head counts per delegation
 * (`seatHumans`); names and tokens stay here and in the store, never in the synced state.
 */
import { DELEGATIONS, type Code } from "../../shared/rules/index.ts";
import type { Role, RosterLine } from "../../shared/protocol/messages.ts";
import type { GameStore, MemberRow } from "../store/types.ts";
import { hashToken, newToken, tokenMatches } from "../store/tokens.ts";

export interface Member extends MemberRow {
  /** The Colyseus sessionId of the connection holding this seat ("" when none). */
  sessionId: string;
  /** The raw token, in memory only (for welcomes); learnt again from the client after a restart. */
  token: string;
  /** Whether that connection is up (false while Colyseus waits for a reconnection). */
  connected: boolean;
}

export class Roster {
  readonly code: string;
  readonly #store: GameStore;
  readonly members = new Map<string, Member>();
  /** Spectators are not persisted and hold no seat; listed to the facilitator, who may remove them. */
  readonly #spectators = new Map<string, Member>();
  #spectatorCount = 0;

  constructor(code: string, store: GameStore, rows: MemberRow[] = []) {
    this.code = code;
    this.#store = store;
    for (const row of rows) this.members.set(row.id, { ...row, sessionId: "", connected: false, token: "" });
  }

  /** The roster as the store holds it. */
  static async load(code: string, store: GameStore): Promise<Roster> {
    return new Roster(code, store, await store.members(code));
  }

  /** A new member with a fresh token; players and the facilitator are persisted. */
  add(name: string, role: Role, delegation: Code | "", now: number, token = newToken()): { member: Member; token: string } {
    const id = role === "spectator" ? `s${++this.#spectatorCount}` : `m${this.members.size + 1}`;
    const member: Member = {
      id, name: name || defaultName(role, delegation), role, delegation,
      tokenHash: hashToken(token), joined: now, kicked: false, sessionId: "", connected: false, token,
    };
    if (role === "spectator") {
      this.#spectators.set(id, member);
    } else {
      this.members.set(id, member);
      this.#store.putMember(this.code, member);
    }
    return { member, token };
  }

  /** The member a token belongs to (kicked members' tokens are dead). */
  byToken(token: string): Member | undefined {
    for (const m of this.members.values()) if (!m.kicked && tokenMatches(token, m.tokenHash)) return m;
    return undefined;
  }

  bySession(sessionId: string): Member | undefined {
    if (!sessionId) return undefined;
    for (const m of this.members.values()) if (m.sessionId === sessionId) return m;
    for (const m of this.#spectators.values()) if (m.sessionId === sessionId) return m;
    return undefined;
  }

  /** Forgets a spectator who left or was removed (students keep their seats). */
  left(m: Member): void {
    if (m.role === "spectator") this.#spectators.delete(m.id);
  }

  spectators(): Member[] {
    return [...this.#spectators.values()];
  }

  spectator(id: string): Member | undefined {
    return this.#spectators.get(id);
  }

  players(): Member[] {
    return [...this.members.values()].filter((m) => m.role === "player" && !m.kicked);
  }

  humans(code: Code): number {
    return this.players().filter((m) => m.delegation === code).length;
  }

  move(m: Member, delegation: Code): void {
    m.delegation = delegation;
    this.#store.putMember(this.code, m);
  }

  kick(m: Member): void {
    m.kicked = true;
    m.sessionId = "";
    m.connected = false;
    this.#store.putMember(this.code, m);
  }

  /** Public members[] per delegation: names and presence only. */
  publicRoster(): Record<Code, { name: string; connected: boolean }[]> {
    const out = Object.fromEntries(DELEGATIONS.map((c) => [c, [] as { name: string; connected: boolean }[]])) as Record<
      Code,
      { name: string; connected: boolean }[]
    >;
    for (const m of this.players()) if (m.delegation) out[m.delegation].push({ name: m.name, connected: m.connected });
    return out;
  }

  /** The facilitator's roster, spectators last, with the member ids `assign` and `kick` take. */
  facilitatorRoster(): RosterLine[] {
    return [...this.members.values(), ...this.#spectators.values()]
      .filter((m) => !m.kicked)
      .map((m) => ({ member: m.id, name: m.name, role: m.role, delegation: m.delegation, connected: m.connected }));
  }
}

function defaultName(role: Role, delegation: Code | ""): string {
  if (role === "facilitator") return "Facilitator";
  if (role === "spectator") return "Projector";
  return `${delegation} delegate`;
}
