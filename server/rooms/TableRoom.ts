/**
 * The `table` room: a thin adapter between clients and the engine. Every message follows one
 * path — guard (rate, size) → parse (zod) → engine `apply` → enqueue the log row → flush (the
 * store commits) → sync (schema patch, private sends, events). Rules live in shared/rules; the
 * room only knows who is who.
 *
 * Every entry point runs as a step of the room's queue (Steps.ts): nothing a step sends or
 * patches leaves before the store committed its writes. A fenced flush (another process took the
 * game) stops the room without sending anything.
 */
import { CloseCode, Room, type Client } from "@colyseus/core";
import { HandOver } from "./HandOver.ts";
import { publicView, sheetsChanged, type Action, type Code, type GameEvent, type Result, type Who } from "../../shared/rules/index.ts";
import { ERR, MSG, PROTOCOL_VERSION, type ErrorMessage, type Welcome } from "../../shared/protocol/messages.ts";
import type { ServerContext } from "../context.ts";
import { BotDriver } from "../bots/BotDriver.ts";
import { TableState } from "../sync/schema.ts";
import { applyPublic, syncMembers } from "../sync/applyPublic.ts";
import { PrivateSync, type Audience } from "../sync/PrivateSync.ts";
import { Participation } from "../sync/Participation.ts";
import { Fenced } from "../store/types.ts";
import type { Game } from "./Game.ts";
import type { Member, Roster } from "./Roster.ts";
import { MessageGuard } from "./MessageGuard.ts";
import { admit, type Admitted, type Creator } from "./admission.ts";
import { PhaseTimer } from "./PhaseTimer.ts";
import { Seats } from "./Seats.ts";
import { Steps } from "./Steps.ts";
import { oneWritePerClient } from "./oneWrite.ts";
import { refusals } from "./refusals.ts";
import { JoinRefused, parseJoin } from "./joinOptions.ts";
import { openGame } from "./opening.ts";
import { facilitatorCommand, playerAction, takeSeat, type CommandHost, type UserData } from "./commands.ts";
import { simulate, type RoomSimulation } from "../sim/index.ts";


export class TableRoom extends Room<{ state: TableState }> {
  state = new TableState();
  game!: Game;
  roster!: Roster;
  /** Bot moves the engine refused: always 0 unless a bot is buggy (tests assert it). */
  botRefusals = 0;
  #private = new PrivateSync();
  /** Per-student counts: the facilitator's `participation` message and the talk cap. */
  #participation = new Participation({
    roster: () => this.roster.facilitatorRoster(),
    send: (lines) => void this.#step("participation", () => this.#later(() => {
      const to = this.clients.filter((c) => (c.userData as UserData | undefined)?.role === "facilitator");
      if (to.length === 0) return;
      const payload = lines();
      for (const c of to) c.send(MSG.participation, payload);
    })),
  });
  #timer!: PhaseTimer;
  #bots!: BotDriver;
  #limits = new MessageGuard(() => this.ctx.settings);
  #creator: Creator | null = null;
  #finished = false;
  #seats = new Seats({
    state: () => this.game.state,
    roster: () => this.roster,
    commit: (a) => this.#commit(a, "system", "").ok,
  });
  #idle: ReturnType<typeof setTimeout> | undefined;
  #unclaimed: ReturnType<typeof setTimeout> | undefined;
  #handOver: HandOver | undefined;
  /** What the steps since the last send changed, sent by #flush. */
  #turn = newTurn();
  /** The scheduled #flush of this turn, cancelled when the room is disposed. */
  #flushTimer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | undefined;
  #disposed = false;
  /** Set when the store fenced this game: nothing is sent or written from here again. */
  #stopped = false;
  #steps = new Steps({
    durable: () => this.#durable(),
    failed: (e, name) => this.onUncaughtException(e instanceof Error ? e : new Error(String(e)), name),
  });
  /** This game against bot games of its setup (server/sim), once it has ended. */
  #sim: RoomSimulation | null = null;
  /** What the facilitator's and student's commands (commands.ts) reach of this room. */
  #host: CommandHost = {
    game: undefined as never,
    roster: undefined as never,
    seats: this.#seats,
    clients: { find: (f) => this.clients.find(f) },
    commit: (a, who, student) => this.#commit(a, who, student),
    error: (client, code, message, action) => this.#error(client, code, message, action),
    welcome: (client, m) => this.#welcome(client, m),
    sync: () => this.#sync(),
    later: (f) => this.#later(f),
    talkRefusal: (member, isSay) => this.#participation.talkRefusal(member, isSay),
  };

  /** The server this room belongs to: its store, settings and pacing (see `tableRoomFor`). */
  protected get ctx(): ServerContext {
    throw new Error("TableRoom is defined per server: register tableRoomFor(ctx)");
  }

  async onCreate(options: Record<string, unknown>): Promise<void> {
    const settings = this.ctx.settings;
    // No Colyseus client cap: reservations would count against it and lock the room for
    // everyone (members included). Admission caps students and spectators itself (onAuth), and
    // the matchmaking gate bounds reservations per address; unused ones lapse in a few seconds.
    this.seatReservationTimeout = settings.reservationSeconds;
    // Unfinished games outlive their clients (a teacher's laptop sleeps); idle games expire.
    this.autoDispose = false;
    const opened = await openGame(this.ctx, options);
    this.roomId = opened.code;
    this.game = opened.game;
    this.roster = opened.roster;
    this.#creator = opened.creator;
    for (const r of opened.log) {
      const a = r.action as Action;
      if (r.kind === "engine" && a.type === "setBot") this.#seats.noteSetBot(a.delegation, r.who);
      if (r.kind === "engine") this.#participation.count(r.student, a);
    }
    if (!opened.creator) {
      // Restored: what was replayed, and under which lease, for the operator (and fail-over tests).
      this.#private.prime(this.game.state);
      console.log(`[restore] game ${opened.code}: ${opened.log.length} log rows (last seq ${opened.log.at(-1)?.seq ?? 0}), lease generation ${this.ctx.store.held(opened.code) ?? "-"}`);
    }
    if (opened.creator) {
      // The creator's seat reservation: if it lapses unused, nobody else inherits its role, and a
      // game nobody ever joined is dropped rather than kept and restored forever.
      this.#unclaimed = setTimeout(() => void this.#step("unclaimed", () => {
        this.#creator = null;
        if (this.roster.members.size === 0) {
          this.ctx.store.setStatus(this.roomId, "abandoned", Date.now(), null);
          this.#later(() => void this.disconnect());
        }
      }), settings.unclaimedMs);
      this.#unclaimed.unref();
    }
    // Games are found by join code only: never listed to `join`/`joinOrCreate` callers.
    void this.setPrivate(true);
    this.#finished = this.game.state.phase === "debrief";
    this.#host = { ...this.#host, game: this.game, roster: this.roster };
    this.#timer = new PhaseTimer(() => void this.#step("tick", () => this.#tick()));
    // A bot's turn (decide, then play) is one step: it decides on the state its move meets.
    this.#bots = new BotDriver(settings.botDelayMs, () => this.game.state, (code, a) => {
      const r = this.#commit(a, code, "");
      if (!r.ok) this.botRefusals++;
      return r.ok;
    }, (turn) => void this.#step("bot", turn));

    this.#handOver = new HandOver({
      state: () => this.game.state,
      seated: (code) => this.#seats.seated(code),
      lastSetBy: (code) => this.#seats.lastSetBy(code),
      commit: (a) => this.#commit(a, "system", "").ok,
      tell: (code, text) => this.#later(() => {
        this.#flush();
        for (const c of this.clients) if ((c.userData as UserData | undefined)?.delegation === code) c.send(MSG.event, { kind: "away", text });
      }),
      step: (fn) => void this.#step("handOver", fn),
    }, settings.handOverMs);

    // Rate and size limits are checked as the message arrives; the rest runs as a step.
    const on = (type: string, handle: (client: Client, payload: unknown) => void) =>
      this.onMessage(type, (client, payload) => {
        if (this.#guard(client, payload, type)) void this.#step(type, () => handle(client, payload));
      });
    on(MSG.action, (client, payload) => playerAction(this.#host, client, payload));
    on(MSG.facilitator, (client, payload) => facilitatorCommand(this.#host, client, payload));
    on(MSG.takeSeat, (client, payload) => takeSeat(this.#host, client, payload));
    this.onMessage("*", (client, type, payload) => {
      // A client can send the literal type "*": Colyseus then passes (client, payload, ctx),
      // so `type` may be any object; never stringify what a client controls.
      const name = typeof type === "string" || typeof type === "number" ? String(type).slice(0, 40) : "*";
      if (this.#guard(client, payload, name)) this.#error(client, ERR.unknownType, `Unknown message type "${name}".`, name);
    });

    await this.#step("onCreate", () => {
      this.#sync();
      // A crash between saving a new member and logging its head count leaves them apart: the
      // roster (in the store first) is the truth.
      this.#seats.recount();
      this.#armIdle();
    });
  }

  async onAuth(client: Client, options: unknown): Promise<Admitted> {
    this.ctx.pending.settle(client.sessionId);
    const o = parseJoin(options);
    let a: Admitted | undefined;
    await this.#step("onAuth", () => {
      const creator = this.#creator;
      this.#creator = null;
      if (!creator && this.game.state.config.solo && o.role === "player" && !o.playerToken) {
        throw new JoinRefused("join/solo", "This is a solo game: join it as a spectator.");
      }
      a = admit(this.roster, o, creator, this.ctx.settings, Date.now());
      // A new spectator is found by session from now on, so a socket that closes before onJoin
      // still frees its place (onLeave).
      if (a.member.role === "spectator") a.member.sessionId = client.sessionId;
    });
    return a!;
  }

  /** Whether a token holds a seat here (asked by the matchmaking gate, maybe from another process). */
  seatHeldBy(token: unknown): boolean {
    return typeof token === "string" && !!this.roster?.byToken(token);
  }

  onJoin(client: Client, _options: unknown, auth: Admitted): Promise<void> {
    return this.#step("onJoin", () => {
      const m = auth.member;
      this.#takeSeat(client, m);
      if (auth.newSeat && m.delegation) this.#seats.count(m.delegation);
      // Solo: the lone player's seat is counted, bots fill the rest, the briefing opens at once.
      if (auth.newSeat && this.game.state.config.solo && this.game.state.phase === "lobby") this.#start();
      this.#welcome(client, m);
      this.#sync();
    });
  }

  onDrop(client: Client): void {
    void this.#step("onDrop", () => {
      const m = this.roster.bySession(client.sessionId);
      if (m) m.connected = false;
      this.#sync();
    });
    const m = this.roster.bySession(client.sessionId);
    if (!m || m.kicked) return;
    // Rejected when the room is shutting down or the wait runs out: the seat stays
    // reclaimable by token either way.
    Promise.resolve(this.allowReconnection(client, this.ctx.settings.reconnectSeconds)).catch(() => undefined);
  }

  onReconnect(client: Client): Promise<void> {
    return this.#step("onReconnect", () => {
      const m = this.roster.bySession(client.sessionId);
      // Kicked while the connection was down, or the seat moved to another tab: no way back in.
      if (!m || m.kicked) return this.#later(() => client.leave(4000, m ? "kicked" : "replaced"));
      m.connected = true;
      client.userData = { member: m.id, role: m.role, delegation: m.delegation } satisfies UserData;
      this.#welcome(client, m);
      this.#sync();
    });
  }

  onLeave(client: Client): Promise<void> {
    this.#limits.forget(client.sessionId);
    return this.#step("onLeave", () => {
      const m = this.roster.bySession(client.sessionId);
      if (m) {
        m.connected = false;
        m.sessionId = "";
        this.roster.left(m);
      }
      this.#sync();
      this.#armIdle();
    });
  }

  /** SIGTERM: tell everyone, then close with 4001; the game is restored at the next start. */
  onBeforeShutdown(): void {
    if (this.#disposed || this.#stopped) return void this.disconnect(CloseCode.SERVER_SHUTDOWN);
    void this.#step("onBeforeShutdown", () => this.#later(() => {
      this.#flush();
      this.broadcast(MSG.event, { kind: "shutdown", text: "The server is restarting. Your seat is kept: you will be brought back." });
      void this.disconnect(CloseCode.SERVER_SHUTDOWN);
    }));
  }

  /** A bug in one handler must cost one message, not every game on the server. */
  onUncaughtException(err: Error, method: string): void {
    // A refusal is no bug: one short line (a refused create is logged by the matchmaking gate).
    if (err.cause instanceof JoinRefused) return void (method !== "onCreate" && refusals.note(method, `in ${this.roomId}`, err.cause));
    console.error(`[room ${this.roomId}] ${method}: ${err.stack ?? err}`);
  }

  onDispose(): void {
    this.#disposed = true;
    // A flush scheduled this turn must not outlive the room: its server may close the store next.
    clearImmediate(this.#flushTimer as ReturnType<typeof setImmediate>);
    clearTimeout(this.#flushTimer as ReturnType<typeof setTimeout>);
    this.#timer?.clear();
    this.#bots?.stop();
    this.#handOver?.stop();
    this.#participation.stop();
    this.#sim?.stop();
    if (this.#idle) clearTimeout(this.#idle);
    if (this.#unclaimed) clearTimeout(this.#unclaimed);
    // The lease goes once the last writes are in: another process may host the game at once.
    const st = this.ctx.store;
    if (this.roomId && !this.#stopped && st.held(this.roomId) !== null) {
      void st.flush(this.roomId).then(() => st.release(this.roomId, this.ctx.owner)).catch(() => undefined);
    }
  }

  /* ---------- steps ---------- */

  /** Runs `fn` as a step (Steps.run); only onAuth and onCreate see what it throws (a refusal). */
  #step(name: string, fn: () => void): Promise<void> {
    const rethrow = name === "onAuth" || name === "onCreate";
    if (this.#disposed || this.#stopped) return rethrow ? Promise.reject(new Error(`room ${this.roomId} is closed`)) : Promise.resolve();
    return this.#steps.run(name, fn, rethrow);
  }

  /** Waits for this game's writes; false (and the room stops) when they were fenced or failed. */
  async #durable(): Promise<boolean> {
    try {
      await this.ctx.store.flush(this.roomId);
      return true;
    } catch (e) {
      if (!(e instanceof Fenced)) console.error(`[room ${this.roomId}] the store could not commit: ${e instanceof Error ? e.message : e}`);
      this.#stop();
      return false;
    }
  }

  /**
   * The game's writes were dropped (fenced: another process holds it now; or the store failed):
   * nothing more is sent or written; the clients are closed so they reconnect where it lives.
   */
  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#steps.close();
    this.#timer?.clear();
    this.#bots?.stop();
    this.#handOver?.stop();
    this.#participation.stop();
    this.ctx.onFenced(this.roomId);
    void this.disconnect(CloseCode.SERVER_SHUTDOWN);
  }

  /** Sends after this step's flush (Steps.later). */
  #later(f: () => void): void {
    this.#steps.later(f);
  }

  /* ---------- engine ---------- */

  /** Apply → append → sync. The single path by which the game changes. */
  #commit(action: Action, who: Who, student: string): Result {
    const before = this.game.state;
    const r = this.game.commit(action, who, student, Date.now());
    if (r.ok && action.type === "setBot") this.#seats.noteSetBot(action.delegation, who);
    if (r.ok && student) {
      this.#participation.count(student, action);
      this.#participation.changed();
    }
    if (r.ok) this.#afterAccepted(r.events, sheetsChanged(before, r.state, action, who));
    return r;
  }

  #afterAccepted(events: GameEvent[], sheets: readonly Code[] | "all"): void {
    const s = this.game.state;
    if (s.phase === "debrief" && !this.#finished) {
      this.#finished = true;
      this.ctx.store.setStatus(this.roomId, "finished", Date.now(), s.outcome);
      this.#later(() => (this.#sim = simulate(this.ctx, s, (m) => this.broadcast(MSG.simulated, m))));
    }
    // Talk is already a line in the synced table: an `event` frame per listener would double
    // the traffic of the commonest action for nothing to animate.
    for (const e of events) if (e.kind !== "say" && e.kind !== "press") this.#turn.events.push(e);
    this.#turn.moved = true;
    const turn = this.#turn;
    if (sheets === "all") turn.sheets = "all";
    else if (turn.sheets !== "all") for (const c of sheets) turn.sheets.add(c);
    this.#flushSoon();
    this.#timer.sync(s);
    this.#bots.poke();
  }

  /**
   * Everything the actions of one step changed leaves together, right after its commit (one
   * public view, one briefing pass, one write per client); on a busy process the room holds it
   * a few ms more (Pacing) so the next steps share the frames (docs/PERFORMANCE.md). Never
   * inside a this.clock callback.
   */
  #flushSoon(): void {
    if (this.#turn.pending || this.#disposed) return;
    this.#turn.pending = true;
    const hold = this.ctx.pacing.delayMs();
    // Not holding: the step's own outbox sends it, right after its commit.
    if (hold <= 0 && this.#steps.inStep) return this.#later(() => this.#flush());
    // A step of its own: it runs once every earlier step is committed.
    const send = () => void this.#step("flush", () => this.#later(() => this.#flush()));
    this.#flushTimer = hold > 0 ? setTimeout(send, hold) : setImmediate(send);
  }

  /**
   * Private sends → events → patch, in that order (docs/PROTOCOL.md); only ever from a step's
   * outbox, so everything it shows is committed.
   */
  #flush(): void {
    if (this.#disposed || this.#stopped) return;
    this.#flushTimer = undefined;
    const turn = this.#turn;
    if (!turn.pending) return;
    this.#turn = newTurn();
    applyPublic(this.state, publicView(this.game.state));
    oneWritePerClient(this.clients, () => {
      if (turn.moved) this.#private.flush(this.game.state, { recipients: () => this.#recipients() }, turn.sheets);
      for (const e of turn.events) this.broadcast(MSG.event, e);
      this.broadcastPatch();
    });
  }

  #start(): void {
    this.#seats.fillEmpty();
    this.#commit({ type: "start" }, "system", "");
  }

  #tick(): void {
    const r = this.#commit({ type: "tick" }, "system", "");
    if (!r.ok) this.#timer.retry(this.game.state);
  }

  /* ---------- plumbing ---------- */

  #takeSeat(client: Client, m: Member): void {
    // A token used from a second tab takes the seat over; the old connection is closed.
    const old = m.sessionId ? this.clients.find((c) => c.sessionId === m.sessionId && c !== client) : undefined;
    m.sessionId = client.sessionId;
    m.connected = true;
    client.userData = { member: m.id, role: m.role, delegation: m.delegation } satisfies UserData;
    old?.leave(4000, "replaced");
  }

  /** `welcome`, then everything private this client may read, then (facilitator) the roster. */
  #welcome(client: Client, m: Member): void {
    this.#later(() => this.#welcomeNow(client, m));
  }

  #welcomeNow(client: Client, m: Member): void {
    // What this turn changed reaches everyone first, so the newcomer's copy is never repeated.
    this.#flush();
    const u = client.userData as UserData;
    const w: Welcome = {
      playerToken: m.token,
      code: this.roomId,
      role: m.role,
      member: m.id,
      protocol: PROTOCOL_VERSION,
      ...(m.delegation ? { delegation: m.delegation } : {}),
      ...(m.role === "facilitator" ? { facilitatorToken: m.token } : {}),
    };
    client.send(MSG.welcome, w);
    this.#private.welcome(this.game.state, u, (type, payload) => client.send(type, payload));
    if (u.role === "facilitator") {
      client.send(MSG.roster, this.roster.facilitatorRoster());
      client.send(MSG.participation, this.#participation.lines());
    }
    if (this.#sim?.latest) client.send(MSG.simulated, this.#sim.latest);
  }

  /** Patches the roster into the state and tells facilitators; other fields come from #afterAccepted. */
  #sync(): void {
    this.#handOver?.check();
    // After the flush: the roster names members saved this step.
    this.#later(() => {
      syncMembers(this.state, this.roster.publicRoster());
      const roster = this.roster.facilitatorRoster();
      for (const c of this.clients) if ((c.userData as UserData | undefined)?.role === "facilitator") c.send(MSG.roster, roster);
    });
    this.#participation.changed();
    this.#flushSoon();
    this.#timer.sync(this.game.state);
    this.#bots.poke();
  }

  *#recipients(): Iterable<{ audience: Audience; raw(bytes: Uint8Array): void }> {
    for (const c of this.clients) {
      const u = c.userData as UserData | undefined;
      if (u) yield { audience: u, raw: (bytes) => c.enqueueRaw(bytes) };
    }
  }

  /** Rate and size limits. False: the message is dropped (and the sender told so). */
  #guard(client: Client, payload: unknown, type: string): boolean {
    if (!client.userData) return false;
    return this.#limits.admit(client.sessionId, payload, (code, message) => this.#error(client, code, message, type));
  }

  #error(client: Client, code: string, message: string, action?: string): void {
    const e: ErrorMessage = { code, message, ...(action ? { action } : {}) };
    this.#later(() => client.send(MSG.error, e));
  }

  #armIdle(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = undefined;
    if (this.clients.length > 0) return;
    const s = this.ctx.settings;
    this.#idle = setTimeout(() => void this.#step("idle", () => {
      if (this.clients.length > 0) return;
      if (!this.#finished) this.ctx.store.setStatus(this.roomId, "abandoned", Date.now(), null);
      this.#later(() => void this.disconnect());
    }), this.#finished ? s.finishedIdleMs : s.idleMs);
  }
}

/** What the steps since the last flush changed: whether anything moved, whose sheets, which events. */
function newTurn(): { pending: boolean; moved: boolean; sheets: Set<Code> | "all"; events: GameEvent[] } {
  return { pending: false, moved: false, sheets: new Set(), events: [] };
}

/** The `table` room as one server defines it: bound to that server's context. */
export function tableRoomFor(ctx: ServerContext): typeof TableRoom {
  return class BoundTableRoom extends TableRoom {
    protected override get ctx(): ServerContext {
      return ctx;
    }
  };
}
