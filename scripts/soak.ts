/**
 * `npm run soak -- [--minutes 30]`: a long run of bot classrooms against a spawned server
 * (127.0.0.1, temp DATA_DIR), to show that memory stays flat. Not part of CI.
 *
 * Each classroom is a facilitator and a few students (official SDK clients) with bots in the
 * empty seats, on short round timers: students make random legal moves from their briefing and
 * talk at the table and in back channels; when a game reaches its debrief the teacher fetches
 * the reports, everyone leaves, and a new classroom takes its place — so rooms, clients and
 * games churn for the whole run. Once a minute (--sample-seconds) it prints the server's RSS
 * and heap (from /proc and the load probe), event-loop delay, rooms and games; at the end a
 * verdict on the RSS trend after warm-up.
 *
 * Options: --minutes M (30) --classrooms C (6) --students S (8) --round-seconds N (20)
 *          --rounds R (3) --sample-seconds N (60) --warmup-minutes N (min(12, minutes/3))
 *
 * The warm-up is excluded from the verdict: finished games stay open for 10 minutes after their
 * last client leaves (settings.finishedIdleMs), so the number of rooms held, and RSS with it,
 * rises for the first ten minutes by design before it levels off.
 */
import { Client, type Room } from "@colyseus/sdk";
import { memory } from "./load/procStats.ts";
import { readProbe, startServerProcess } from "./load/serverProcess.ts";

interface Args {
  minutes: number;
  classrooms: number;
  students: number;
  roundSeconds: number;
  rounds: number;
  sampleSeconds: number;
  warmupMinutes: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string, dflt: number, max: number): number => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return dflt;
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v) || v < 0 || v > max) throw new Error(`--${name} must be a number in 0..${max}`);
    return v;
  };
  const minutes = get("minutes", 30, 24 * 60);
  return {
    minutes,
    classrooms: get("classrooms", 6, 200),
    students: get("students", 8, 40),
    roundSeconds: get("round-seconds", 20, 3600),
    rounds: get("rounds", 3, 20),
    sampleSeconds: get("sample-seconds", 60, 3600),
    warmupMinutes: get("warmup-minutes", Math.min(12, minutes / 3), 24 * 60),
  };
}

const CODES = ["RU", "UA", "US", "EU", "BY"] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];

const stats = { games: 0, joins: 0, sent: 0, errors: 0, failures: 0, reports: 0 };

type AnyRoom = Room<any, any>;

/** One classroom from creation to debrief; resolves when everyone has left. */
async function classroom(url: string, http: string, a: Args, stopAt: number): Promise<void> {
  const c = new Client(url);
  const f: AnyRoom = await c.create("table", { name: "Teacher", role: "facilitator", config: { rounds: a.rounds, roundSeconds: a.roundSeconds, bots: true, events: true } });
  const rooms: AnyRoom[] = [f];
  f.onMessage("*", () => undefined);
  const welcome = await new Promise<any>((res) => f.onMessage("welcome", res));
  stats.joins++;
  const students: { room: AnyRoom; code: string; briefing: any }[] = [];
  for (let i = 0; i < a.students; i++) {
    const code = CODES[i % CODES.length];
    const room: AnyRoom = await new Client(url).joinById(welcome.code, { name: `Student ${i + 1}`, role: "player", delegation: code });
    const s = { room, code, briefing: null as any };
    room.onMessage("briefing", (b: any) => { if (b?.delegation === code) s.briefing = b; });
    room.onMessage("error", () => { stats.errors++; });
    room.onMessage("*", () => undefined);
    students.push(s);
    rooms.push(room);
    stats.joins++;
  }
  const spectator: AnyRoom = await new Client(url).joinById(welcome.code, { name: "Projector", role: "spectator" });
  spectator.onMessage("*", () => undefined);
  rooms.push(spectator);
  stats.joins++;
  f.send("facilitator", { type: "start" });

  let lastPhase = "";
  let phaseSince = Date.now();
  let n = 0;
  while (Date.now() < stopAt) {
    const st = f.state as any;
    if (st.phase !== lastPhase) { lastPhase = st.phase; phaseSince = Date.now(); }
    if (st.phase === "debrief") break;
    // Briefing and signing have no timer here: the teacher moves on after a while.
    if ((st.phase === "briefing" || st.phase === "signing") && Date.now() - phaseSince > 6000) f.send("facilitator", { type: "advance" });
    for (const s of students) {
      if (Math.random() > 0.35) continue;
      const moves: any[] = (s.briefing?.moves ?? []).filter((m: any) => m.ok && m.action);
      if (moves.length && Math.random() < 0.4) s.room.send("action", pick(moves).action);
      else if (Math.random() < 0.5) s.room.send("action", { type: "say", to: "table", text: `${s.code} speaks (${n++})` });
      else s.room.send("action", { type: "say", to: [pick(CODES.filter((x) => x !== s.code))], text: `${s.code} whispers (${n++})` });
      stats.sent++;
    }
    await sleep(1000);
  }
  if ((f.state as any).phase === "debrief") {
    stats.games++;
    for (const format of ["json", "csv", "html"]) {
      const r = await fetch(`${http}/api/games/${welcome.code}/report?format=${format}`, { headers: { Authorization: `Bearer ${welcome.facilitatorToken}` } });
      await r.arrayBuffer();
      if (r.status === 200) stats.reports++;
    }
    await sleep(2000);
  }
  await Promise.all(rooms.map((r) => r.leave(true).catch(() => undefined)));
}

interface Sample { minute: number; rssMB: number; heapMB: number; loopP99: number; games: number; joins: number; sent: number; errors: number }

function slope(points: { x: number; y: number }[]): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den ? num / den : 0;
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const server = await startServerProcess({
    entry: "server/main.ts",
    nodeArgs: ["--import", "./scripts/load/serverProbe.ts"],
    env: { BOT_DELAY_MS: "400-1500" },
  });
  const t0 = Date.now();
  const stopAt = t0 + a.minutes * 60_000;
  console.log(`soak: ${a.minutes} min, ${a.classrooms} classrooms × ${a.students} students (+ teacher, projector, bots), ` +
    `${a.rounds} rounds of ${a.roundSeconds} s; server pid ${server.pid} on ${server.http}`);
  console.log("| minute | RSS MB | heap MB | loop p99 ms | games done | joins | moves sent | errors |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");

  const samples: Sample[] = [];
  const sample = () => {
    const now = Date.now();
    const probe = readProbe(server.probeFile, now - a.sampleSeconds * 1000, now);
    const last = probe.at(-1);
    const s: Sample = {
      minute: (now - t0) / 60_000,
      rssMB: memory(server.pid).rss / 1048576,
      heapMB: last?.heapMB ?? NaN,
      loopP99: probe.length ? Math.max(...probe.map((p) => p.loopP99)) : NaN,
      games: stats.games, joins: stats.joins, sent: stats.sent, errors: stats.errors,
    };
    samples.push(s);
    console.log(`| ${s.minute.toFixed(1)} | ${s.rssMB.toFixed(1)} | ${s.heapMB.toFixed(1)} | ${s.loopP99.toFixed(1)} | ${s.games} | ${s.joins} | ${s.sent} | ${s.errors} |`);
  };
  sample();
  const timer = setInterval(sample, a.sampleSeconds * 1000);

  // Each lane runs classrooms back to back until the time is up.
  const lane = async (i: number) => {
    await sleep(i * 1500); // stagger, so games do not all end at once
    while (Date.now() < stopAt - 5_000) {
      try {
        await classroom(server.url, server.http, a, stopAt);
      } catch (e) {
        stats.failures++;
        console.error(`classroom failed: ${e instanceof Error ? e.message : e}`);
        await sleep(2000);
      }
    }
  };
  await Promise.all(Array.from({ length: a.classrooms }, (_, i) => lane(i)));
  clearInterval(timer);
  sample();
  const code = await server.stop();

  const after = samples.filter((s) => s.minute >= a.warmupMinutes);
  const rss = after.map((s) => s.rssMB);
  const perTenMin = slope(after.map((s) => ({ x: s.minute, y: s.rssMB }))) * 10;
  const heapSlope = slope(after.filter((s) => Number.isFinite(s.heapMB)).map((s) => ({ x: s.minute, y: s.heapMB }))) * 10;
  console.log("");
  console.log(`games completed ${stats.games}, joins ${stats.joins}, moves sent ${stats.sent}, error replies ${stats.errors}, ` +
    `reports ${stats.reports}, classroom failures ${stats.failures}, server exit code ${code}`);
  if (rss.length >= 2) {
    console.log(`after ${a.warmupMinutes.toFixed(1)} min warm-up: RSS ${Math.min(...rss).toFixed(1)}–${Math.max(...rss).toFixed(1)} MB, ` +
      `trend ${perTenMin >= 0 ? "+" : ""}${perTenMin.toFixed(1)} MB per 10 min (heap ${heapSlope >= 0 ? "+" : ""}${heapSlope.toFixed(1)} MB per 10 min)`);
    // A leak shows as a rising trend; finished games leaving after their 10 minutes make a
    // sawtooth (falls are not leaks), so only growth fails the verdict.
    console.log(perTenMin <= 5
      ? `verdict: flat — no upward trend (end ${rss.at(-1)!.toFixed(1)} MB, peak ${Math.max(...rss).toFixed(1)} MB)`
      : "verdict: GROWING — investigate (see the table above)");
  } else {
    console.log("verdict: too short to judge (run with more --minutes or fewer --sample-seconds)");
  }
}

await main();
process.exit(0);
