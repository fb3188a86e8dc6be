/**
 * Untrusted text (issue 7), server side: names and chat with HTML, script and spreadsheet
 * formulas come back from the server exactly as sent (the client renders text, see
 * tests/e2e/hardening.e2e.test.ts), and the teacher's reports neutralise them: the HTML report
 * escapes every character that could open markup and forbids scripts by CSP, the CSV report
 * defuses formulas, the JSON report is served as JSON.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { advanceUntil, facilitated, Player, seat, ServerProcess, spectator, waitUntil } from "./harness.ts";

let srv: ServerProcess;
beforeAll(async () => { srv = await ServerProcess.start(); }, 60_000);
afterAll(async () => { await srv?.dispose(); });

export const HOSTILE = {
  teacher: `<b onmouseover=alert(1)>Ms X</b>`,
  ru: `<img src=x onerror=window.__xss=1>`,
  by: `<svg onload=window.__xss=4>`,
  formula: `=HYPERLINK("http://x.test","y")`,
  table: `<script>window.__xss=2</script><img src=x onerror="window.__xss=3"> & "q" 'q'`,
  back: `<iframe src=javascript:window.__xss=5></iframe>`,
  plus: `+SUM(1+1)*cmd|' /C calc'!A0`,
};

/** Tags that must never open in the HTML report (as escaped text, `onerror=` is harmless). */
const RAW = [/<script/i, /<img/i, /<svg/i, /<iframe/i, /<b onmouseover/i, /<marquee/i, /<link/i, /<object/i, /<embed/i];

it("names and chat come back verbatim, and the reports neutralise them (HTML escaped + CSP, CSV formulas defused, JSON as JSON)", async () => {
  const { f, code, token } = await facilitated(srv, { bots: true, rounds: 1 }, HOSTILE.teacher);
  const { p: ru } = await seat(srv, code, "RU", HOSTILE.ru);
  const { p: by } = await seat(srv, code, "BY", HOSTILE.by);
  const { p: eu } = await seat(srv, code, "EU", HOSTILE.formula);
  const { p: ua } = await seat(srv, code, "UA", HOSTILE.plus);
  const proj = await spectator(srv, code, "<marquee>Projector</marquee>");
  f.send("facilitator", { type: "start" });
  await waitUntil(() => f.json().phase === "briefing", "briefing");
  await advanceUntil(f, (s) => s.phase === "round");
  ru.send("action", { type: "say", to: "table", text: HOSTILE.table });
  ru.send("action", { type: "say", to: ["BY"], text: HOSTILE.back });
  eu.send("action", { type: "say", to: "table", text: HOSTILE.formula });
  ua.send("action", { type: "say", to: "table", text: HOSTILE.plus });
  await waitUntil(() => [HOSTILE.table, HOSTILE.formula, HOSTILE.plus].every((t) => proj.json().table.some((e: { text: string }) => e.text === t)), "the hostile talk on the projector");
  await waitUntil(() => by.of("private").flat().some((m: { text: string }) => m.text === HOSTILE.back), "the back channel");
  // Verbatim in the synced state: escaping is the renderer's job, not the store's.
  const names = Object.values(proj.json().delegations).flatMap((d: any) => d.members.map((m: { name: string }) => m.name));
  for (const n of [HOSTILE.ru, HOSTILE.by, HOSTILE.formula, HOSTILE.plus]) expect(names).toContain(n);
  await advanceUntil(f, (s) => s.phase === "debrief");

  // HTML: every hostile string escaped, nothing raw, scripts forbidden by CSP.
  const html = await srv.report(code, token, "html");
  expect(html.status).toBe(200);
  expect(html.headers.get("content-type")).toMatch(/^text\/html/);
  const csp = html.headers.get("content-security-policy") ?? "";
  expect(csp).toMatch(/default-src 'none'/);
  expect(csp).not.toMatch(/script-src[^;]*('unsafe-inline'|\*)/);
  const body = await html.text();
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  for (const t of [HOSTILE.teacher, HOSTILE.ru, HOSTILE.by, HOSTILE.table, HOSTILE.back]) expect(body).toContain(esc(t));
  for (const re of RAW) expect(body, `raw ${re} in the HTML report`).not.toMatch(re);

  // CSV: no cell starts with a formula character (both layouts).
  for (const rows of ["students", "actions"]) {
    const r = await fetch(`${srv.http}/api/games/${code}/report?format=csv&rows=${rows}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/csv/);
    const cells = parseCsv(await r.text()).flat();
    expect(cells.some((c) => c.includes("HYPERLINK"))).toBe(true);
    // Numbers stay numbers (a score of -2 is the number -2); no text cell may start a formula.
    for (const c of cells) if (!/^-?\d+(\.\d+)?$/.test(c)) expect(c, `formula cell ${c}`).not.toMatch(/^[=+\-@\t\r]/);
  }

  // JSON: served as JSON (never sniffed as a page); the strings inside are verbatim data.
  const json = await srv.report(code, token, "json");
  expect(json.headers.get("content-type")).toMatch(/^application\/json/);
  const report = await json.json();
  expect(report.participation.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining([HOSTILE.ru, HOSTILE.by]));
  await Promise.all([f, ru, by, eu, ua, proj].map((p: Player) => p.leave()));
});

/** RFC 4180: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(cell); cell = ""; } else if (ch === "\r") continue;
    else if (ch === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
