/**
 * Talk must not stall the server. The facilitator's console used to poll the
 * JSON report every 15 s, and each report replayed the whole log (2.19 s for a 22,000-line game,
 * every class on the server stalled meanwhile); a game's log could grow without end. Now the
 * room pushes the participation figures over the socket, throttled; a game keeps at most
 * TALK_CAP lines (a share per student, so nobody can talk the others quiet); and a game at the
 * cap restores in well under a second of replay.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../../server/store/sqlite.ts";
import { TALK_CAP } from "../../shared/protocol/messages.ts";
import { errorsOf, facilitated, Player, seat, ServerProcess, sleep, waitUntil } from "./harness.ts";

let srv: ServerProcess;
beforeAll(async () => { srv = await ServerProcess.start(); }, 60_000);
afterAll(async () => { await srv?.dispose(); });

describe("participation over the room socket", () => {
  it("the facilitator gets each student's figures on joining and after changes, at most every 2 s; students never do", async () => {
    const { f, code } = await facilitated(srv, { bots: false });
    const { p: ana } = await seat(srv, code, "BY", "Ana");
    await waitUntil(() => f.of("participation").some((l: { name: string }[]) => l.some((x) => x.name === "Ana")), "Ana in the figures");
    const before = f.of("participation").length;
    const t0 = performance.now();
    for (let i = 0; i < 30; i++) ana.send("action", { type: "say", to: i % 3 ? "table" : ["RU"], text: `Line ${i}` });
    await waitUntil(() => {
      const last = f.of("participation").at(-1) as { name: string; actions: number }[];
      return last.find((x) => x.name === "Ana")?.actions === 30;
    }, "the figures to count 30 lines", 8000);
    const took = performance.now() - t0;
    const last = (f.of("participation").at(-1) as { name: string; delegation: string; actions: number; statements: number; backChannel: number }[]).find((x) => x.name === "Ana");
    expect(last).toMatchObject({ delegation: "BY", actions: 30, statements: 20, backChannel: 10 });
    // Throttled: one message now, then one per 2 s at most.
    expect(f.of("participation").length - before).toBeLessThanOrEqual(1 + Math.ceil(took / 2000));
    expect(ana.of("participation")).toEqual([]);
    // A facilitator who (re)joins gets the figures with the roster.
    const again = await Player.join(srv.url, code, { name: "T", role: "facilitator", facilitatorToken: (await f.message("welcome")).facilitatorToken });
    const lines = await again.message("participation");
    expect(lines.find((x: { name: string }) => x.name === "Ana")).toMatchObject({ statements: 20, backChannel: 10 });
  });
});

describe("the talk cap", () => {
  it("a game near the cap restores fast; a student at their share is refused talk/cap, others still talk until the game's cap; moves go on", async () => {
    const { f, code, token } = await facilitated(srv, { bots: false });
    const { p: talker, token: talkerToken } = await seat(srv, code, "UA", "Talker");
    const { token: otherToken } = await seat(srv, code, "RU", "Other");
    const talkerId = (await talker.message("welcome")).member as string;
    void f;
    await srv.stop("SIGTERM");

    // The log as if the class had talked for hours: the talker's full share, and other
    // students' lines up to one short of the game's cap.
    const st = new SqliteStore(srv.dataDir);
    let seq = (await st.log(code)).at(-1)?.seq ?? 0;
    const now = Date.now();
    const line = (who: string, student: string, i: number) =>
      st.append(code, { seq: ++seq, time: now, who: who as never, student, kind: "engine", action: { type: "say", to: i % 4 ? "table" : ["US"], text: `Old line ${i}` } });
    for (let i = 0; i < TALK_CAP.perStudent; i++) line("UA", talkerId, i);
    let n = TALK_CAP.perStudent;
    for (let s = 0; n < TALK_CAP.perGame - 1; s++) for (let i = 0; i < TALK_CAP.perStudent && n < TALK_CAP.perGame - 1; i++, n++) line("EU", `x${s}`, i);
    await st.close();

    const t0 = performance.now();
    await srv.launch();
    const restart = performance.now() - t0;
    console.log(`a game of ${TALK_CAP.perGame - 1} lines: restart to /healthz 200 in ${restart.toFixed(0)} ms (process start included)`);

    const teacher = await Player.join(srv.url, code, { name: "T", role: "facilitator", facilitatorToken: token });
    const figures = await teacher.message("participation");
    expect(figures.find((x: { name: string }) => x.name === "Talker")).toMatchObject({ statements: 375, backChannel: 125 });

    const t = await Player.join(srv.url, code, { name: "Talker", role: "player", playerToken: talkerToken });
    const o = await Player.join(srv.url, code, { name: "Other", role: "player", playerToken: otherToken });
    await t.message("welcome");
    await o.message("welcome");

    // The talker's share is spent: refused, with the code and a clear message, nothing logged.
    t.send("action", { type: "say", to: "table", text: "One more?" });
    const e1 = await t.next("error");
    expect(e1).toMatchObject({ code: "talk/cap", action: "say" });
    expect(e1.message).toMatch(new RegExp(`${TALK_CAP.perStudent} lines a student`));
    // Another student still has the game's last line…
    await o.act("action", { type: "say", to: "table", text: "The last word." }, (s) => s.table.some((x: { text: string }) => x.text === "The last word."));
    // …and then the game is full.
    o.send("action", { type: "say", to: ["UA"], text: "And another?" });
    const e2 = await o.next("error");
    expect(e2).toMatchObject({ code: "talk/cap", action: "say" });
    expect(e2.message).toMatch(new RegExp(`${TALK_CAP.perGame} lines`));
    // Moves are not talk: the game goes on.
    await teacher.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
    await sleep(100);
    expect(errorsOf(t).filter((e) => e.code !== "talk/cap")).toEqual([]);
  }, 90_000);
});
