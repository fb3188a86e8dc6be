/**
 * The hardening suites' server: a real server process (server/main.ts, as `npm start`) on 127.0.0.1, a
 * free port and a temp DATA_DIR, so a crash is a crash of the process, a SIGKILL is a real
 * one, and the output can be searched for leaked tokens. Clients are official @colyseus/sdk
 * clients (the Player recorder from tests/server/helpers.ts) over the capturing WebSocket.
 */
import "./capture.ts";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Player, sleep, waitUntil } from "../server/helpers.ts";
import { DELEGATIONS, PHASES, SEATS, publicView, replay, scenarioOf, type Action, type PublicView } from "../../shared/rules/index.ts";

export { Player, sleep, waitUntil };

// The SDK narrates every reconnection attempt on console.info; the suites kill servers on purpose.
const info = console.info.bind(console);
console.info = (...a: unknown[]) => {
  if (typeof a[0] === "string" && a[0].startsWith("[Colyseus reconnection]")) return;
  info(...a);
};
// Refused joins (wrong token, bad options) close with 4002 by design; the SDK reports each one.
const warn = console.warn.bind(console);
console.warn = (...a: unknown[]) => {
  if (typeof a[0] === "string" && a[0].startsWith("Room connection was closed unexpectedly (4002)")) return;
  warn(...a);
};

const ROOT = resolve(import.meta.dirname, "..", "..");
const NODE = join(ROOT, "node_modules", ".bin", "node");
/**
 * What `npm start` runs once the client is built: scripts/start.ts first (re)builds dist/ when
 * client sources are newer, which can take a minute on a fresh clone and is not under test here.
 */
const ENTRY = join(ROOT, "server", "main.ts");

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface SpawnOptions {
  dataDir?: string;
  port?: number;
  /** BOT_DELAY_MS, "0" by default so bot seats move at once. */
  botDelay?: string;
  env?: Record<string, string>;
}

export class ServerProcess {
  readonly port: number;
  readonly dataDir: string;
  readonly url: string;
  readonly http: string;
  /** Everything the process printed (stdout and stderr, all runs). */
  output = "";
  proc: ChildProcess | null = null;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = Promise.resolve({ code: null, signal: null });
  readonly #opts: SpawnOptions;
  readonly #ownDir: boolean;

  private constructor(port: number, dataDir: string, ownDir: boolean, opts: SpawnOptions) {
    this.port = port;
    this.dataDir = dataDir;
    this.#ownDir = ownDir;
    this.#opts = opts;
    this.url = `ws://127.0.0.1:${port}`;
    this.http = `http://127.0.0.1:${port}`;
  }

  static async start(opts: SpawnOptions = {}): Promise<ServerProcess> {
    const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "seat-hardening-"));
    const s = new ServerProcess(opts.port ?? (await freePort()), dataDir, !opts.dataDir, opts);
    await s.launch();
    return s;
  }

  get alive(): boolean {
    return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Starts (or restarts, same port and DATA_DIR) and waits until /healthz answers 200. */
  async launch(): Promise<void> {
    const proc = spawn(NODE, [ENTRY], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        BOT_DELAY_MS: this.#opts.botDelay ?? "0",
        NODE_ENV: "production",
        // No simulated distribution after a game ends unless a test asks (it would load the machine).
        SIM_GAMES: "0",
        ...this.#opts.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.proc = proc;
    proc.stdout!.on("data", (d) => (this.output += d));
    proc.stderr!.on("data", (d) => (this.output += d));
    this.exit = new Promise((res) => proc.once("exit", (code, signal) => res({ code, signal })));
    const end = Date.now() + 45_000; // a loaded CI machine starts many servers at once
    for (;;) {
      if (!this.alive) throw new Error(`server exited during start:\n${this.output.slice(-3000)}`);
      try {
        const r = await fetch(`${this.http}/healthz`);
        if (r.status === 200) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > end) throw new Error(`server not healthy within 45 s:\n${this.output.slice(-3000)}`);
      await sleep(50);
    }
  }

  /** Sends a signal and waits for the process to exit. */
  async stop(signal: NodeJS.Signals = "SIGTERM", timeout = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.alive) return this.exit;
    this.proc!.kill(signal);
    const t = setTimeout(() => this.proc?.kill("SIGKILL"), timeout);
    const r = await this.exit;
    clearTimeout(t);
    return r;
  }

  async healthy(): Promise<boolean> {
    try {
      return (await fetch(`${this.http}/healthz`, { signal: AbortSignal.timeout(3000) })).status === 200;
    } catch {
      return false;
    }
  }

  /** GET /api/games/:code/report with an optional bearer token. */
  report(code: string, token?: string, format = "json"): Promise<Response> {
    return fetch(`${this.http}/api/games/${code}/report?format=${format}`, {
      headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
    });
  }

  async dispose(): Promise<void> {
    await this.stop("SIGKILL");
    if (this.#ownDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Config for a facilitated game that only moves when the facilitator advances. */
export const MANUAL = { roundSeconds: 0, events: false } as const;

/** A facilitator's game and its welcome. */
export async function facilitated(srv: ServerProcess, config: Record<string, unknown> = {}, name = "Teacher"): Promise<{ f: Player; code: string; token: string }> {
  const f = await Player.create(srv.url, { name, role: "facilitator", config: { ...MANUAL, ...config } });
  const w = await f.message("welcome");
  return { f, code: w.code, token: w.facilitatorToken };
}

export async function seat(srv: ServerProcess, code: string, delegation: string, name = `${delegation} student`): Promise<{ p: Player; token: string }> {
  const p = await Player.join(srv.url, code, { name, role: "player", delegation });
  const w = await p.message("welcome");
  return { p, token: w.playerToken };
}

export async function spectator(srv: ServerProcess, code: string, name = "Projector"): Promise<Player> {
  const s = await Player.join(srv.url, code, { name, role: "spectator" });
  await s.message("welcome");
  return s;
}

/** Sends a facilitator command and waits until the state says so (or throws on an error reply). */
export async function command(f: Player, cmd: Record<string, unknown>, until: (s: any) => boolean): Promise<void> {
  await f.act("facilitator", cmd, until);
}

/** Advances phase by phase until `until` holds. */
export async function advanceUntil(f: Player, until: (s: any) => boolean, max = 20): Promise<void> {
  for (let i = 0; i < max && !until(f.json()); i++) {
    const before = `${f.json().phase}:${f.json().round}`;
    f.send("facilitator", { type: f.json().phase === "lobby" ? "start" : "advance" });
    await waitUntil(() => `${f.json().phase}:${f.json().round}` !== before, "the phase to advance");
  }
  if (!until(f.json())) throw new Error(`still ${f.json().phase} ${f.json().round}`);
}

export const errorsOf = (p: Player): { code: string; message: string; action?: string }[] => p.of("error");

/* ---------- state checks shared by the fuzz and crash suites ---------- */


const TABLE_KEEP = 200;

/** The public fields the synced state carries, in the synced shape (members left out). */
export function expectedPublic(pv: PublicView): Record<string, unknown> {
  return {
    scenario: pv.scenario, phase: pv.phase, round: pv.round, rounds: pv.rounds, deadline: pv.deadline, paused: pv.paused,
    remaining: pv.remaining, momentum: pv.momentum, battlefield: pv.battlefield, euUnity: pv.euUnity, usAid: pv.usAid,
    venue: pv.venue, venueVetoed: pv.venueVetoed, chair: pv.chair, byCondition: JSON.stringify(pv.byCondition), pardonWaves: pv.pardonWaves,
    stagingOpen: pv.stagingOpen, event: pv.event,
    sanctions: { "RU:US": pv.sanctions.RU.US, "RU:EU": pv.sanctions.RU.EU, "BY:US": pv.sanctions.BY.US, "BY:EU": pv.sanctions.BY.EU },
    delegations: Object.fromEntries(DELEGATIONS.map((c) => {
      const d = pv.delegations[c];
      return [c, { seat: d.seat, influence: d.influence, ready: d.ready, bot: d.bot, signature: d.signature }];
    })),
    clauses: pv.clauses.map((c) => ({
      id: c.id, type: c.type, params: JSON.stringify(c.params), proposer: c.proposer, status: c.status,
      stances: { ...c.stances }, suggestedBy: c.suggestedBy ?? "", round: c.round, parity: c.parity === true,
    })),
    motions: pv.motions.map((m) => ({ id: m.id, delegation: m.delegation, seat: m.seat, sponsor: m.sponsor, status: m.status, round: m.round })),
    table: pv.table.slice(-TABLE_KEEP).map((e) => ({ kind: e.kind, from: e.from, text: e.text, round: e.round })),
    signals: pv.signals.map((s) => ({ delegation: s.delegation, signal: s.signal, round: s.round })),
    outcome: pv.outcome ? { id: pv.outcome.id, scores: pv.outcome.scores, credibility: pv.outcome.credibility, treatyInForce: pv.outcome.treatyInForce } : null,
  };
}

/** The same fields picked from a client's decoded state (`room.state.toJSON()`). */
export function syncedPublic(j: any): Record<string, unknown> {
  const pick = (o: any, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o?.[k]]));
  return {
    ...pick(j, ["scenario", "phase", "round", "rounds", "deadline", "paused", "remaining", "momentum", "battlefield", "euUnity", "usAid",
      "venue", "venueVetoed", "chair", "byCondition", "pardonWaves", "stagingOpen", "event"]),
    sanctions: { ...j.sanctions },
    delegations: Object.fromEntries(DELEGATIONS.map((c) => [c, pick(j.delegations?.[c], ["seat", "influence", "ready", "bot", "signature"])])),
    clauses: (j.clauses ?? []).map((c: any) => ({ ...pick(c, ["id", "type", "params", "proposer", "status", "suggestedBy", "round", "parity"]), stances: { ...c.stances } })),
    motions: (j.motions ?? []).map((m: any) => pick(m, ["id", "delegation", "seat", "sponsor", "status", "round"])),
    table: (j.table ?? []).map((e: any) => pick(e, ["kind", "from", "text", "round"])),
    signals: (j.signals ?? []).map((s: any) => pick(s, ["delegation", "signal", "round"])),
    outcome: j.outcome ? pick(j.outcome, ["id", "scores", "credibility", "treatyInForce"]) : null,
  };
}

export interface ReportJson {
  code: string;
  scenario: string;
  config: any;
  status: string;
  phase: string;
  round: number;
  log: { seq: number; time: number; who: string; student: string; kind: string; action: any }[];
  participation: { member: string; name: string; actions: number }[];
}

/** Rebuilds the game from a report's log with the engine's own `replay` (throws on a refused entry). */
export function replayReport(r: ReportJson) {
  const entries = r.log.filter((e) => e.kind === "engine").map((e) => ({ who: e.who as never, action: e.action as Action, now: e.time }));
  return replay(r.config, entries, r.scenario);
}

export function replayedPublic(r: ReportJson): Record<string, unknown> {
  return expectedPublic(publicView(replayReport(r)));
}

/** Problems with a decoded state: tracks out of range, unknown phases, seats or statuses. */
export function invalidities(j: any): string[] {
  const sc = scenarioOf(j.scenario || "minsk-window");
  const bad: string[] = [];
  const range = (name: string, v: unknown, min: number, max: number) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) bad.push(`${name}=${String(v)} not in ${min}..${max}`);
  };
  if (!(PHASES as readonly string[]).includes(j.phase)) bad.push(`phase=${j.phase}`);
  range("round", j.round, 0, j.rounds);
  range("momentum", j.momentum, sc.tracks.momentum.min, sc.tracks.momentum.max);
  range("battlefield", j.battlefield, sc.tracks.battlefield.min, sc.tracks.battlefield.max);
  range("euUnity", j.euUnity, sc.tracks.euUnity.min, sc.tracks.euUnity.max);
  range("pardonWaves", j.pardonWaves, 0, sc.maxPardonWaves);
  if (!["flowing", "paused"].includes(j.usAid)) bad.push(`usAid=${j.usAid}`);
  if (j.venue && !sc.venues.includes(j.venue)) bad.push(`venue=${j.venue}`);
  for (const c of DELEGATIONS) {
    const d = j.delegations?.[c];
    if (!d) { bad.push(`no delegation ${c}`); continue; }
    if (!(SEATS as readonly string[]).includes(d.seat)) bad.push(`${c}.seat=${d.seat}`);
    range(`${c}.influence`, d.influence, 0, 20);
    if (!["", "signed", "refused"].includes(d.signature)) bad.push(`${c}.signature=${d.signature}`);
  }
  for (const v of Object.values(j.sanctions ?? {})) if (!["full", "partial", "none"].includes(v as string)) bad.push(`sanction=${v}`);
  for (const cl of j.clauses ?? []) {
    if (!["suggested", "proposed", "agreed", "struck", "superseded"].includes(cl.status)) bad.push(`clause ${cl.id} status=${cl.status}`);
    try { JSON.parse(cl.params); } catch { bad.push(`clause ${cl.id} params not JSON`); }
  }
  for (const m of j.motions ?? []) if (!["pending", "approved", "denied", "torpedoed", "passed", "lapsed"].includes(m.status)) bad.push(`motion ${m.id} status=${m.status}`);
  for (const e of j.table ?? []) if (!["say", "press", "event"].includes(e.kind) || typeof e.text !== "string") bad.push(`table entry ${JSON.stringify(e).slice(0, 80)}`);
  return bad;
}

export async function reportJson(srv: ServerProcess, code: string, token: string): Promise<ReportJson> {
  const r = await srv.report(code, token);
  if (r.status !== 200) throw new Error(`report ${code}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as ReportJson;
}
