/**
 * The what-if panel as data: where the replay stands ("from round 3, after …"), and a run's
 * progress and result — the outcome shares of the games played on from there against the
 * outcome the class really reached, and each delegation's real score on the histogram of its
 * scores in those games. Pure, so Node tests cover it.
 */
import type { WhatIfStatus } from "../../shared/protocol/whatIf.ts";
import type { GameState } from "../../shared/rules/types.ts";
import type { SeatRow } from "./distribution.ts";
import { outcomeTitle } from "./format.ts";
import { CODES, nameOf } from "./palette.ts";

export interface WhatIfOutcome {
  id: string;
  title: string;
  games: number;
  /** Share of the games played on, 0–100, and as shown ("24.7 %"). */
  share: number;
  shown: string;
  /** The outcome the game really reached. */
  actual: boolean;
}

export interface WhatIfResultView {
  title: string;
  summary: string;
  outcomes: WhatIfOutcome[];
  seats: SeatRow[];
}

export interface WhatIfRunView {
  busy: boolean;
  done: number;
  total: number;
  status: string;
  result: WhatIfResultView | null;
}

const count = (n: number) => n.toLocaleString("en-GB");
const num = (n: number) => (n < 0 ? `−${-n}` : String(n));
const pct = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)}\u00a0%`;
const share = (n: number, of: number) => (of ? Math.round((1000 * n) / of) / 10 : 0);

const PHASES: Record<string, string> = { lobby: "before the start", briefing: "the briefing", round: "the talks", signing: "the signing", debrief: "the end" };

/** "From round 3 (the talks), after: “Belarus refuses Russian staging.”" — where a run would start. */
export function whereFrom(at: number, s: Pick<GameState, "round" | "phase" | "table">): string {
  if (at === 0 || s.phase === "lobby") return "From the start of the game.";
  const when = s.round > 0 ? `From round ${s.round} (${PHASES[s.phase] ?? s.phase})` : `From ${PHASES[s.phase] ?? s.phase}`;
  const last = s.table.at(-1)?.text;
  return last ? `${when}, after: “${last}”` : `${when}.`;
}

export function whatIfRunView(st: WhatIfStatus | null, round: number | null): WhatIfRunView | null {
  if (!st) return null;
  const from = round ? ` from round ${round}` : "";
  if (st.state === "failed") return { busy: false, done: st.done, total: st.games, status: st.message ?? "The games could not be played out.", result: null };
  if (st.state === "running" || !st.result) {
    return { busy: true, done: st.done, total: st.games, status: `Playing the rest of the game out ${count(st.games)} times${from}${st.flipped ? " with the decision flipped" : ""}: ${count(st.done)} of ${count(st.games)}…`, result: null };
  }
  const r = st.result;
  const ids = new Set([...Object.keys(r.outcomes), r.actual.outcome]);
  const outcomes = [...ids]
    .map((id): WhatIfOutcome => {
      const n = r.outcomes[id as keyof typeof r.outcomes] ?? 0;
      return { id, title: outcomeTitle(id), games: n, share: share(n, r.games), shown: pct(share(n, r.games)), actual: id === r.actual.outcome };
    })
    .sort((a, b) => b.games - a.games || Number(b.actual) - Number(a.actual));
  const seats = CODES.map((code): SeatRow => {
    const s = r.scores[code];
    const have = new Map(s.histogram);
    const all = [...have.keys(), s.score];
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const top = Math.max(1, ...have.values());
    const bars = [];
    for (let x = lo; x <= hi; x++) bars.push({ score: x, games: have.get(x) ?? 0, height: (have.get(x) ?? 0) / top, mine: x === s.score });
    const name = nameOf(code);
    const above = Math.round((100 - s.percentile - s.level) * 10) / 10;
    return {
      code,
      bars,
      mean: `Mean in the games played on: ${num(s.mean)}.`,
      sentence: `${name} scored ${num(s.score)} in the game; played on from here, it scored less in ${pct(s.percentile)} of the games, the same in ${pct(s.level)}, more in ${pct(Math.max(0, above))}.`,
    };
  });
  const actual = outcomes.find((o) => o.actual)!;
  const partial = r.partial ? ` (the time allowed ran out after ${count(r.games)} of ${count(r.asked)})` : "";
  return {
    busy: false,
    done: r.games,
    total: st.games,
    status: `${count(r.games)} games played on${from}${st.flipped ? " with the decision flipped" : ""}${partial}.`,
    result: {
      title: `Played on ${count(r.games)} times${from}${st.flipped ? ", the decision flipped" : ""}`,
      summary: `The class reached “${actual.title}”; the bots, playing on from here, reached it in ${actual.shown} of ${count(r.games)} games.`,
      outcomes,
      seats,
    },
  };
}
