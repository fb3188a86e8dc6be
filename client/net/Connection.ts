/**
 * The only file that talks to the game server (the SDK). Scenes and panels read the Store;
 * they never see a socket. A dropped socket is retried by the SDK; a lost seat is reclaimed
 * with the player token kept per join code.
 */
import { Client, type Room } from "@colyseus/sdk";
import { MSG, ROOM_NAME, type CreateOptions, type JoinOptions, type ParticipationLine, type RosterLine, type SimulatedMessage, type Welcome } from "../../shared/protocol/messages.ts";
import type { Expectation, FacilitatorCommand } from "../../shared/protocol/actions.ts";
import type { Briefing, GameEvent, PlayerAction, PrivateMessage } from "../../shared/rules/types.ts";
import type { Store } from "../model/store.ts";
import { forget, save } from "../model/tokens.ts";

/**
 * The server's address: always the page's own origin in a built page. Only the Vite dev server
 * (`import.meta.env.DEV`, never in a build) talks to a separate game server, by default on port
 * 2567 of the same host or wherever `?server=` says — a link that could send the console's token
 * to another host must not work in production.
 */
export function endpoint(): string {
  if (import.meta.env.DEV) return new URLSearchParams(location.search).get("server") || `${location.protocol}//${location.hostname}:2567`;
  return location.origin;
}

/**
 * The refusals that mean a saved token is dead: the server does not know it, or it is not the
 * facilitator's. Anything else (locked, not found while the server restores, a network error,
 * too many requests) is passing: keep the token and try again.
 */
export const DEAD_TOKEN = ["join/bad_token", "join/not_facilitator"] as const;

/** The stable reason at the start of a refusal's message ("join/bad_token: …"), or "". */
export function refusalReason(e: unknown): string {
  const m = /^((?:join|create)\/[a-z_]+)\b/.exec(e instanceof Error ? e.message : String(e ?? ""));
  return m ? m[1] : "";
}

/** What the server says about a join code before anyone picks a delegation (`GET /api/games/:code`). */
export type CodeCheck =
  | { ok: true; solo: boolean; finished: boolean; teams: Record<string, number> }
  | { ok: false; message: string };

export async function checkCode(code: string): Promise<CodeCheck> {
  let res: Response;
  try {
    res = await fetch(`${endpoint()}/api/games/${encodeURIComponent(code)}`, { cache: "no-store" });
  } catch {
    return { ok: false, message: "The server cannot be reached: check the connection and try again." };
  }
  const body = (await res.json().catch(() => ({}))) as { message?: string; status?: string; solo?: boolean; teams?: Record<string, number> };
  if (res.status === 200) return { ok: true, solo: !!body.solo, finished: body.status === "finished", teams: body.teams ?? {} };
  if (res.status === 404) return { ok: false, message: `There is no game with the code ${code}. Check the code with your teacher (letters and digits, no O, I, L, S, Z or B).` };
  return { ok: false, message: body.message ?? "The server could not check the code right now: try again in a moment." };
}

export const tokenIsDead = (e: unknown): boolean => (DEAD_TOKEN as readonly string[]).includes(refusalReason(e));

export class Connection {
  private client = new Client(endpoint());
  private room: Room | null = null;
  private store: Store;
  private lastJoin: { code: string; options: JoinOptions } | null = null;
  private leaving = false;
  private rejoining = false;

  constructor(store: Store) {
    this.store = store;
  }

  get code(): string {
    return this.room?.roomId ?? "";
  }

  /** A facilitator's session, or a solo game (the server opens it in the briefing phase). */
  async create(options: CreateOptions): Promise<Welcome> {
    this.store.set({ connection: "connecting" });
    try {
      const room = await this.client.create(ROOM_NAME, options);
      const w = await this.attach(room, options.name);
      if (options.solo) {
        save(localStorage, w.code, { solo: true });
        this.store.set({ solo: true });
      }
      return w;
    } catch (e) {
      this.store.set({ connection: "idle" });
      throw e;
    }
  }

  async join(code: string, options: JoinOptions): Promise<Welcome> {
    this.store.set({ connection: "connecting" });
    try {
      const room = await this.client.joinById(code, options);
      this.lastJoin = { code, options };
      return await this.attach(room, options.name);
    } catch (e) {
      // A failed rejoin leaves the dead room in `this.room`: say what is true, never "connected".
      this.store.set({ connection: this.room?.connection.isOpen ? "connected" : this.rejoining ? "reconnecting" : "idle" });
      throw e;
    }
  }

  send(action: PlayerAction): void {
    if (this.offline()) return;
    this.room!.send(MSG.action, action);
    this.wait();
  }

  /**
   * A console command, carrying what the console showed when it was clicked (`expect`): a second
   * click that arrives after the first one moved the game on is refused by the server as stale.
   * Timer commands also name the timer, so "Extend" twice adds one extension.
   */
  facilitator(cmd: FacilitatorCommand | Record<string, unknown>): void {
    if (this.offline()) return;
    const type = String((cmd as { type?: unknown }).type);
    const p = this.store.state.pub;
    const timed = type === "extend" || type === "pause" || type === "resume";
    const expect: Expectation | undefined =
      type === "assign" || type === "kick" || type === "setBot"
        ? undefined
        : { phase: p.phase, round: p.round, ...(timed ? { deadline: p.deadline, remaining: p.remaining } : {}) };
    this.room!.send(MSG.facilitator, expect ? { ...cmd, expect } : cmd);
    this.wait();
  }

  /** Takes the delegation's seat back from the bot playing it. */
  takeSeat(): void {
    if (this.offline()) return;
    this.room!.send(MSG.takeSeat, {});
    this.wait();
  }

  #waitTimer: ReturnType<typeof setTimeout> | undefined;
  /** Holds the buttons until the server answers (a state change or an error); at most 4 s. */
  private wait(): void {
    clearTimeout(this.#waitTimer);
    this.store.set({ waiting: true });
    this.#waitTimer = setTimeout(() => this.answered(), 4000);
  }

  private answered(): void {
    clearTimeout(this.#waitTimer);
    if (this.store.state.waiting) this.store.set({ waiting: false });
  }

  /** A move made while the server is away would be lost silently: refuse it out loud instead. */
  private offline(): boolean {
    if (this.room?.connection.isOpen) return false;
    this.store.toast("offline", "Not connected — your move was not sent. Reconnecting…");
    return true;
  }

  async leave(): Promise<void> {
    this.leaving = true;
    await this.room?.leave(true).catch(() => undefined);
    this.room = null;
  }

  private attach(room: Room, name: string): Promise<Welcome> {
    this.room = room;
    this.leaving = false;
    // The SDK retries a dropped socket by itself; this only tunes how soon it may. Its retries
    // go to the same process: after 4 (about 3 s) the token rejoin below takes over, which
    // also finds the game on another process after a fail-over (its default 15 took ~55 s).
    room.reconnection.minUptime = 0;
    room.reconnection.maxRetries = 4;
    const store = this.store;
    room.onStateChange((state: { toJSON?: () => unknown }) => {
      store.setPublic(state?.toJSON ? state.toJSON() : state);
      this.answered();
    });
    room.onMessage(MSG.briefing, (b: Briefing | Briefing[]) => {
      for (const one of Array.isArray(b) ? b : [b]) store.addBriefing(one);
    });
    room.onMessage(MSG.private, (m: PrivateMessage | PrivateMessage[]) => store.addMessages(Array.isArray(m) ? m : [m]));
    room.onMessage(MSG.event, (e: GameEvent | GameEvent[]) => {
      for (const one of Array.isArray(e) ? e : [e]) {
        store.addEvent(one);
        // Said to this student alone: what the bot did with the seat while they were away.
        if (one.kind === "away" || one.kind === "shutdown") store.toast(one.kind, one.text);
      }
    });
    room.onMessage(MSG.error, (e: { code?: string; message?: string }) => {
      store.toast(e?.code ?? "error", e?.message ?? "Rejected");
      this.answered();
    });
    room.onMessage(MSG.roster, (r: RosterLine[]) => store.set({ roster: Array.isArray(r) ? r : [] }));
    room.onMessage(MSG.participation, (p: ParticipationLine[]) => store.set({ participation: Array.isArray(p) ? p : [] }));
    room.onMessage(MSG.simulated, (m: SimulatedMessage) => store.set({ simulated: m }));
    room.onMessage("*", () => undefined);
    room.onDrop(() => store.set({ connection: "reconnecting" }));
    room.onReconnect(() => store.set({ connection: "connected" }));
    room.onLeave((code: number, reason?: string) => {
      if (this.leaving || this.room !== room) return;
      // 4000: the seat moved to another tab ("replaced") or the student was removed ("kicked").
      // Rejoining would fight the other tab or fail on a dead token, so stop here and say why.
      if (code === 4000) {
        // Kicked: the server killed this seat's token, so a refresh must not try it again. The
        // status line says it once, with no offer to rejoin.
        if (reason === "kicked") {
          if (this.room?.roomId) forget(localStorage, this.room.roomId, "playerToken");
          return store.set({ connection: "kicked" });
        }
        store.set({ connection: "closed" });
        store.toast("closed", "This seat is now open in another tab or window.");
        return;
      }
      store.set({ connection: "reconnecting" });
      void this.rejoin(code);
    });
    return new Promise<Welcome>((resolve) => {
      room.onMessage(MSG.welcome, (w: Welcome) => {
        save(localStorage, w.code, {
          name,
          ...(w.playerToken && w.role === "player" ? { playerToken: w.playerToken } : {}),
          ...(w.facilitatorToken ? { facilitatorToken: w.facilitatorToken } : {}),
        });
        store.setWelcome(w);
        store.set({ connection: "connected" });
        resolve(w);
      });
    });
  }

  /** After the SDK gives up: join again with the saved token, backing off, until it works. */
  private async rejoin(_code: number): Promise<void> {
    const last = this.lastJoin;
    const w = this.store.state.welcome;
    if (!w) return this.store.set({ connection: "closed" });
    const options: JoinOptions =
      w.role === "facilitator"
        ? { name: last?.options.name ?? "Facilitator", role: "facilitator", facilitatorToken: w.facilitatorToken ?? last?.options.facilitatorToken }
        : w.role === "player"
          ? { name: last?.options.name ?? "", role: "player", playerToken: w.playerToken }
          : { name: last?.options.name ?? "Projector", role: "spectator" };
    this.rejoining = true;
    try {
      for (let attempt = 0; attempt < 20 && !this.leaving; attempt++) {
        await new Promise((r) => setTimeout(r, Math.min(4000, 500 * 2 ** attempt)));
        try {
          await this.join(w.code, options);
          return;
        } catch (e) {
          if (tokenIsDead(e)) break; // the seat is gone: say so instead of knocking 20 times
          /* server still away: keep trying */
        }
      }
    } finally {
      this.rejoining = false;
    }
    this.store.set({ connection: "closed" });
  }
}
