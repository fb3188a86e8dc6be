/**
 * What a finished game's distribution costs, and whether other rooms feel it:
 *
 *   node_modules/.bin/node scripts/simcost.ts [--games 1000] [--threads 1] [--rooms 10] [--students 30] [--seconds 30]
 *
 * `--priority` is passed on to the load test. Starts the real server (server/main.ts, SIM_GAMES and SIM_THREADS as given), measures the
 * load test's send→seen with nothing else running ("quiet"), then finishes one bot game (a
 * facilitator's, advanced phase by phase), which starts its distribution job, and runs the same
 * load test while the job plays ("busy"). Prints one JSON object: both latency summaries, the
 * job's wall time and CPU seconds (from its stored result), and whether it outlasted the run.
 */
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Client } from "@colyseus/sdk";
import { startServerProcess } from "./load/serverProcess.ts";
import { costOptions } from "./load/beside.ts";

const { games, threads, load, loadArgs } = costOptions();

const server = await startServerProcess({ entry: "server/main.ts", env: { SIM_GAMES: String(games), SIM_THREADS: String(threads), BOT_DELAY_MS: "0" } });
try {
  const quiet = await load(server.url, server.pid);

  // One finished game: its room starts the distribution job.
  const room = await new Client(server.http).create("table", { name: "T", role: "facilitator", config: { roundSeconds: 0, bots: true, seed: 1 } });
  const heard: { status: string; at: number }[] = [];
  let doneAt = 0;
  const finished = new Promise<void>((ok) => room.onMessage("simulated", (m: { status: string }) => {
    heard.push({ status: m.status, at: Date.now() });
    if (m.status === "done" || m.status === "failed") {
      doneAt = Date.now();
      ok();
    }
  }));
  room.onMessage("*", () => undefined);
  const phase = () => (room.state as { phase?: string }).phase ?? "";
  const step = async (cmd: Record<string, unknown>) => {
    const before = JSON.stringify([phase(), (room.state as { round?: number }).round]);
    room.send("facilitator", cmd);
    for (let i = 0; i < 200 && JSON.stringify([phase(), (room.state as { round?: number }).round]) === before; i++) await new Promise((r) => setTimeout(r, 25));
  };
  await new Promise((r) => setTimeout(r, 300));
  await step({ type: "start" });
  for (let i = 0; i < 40 && phase() !== "debrief"; i++) await step({ type: "advance" });
  if (phase() !== "debrief") throw new Error(`the game did not end (phase ${phase()})`);
  const started = Date.now();

  const busy = await load(server.url, server.pid);
  const loadEnded = Date.now();
  await finished;
  // The job's result as the server stored it (its own SQLite file: the simulations table).
  const db = new DatabaseSync(join(server.dataDir, "data", "games.sqlite"), { readOnly: true });
  const stored = (db.prepare("SELECT body FROM simulations").all() as { body: string }[]).map((r) => JSON.parse(r.body));
  db.close();
  const job = stored[0] ?? {};
  await room.leave(true);
  console.log(JSON.stringify({
    command: `node_modules/.bin/node scripts/simcost.ts --games ${games} --threads ${threads} ${loadArgs}`,
    quiet,
    busy,
    job: { games: job.games, threads, seconds: job.seconds, cpuSeconds: job.cpuSeconds, cpuSecondsPer1000: job.games ? Math.round((10_000 * job.cpuSeconds) / job.games) / 10 : null, progressMessages: heard.length },
    jobOutlastedLoad: doneAt > loadEnded,
    jobWallFromGameEnd: Math.round((doneAt - started) / 100) / 10,
  }, null, 1));
} finally {
  await server.stop();
}
