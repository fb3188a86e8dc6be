/**
 * The printable report reads as prose and tables: no internal codes, the article's two
 * conditions (¶16), agreements and signatures, event cards, the talks with the teacher's local
 * times, a removed student marked and not scored. Built from a store holding a whole bot-played
 * game, as the report thread builds it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botMove } from "../../shared/bots/index.ts";
import { apply, DELEGATIONS, newGame, view, type Action, type Code, type GameState, type Who } from "../../shared/rules/index.ts";
import { studentsCsv } from "../../server/http/csv.ts";
import { reportHtml, validTimeZone } from "../../server/http/html.ts";
import { buildReport, type Report } from "../../server/http/report.ts";
import { SqliteStore } from "../../server/store/sqlite.ts";

const CODE = "HK4TQM";
/** 2026-03-10 08:00 UTC: 09:00 in Berlin (CET), 04:00 in New York (EDT since 8 March). */
const START = Date.UTC(2026, 2, 10, 8, 0, 0);

let dir: string;
let store: SqliteStore;
let report: Report;
let final: GameState;

/** Plays a whole game with the bots in every seat, writing the log the room would write. */
async function playInto(st: SqliteStore): Promise<GameState> {
  const config = { seed: 11, rounds: 4, roundSeconds: 0, bots: true, events: true, solo: false };
  let s = newGame(config);
  await st.createGame(CODE, "minsk-window", s.config, "f".repeat(32), START, "test", 60_000);
  let seq = 0;
  let now = START;
  const act = (who: Who, action: Action, student = ""): boolean => {
    const r = apply(s, action, who, now);
    if (!r.ok) return false;
    s = r.state;
    st.append(CODE, { seq: ++seq, time: now, who, student, kind: "engine", action });
    now += 7_000;
    return true;
  };
  act("facilitator", { type: "start" }, "fac");
  act("facilitator", { type: "advance" }, "fac");
  for (let guard = 0; s.phase !== "debrief" && guard < 2000; guard++) {
    let moved = false;
    for (const code of DELEGATIONS) {
      const a = botMove(view(s, code), code);
      if (a && act(code, a, code === "RU" ? "m-ru" : code === "UA" ? "m-ua" : "")) moved = true;
    }
    if (!moved) act("facilitator", { type: "advance" }, "fac");
  }
  st.putMember(CODE, { id: "fac", name: "Ms Kowalski", role: "facilitator", delegation: "", tokenHash: "x", joined: START, kicked: false });
  st.putMember(CODE, { id: "m-ru", name: "Anna", role: "player", delegation: "RU", tokenHash: "y", joined: START, kicked: false });
  st.putMember(CODE, { id: "m-ua", name: "Boris", role: "player", delegation: "UA", tokenHash: "z", joined: START, kicked: true });
  st.setStatus(CODE, "finished", now, s.outcome);
  await st.flush();
  return s;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "report-"));
  store = new SqliteStore(dir);
  final = await playInto(store);
  report = (await buildReport(store, CODE))!;
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the printable report", () => {
  it("states the outcome and why, with the article's two conditions", () => {
    expect(final.phase).toBe("debrief");
    const html = reportHtml(report, "Europe/Berlin");
    expect(html).toContain(`The talks ended in <b>${report.outcome!.title}</b>`);
    expect(html).toContain("<b>Was the war stopped?</b>");
    expect(html).toContain("<b>Was Moscow strong?</b>");
    expect(html).toContain("(¶16)");
    expect(html).toContain("<h3>Belarus's chain</h3>");
  });

  it("shows no internal codes: no action types, no parameter dumps, no JSON", () => {
    const html = reportHtml(report, "Europe/Berlin");
    const text = html.replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ");
    expect(text).not.toMatch(/seatHumans|respondStaging|ruleMotion|delegation=|humans=|clause=c\d|stance=|\{"|":/);
    expect(text).not.toMatch(/\b(ceasefire_strong|ceasefire_weakened|no_deal|ukraine_falls|moscow_defeated)\b/);
    expect(text).not.toMatch(/\bc\d+\b/); // clause ids
    // Delegations by name, not code (US and EU stay words of their own: "US relief", "EU unity").
    for (const c of ["RU", "UA", "BY"]) expect(text).not.toMatch(new RegExp(`\\b${c}\\b`));
  });

  it("keeps every line of the talks, with local times in the teacher's zone", () => {
    const html = reportHtml(report, "Europe/Berlin");
    expect(report.story!.table.length).toBe(final.table.length);
    const rows = html.match(/<tr class="(decisive|track|talk)[^"]*">/g) ?? [];
    expect(rows.length).toBe(final.table.length);
    // The game started at 08:00 UTC: 09:00 in Berlin; the first line is the briefing's.
    expect(html).toContain("<td>09:00:00</td>");
    expect(html).toContain("times in Europe/Berlin");
    const ny = reportHtml(report, "America/New_York");
    expect(ny).toContain("<td>04:00:00</td>");
    expect(ny).not.toContain("<td>09:00:00</td>");
    // Every round that was played has its chapter.
    for (let r = 1; r <= final.round; r++) expect(html).toContain(`<h3>Round ${r}</h3>`);
  });

  it("prints a game whose only lines are back channels before any line at the table", () => {
    const early = { ...report, story: { ...report.story!, table: [], notes: [], messages: [{ from: "BY", to: ["RU"], text: "A word before we start", round: 0, time: START }] } };
    const html = reportHtml(early as typeof report, "UTC");
    expect(html).toContain("Before the talks");
    expect(html).toContain("A word before we start");
  });

  it("lists the agreements, the signatures and the event cards drawn", () => {
    const html = reportHtml(report, "UTC");
    const agreed = final.table.filter((e) => e.tag === "agreed");
    expect(report.story!.agreements.length).toBeGreaterThanOrEqual(new Set(agreed.map((e) => e.text)).size > 0 ? 1 : 0);
    for (const a of report.story!.agreements) expect(html).toContain(a.text.replace(/'/g, "&#39;").replace(/"/g, "&quot;"));
    expect(html).toContain("<th>Signature</th>");
    const cards = final.table.filter((e) => e.tag === "event");
    expect(report.story!.events).toHaveLength(cards.length);
    expect(cards.length).toBeGreaterThan(0);
    for (const e of report.story!.events) expect(html).toContain(`<b>${e.title.replace(/'/g, "&#39;")}</b>`);
  });

  it("gives each delegation's score with its why lines, and marks a removed student as not scored", () => {
    const html = reportHtml(report, "UTC");
    for (const c of DELEGATIONS) {
      for (const l of report.breakdown[c as Code].filter((x) => x.points !== 0)) expect(html).toContain(l.text.replace(/'/g, "&#39;").replace(/"/g, "&quot;"));
    }
    expect(html).toMatch(/Boris <span class="flag">removed by the facilitator<\/span>.*?not scored/);
    expect(html).toContain("Anna");
    const csv = studentsCsv(report).split("\r\n");
    const boris = csv.find((l) => l.includes("Boris"))!.split(",");
    const anna = csv.find((l) => l.includes("Anna"))!.split(",");
    const col = csv[0]!.split(",");
    expect(boris[col.indexOf("status")]).toBe("kicked");
    expect(boris[col.indexOf("delegation_score")]).toBe("");
    expect(anna[col.indexOf("status")]).toBe("active");
    expect(Number(anna[col.indexOf("delegation_score")])).toBe(report.scores.RU);
  });

  it("weaves Belarus's private track changes into the talks for the teacher", () => {
    const html = reportHtml(report, "UTC");
    expect(report.story!.notes.length).toBe(final.notes.length);
    expect((html.match(/<tr class="note">/g) ?? []).length).toBe(final.notes.length);
  });

  it("prints on A4 or Letter: margins for either, headings kept with what follows, rows unbroken", () => {
    const html = reportHtml(report, "UTC");
    expect(html).toMatch(/@page\{margin:[^}]*\}/);
    expect(html).not.toMatch(/@page\{[^}]*size:/);
    expect(html).toMatch(/h2,h3\{break-after:avoid\}/);
    expect(html).toMatch(/tr,li\{break-inside:avoid\}/);
    expect(html).toMatch(/thead\{display:table-header-group\}/);
  });
});

describe("the teacher's time zone", () => {
  it("accepts IANA names and refuses anything else", () => {
    expect(validTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(validTimeZone("UTC")).toBe("UTC");
    for (const bad of ["", "Mars/Olympus", "Europe/Berlin<script>", "x".repeat(80), 42, ["UTC"], undefined]) expect(validTimeZone(bad)).toBeNull();
  });
});
