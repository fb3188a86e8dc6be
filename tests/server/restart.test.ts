/**
 * Crash safety: a server process killed with SIGKILL mid-game restarts from the same DATA_DIR
 * with every accepted action intact, the room under the same code, and seats reclaimed by token.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";
import { Player, sleep, waitUntil } from "./helpers.ts";

const root = resolve(import.meta.dirname, "..", "..");
const dataDir = mkdtempSync(join(tmpdir(), "seat-restart-"));
let proc: ChildProcess | undefined;

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function start(port: number): Promise<ChildProcess> {
  const p = spawn(join(root, "node_modules", ".bin", "node"), ["server/main.ts"], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DATA_DIR: dataDir, BOT_DELAY_MS: "0", SIM_GAMES: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  p.stdout!.on("data", (d) => (log += d));
  p.stderr!.on("data", (d) => (log += d));
  const end = Date.now() + 40_000; // generous: CI machines may be busy
  for (;;) {
    if (p.exitCode !== null) throw new Error(`server exited: ${log}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.status === 200) return p;
    } catch {
      /* not up yet */
    }
    if (Date.now() > end) throw new Error(`server did not become healthy: ${log}`);
    await sleep(100);
  }
}

afterAll(() => {
  proc?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

it("restores an unfinished game after SIGKILL, with its log and seats", async () => {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  proc = await start(port);

  const f = await Player.create(url, { name: "T", role: "facilitator", config: { rounds: 3, roundSeconds: 0, seed: 9, bots: false, events: true } });
  const fw = await f.message("welcome");
  const code = fw.code;
  const ru = await Player.join(url, code, { name: "Ivan", role: "player", delegation: "RU" });
  const us = await Player.join(url, code, { name: "Sam", role: "player", delegation: "US" });
  const ruW = await ru.message("welcome");
  const usW = await us.message("welcome");
  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
  await ru.act("action", { type: "seatMotion", delegation: "BY", seat: "observer" }, (s) => s.motions.length === 1);
  await us.act("action", { type: "ruleMotion", motion: ru.json().motions[0].id, approve: true }, (s) => s.motions[0].status === "approved");
  await ru.act("action", { type: "propose", clause: { type: "ceasefire" } }, (s) => s.clauses.length === 1);
  await ru.act("action", { type: "say", to: ["US"], text: "between us" });
  await us.message("private");
  await f.act("facilitator", { type: "pause" }, (s) => s.paused);

  const before = f.json();
  const report = async () =>
    (await fetch(`http://127.0.0.1:${port}/api/games/${code}/report`, { headers: { Authorization: `Bearer ${fw.facilitatorToken}` } })).json();
  const logBefore = (await report()).log;

  proc.kill("SIGKILL");
  await new Promise((r) => proc!.once("exit", r));
  proc = await start(port);

  const logAfter = (await report()).log;
  expect(logAfter).toEqual(logBefore);

  const ru2 = await Player.join(url, code, { name: "", role: "player", playerToken: ruW.playerToken });
  expect(await ru2.message("welcome")).toMatchObject({ code, delegation: "RU", member: ruW.member });
  const us2 = await Player.join(url, code, { name: "", role: "player", playerToken: usW.playerToken });
  expect((await us2.message("welcome")).delegation).toBe("US");
  expect((await us2.message("private")).text).toBe("between us");
  const f2 = await Player.join(url, code, { name: "T", role: "facilitator", facilitatorToken: fw.facilitatorToken });
  expect((await f2.message("welcome")).role).toBe("facilitator");

  const after = f2.json();
  for (const k of ["phase", "round", "momentum", "battlefield", "euUnity", "event", "paused", "clauses", "motions", "table"]) {
    expect(after[k], k).toEqual(before[k]);
  }
  expect(after.delegations.RU.members).toEqual([{ name: "Ivan", connected: true }]);

  // The game goes on: resume, agree, advance; the motion takes effect at the round's end.
  await f2.act("facilitator", { type: "resume" }, (s) => !s.paused);
  await f2.act("facilitator", { type: "advance" }, (s) => s.round === 2);
  await waitUntil(() => f2.json().delegations.BY.seat === "observer", "BY observer");

  // SIGTERM: clients are told (close 4001), the process exits cleanly, the game comes back.
  const told = new Promise<number>((r) => ru2.room.onLeave((c: number) => r(c)));
  const exited = new Promise<number | null>((r) => proc!.once("exit", (c) => r(c)));
  proc.kill("SIGTERM");
  expect(await told).toBe(4001);
  expect(await exited).toBe(0);
  expect(ru2.of("event").some((e) => e.kind === "shutdown")).toBe(true);
  const round = f2.json().round;
  proc = await start(port);
  const ru3 = await Player.join(url, code, { name: "", role: "player", playerToken: ruW.playerToken });
  expect((await ru3.message("welcome")).delegation).toBe("RU");
  expect(ru3.json().round).toBe(round);
  expect(ru3.json().delegations.BY.seat).toBe("observer");
  await ru3.act("action", { type: "say", to: "table", text: "and after" }, (s) => s.table.some((e: any) => e.text === "and after"));
  await ru3.leave();
}, 180_000);
