/** View-models for the debrief: score bars, the story of the talks, back-channel matrix, participation. */
import type { Code, Outcome, PrivateMessage, ScoreLine, TableEntry } from "../../shared/rules/types.ts";
export { segments, story, type Chapter, type Segment, type StoryLine } from "../../shared/rules/story.ts";
import { CODES } from "./palette.ts";

/** Who wrote to whom: counts[from][to], each recipient of a message counted once. */
export function backChannelMatrix(messages: PrivateMessage[]): Record<Code, Record<Code, number>> {
  const m = {} as Record<Code, Record<Code, number>>;
  for (const a of CODES) {
    m[a] = {} as Record<Code, number>;
    for (const b of CODES) m[a][b] = 0;
  }
  const seen = new Set<string>();
  for (const msg of messages) {
    if (seen.has(msg.id)) continue;
    seen.add(msg.id);
    for (const to of msg.to) if (m[msg.from] && to in m[msg.from]) m[msg.from][to] += 1;
  }
  return m;
}

/** Public words per delegation: table statements and press statements. */
export function participation(table: TableEntry[], messages: PrivateMessage[]): Record<Code, { table: number; back: number }> {
  const out = {} as Record<Code, { table: number; back: number }>;
  for (const c of CODES) out[c] = { table: 0, back: 0 };
  for (const e of table) if ((e.kind === "say" || e.kind === "press") && e.from in out) out[e.from as Code].table += 1;
  const seen = new Set<string>();
  for (const m of messages) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    if (m.from in out) out[m.from].back += 1;
  }
  return out;
}

/** Score lines for a delegation; lines scoring nothing are left out so the bar stays readable. */
export function scoreLines(outcome: Outcome, code: Code): ScoreLine[] {
  return (outcome.breakdown?.[code] ?? []).filter((l) => l.points !== 0);
}

/** Delegations ordered by score, best first (ties keep seat order). */
export function ranking(outcome: Outcome): Code[] {
  return [...CODES].sort((a, b) => (outcome.scores[b] ?? 0) - (outcome.scores[a] ?? 0));
}
