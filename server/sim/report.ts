/**
 * The distribution in a game's report: the JSON `simulated` field and the printable report's
 * plot (inline SVG: the report's policy runs no script). Read from the stored result of the
 * game's setup (the game store: any process's), so only a finished game whose distribution was
 * played has one.
 */
import { DELEGATIONS, scenarioOf, type Code, type GameConfig, type OutcomeId } from "../../shared/rules/index.ts";
import type { SimulatedSeat } from "../../shared/protocol/messages.ts";
import { readStored, type Distribution, type SimStore } from "./jobs.ts";
import { keyOf, specOf } from "./key.ts";
import { seatsAgainst } from "./stats.ts";

export interface SimulatedReport {
  games: number;
  outcomes: Partial<Record<OutcomeId, number>>;
  scores: Record<Code, { mean: number; percentile: number }>;
}

interface Game {
  scenario: string;
  config: GameConfig;
  outcome: { id: OutcomeId; scores: Record<Code, number> } | null;
}

/** The stored distribution of a finished game's setup, with each seat's standing; null if none. */
export async function simulatedOf(store: SimStore, g: Game): Promise<{ field: SimulatedReport; dist: Distribution; seats: Record<Code, SimulatedSeat> } | null> {
  if (!g.outcome) return null;
  const dist = await readStored(store, specOf(g.scenario, g.config, 0), true);
  if (!dist) return null;
  const seats = seatsAgainst(dist, g.outcome.scores);
  const scores = Object.fromEntries(DELEGATIONS.map((c) => [c, { mean: seats[c].mean, percentile: seats[c].percentile }])) as SimulatedReport["scores"];
  return { field: { games: dist.games, outcomes: dist.outcomes, scores }, dist, seats };
}

const esc = (v: unknown): string =>
  String(v ?? "").replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** Outcome bars (this game's in black), then one histogram per delegation with this game's score marked. */
export function simulatedHtml(g: Game, sim: NonNullable<Awaited<ReturnType<typeof simulatedOf>>>): string {
  const sc = scenarioOf(g.scenario);
  const { dist, seats } = sim;
  const rows = Object.entries(dist.outcomes).sort((a, b) => b[1] - a[1]);
  const top = Math.max(1, ...rows.map(([, n]) => n));
  const W = 560;
  const label = 190;
  const bar = 22;
  const outcomeSvg = `<svg role="img" aria-label="Outcomes of ${dist.games} simulated games" width="${W}" height="${rows.length * bar + 8}" viewBox="0 0 ${W} ${rows.length * bar + 8}" font-size="12" font-family="system-ui,sans-serif">` +
    rows.map(([id, n], i) => {
      const mine = id === g.outcome!.id;
      const w = Math.max(1, Math.round(((W - label - 70) * n) / top));
      const y = i * bar + 4;
      return `<text x="${label - 6}" y="${y + 14}" text-anchor="end"${mine ? ' font-weight="bold"' : ""}>${esc(sc.outcomes[id as OutcomeId]?.title ?? id)}</text>` +
        `<rect x="${label}" y="${y + 2}" width="${w}" height="${bar - 6}" fill="${mine ? "#111" : "#9aa"}"/>` +
        `<text x="${label + w + 6}" y="${y + 14}">${esc(((100 * n) / dist.games).toFixed(1))}&#160;%${mine ? " ← this game" : ""}</text>`;
    }).join("") + "</svg>";
  const seatSvg = (c: Code): string => {
    const s = seats[c];
    const lo = Math.min(s.score, ...s.histogram.map(([x]) => x));
    const hi = Math.max(s.score, ...s.histogram.map(([x]) => x));
    const n = Math.max(1, ...s.histogram.map(([, k]) => k));
    const cols = hi - lo + 1;
    const cw = Math.min(24, Math.floor(300 / cols));
    const H = 80;
    const bars = s.histogram.map(([x, k]) => {
      const h = Math.max(1, Math.round((H * k) / n));
      return `<rect x="${(x - lo) * cw + 1}" y="${H - h}" width="${cw - 2}" height="${h}" fill="${x === s.score ? "#111" : "#9aa"}"/>`;
    }).join("");
    const mark = `<text x="${(s.score - lo) * cw + cw / 2}" y="${H + 14}" text-anchor="middle" font-weight="bold">${esc(s.score)}</text>`;
    // The range's ends, unless this game's score (marked) stands at or beside them.
    const ends = (s.score - lo > 1 ? `<text x="0" y="${H + 14}">${esc(lo)}</text>` : "") + (hi - s.score > 1 ? `<text x="${cols * cw}" y="${H + 14}" text-anchor="end">${esc(hi)}</text>` : "");
    return `<svg role="img" aria-label="${esc(sc.names[c] ?? c)}: simulated scores from ${lo} to ${hi}; this game ${s.score}" width="${cols * cw}" height="${H + 18}" viewBox="0 0 ${cols * cw} ${H + 18}" font-size="11" font-family="system-ui,sans-serif">${bars}${mark}${ends}</svg>`;
  };
  const seatRows = DELEGATIONS.map((c) => {
    const s = seats[c];
    return `<tr><td>${esc(sc.names[c] ?? c)} scored <b>${esc(s.score)}</b>: better than ${esc(s.percentile)}&nbsp;% of simulated ${esc(sc.names[c] ?? c)} delegations` +
      `${s.level ? `, level with ${esc(s.level)}&nbsp;%` : ""} (bots' mean ${esc(s.mean)})</td><td>${seatSvg(c)}</td></tr>`;
  }).join("");
  return `<section class="simulated" style="break-inside:avoid"><h2>Against ${esc(dist.games)} simulated games</h2>
<p>${esc(dist.games)} simulated games of the same setup (${esc(g.config.rounds)} rounds, event cards ${g.config.events ? "on" : "off"}${g.config.venue ? `, ${esc(g.config.venue)}` : ""}), every seat played by the bots${dist.partial ? ` — the time allowed ran out after ${esc(dist.games)} of ${esc(dist.asked)}` : ""}.</p>
${outcomeSvg}
<table><tbody>${seatRows}</tbody></table></section>`;
}

/** A printable report with the section added at its end (before `</body>`). */
export function withSection(html: string, section: string): string {
  const at = html.lastIndexOf("</body>");
  return section && at >= 0 ? `${html.slice(0, at)}${section}\n${html.slice(at)}` : html;
}

/** Changes when the stored distribution of a game's setup appears or is replaced ("" for none). */
export async function storedStamp(store: SimStore, g: { scenario: string; config: GameConfig } | undefined): Promise<string> {
  if (!g) return "";
  try {
    return String((await store.simulation(keyOf(specOf(g.scenario, g.config, 0))))?.stored ?? "");
  } catch {
    return "";
  }
}
