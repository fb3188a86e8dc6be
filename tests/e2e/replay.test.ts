/**
 * Replay in the browser: a finished solo game opened from its debrief ("Replay this game") is
 * replayed on the table from its log; jumping to a marked moment shows that moment's state —
 * the log's newest line is the moment's, the top bar and the canvas gauges show its tracks —
 * and stepping, rounds, playback, keys and the end (the debrief, back channels revealed) follow.
 * The projector opens the shared link. Screenshots: docs/screenshots/replay-*.png.
 */
import { describe, expect, it } from "vitest";
import { Timeline, type GameState, type LogEntry } from "../../shared/rules/index.ts";
import type { ReplayBody } from "../../shared/protocol/replay.ts";
import { Player, waitUntil } from "../server/helpers.ts";
import { browserSuite, person, shot } from "./harness.ts";

const suite = browserSuite();

/** A solo game as Belarus, played to its end over the SDK (bots in the other seats). */
async function finishedSolo(): Promise<{ code: string; token: string }> {
  const ws = suite.server.url.replace(/^http/, "ws");
  const p = await Player.create(ws, { name: "Solo student", role: "player", delegation: "BY", solo: true, config: { rounds: 2, roundSeconds: 30, seed: 1234 } });
  const w = await p.message("welcome");
  await waitUntil(() => p.json().phase === "briefing", "briefing", 20_000);
  for (let i = 0; i < 40 && p.json().phase !== "debrief"; i++) {
    const s = p.json();
    // Let the bots table and back clauses for a moment each round, then end it.
    await new Promise((r) => setTimeout(r, s.phase === "round" ? 2500 : 300));
    if (p.json().phase === "signing" && p.json().delegations.BY.seat === "party") p.send("action", { type: "sign", sign: true });
    else if (p.json().phase !== "debrief") p.send("action", { type: "ready", ready: true });
    await new Promise((r) => setTimeout(r, 400));
  }
  await waitUntil(() => p.json().phase === "debrief", "debrief", 30_000);
  return { code: w.code, token: w.playerToken };
}

const hud = (page: import("playwright-core").Page) => page.locator(".topbar .hud").innerText();
const gauges = (page: import("playwright-core").Page) => page.evaluate(() => (window.__tableDrawn?.() ?? []).filter((t) => t.id.startsWith("gauge-")).map((t) => t.text));
const lastLog = (page: import("playwright-core").Page) => page.locator(".log li.entry").last().innerText();
const at = (page: import("playwright-core").Page) => page.evaluate(() => window.__replay?.at ?? -1);

function expectShows(s: GameState): RegExp[] {
  const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0");
  return [new RegExp(`Momentum ${s.momentum}\\b`), new RegExp(`Battlefield ${signed(s.battlefield).replace("+", "\\+")}`), new RegExp(`EU unity ${s.euUnity}\\b`)];
}

describe("replay", () => {
  it("a finished solo game replayed to a marked moment shows that moment's log and gauges", async () => {
    const { code, token } = await finishedSolo();
    const res = await fetch(`${suite.server.url}/api/games/${code}/replay`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReplayBody;
    const tl = new Timeline(body.config, body.entries.map((e): LogEntry => ({ who: e.who, action: e.action, now: e.time })), body.scenario);

    const student = await person(suite.browser, { width: 1366, height: 900 });
    suite.people.push(student);
    const page = student.page;
    // This browser is the solo player's: its saved seat opens the debrief, then the replay.
    await page.goto(suite.server.url);
    await page.evaluate(([c, t]) => localStorage.setItem(`seat-at-the-table:${c}`, JSON.stringify({ playerToken: t, solo: true, name: "Solo student" })), [code, token]);
    await page.goto(`${suite.server.url}/?code=${code}`);
    await page.getByRole("button", { name: "Replay this game" }).click({ timeout: 30_000 });
    const region = page.getByRole("region", { name: "Replay" });
    await region.waitFor({ timeout: 20_000 });
    await page.locator("#table-canvas[data-ready]").waitFor({ timeout: 20_000 });
    // The replay opens where the talks open (the briefing), not in the seating before it.
    const first = tl.roundStarts[0]!;
    expect(await at(page)).toBe(first);
    expect(tl.state(first).phase).toBe("briefing");

    // Jump to a marked moment: an agreement if the bots reached one, else an event card.
    const moment = tl.moments.find((m) => m.tag === "agreed") ?? tl.moments.find((m) => m.tag === "event")!;
    expect(moment).toBeTruthy();
    await page.getByLabel("Jump to moment").selectOption(String(moment.at));
    await expect.poll(() => at(page)).toBe(moment.at);
    const there = tl.state(moment.at);
    // The log shows the table up to that moment: its line is there, and the newest line is that position's.
    const norm = (t: string) => t.replace(/\s+/g, " ").trim();
    const lines = (await page.locator(".log li.entry").allInnerTexts()).map(norm);
    expect(lines.length).toBe(Math.min(200, there.table.length));
    expect(lines.some((l) => l.includes(norm(moment.text).slice(0, 60)))).toBe(true);
    expect(lines.at(-1)).toContain(norm(there.table.at(-1)!.text).slice(0, 40));
    for (const re of expectShows(there)) {
      expect(await hud(page)).toMatch(re);
      await expect.poll(async () => (await gauges(page)).join(" | ")).toMatch(re);
    }
    await page.waitForTimeout(800); // the cards settle
    await shot(page, "replay-laptop");

    // Step back and forward by one action: the tracks and the log follow exactly.
    await page.getByRole("button", { name: "Step back" }).click();
    expect(await at(page)).toBe(moment.at - 1);
    const before = tl.state(moment.at - 1);
    for (const re of expectShows(before)) expect(await hud(page)).toMatch(re);
    expect(await page.locator(".log li.entry").count()).toBe(Math.min(200, before.table.length));
    await page.getByRole("button", { name: "Step forward" }).click();
    expect(await at(page)).toBe(moment.at);
    expect(await lastLog(page)).toContain(there.table.at(-1)!.text.slice(0, 40));

    // Rounds, keys and speed.
    await page.getByRole("button", { name: "Next round" }).click();
    expect(await at(page)).toBe(tl.nextRound(moment.at));
    await page.getByRole("button", { name: "Previous round" }).click();
    expect(await at(page)).toBe(tl.previousRound(tl.nextRound(moment.at)));
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Home");
    expect(await at(page)).toBe(first);
    await page.keyboard.press("ArrowRight");
    expect(await at(page)).toBe(first + 1);
    await page.keyboard.press("Shift+ArrowRight");
    expect(await at(page)).toBe(tl.nextRound(first + 1));
    await page.keyboard.press("8");
    expect(await page.getByLabel("Replay speed").inputValue()).toBe("8");
    const from = await at(page);
    await page.getByRole("button", { name: "Play", exact: true }).click();
    expect(await page.getByRole("button", { name: "Pause" }).isVisible()).toBe(true);
    await expect.poll(() => at(page), { timeout: 10_000 }).toBeGreaterThan(from + 3);
    await page.keyboard.press("Space");
    expect(await page.getByRole("button", { name: "Play", exact: true }).isVisible()).toBe(true);
    const paused = await at(page);
    await page.waitForTimeout(600);
    expect(await at(page)).toBe(paused);
    expect(await page.locator(".replay-controls .keys").innerText()).toContain("Shift + ← → round");

    // The end: the debrief, back channels revealed as the debrief reveals them.
    await page.keyboard.press("End");
    expect(await at(page)).toBe(tl.length);
    await page.locator(".debrief .matrix").waitFor();
    // Scored in the browser with the aims the server sent (the bundle carries none): every line there.
    const scored = Object.values(tl.state(tl.length).outcome!.breakdown).flat().filter((l) => l.points !== 0).length;
    expect(scored).toBeGreaterThan(0);
    expect(await page.locator(".debrief .breakdown li").count()).toBe(scored);
    const end = tl.state(tl.length);
    const sent = end.messages.reduce((n, m) => n + m.to.length, 0);
    const cells = await page.locator(".debrief .matrix tbody td").allInnerTexts();
    expect(cells.filter((x) => x !== "—").reduce((n, x) => n + Number(x), 0)).toBe(sent);

    // The owner may share and ask "what if".
    await page.getByRole("button", { name: "Copy share link" }).click();
    await expect.poll(() => page.locator(".replay-controls [role=status]").innerText()).toMatch(/copied|Copy this link/);
    // From the start of a round in the middle of the game: the bots play the rest out, with
    // progress, and the result sits against what the class reached.
    await page.keyboard.press("Home");
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Shift+ArrowRight");
    await page.getByRole("button", { name: "What if…" }).click();
    await page.locator(".replay-controls .what-if").waitFor({ state: "attached" });
    await page.getByRole("button", { name: "Play it out", exact: true }).click();
    await page.getByRole("progressbar", { name: "What-if progress" }).waitFor({ state: "attached", timeout: 10_000 });
    const result = page.getByRole("region", { name: "What-if result" });
    await expect.poll(() => result.innerText(), { timeout: 60_000 }).toMatch(/\d/);
    await shot(page, "replay-what-if");
    await student.context.close();

    // The projector opens the shared link (no seat in this browser) and shows the same moment.
    const projector = await person(suite.browser, { width: 1920, height: 1080 });
    suite.people.push(projector);
    await projector.page.goto(`${suite.server.url}${body.share!.link}&view=projector`);
    await projector.page.getByRole("region", { name: "Replay" }).waitFor({ timeout: 20_000 });
    await projector.page.locator("#table-canvas[data-ready]").waitFor({ timeout: 20_000 });
    expect(await projector.page.getByRole("button", { name: "Copy share link" }).count()).toBe(0);
    expect(await projector.page.getByRole("button", { name: "What if…" }).count()).toBe(0);
    await projector.page.getByLabel("Jump to moment").selectOption(String(moment.at));
    for (const re of expectShows(there)) await expect.poll(async () => (await gauges(projector.page)).join(" | ")).toMatch(re);
    await projector.page.waitForTimeout(800);
    await shot(projector.page, "replay-projector");
    // The whole page fits the projector's screen: controls, table and the latest lines all in view.
    const bottom = (sel: string) => projector.page.locator(sel).evaluate((e) => e.getBoundingClientRect().bottom);
    expect(await bottom(".replay-controls")).toBeLessThanOrEqual(64 + 52 + 1);
    expect(await bottom("#table-canvas")).toBeLessThanOrEqual(1080);
    expect(await bottom(".log-panel")).toBeLessThanOrEqual(1080);
    await projector.context.close();

    // A phone opens the shared link too: the controls wrap above the table and work.
    const phone = await person(suite.browser, { width: 375, height: 667 }, "reduce");
    suite.people.push(phone);
    await phone.page.goto(`${suite.server.url}${body.share!.link}`);
    await phone.page.getByRole("region", { name: "Replay" }).waitFor({ timeout: 20_000 });
    await phone.page.getByLabel("Jump to moment").selectOption(String(moment.at));
    await phone.page.getByRole("button", { name: "Step forward" }).click();
    expect(await at(phone.page)).toBe(moment.at + 1);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.page.waitForTimeout(500);
    await shot(phone.page, "replay-phone");
    await phone.context.close();

    // A wrong key is said in words.
    const stranger = await person(suite.browser);
    suite.people.push(stranger);
    await stranger.page.goto(`${suite.server.url}/?replay=${code}&key=${"A".repeat(22)}`);
    await expect.poll(() => stranger.page.getByRole("alert").innerText()).toMatch(/No replay of/);
    await stranger.context.close();
  });

  it("the facilitator replays a class game from the debrief, with the share link and what-if", async () => {
    const ws = suite.server.url.replace(/^http/, "ws");
    const f = await Player.create(ws, { name: "Teacher", role: "facilitator", config: { rounds: 1, roundSeconds: 0, seed: 77, bots: true } });
    const w = await f.message("welcome");
    const ru = await Player.join(ws, w.code, { name: "Ivan", role: "player", delegation: "RU" });
    await f.act("facilitator", { type: "start" }, (st) => st.phase === "briefing");
    await f.act("facilitator", { type: "advance" }, (st) => st.phase === "round");
    await ru.act("action", { type: "say", to: "table", text: "Moscow is listening." }, (st) => st.table.some((e: any) => e.text === "Moscow is listening."));
    await f.act("facilitator", { type: "end" }, (st) => st.phase === "debrief");

    const teacher = await person(suite.browser);
    suite.people.push(teacher);
    const page = teacher.page;
    await page.goto(suite.server.url);
    await page.evaluate(([c, t]) => localStorage.setItem(`seat-at-the-table:${c}`, JSON.stringify({ facilitatorToken: t, playerToken: t, name: "Teacher" })), [w.code, w.facilitatorToken]);
    await page.goto(`${suite.server.url}/?code=${w.code}&role=facilitator`);
    await page.getByRole("button", { name: "Replay this game" }).click({ timeout: 30_000 });
    await page.getByRole("region", { name: "Replay" }).waitFor({ timeout: 20_000 });
    // The names at the seats, the share link and "What if…" for the facilitator.
    await page.keyboard.press("End");
    await page.locator(".debrief").waitFor();
    expect(await page.locator(".debrief").innerText()).toContain("Ivan");
    await page.getByRole("button", { name: "Copy share link" }).click();
    await expect.poll(() => page.locator(".replay-controls [role=status]").innerText()).toMatch(/copied|Copy this link/);
    await page.getByRole("button", { name: "What if…" }).click();
    expect(await page.getByRole("button", { name: "What if…" }).getAttribute("aria-expanded")).toBe("true");
    await teacher.context.close();
  });
});
