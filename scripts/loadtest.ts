/**
 * `npm run loadtest -- --rooms R --students S --seconds T [--json]`: real @colyseus/sdk clients
 * over loopback against a real server process (started here unless --url is given). Every
 * student speaks at the table about every 2 s and makes an ordinary move now and then; the
 * report gives failed joins, send→seen latency (until another member of the room sees the line
 * in the synced `table`), delivered ratio, the server's CPU and peak RSS.
 * `--baseline` runs the same load against a plain Colyseus room on the default 50 ms tick;
 * `--idle-rooms N` measures memory per idle classroom. See docs/PERFORMANCE.md, section "Load".
 */
import { cpus, loadavg, totalmem, release } from "node:os";
import { Worker } from "node:worker_threads";
import { parseArgs, type LoadArgs } from "./load/args.ts";
import { Histogram, type LatencySummary } from "./load/histogram.ts";
import { cpuPercent, cpuTimes, machineCpu, memory, ProcSampler, setAutogroupNice } from "./load/procStats.ts";
import { readProbe, startServerProcess, type ProbeLine, type RunningServer } from "./load/serverProcess.ts";
import { startRedis, type RunningRedis } from "./load/redis.ts";
import { measureIdleRooms } from "./load/idle.ts";
import type { WorkerPlan, WorkerReady, WorkerResult } from "./load/worker.ts";

const MB = 1024 * 1024;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export interface LoadReport {
  command: string;
  mode: "table" | "baseline";
  machine: { cpus: number; model: string; memGiB: number; node: string; kernel: string };
  rooms: number;
  students: number;
  clients: number;
  seconds: number;
  /** How often each student speaks and moves, each facilitator acts (ms; 0: never); bots on. */
  rhythm: { sayMs: number; actionMs: number; facilitatorMs: number; bots: boolean; botSeats: number };
  workers: number;
  /** Members per room whose SDK decoded every patch ("all" or a number). */
  decoders: number | "all";
  joins: { failedCreates: number; failedJoins: number; failedStarts: number; retries: number; errors: string[]; seconds: number };
  lines: { sent: number; seenByAny: number; seenByAll: number; perSecond: number };
  /** Deliveries (line × other member) that arrived / that were due. */
  delivered: number;
  /** Send → first other member sees it. */
  latency: LatencySummary;
  /** Send → each other member sees it (every delivery). */
  fanout: LatencySummary;
  server: {
    cpuPercent: number;
    /** Of which in the kernel (socket writes; on loopback also the receivers' TCP work). */
    systemCpuPercent: number;
    /** Server CPU per message it handled (lines and ordinary moves). */
    cpuMsPerAction: number;
    /** Server processes measured (several with --processes, sharing Redis); CPU is their sum. */
    processes: number;
    /** Rooms each process hosts (with several). */
    roomsPerProcess: number[];
    maxCpuPercent1s: number;
    /** Highest peak RSS of one process; `peakRssTotalMB` adds them up. */
    peakRssMB: number;
    peakRssTotalMB: number;
    maxRssDuringRunMB: number;
    /** From the preloaded probe (only when the harness started the server). */
    loopDelayP99MaxMs?: number;
    loopDelayMaxMs?: number;
    gcMsPerSecond?: number;
    gcMaxPauseMs?: number;
  } | null;
  generator: { cpuPercent: number; systemCpuPercent: number; loopDelayP99Ms: number; loopDelayMaxMs: number };
  /** CPU used by everything else on the machine during the run (per cent of one core): other
   *  work on a shared machine makes the figures pessimistic; rerun when this is near 0. */
  otherCpuPercent: number;
  loadAverage1m: number;
  /** Whether --priority raised the server's and the generator's scheduling priority. */
  prioritised: boolean;
  actions: Record<string, number>;
  errors: Record<string, number>;
  drops: number;
  leaves: number;
}

export function machine(): LoadReport["machine"] {
  const c = cpus();
  return { cpus: c.length, model: c[0]?.model ?? "?", memGiB: round(totalmem() / 1024 ** 3), node: process.version, kernel: release() };
}

function spawnWorker(plan: WorkerPlan): { worker: Worker; ask<T>(msg: object, type: string, timeoutMs: number): Promise<T> } {
  const worker = new Worker(new URL("./load/worker.ts", import.meta.url), { workerData: plan });
  const ask = <T>(msg: object, type: string, timeoutMs: number) =>
    new Promise<T>((ok, fail) => {
      const t = setTimeout(() => { cleanup(); fail(new Error(`worker: no "${type}" within ${timeoutMs} ms`)); }, timeoutMs);
      const onMsg = (m: { type: string; message?: string }) => {
        if (m.type === "fatal") { cleanup(); fail(new Error(`worker failed: ${m.message}`)); }
        else if (m.type === type) { cleanup(); ok(m as T); }
      };
      const onErr = (e: Error) => { cleanup(); fail(e); };
      const cleanup = () => { clearTimeout(t); worker.off("message", onMsg); worker.off("error", onErr); };
      worker.on("message", onMsg);
      worker.on("error", onErr);
      worker.postMessage(msg);
    });
  return { worker, ask };
}

export async function runLoad(a: LoadArgs, command: string): Promise<LoadReport> {
  const servers: RunningServer[] = [];
  let redis: RunningRedis | null = null;
  const workers: ReturnType<typeof spawnWorker>[] = [];
  try {
    if (!a.url) {
      // Several processes: they share a throwaway Redis, as in production scale-out
      // (docs/DEPLOYMENT.md). Clients all ask the first one; rooms land on the least loaded.
      if (a.processes > 1) redis = await startRedis();
      for (let i = 0; i < a.processes; i++) {
        const s = await startServerProcess({
          entry: a.baseline ? "scripts/load/baselineServer.ts" : a.entry,
          nodeArgs: ["--import", "./scripts/load/serverProbe.ts", ...(a.cpuProf ? ["--cpu-prof", "--cpu-prof-dir=cpu-profiles"] : [])],
          env: {
            // Bots at the server's human-like pace when they play; otherwise none are seated.
            ...(a.bots ? {} : { BOT_DELAY_MS: "0" }),
            ...(redis ? { REDIS_URL: redis.url } : {}),
            ...(a.databaseUrl ? { DATABASE_URL: a.databaseUrl } : {}),
          },
        });
        servers.push(s);
        if (!a.json) console.error(`server pid ${s.pid} on ${s.url} (log ${s.logFile})`);
      }
    }
    const target = servers[0]?.url ?? a.url;
    const pids = servers.length ? servers.map((s) => s.pid) : a.pid ? [a.pid] : [];
    const pid = pids.length > 0;
    const prioritised = a.priority && setAutogroupNice(process.pid, -19) && pids.every((p) => setAutogroupNice(p, -19));
    for (let w = 0; w < a.workers; w++) {
      const rooms: number[] = [];
      for (let r = w; r < a.rooms; r += a.workers) rooms.push(r);
      workers.push(spawnWorker({
        url: target, rooms, students: a.students, joinConcurrency: a.joinConcurrency,
        sayEveryMs: a.sayMs, actionEveryMs: a.actionMs, graceMs: a.graceMs,
        facilitatorEveryMs: a.facilitatorMs, bots: a.bots, botSeats: a.botSeats,
        decoders: a.decoders === 0 ? Infinity : a.decoders,
      }));
    }
    const prepT0 = performance.now();
    const ready = await Promise.all(workers.map((w) => w.ask<WorkerReady>({ type: "prepare" }, "ready", 15 * 60_000)));
    const joinSeconds = (performance.now() - prepT0) / 1000;
    if (!a.json) console.error(`${ready.reduce((n, r) => n + r.clients, 0)} clients in ${ready.reduce((n, r) => n + r.rooms, 0)} rooms after ${round(joinSeconds)} s; measuring ${a.seconds} s`);

    const samplers = pids.map((p) => new ProcSampler(p));
    const wall0 = Date.now();
    let wall1 = wall0;
    const cpuNow = () => pids.map(cpuTimes).reduce((t, c) => ({ user: t.user + c.user, system: t.system + c.system }), { user: 0, system: 0 });
    const times0 = cpuNow();
    let times1 = times0;
    const gen0 = process.cpuUsage();
    const box0 = machineCpu();
    let box1 = box0;
    const t0 = performance.now();
    for (const s of samplers) s.start();
    let gen1 = gen0;
    let t1 = t0;
    const window = setTimeout(() => {
      t1 = performance.now();
      wall1 = Date.now();
      times1 = cpuNow();
      gen1 = process.cpuUsage();
      box1 = machineCpu();
    }, a.seconds * 1000);
    const results = await Promise.all(workers.map((w) => w.ask<WorkerResult>({ type: "measure", seconds: a.seconds }, "result", (a.seconds + 120) * 1000)));
    clearTimeout(window);
    for (const s of samplers) s.stop();
    const mems = pids.map(memory);
    const probes: ProbeLine[][] = servers.map((s) => readProbe(s.probeFile, wall0, wall1));
    const probe = probes.flat();

    const first = new Histogram();
    const each = new Histogram();
    const sum = (f: (r: WorkerResult) => number) => results.reduce((n, r) => n + f(r), 0);
    const merge = (into: Record<string, number>, from: Record<string, number>) => {
      for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
      return into;
    };
    for (const r of results) {
      first.merge(r.first);
      each.merge(r.each);
    }
    const genCpu = ((gen1.user - gen0.user + gen1.system - gen0.system) / 1e6 / ((t1 - t0) / 1000)) * 100;
    const sent = sum((r) => r.linesSent);
    const secs = (t1 - t0) / 1000;
    const serverCpu = pid ? cpuPercent(times0.user + times0.system, times1.user + times1.system, t0, t1) : 0;
    const serverSys = pid ? cpuPercent(times0.system, times1.system, t0, t1) : 0;
    const otherCpu = ((box1.busy - box0.busy) / secs) * 100 - serverCpu - genCpu;
    const report: LoadReport = {
      command,
      mode: a.baseline ? "baseline" : "table",
      machine: machine(),
      rooms: ready.reduce((n, r) => n + r.rooms, 0),
      students: a.students,
      clients: ready.reduce((n, r) => n + r.clients, 0),
      seconds: a.seconds,
      rhythm: { sayMs: a.sayMs, actionMs: a.actionMs, facilitatorMs: a.facilitatorMs, bots: a.bots, botSeats: a.botSeats },
      workers: a.workers,
      decoders: a.decoders === 0 ? "all" : a.decoders,
      joins: {
        failedCreates: ready.reduce((n, r) => n + r.failedCreates, 0),
        failedJoins: ready.reduce((n, r) => n + r.failedJoins, 0),
        failedStarts: ready.reduce((n, r) => n + r.failedStarts, 0),
        retries: ready.reduce((n, r) => n + r.retries, 0),
        errors: ready.flatMap((r) => r.joinErrors).slice(0, 5),
        seconds: round(joinSeconds),
      },
      lines: { sent, seenByAny: sum((r) => r.linesSeenByAny), seenByAll: sum((r) => r.linesSeenByAll), perSecond: round(sent / a.seconds) },
      delivered: round(sum((r) => r.deliveries) / Math.max(1, sum((r) => r.deliveriesExpected)), 5),
      latency: first.summary(),
      fanout: each.summary(),
      server: pid ? {
        cpuPercent: round(serverCpu),
        systemCpuPercent: round(serverSys),
        cpuMsPerAction: round((serverCpu / 100) * secs * 1000 / Math.max(1, sent + sum((r) => (r.actions.ready ?? 0) + (r.actions.aside ?? 0) + (r.actions.facilitator ?? 0))), 3),
        processes: pids.length,
        roomsPerProcess: servers.map((s) => ready.reduce((n, r) => n + (r.roomsByHost[`127.0.0.1:${s.port}`] ?? 0), 0)),
        maxCpuPercent1s: round(Math.max(...samplers.map((s) => s.maxCpuPercent))),
        peakRssMB: round(Math.max(...mems.map((m) => m.peakRss)) / MB),
        peakRssTotalMB: round(mems.reduce((n, m) => n + m.peakRss, 0) / MB),
        maxRssDuringRunMB: round(Math.max(...samplers.map((s) => s.maxRss), ...mems.map((m) => m.rss)) / MB),
        ...(probe.length ? {
          loopDelayP99MaxMs: round(Math.max(...probe.map((p) => p.loopP99)), 2),
          loopDelayMaxMs: round(Math.max(...probe.map((p) => p.loopMax)), 2),
          gcMsPerSecond: round(probe.reduce((n, p) => n + p.gcMs, 0) / Math.max(1, probes[0].length), 2),
          gcMaxPauseMs: round(Math.max(...probe.map((p) => p.gcMax)), 2),
        } : {}),
      } : null,
      generator: {
        cpuPercent: round(genCpu),
        systemCpuPercent: round(((gen1.system - gen0.system) / 1e6 / secs) * 100),
        loopDelayP99Ms: round(Math.max(...results.map((r) => r.loopDelayP99)), 2),
        loopDelayMaxMs: round(Math.max(...results.map((r) => r.loopDelayMax)), 2),
      },
      otherCpuPercent: round(Math.max(0, otherCpu)),
      loadAverage1m: round(loadavg()[0], 2),
      prioritised,
      actions: results.reduce((acc, r) => merge(acc, r.actions), {} as Record<string, number>),
      errors: results.reduce((acc, r) => merge(acc, r.errors), {} as Record<string, number>),
      drops: sum((r) => r.drops),
      leaves: sum((r) => r.leaves),
    };
    await Promise.all(workers.map((w) => w.ask({ type: "close" }, "closed", 60_000).catch(() => undefined)));
    return report;
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
    await Promise.all(servers.map((s) => s.stop()));
    redis?.stop();
    if (servers.length && a.cpuProf && !a.json) console.error("CPU profile written under ./cpu-profiles (open in Chrome DevTools)");
  }
}

export function formatReport(r: LoadReport): string {
  const l = (s: LatencySummary) => `p50 ${s.p50} ms · p95 ${s.p95} ms · p99 ${s.p99} ms · max ${s.max} ms (${s.samples} samples)`;
  return [
    `# ${r.mode === "baseline" ? "Baseline (plain Colyseus, 50 ms tick)" : "Seat at the Table"}: ${r.rooms} rooms × ${r.students} students, ${r.seconds} s`,
    `command     ${r.command}`,
    `machine     ${r.machine.cpus} × ${r.machine.model}, ${r.machine.memGiB} GiB, Node ${r.machine.node}, Linux ${r.machine.kernel}`,
    `rhythm      each student speaks every ${r.rhythm.sayMs / 1000} s${r.rhythm.actionMs ? ` and moves every ${r.rhythm.actionMs / 1000} s` : ""}${r.rhythm.facilitatorMs ? `, each facilitator acts every ${r.rhythm.facilitatorMs / 1000} s` : ""}${r.rhythm.bots ? `, bots on${r.rhythm.botSeats ? ` (${r.rhythm.botSeats} seat(s) per room left to them)` : " (every seat held by students)"}` : ""}`,
    `clients     ${r.clients} connected (facilitators included) via ${r.workers} generator thread(s), ${r.decoders === "all" ? "all" : r.decoders} per room decoding every patch; joins took ${r.joins.seconds} s`,
    `joins       failed creates ${r.joins.failedCreates}, failed joins ${r.joins.failedJoins}, failed starts ${r.joins.failedStarts}; ${r.joins.retries} retried after the server's "try again"${r.joins.errors.length ? ` — ${r.joins.errors.join(" | ")}` : ""}`,
    `lines       ${r.lines.sent} sent (${r.lines.perSecond}/s), seen by someone ${r.lines.seenByAny}, by everyone ${r.lines.seenByAll}`,
    `delivered   ${round(r.delivered * 100, 3)} % of line × member deliveries`,
    `send→seen   ${l(r.latency)}`,
    `fan-out     ${l(r.fanout)}`,
    r.server
      ? `server      ${r.server.processes > 1 ? `${r.server.processes} processes over Redis (rooms ${r.server.roomsPerProcess.join(" + ")}), together ` : ""}CPU ${r.server.cpuPercent} % of one core (${r.server.systemCpuPercent} % in the kernel; ${r.server.cpuMsPerAction} ms per message; max 1 s: ${r.server.maxCpuPercent1s} %), peak RSS ${r.server.peakRssMB} MB${r.server.processes > 1 ? ` per process (${r.server.peakRssTotalMB} MB together)` : ""} (max during run ${r.server.maxRssDuringRunMB} MB)`
      : "server      not measured (give --pid with --url)",
    ...(r.server?.loopDelayMaxMs !== undefined
      ? [`server loop event-loop delay: worst 1 s p99 ${r.server.loopDelayP99MaxMs} ms, max ${r.server.loopDelayMaxMs} ms; GC ${r.server.gcMsPerSecond} ms/s, longest pause ${r.server.gcMaxPauseMs} ms`]
      : []),
    `generator   CPU ${r.generator.cpuPercent} % (all threads; ${r.generator.systemCpuPercent} % in the kernel), event-loop delay p99 ${r.generator.loopDelayP99Ms} ms, max ${r.generator.loopDelayMaxMs} ms`,
    `machine use other processes ${r.otherCpuPercent} % of one core during the run (load average ${r.loadAverage1m})${r.prioritised ? "; server and generator ran at raised priority (--priority)" : ""}${r.otherCpuPercent > 15 && !r.prioritised ? " — SHARED MACHINE: figures are pessimistic, rerun when idle or with --priority" : ""}`,
    `actions     ${Object.entries(r.actions).map(([k, v]) => `${k} ${v}`).join(", ")}; error replies: ${Object.entries(r.errors).map(([k, v]) => `${k} ${v}`).join(", ") || "none"}; drops ${r.drops}, unexpected leaves ${r.leaves}`,
  ].join("\n");
}

async function main(): Promise<void> {
  let a: LoadArgs;
  try {
    a = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  }
  const command = `npm run loadtest -- ${process.argv.slice(2).join(" ")}`.trim();
  if (a.idleRooms) {
    const r = await measureIdleRooms(a, command);
    console.log(a.json ? JSON.stringify(r, null, 2) : r.text);
    return;
  }
  const r = await runLoad(a, command);
  console.log(a.json ? JSON.stringify(r, null, 2) : formatReport(r));
}

if (import.meta.main) {
  // Ctrl-C: exit through process.exit so the spawned server is killed too (serverProcess.ts).
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => process.exit(130));
  await main();
}
