/**
 * The debrief's "against the simulated games" panel as data: where the server's bot games
 * stand, the outcome shares with this game's marked, and each delegation's score on its seat's
 * histogram with the sentence a class reads ("Belarus scored 9: better than 78 % of simulated
 * Belarus delegations"). Pure, so Node tests cover it.
 */
import type { SimulatedMessage } from "../../shared/protocol/messages.ts";
import type { Code } from "../../shared/rules/types.ts";
import { outcomeTitle } from "./format.ts";
import { CODES, nameOf } from "./palette.ts";

export interface OutcomeBar {
  id: string;
  title: string;
  games: number;
  /** Share of the simulated games, 0–100, and as shown ("24.7 %"). */
  share: number;
  shown: string;
  mine: boolean;
}

export interface ScoreBar {
  score: number;
  games: number;
  /** Height against the seat's tallest bar, 0–1. */
  height: number;
  mine: boolean;
}

export interface SeatRow {
  code: Code;
  sentence: string;
  /** "Bots' mean 0.8." */
  mean: string;
  /** One bar per score from the lowest to the highest (empty scores included), this game's marked. */
  bars: ScoreBar[];
}

export interface DistributionView {
  title: string;
  /** Still playing (or waiting for a thread): the progress line and bar. */
  busy: boolean;
  done: number;
  total: number;
  status: string;
  outcomes: OutcomeBar[];
  seats: SeatRow[];
}

const count = (n: number) => n.toLocaleString("en-GB");
const num = (n: number) => (n < 0 ? `−${-n}` : String(n));
/** "78 %", with a space that never breaks the line. */
const pct = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)}\u00a0%`;

export function distributionView(m: SimulatedMessage | null, outcome: string | null): DistributionView | null {
  if (!m) return null;
  const base = { title: `Against ${count(m.total)} simulated games`, busy: false, done: m.done, total: m.total, outcomes: [], seats: [] };
  if (m.status === "failed") return { ...base, status: m.message ?? "The simulated games could not be played." };
  const r = m.result;
  if (m.status !== "done" || !r) {
    return {
      ...base,
      busy: true,
      status: m.status === "queued"
        ? `Waiting to play ${count(m.total)} bot games of this setup (another game's are being played)…`
        : `Playing ${count(m.total)} bot games of this setup: ${count(m.done)} of ${count(m.total)}…`,
    };
  }
  const outcomes = Object.entries(r.outcomes)
    .map(([id, n]) => ({ id, title: outcomeTitle(id), games: n ?? 0, share: Math.round((1000 * (n ?? 0)) / r.games) / 10, shown: pct(Math.round((1000 * (n ?? 0)) / r.games) / 10), mine: id === outcome }))
    .sort((a, b) => b.games - a.games);
  const seats = CODES.map((code): SeatRow => {
    const s = r.scores[code];
    const have = new Map(s.histogram);
    const scores = [...have.keys(), s.score];
    const lo = Math.min(...scores);
    const hi = Math.max(...scores);
    const top = Math.max(1, ...have.values());
    const bars: ScoreBar[] = [];
    for (let x = lo; x <= hi; x++) bars.push({ score: x, games: have.get(x) ?? 0, height: (have.get(x) ?? 0) / top, mine: x === s.score });
    const name = nameOf(code);
    const level = s.level ? `, level with ${pct(s.level)}` : "";
    return { code, mean: `Bots' mean ${num(s.mean)}.`, bars, sentence: `${name} scored ${num(s.score)}: better than ${pct(s.percentile)} of simulated ${name} delegations${level}.` };
  });
  const mine = outcomes.find((o) => o.mine);
  return {
    ...base,
    title: `Against ${count(r.games)} simulated games`,
    status: `${count(r.games)} games of this setup with the bots in every seat${r.partial ? ` (the time allowed ran out after ${count(r.games)} of ${count(m.total)})` : ""}. ` +
      (mine ? `This game's outcome came about in ${pct(mine.share)} of them.` : "This game's outcome never came about in them."),
    outcomes,
    seats,
  };
}
