/**
 * The fail-over rig: redis-server, a throwaway PostgreSQL and two server processes sharing both,
 * and a class (a facilitator and 30 students on @colyseus/sdk) that talks and moves, records
 * every action it saw accepted, and rejoins by token through the surviving process when its
 * connection ends (as a proxy would route it).
 */
import { Client, type Room } from "@colyseus/sdk";
import pg from "pg";
import { startServerProcess, type RunningServer } from "../../scripts/load/serverProcess.ts";
import { redisCommand, type RunningRedis } from "../../scripts/load/redis.ts";

export const DELEGATIONS = ["RU", "UA", "US", "EU", "BY"] as const;
type Code = (typeof DELEGATIONS)[number];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(pred: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await pred()) return Date.now() - t0;
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

export function startServer(env: Record<string, string>, dir: string, port?: number): Promise<RunningServer> {
  return startServerProcess({ entry: "server/main.ts", env: { BOT_DELAY_MS: "0", ...env }, dir, ...(port ? { port } : {}) });
}

/** The registry listing of a room: which process hosts it, at which address. */
export async function listing(redis: RunningRedis, code: string): Promise<{ processId: string; publicAddress: string } | null> {
  const raw = await redisCommand(redis.port, `HGET roomcaches ${code}`);
  if (!raw.startsWith("$") || raw.startsWith("$-1")) return null;
  return JSON.parse(raw.slice(raw.indexOf("\n") + 1));
}

export interface LogRow {
  seq: number;
  who: string;
  student: string;
  kind: string;
  action: { type: string; text?: string; stance?: string; clause?: unknown };
}


/** The game's action log as PostgreSQL holds it. */
export async function pgLog(url: string, code: string): Promise<LogRow[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query("SELECT seq, who, student, kind, action FROM actions WHERE code = $1 ORDER BY seq", [code]);
    return r.rows.map((x) => ({ ...x, seq: Number(x.seq), action: typeof x.action === "string" ? JSON.parse(x.action) : x.action }));
  } finally {
    await c.end();
  }
}

/** One person at the table: a room (when connected), a token, and what they saw accepted. */
export class Seat {
  room: Room | null = null;
  token = "";
  member = "";
  delegation: Code | "" = "";
  /** `ws://host:port` of the process this seat is connected to. */
  via = "";
  closes: { code: number; reason?: string }[] = [];
  /** Lines this seat sent, and those it saw in the table (acknowledged). */
  readonly sent = new Set<string>();
  /** When each line was sent (ms since the epoch). */
  readonly sentAt = new Map<string, number>();
  readonly acked = new Set<string>();
  /** Stance changes of this seat's delegation on the first clause seen in the state (movers). */
  stanceAcked = 0;
  #stance: string | undefined;
  errors: { code: string; message: string }[] = [];
  rejoins = 0;
  /** Where to rejoin when the connection ends (the surviving process). */
  target = "";
  backAt = 0;

  readonly name: string;
  readonly role: "facilitator" | "player";

  constructor(name: string, role: "facilitator" | "player") {
    this.name = name;
    this.role = role;
  }

  get connected(): boolean {
    return !!this.room?.connection.isOpen;
  }

  state(): any {
    return this.room?.state;
  }

  attach(room: Room, via: string): Promise<void> {
    this.room = room;
    this.via = via;
    room.reconnection.enabled = false; // the SDK's retry targets the old process; a token rejoin is what works
    const welcomed = new Promise<void>((ok) => room.onMessage("welcome", (w: any) => {
      this.member = w.member;
      this.token = w.role === "facilitator" ? w.facilitatorToken : w.playerToken;
      if (w.delegation) this.delegation = w.delegation;
      ok();
    }));
    room.onMessage("error", (e: any) => this.errors.push(e));
    room.onMessage("*", () => undefined);
    room.onStateChange(() => this.#see());
    room.onLeave((code: number, reason?: string) => {
      if (this.room !== room) return;
      this.closes.push({ code, reason });
      this.room = null;
      if (this.target) void this.rejoin();
    });
    return welcomed;
  }

  /** Everything of ours the state shows is acknowledged (also after a restore: committed, then seen). */
  #see(): void {
    const s = this.state();
    if (!s) return;
    if (this.sent.size > this.acked.size) for (const e of s.table ?? []) if (this.sent.has(e.text)) this.acked.add(e.text);
    const cl = s.clauses?.at?.(0);
    if (cl && this.delegation) {
      const now = cl.stances.get(this.delegation) ?? "none";
      if (this.#stance !== undefined && now !== this.#stance) this.stanceAcked++;
      this.#stance = now;
    }
  }

  async join(url: string, code: string, options: Record<string, unknown>): Promise<void> {
    await this.attach(await new Client(url).joinById(code, options), url);
  }

  /** Rejoins with the token through `target` until it works. */
  async rejoin(): Promise<void> {
    const code = this.code;
    const opts = this.role === "facilitator"
      ? { name: this.name, role: "facilitator", facilitatorToken: this.token }
      : { name: "", role: "player", playerToken: this.token };
    for (let i = 0; i < 200 && !this.room; i++) {
      try {
        await this.join(this.target, code, opts);
        this.rejoins++;
        this.backAt = Date.now();
        return;
      } catch {
        await sleep(250);
      }
    }
  }

  code = "";

  say(text: string): void {
    if (!this.connected) return;
    this.sent.add(text);
    this.sentAt.set(text, Date.now());
    this.room!.send("action", { type: "say", to: "table", text });
  }

  send(type: string, payload: unknown): void {
    if (this.connected) this.room!.send(type, payload);
  }

  leave(): Promise<unknown> {
    this.target = "";
    const r = this.room;
    this.room = null;
    return r ? Promise.race([r.leave(true).catch(() => 0), sleep(2000)]) : Promise.resolve();
  }
}

export interface Class {
  code: string;
  facilitator: Seat;
  students: Seat[];
  all: Seat[];
}

/** A facilitator creates a game through `url`; 30 students join it, six per delegation. */
export async function seatClass(url: string, students = 30, config: Record<string, unknown> = {}): Promise<Class> {
  const facilitator = new Seat("Teacher", "facilitator");
  await facilitator.attach(await new Client(url).create("table", {
    name: "Teacher", role: "facilitator", config: { rounds: 3, roundSeconds: 0, bots: false, events: false, seed: 7, ...config },
  }), url);
  const code = facilitator.room!.roomId;
  facilitator.code = code;
  const list: Seat[] = [];
  for (let i = 0; i < students; i++) list.push(new Seat(`S${i}`, "player"));
  await Promise.all(list.map((s, i) => {
    s.code = code;
    return s.join(url, code, { name: s.name, role: "player", delegation: DELEGATIONS[i % DELEGATIONS.length] });
  }));
  return { code, facilitator, students: list, all: [facilitator, ...list] };
}

/** Sends a facilitator command and waits until the state satisfies `until`. */
export async function command(f: Seat, cmd: Record<string, unknown>, until: (s: any) => boolean, what: string): Promise<void> {
  await waitFor(() => f.connected, "the facilitator connected");
  f.send("facilitator", cmd);
  await waitFor(() => !!f.state() && until(f.state()), what, 10_000);
}

/**
 * The class at work until `stop()`: every student says a numbered line every ~`sayMs`; one
 * mover per party delegation toggles its stance on the first clause (oppose ↔ none), waiting for
 * each move to show before the next (or for an error).
 */
export function play(cls: Class, tag: string, sayMs = 1200): { stop(): Promise<void> } {
  let running = true;
  let n = 0;
  const loops = cls.students.map(async (s, i) => {
    await sleep((i * sayMs) / cls.students.length);
    while (running) {
      s.say(`${tag} ${s.name} #${++n}`);
      await sleep(sayMs);
    }
  });
  const movers = ["RU", "US", "EU"].map((d) => cls.students.find((s) => s.delegation === d)!);
  const moving = movers.map(async (m) => {
    while (running) {
      const cl = m.state()?.clauses?.at?.(0);
      if (!m.connected || !cl) { await sleep(200); continue; }
      const current = cl.stances.get(m.delegation) ?? "none";
      const next = current === "oppose" ? "none" : "oppose";
      const errors = m.errors.length;
      m.send("action", { type: "stance", clause: cl.id, stance: next });
      try {
        await waitFor(() => (m.state()?.clauses?.at?.(0)?.stances.get(m.delegation) ?? "none") === next || m.errors.length > errors || !m.connected, "a stance", 10_000);
      } catch { /* counted from the log and the state below */ }
      await sleep(300);
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all([...loops, ...moving]);
    },
  };
}

export function countBy<T>(xs: T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

/**
 * The browser client's own Connection and Store, run in Node: its page origin (`?server=`, the
 * proxy's "any process" route) is `anyProcess`; its socket goes wherever the game is hosted.
 */
export async function browserClient(anyProcess: string) {
  const kv = new Map<string, string>();
  Object.assign(globalThis, {
    location: new URL(`${anyProcess}/?server=${encodeURIComponent(anyProcess)}`),
    localStorage: { getItem: (k: string) => kv.get(k) ?? null, setItem: (k: string, v: string) => void kv.set(k, v), removeItem: (k: string) => void kv.delete(k) },
  });
  const { Connection } = await import("../../client/net/Connection.ts");
  const { Store } = await import("../../client/model/store.ts");
  const store = new Store();
  const states: string[] = [];
  let welcomes = 0;
  store.subscribe((s, changed) => {
    if (states.at(-1) !== s.connection) states.push(s.connection);
    if (changed.has("welcome")) welcomes++;
  });
  return { store, conn: new Connection(store), states, welcomes: () => welcomes };
}
