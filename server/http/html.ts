/**
 * The printable report a teacher can hand out: prose and tables in the game's own words, never
 * internal codes — the outcome and why (the article's two conditions, ¶16, and Belarus's chain),
 * agreements and who signed, the event cards, the scores with their "why" lines, participation
 * per student, and the talks round by round with the teacher's local times. Every piece of user
 * or game text goes through `esc`; the page loads nothing external and runs no script. Prints on
 * A4 or Letter: headings stay with what follows, rows and score blocks do not split.
 */
import { DELEGATIONS, scenarioOf, type Code, type Explanation } from "../../shared/rules/index.ts";
import { changeText } from "../../shared/rules/context.ts";
import { segments, story } from "../../shared/rules/story.ts";
import type { Report } from "./report.ts";

export const esc = (v: unknown): string =>
  String(v ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** The time zone if `tz` names one Intl knows (an IANA name such as Europe/Berlin), else null. */
export function validTimeZone(tz: unknown): string | null {
  if (typeof tz !== "string" || tz.length === 0 || tz.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(tz)) return null;
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Clock and date in the teacher's zone. */
function clocks(tz: string) {
  const t = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  const d = new Intl.DateTimeFormat("en-GB", { timeZone: tz, day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return { time: (ms: number | null) => (ms ? t.format(ms) : ""), date: (ms: number | null) => (ms ? d.format(ms) : "") };
}

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0");
const li = (label: string, x: { text: string; ref: string }) => `<li>${label ? `<b>${esc(label)}</b> ` : ""}${esc(x.text)} <span class="ref">${esc(x.ref)}</span></li>`;

/** The article's two conditions (¶16) and Belarus's chain, as the debrief states them. */
export function whyHtml(why: Explanation): string {
  return `<h2>Why it ended here</h2><p>Minsk's window opens only if the war stops and Moscow keeps a strong hand (¶16). In this game:</p>` +
    `<ul class="conditions">${li("Was the war stopped?", why.stopped)}${li("Was Moscow strong?", why.strong)}</ul>` +
    `<h3>Belarus's chain</h3><ul>${why.belarus.map((x) => li("", x)).join("")}</ul>`;
}

const STATUS: Record<string, string> = {
  agreed: "agreed",
  superseded: "superseded by a later agreement",
  struck: "struck (a walk-out, or void after staging)",
  proposed: "no longer agreed",
  suggested: "no longer agreed",
};

export function reportHtml(r: Report, tz = "UTC"): string {
  const sc = scenarioOf(r.scenario);
  const name = (c: string): string => sc.names[c as Code] ?? c;
  const { time, date } = clocks(tz);
  const st = r.story;
  const table = (head: string[], rows: string[], cls = "", none = "None."): string =>
    rows.length ? `<table${cls ? ` class="${cls}"` : ""}><thead><tr>${head.map((x) => `<th>${x}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>` : `<p>${esc(none)}</p>`;
  const tr = (cells: string[], cls = ""): string => `<tr${cls ? ` class="${cls}"` : ""}>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;

  // The outcome, in prose.
  const o = r.outcome;
  const outcomeSpec = o ? sc.outcomes[o.id] : null;
  const ending = o
    ? `<p class="lede">The talks ended in <b>${esc(o.title)}</b>: ${esc(outcomeSpec?.note ?? "")} <span class="ref">${esc(outcomeSpec?.ref ?? "")}</span></p>` +
      `<p>The treaty is ${o.treatyInForce ? "in force" : "not in force"}. Ukraine's security credibility: ${esc(o.credibility)}.` +
      (st ? ` At the end Momentum stood at ${esc(st.tracks.momentum)}, the battlefield at ${esc(signed(st.tracks.battlefield))} (positive favours Russia) and EU unity at ${esc(st.tracks.euUnity)}.` : "") + "</p>"
    : `<p class="lede">This game is still in progress (${esc(r.phase)}${r.round ? `, round ${esc(r.round)} of ${esc(r.config.rounds)}` : ""}). The scores below say what each delegation would score if it ended now.</p>`;

  // Agreements and signatures.
  const agreements = st ? table(["Agreement", "Proposed by", "Round", "At the end"], st.agreements.map((a) =>
    tr([esc(a.text), esc(name(a.proposer)), esc(a.round), esc(a.inForce ? "in force under the treaty" : a.status === "agreed" ? (o ? "agreed, but not in force" : "agreed") : STATUS[a.status] ?? a.status)])), "", "No clause was ever agreed.") : "";
  const signatures = st ? table(["Delegation", "Seat at the end", "Signature"], DELEGATIONS.map((c) => {
    const x = st.signatures[c];
    const sig = x.signature === "signed" ? "signed the treaty" : x.signature === "refused" ? "refused to sign" : x.seat === "party" ? "did not decide" : "— (only parties sign)";
    return tr([esc(name(c)), esc(x.seat === "party" ? "a party" : x.seat === "observer" ? "an observer" : "absent"), esc(sig)]);
  })) : "";

  const events = st ? table(["Round", "Time", "Card", "What happened", "Effect"], st.events.map((e) =>
    tr([esc(e.round), esc(time(e.time)), `<b>${esc(e.title)}</b>`, esc(e.text), esc(e.effect)])), "", "No event cards were drawn.") : "";

  // Scores, best first, each with the lines that made it.
  const order = [...DELEGATIONS].sort((a, b) => (r.scores[b] ?? 0) - (r.scores[a] ?? 0));
  const scores = order.map((c) => {
    const lines = (r.breakdown[c] ?? []).filter((l) => l.points !== 0);
    const body = lines.length
      ? table(["Points", "Why", "¶"], lines.map((l) => tr([`<b>${esc(signed(l.points))}</b>`, esc(l.text), `<span class="ref">${esc(l.ref)}</span>`])), "lines")
      : "<p>No points either way.</p>";
    const n = r.scores[c] ?? 0;
    return `<section class="del"><h3>${esc(name(c))}: ${esc(signed(n))} ${Math.abs(n) === 1 ? "point" : "points"}${r.projected ? " (if it ended now)" : ""}</h3>${body}</section>`;
  }).join("");

  // Participation per student: players first, in delegation order.
  const rank = (d: string) => (DELEGATIONS as readonly string[]).indexOf(d) >>> 0;
  const people = [...r.participation].sort((a, b) => rank(a.delegation) - rank(b.delegation)).map((p) => tr([
    esc(p.name) + (p.kicked ? ' <span class="flag">removed by the facilitator</span>' : ""),
    esc(p.role === "player" ? (p.delegation ? name(p.delegation) : "not seated") : p.role === "facilitator" ? "facilitator" : p.role),
    esc(p.actions), esc(p.statements), esc(p.backChannel),
    esc(p.firstAction ? `${time(p.firstAction)}–${time(p.lastAction)}` : "—"),
    esc(p.kicked ? "not scored" : p.delegation && p.role === "player" ? signed(r.scores[p.delegation as Code] ?? 0) : ""),
  ], p.kicked ? "kicked" : ""));

  const talks = st ? storyHtml(st, name, time) : "<p>The record of this game could not be replayed; the scores above come from the stored outcome.</p>";

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Seat at the Table — game ${esc(r.code)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 Georgia,"Times New Roman",serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.55rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #999;margin:1.6rem 0 .5rem}h3{font-size:1.02rem;margin:1rem 0 .3rem}
.meta{color:#444;margin-top:0}.lede{font-size:1.08rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0 .6rem;font-size:.92em}
td,th{border-bottom:1px solid #ccc;padding:.2rem .35rem;text-align:left;vertical-align:top}th{border-bottom:1.5px solid #555;font-weight:600}
.ref{color:#555;font-size:.85em;white-space:nowrap}.lines{table-layout:fixed}.lines td:first-child,.lines th:first-child{width:3.5em;text-align:right}.lines td:last-child,.lines th:last-child{width:9em}
.talks td:first-child{width:4.6em;color:#444;white-space:nowrap}.talks td:nth-child(2){width:8.5em}
.talks tr.decisive td{font-weight:600}.talks tr.talk td{color:#333}.talks tr.note td{color:#0b5d45;font-style:italic}.talks tr.back td{color:#2b3f73;font-style:italic}
.mark{display:inline-block;font:600 .72em system-ui,sans-serif;text-transform:uppercase;letter-spacing:.04em;border:1px solid #777;border-radius:3px;padding:0 .25em;margin-right:.3em}
.warning td{color:#9a1c00}.flag{font:600 .75em system-ui,sans-serif;color:#9a1c00}.kicked td{color:#666}
ul{padding-left:1.2rem}li{margin:.15rem 0}
@page{margin:14mm 13mm}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2,h3{break-after:avoid}tr,li{break-inside:avoid}
thead{display:table-header-group}.del{break-inside:avoid}h2{break-before:auto}.chapter{break-inside:auto}}
</style></head><body>
<h1>Seat at the Table — ${esc(o ? o.title : "game in progress")}</h1>
<p class="meta">${esc(sc.title)} · game ${esc(r.code)} · ${esc(r.config.rounds)} rounds · ${r.finished ? `played ${esc(date(r.created))} to ${esc(time(r.finished))}` : `started ${esc(date(r.created))}`} · times in ${esc(tz)}</p>
<h2>Outcome</h2>
${ending}
${o?.why ? whyHtml(o.why) : ""}
<h2>Agreements and signatures</h2>
${agreements}
${signatures}
<h2>Event cards</h2>
${events}
<h2>Scores and why</h2>
${scores}
<h2>Participation</h2>
<p>Moves are everything a student did; statements are lines spoken at the table (press statements included); back-channel counts private messages.</p>
${table(["Student", "Delegation", "Moves", "Statements", "Back-channel", "Active", "Score"], people)}
<h2>The talks, round by round</h2>
<p>Every line of the table log with the time it was said. Decisive moments are marked and in bold. In italics, what the table did not see during play: back-channel messages and Belarus's private track changes.</p>
${talks}
</body></html>
`;
}

/** A line beside the table's: a private track change or a back-channel message. */
interface Aside {
  time: number;
  who: string;
  text: string;
  cls: "note" | "back";
}

/**
 * The table log by chapter, with times and marks, and woven in by time what the table did not
 * see: Belarus's private track changes and the back channels.
 */
function storyHtml(st: NonNullable<Report["story"]>, name: (c: string) => string, time: (ms: number) => string): string {
  const chapters = story(st.table);
  const asides: Aside[][] = chapters.map(() => []);
  const all: Aside[] = [
    ...st.notes.map((n) => ({ time: n.time, who: "Belarus (private)", text: `${changeText(n)}.`, cls: "note" as const })),
    ...st.messages.map((m) => ({ time: m.time, who: `${name(m.from)} → ${m.to.map(name).join(", ")}`, text: m.text, cls: "back" as const })),
  ].sort((a, b) => a.time - b.time);
  // Before any line at the table (back channels in the lobby) there is no chapter to weave into.
  if (chapters.length === 0) {
    return all.length ? `<h3>Before the talks</h3><ul>${all.map((a) => `<li><i>${esc(a.who)}: ${esc(a.text)}</i></li>`).join("")}</ul>` : "";
  }
  // Each aside goes to the last chapter that had begun by its time.
  for (const a of all) {
    let at = 0;
    chapters.forEach((ch, i) => { if ((st.table[ch.lines[0]!.index]?.time ?? 0) <= a.time) at = i; });
    asides[at]!.push(a);
  }
  return chapters.map((ch, k) => {
    const rows: string[] = [];
    const pending = asides[k]!;
    const flush = (until: number) => {
      while (pending.length && pending[0]!.time <= until) {
        const a = pending.shift()!;
        rows.push(`<tr class="${a.cls}"><td>${esc(time(a.time))}</td><td>${esc(a.who)}</td><td>${a.cls === "back" ? '<span class="mark">Back channel</span>' : ""}${esc(a.text)}</td></tr>`);
      }
    };
    for (const seg of segments(ch.lines)) {
      for (const l of "line" in seg ? [seg.line] : seg.fold) {
        const e = st.table[l.index]!;
        flush(e.time - 1);
        const who = e.kind === "press" ? `${name(e.from)} (press, outside the room)` : e.from === "chair" ? "Chair" : e.from ? name(e.from) : "";
        const cls = l.decisive ? `decisive${e.tag === "warning" ? " warning" : ""}` : l.mark ? "track" : "talk";
        rows.push(`<tr class="${cls}"><td>${esc(time(e.time))}</td><td>${esc(who)}</td><td>${l.mark ? `<span class="mark">${esc(l.mark)}</span>` : ""}${esc(e.text)}</td></tr>`);
      }
    }
    flush(Number.MAX_SAFE_INTEGER);
    return `<section class="chapter"><h3>${esc(ch.title)}</h3><table class="talks"><thead><tr><th>Time</th><th>Who</th><th>What happened</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
  }).join("");
}
