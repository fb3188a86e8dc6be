/**
 * The whole story in the browser: a finished solo game's debrief keeps every round's decisive
 * moments (marked) and every line of talk (folded, open to read); the printable report of a
 * class game prints on A4 and Letter — printed to PDF by Chromium, each page turned into a PNG
 * (pdftoppm) for docs/screenshots.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Player } from "../server/helpers.ts";
import { browserSuite, person, playSoloToDebrief, shot, SHOTS, startSolo } from "./harness.ts";

const suite = browserSuite();

/** The narrator's tags the debrief marks as decisive (shared/rules/story.ts). */
const DECISIVE = ["seat", "agreed", "superseded", "unagreed", "torpedo", "event", "ruling", "void", "warning", "sign", "outcome"];

describe("the story of a game", () => {
  it("a finished solo game's debrief shows every round's decisive moments and folds the talk", async () => {
    const player = await person(suite.browser, { width: 1366, height: 900 });
    suite.people.push(player);
    const page = player.page;
    await startSolo(page, suite.server.url);

    await playSoloToDebrief(page, { pardon: true, thinkMs: 1200 });
    const debrief = page.locator(".debrief");
    const story = debrief.locator(".story");
    await story.waitFor();

    // The table log (the whole of it: a solo game stays under the log's 200 lines) against the story.
    const log = await page.locator(".log li.entry:not(.private)").evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent ?? "", tag: [...e.classList].find((c) => c.startsWith("tag-"))?.slice(4) ?? "" })));
    expect(log.length).toBeGreaterThan(20);
    expect(log.length).toBeLessThan(200);
    const chapters = await story.locator(".chapter").evaluateAll((els) =>
      els.map((ch) => ({
        key: ch.getAttribute("data-chapter") ?? "",
        marks: [...ch.querySelectorAll(".moment .mark")].map((m) => m.textContent ?? ""),
        decisive: ch.querySelectorAll(".moment.decisive").length,
        lines: ch.querySelectorAll(".moment").length + ch.querySelectorAll(".fold details li").length,
      })));
    // Every line is kept: the chapters hold exactly the log's lines.
    expect(chapters.reduce((n, c) => n + c.lines, 0)).toBe(log.length);
    // Every decisive moment of the log is marked.
    expect(chapters.reduce((n, c) => n + c.decisive, 0)).toBe(log.filter((l) => DECISIVE.includes(l.tag)).length);
    // Each round played is a chapter that opens, draws its event card and ends by moving Momentum.
    const rounds = chapters.filter((c) => c.key.startsWith("round-"));
    expect(rounds.length).toBeGreaterThanOrEqual(1);
    rounds.forEach((c, i) => {
      expect(c.key).toBe(`round-${i + 1}`);
      expect(c.marks).toContain("New round");
      expect(c.marks).toContain("Event card");
      expect(c.marks).toContain("Momentum");
    });
    expect(chapters.at(-1)!.marks).toContain("Outcome");
    if (log.some((l) => l.tag === "agreed")) expect(chapters.flatMap((c) => c.marks)).toContain("Agreement");
    if (log.some((l) => l.tag === "sign")) expect(chapters.find((c) => c.key === "signing")!.marks).toContain("Signature");

    // Talk is folded, and opens.
    const fold = story.locator(".fold details").first();
    await expect.poll(() => fold.locator("ul").isVisible()).toBe(false);
    await fold.locator("summary").click();
    await expect.poll(() => fold.locator("ul").isVisible()).toBe(true);
    // The simulated distribution's place is there, empty.
    expect(await debrief.locator("#debrief-simulated").count()).toBe(1);
    await story.scrollIntoViewIfNeeded();
    await shot(page, "debrief-story");
  });

  it("the printable report prints on A4 and Letter with the teacher's local times", async () => {
    const f = await Player.create(suite.server.url, { name: "Ms Kowalska", role: "facilitator", config: { rounds: 4, roundSeconds: 0, seed: 21, bots: true, events: true } });
    const w = await f.message("welcome");
    const kicked = await Player.join(suite.server.url, w.code, { name: "Dmitri", role: "player", delegation: "UA" });
    const stays = await Player.join(suite.server.url, w.code, { name: "Olena", role: "player", delegation: "RU" });
    const roster = await f.message("roster", (r: any[]) => r.some((m) => m.name === "Dmitri"));
    await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
    await stays.act("action", { type: "say", to: "table", text: "Moscow is ready to talk." });
    await f.act("facilitator", { type: "kick", member: roster.find((m: any) => m.name === "Dmitri").member });
    await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
    // The bots play; the facilitator closes each round after they have had their say.
    for (let i = 0; i < 12 && f.json().phase !== "debrief"; i++) {
      await new Promise((r) => setTimeout(r, 6000));
      await f.act("facilitator", { type: "advance" });
      await new Promise((r) => setTimeout(r, 300));
    }
    await f.act("facilitator", { type: "end" }, (s) => s.phase === "debrief").catch(() => undefined);
    expect(f.json().phase).toBe("debrief");
    const res = await fetch(`${suite.server.url}/api/games/${w.code}/report?format=html&tz=Europe%2FBerlin`, { headers: { Authorization: `Bearer ${w.facilitatorToken}` }, signal: AbortSignal.timeout(20_000) }).catch((e) => {
      console.log(suite.server.output().slice(-3000));
      throw e;
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("times in Europe/Berlin");
    expect(html).toContain("<b>Was the war stopped?</b>");
    expect(html).toMatch(/Dmitri <span class="flag">removed by the facilitator<\/span>/);
    // The kicked student's room is already closed; leaving it would wait for nothing.
    void kicked;
    await Promise.race([Promise.all([f.leave(), stays.leave()]), new Promise((r) => setTimeout(r, 3000))]);

    const reader = await person(suite.browser);
    suite.people.push(reader);
    await reader.page.setContent(html);
    await reader.page.emulateMedia({ media: "print" });
    const tmp = mkdtempSync(join(tmpdir(), "report-pdf-"));
    mkdirSync(SHOTS, { recursive: true });
    try {
      const pages: Record<string, number> = {};
      for (const format of ["A4", "Letter"] as const) {
        const pdf = await reader.page.pdf({ format, printBackground: true });
        const file = join(tmp, `report-${format}.pdf`);
        writeFileSync(file, pdf);
        execFileSync("pdftoppm", ["-png", "-r", "72", file, join(tmp, `report-${format.toLowerCase()}`)]);
        const pngs = readdirSync(tmp).filter((n) => n.startsWith(`report-${format.toLowerCase()}-`) && n.endsWith(".png")).sort();
        pages[format] = pngs.length;
        // Every A4 page and the first two Letter pages are kept for docs/screenshots.
        for (const old of readdirSync(SHOTS).filter((n) => n.startsWith(`report-${format.toLowerCase()}-page`))) rmSync(join(SHOTS, old));
        pngs.slice(0, format === "A4" ? pngs.length : 2).forEach((n, i) => renameSync(join(tmp, n), join(SHOTS, `report-${format.toLowerCase()}-page${i + 1}.png`)));
      }
      console.log(`printed report: ${pages.A4} A4 pages, ${pages.Letter} Letter pages (${html.length} bytes of HTML)`);
      for (const n of Object.values(pages)) {
        expect(n).toBeGreaterThanOrEqual(2);
        expect(n).toBeLessThanOrEqual(16);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
