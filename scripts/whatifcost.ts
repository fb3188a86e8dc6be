/**
 * What a what-if run costs, and whether other rooms feel it:
 *
 *   node_modules/.bin/node scripts/whatifcost.ts [--games 1000] [--threads 1] [--rounds 6] [--rooms 10] [--students 30] [--seconds 30]
 *
 * `--priority` is passed on to the load test. Starts the real server (server/main.ts, no
 * distribution jobs, SIM_THREADS as given), finishes one bot game (a facilitator's, advanced
 * phase by phase with a moment for the bots each time), measures the load test's send→seen with
 * nothing else running ("quiet"), then asks for a what-if from a third of the way through the
 * game's log (POST /api/games/:code/whatif) and runs the same load test while it plays
 * ("busy"). Then plays the same what-if in this process with no wall budget ("unbounded", the
 * server's 20 s would cut a slow run short), for its CPU seconds per 1,000 games. Prints one JSON
 * object: both latency summaries, each run's wall time and its threads' CPU seconds (from its
 * result), and whether the server's run outlasted the load run.
 */
import { Client } from "@colyseus/sdk";
import { join } from "node:path";
import type { Action } from "../shared/rules/index.ts";
import { WhatIfRuns } from "../server/sim/whatIf.ts";
import { openStore } from "../server/store/index.ts";
import { startServerProcess } from "./load/serverProcess.ts";
import { costOptions, wholeArg } from "./load/beside.ts";

const { games, threads, load, loadArgs } = costOptions();
const rounds = wholeArg("rounds", 6);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const server = await startServerProcess({ entry: "server/main.ts", env: { SIM_THREADS: String(threads), BOT_DELAY_MS: "0" } });
try {
  // One finished game with a log worth playing on from.
  const room = await new Client(server.http).create("table", { name: "T", role: "facilitator", config: { roundSeconds: 0, bots: true, seed: 3, rounds } });
  let token = "";
  room.onMessage("welcome", (m: { facilitatorToken?: string }) => (token = m.facilitatorToken ?? token));
  room.onMessage("*", () => undefined);
  const phase = () => (room.state as { phase?: string }).phase ?? "";
  const step = async (cmd: Record<string, unknown>) => {
    const before = JSON.stringify([phase(), (room.state as { round?: number }).round]);
    room.send("facilitator", cmd);
    for (let i = 0; i < 200 && JSON.stringify([phase(), (room.state as { round?: number }).round]) === before; i++) await sleep(25);
    await sleep(400); // the bots' moves of the new phase
  };
  await sleep(300);
  await step({ type: "start" });
  for (let i = 0; i < 40 && phase() !== "debrief"; i++) await step({ type: "advance" });
  if (phase() !== "debrief" || !token) throw new Error(`the game did not end (phase ${phase()})`);
  const code = room.roomId;
  await room.leave(true);
  const auth = { Authorization: `Bearer ${token}` };
  const point = (await (await fetch(`${server.http}/api/games/${code}/whatif?at=0`, { headers: auth })).json()) as { entries: number };
  const at = Math.floor(point.entries / 3);

  const quiet = await load(server.url, server.pid);

  const asked = Date.now();
  const r = await fetch(`${server.http}/api/games/${code}/whatif`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ at, games }) });
  const job = (await r.json()) as { job: string };
  if (r.status !== 202) throw new Error(`what-if refused: ${JSON.stringify(job)}`);
  let doneAt = 0;
  let polls = 0;
  type Status = { state: string; round: number; result?: { games: number; partial: boolean; seconds: number; cpuSeconds: number } };
  const last: { end: Status | null } = { end: null };
  const follow = (async () => {
    for (;;) {
      await sleep(500);
      polls++;
      last.end = (await (await fetch(`${server.http}/api/games/${code}/whatif/${job.job}`, { headers: auth })).json()) as Status;
      if (last.end.state !== "running") return void (doneAt = Date.now());
    }
  })();
  const busy = await load(server.url, server.pid);
  const loadEnded = Date.now();
  await follow;
  const end = last.end!;
  const res = end.result;

  // The same what-if, unbounded, in this process.
  const st = openStore({ dataDir: join(server.dataDir, "data"), readOnly: true });
  await st.ready();
  const g = (await st.game(code))!;
  const entries = (await st.log(code)).filter((e) => e.kind === "engine").map((e) => ({ who: e.who, action: e.action as Action, now: e.time }));
  await st.close();
  const direct = new WhatIfRuns({ threads, concurrent: 1, budgetMs: 600_000 });
  const t0 = Date.now();
  const first = direct.start(code, { scenario: g.scenario, config: g.config, entries, at }, 0, games, { outcome: g.outcome!.id, scores: g.outcome!.scores })!;
  let d = first;
  while (d.state === "running") {
    await sleep(250);
    d = direct.get(code, first.job)!;
  }
  const unbounded = d.result ? { games: d.result.games, seconds: d.result.seconds, cpuSeconds: d.result.cpuSeconds, cpuSecondsPer1000: Math.round((10_000 * d.result.cpuSeconds) / d.result.games) / 10, wall: Math.round((Date.now() - t0) / 100) / 10 } : d;
  console.log(JSON.stringify({
    command: `node_modules/.bin/node scripts/whatifcost.ts --games ${games} --threads ${threads} --rounds ${rounds} ${loadArgs}`,
    game: { rounds, entries: point.entries, at, fromRound: end.round },
    quiet,
    busy,
    run: res ? { games: res.games, partial: res.partial, seconds: res.seconds, cpuSeconds: res.cpuSeconds, cpuSecondsPer1000: Math.round((10_000 * res.cpuSeconds) / res.games) / 10, polls } : end,
    unbounded,
    runOutlastedLoad: doneAt > loadEnded,
    runWallFromAsk: Math.round((doneAt - asked) / 100) / 10,
  }, null, 1));
} finally {
  await server.stop();
}
