/**
 * The printable debrief: outcome, scores with their ¶-referenced lines, participation, and the
 * public record of the talks. Every piece of user or game text goes through `esc`; the page
 * loads nothing external and runs no script.
 */
import { DELEGATIONS, type Explanation } from "../../shared/rules/index.ts";
import type { Report } from "./report.ts";

export const esc = (v: unknown): string =>
  String(v ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

const time = (ms: number | null): string => (ms ? new Date(ms).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "");

function describe(a: Record<string, unknown>): string {
  const { type, ...rest } = a;
  if (type === "say") return `says${rest.to === "table" ? "" : ` to ${(rest.to as string[]).join(", ")}`}: “${rest.text}”`;
  const params = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`).join(" ");
  return `${type}${params ? ` (${params})` : ""}`;
}

/** The article's two conditions (¶16) and Belarus's chain, as the debrief states them. */
export function whyHtml(why: Explanation): string {
  const li = (label: string, x: { text: string; ref: string }) => `<li>${label ? `<b>${esc(label)}</b> ` : ""}${esc(x.text)} <span class="ref">${esc(x.ref)}</span></li>`;
  return `<h2>Why it ended here</h2><ul>${li("Was the war stopped?", why.stopped)}${li("Was Moscow strong?", why.strong)}</ul>` +
    `<h3>Belarus's chain</h3><ul>${why.belarus.map((x) => li("", x)).join("")}</ul>`;
}

export function reportHtml(r: Report): string {
  const title = r.outcome ? r.outcome.title : `In progress — ${r.phase} ${r.round ? `round ${r.round}` : ""}`;
  const scores = DELEGATIONS.map((c) => {
    const lines = (r.breakdown[c] ?? []).filter((l) => l.points !== 0)
      .map((l) => `<li>${esc(l.text)} <span class="ref">${esc(l.ref)}</span> <b>${l.points > 0 ? "+" : ""}${esc(l.points)}</b></li>`).join("");
    return `<section class="del"><h3>${esc(c)} — ${esc(r.scores[c])} points${r.projected ? " (projected)" : ""}</h3><ul>${lines || "<li>No points.</li>"}</ul></section>`;
  }).join("");
  const people = r.participation.map((p) => `<tr><td>${esc(p.name)}</td><td>${esc(p.role)}</td><td>${esc(p.delegation)}</td>` +
    `<td>${esc(p.actions)}</td><td>${esc(p.statements)}</td><td>${esc(p.backChannel)}</td></tr>`).join("");
  const log = r.log.map((e) => `<tr><td>${esc(e.seq)}</td><td>${esc(time(e.time))}</td><td>${esc(e.who)}</td><td>${esc(e.name)}</td>` +
    `<td>${esc(describe(e.action as Record<string, unknown>))}</td></tr>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Seat at the Table — game ${esc(r.code)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}h2{border-bottom:1px solid #999;margin-top:2rem}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}.ref{color:#555;font-size:.85em}
.del{break-inside:avoid}@media print{body{margin:0}h2{break-after:avoid}}
</style></head><body>
<h1>Seat at the Table — ${esc(title)}</h1>
<p>Game <b>${esc(r.code)}</b> · scenario ${esc(r.scenario)} · seed ${esc(r.seed)} · ${esc(r.config.rounds)} rounds ·
created ${esc(time(r.created))}${r.finished ? ` · finished ${esc(time(r.finished))}` : ""}</p>
${r.outcome ? `<p>Security credibility for Ukraine: ${esc(r.outcome.credibility)} · treaty in force: ${r.outcome.treatyInForce ? "yes" : "no"}</p>` : ""}
${r.outcome?.why ? whyHtml(r.outcome.why) : ""}
<h2>Scores</h2>${scores}
<h2>Participation</h2>
<table><thead><tr><th>Name</th><th>Role</th><th>Delegation</th><th>Moves</th><th>Statements</th><th>Back-channel</th></tr></thead><tbody>${people}</tbody></table>
<h2>Record of the talks</h2>
<table><thead><tr><th>#</th><th>Time</th><th>Who</th><th>Student</th><th>Move</th></tr></thead><tbody>${log}</tbody></table>
</body></html>
`;
}
