/**
 * The replay's cost on a long game: `node scripts/replayCost.ts [entries]` (default 21,000)
 * writes a finished game with that many engine log entries (mostly talk, six rounds) to a
 * throwaway store, then times GET /api/games/:code/replay's handler (first request and cached),
 * the store's log read alone, and the client's Timeline (build, far jumps, steps).
 * Wall-clock figures: compare on an otherwise idle machine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { apply, newGame, Timeline, type Action, type GameState, type LogEntry, type Who } from "../shared/rules/index.ts";
import { Budget } from "../server/http/budget.ts";
import { mountReplay } from "../server/http/replay.ts";
import { openStore } from "../server/store/index.ts";

const N = Number(process.argv[2] ?? 21_000);
const CODE = "ACDEFG";
const TOKEN = "replay-cost-facilitator-token";
const dir = mkdtempSync(join(tmpdir(), "replay-cost-"));
const st = openStore({ dataDir: dir });
await st.ready();
const config = { rounds: 6, roundSeconds: 0, seed: 11, bots: false, events: true };
let s: GameState = newGame(config);
await st.createGame(CODE, s.scenario, s.config, TOKEN, 1, "cost", 10_000);
const log: LogEntry[] = [];
let now = 1_000_000;
const push = (who: Who, action: Action): void => {
  const r = apply(s, action, who, now, { relinquish: true });
  if (!r.ok) return;
  s = r.state;
  now += 1000;
  log.push({ who, action, now });
  st.append(CODE, { seq: log.length, time: now, who, student: "", kind: "engine", action });
};
const codes = ["RU", "UA", "US", "EU", "BY"] as const;
push("facilitator", { type: "start" });
push("facilitator", { type: "advance" });
for (let i = 0; log.length < N - 10 && s.phase === "round"; i++) {
  const who = codes[i % 5]!;
  push(who, { type: "say", to: i % 3 ? "table" : [codes[(i + 1) % 5]!], text: `Statement ${i} from ${who}: we want peace on fair terms.` });
  if (i % Math.floor(N / 6) === 0 && s.round < 5) push("facilitator", { type: "advance" });
}
while (s.phase !== "debrief") push("facilitator", { type: "advance" });
st.setStatus(CODE, "finished", now, s.outcome);
await st.flush();
console.log(`log: ${log.length} engine entries, ${s.table.length} table lines`);

const read: number[] = [];
for (let k = 0; k < 3; k++) {
  const a = performance.now();
  st.log(CODE);
  read.push(performance.now() - a);
}
console.log(`store log read: ${read.map((x) => x.toFixed(0)).join(", ")} ms`);

type Handler = (req: unknown, res: unknown, next: (e?: unknown) => void) => void;
let handler: Handler | null = null;
mountReplay({ get: (_path: string, h: Handler) => void (handler = h) } as never, st, { trustProxy: false }, new Budget(20, 1));
const call = (): Promise<{ ms: number; bytes: number }> =>
  new Promise((done, fail) => {
    const t0 = performance.now();
    const res = {
      setHeader() {},
      status: () => res,
      type: () => res,
      json: (v: unknown) => fail(new Error(JSON.stringify(v))),
      send: (b: string) => done({ ms: performance.now() - t0, bytes: b.length }),
    };
    handler!({ headers: { authorization: `Bearer ${TOKEN}` }, query: {}, params: { code: CODE }, socket: { remoteAddress: "127.0.0.1" } }, res, fail);
  });
for (let k = 0; k < 3; k++) {
  const r = await call();
  console.log(`route ${k === 0 ? "first" : "again"}: ${r.ms.toFixed(1)} ms, ${(r.bytes / 1e6).toFixed(1)} MB`);
}

for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  const tl = new Timeline(config, log);
  const built = performance.now() - t0;
  let worst = 0;
  for (const at of [tl.length, 0, Math.floor(tl.length / 2), 17, tl.length - 1]) {
    const a = performance.now();
    tl.goto(at);
    worst = Math.max(worst, performance.now() - a);
  }
  const a = performance.now();
  for (let j = 100; j < 300; j++) tl.goto(j);
  console.log(`timeline: built ${built.toFixed(0)} ms, worst far jump ${worst.toFixed(2)} ms, step ${((performance.now() - a) / 200).toFixed(3)} ms`);
}
await st.close();
rmSync(dir, { recursive: true, force: true });
