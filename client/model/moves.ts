/**
 * Where each of the engine's moves is shown. Moves about one clause or motion sit on that item
 * in the treaty panel; the clause builder owns propose/suggest; talk owns say; the banner owns
 * ready and sign; everything else is the actions panel, grouped.
 */
import type { Move } from "../../shared/rules/types.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import { signed } from "./format.ts";

/** Ready and sign are the banner's (what the phase asks of you now). */
const ELSEWHERE = new Set(["ready", "sign", "say", "propose", "suggest", "stance", "withdraw", "adopt", "parityClaim", "torpedo", "ruleMotion"]);

export function actionPanelMoves(moves: Move[]): { title: string; moves: Move[] }[] {
  const groups: Record<string, Move[]> = { Signals: [], Seats: [], Venue: [], Signing: [], Other: [] };
  for (const m of moves) {
    if (ELSEWHERE.has(m.type)) continue;
    const g =
      m.type === "signal" || m.type === "respondStaging"
        ? "Signals"
        : m.type === "seatMotion"
          ? "Seats"
          : m.type === "setVenue" || m.type === "vetoVenue"
            ? "Venue"
            : m.type === "sign"
              ? "Signing"
              : "Other";
    groups[g].push(m);
  }
  return Object.entries(groups)
    .filter(([, list]) => list.length > 0)
    .map(([title, list]) => ({ title, moves: list }));
}

/** The id a move is about (clause, motion or suggestion), if any. */
export function moveTarget(m: Move): string | null {
  const a = m.action as Record<string, unknown> | undefined;
  if (!a) return null;
  for (const k of ["clause", "target", "suggestion", "motion"]) if (typeof a[k] === "string") return a[k] as string;
  return null;
}

/** Moves about a given clause or motion id, for buttons on its card. */
export function movesFor(moves: Move[], id: string): Move[] {
  return moves.filter((m) => ELSEWHERE.has(m.type) && moveTarget(m) === id);
}

/** "Label — 2 influence" unless free; a walkout also says what it does to momentum. */
export function moveLabel(m: Move): string {
  const parts: string[] = [];
  if (m.cost && !/influence/i.test(m.label)) parts.push(`${m.cost} influence`);
  if (m.type === "torpedo") parts.push(`${signed(minskWindow.torpedoMomentum)} momentum`);
  return parts.length ? `${m.label} — ${parts.join(", ")}` : m.label;
}

/** The one line that stands for the moves a seat can never make. */
export function seatLine(seat: string, hidden: number): string {
  const n = `${hidden} move${hidden === 1 ? "" : "s"} hidden`;
  if (seat === "absent") return `Absent from the table: you talk through back channels and press statements and play your signals. Proposals, stances, motions and walk-outs need a seat (${n}).`;
  if (seat === "observer") return `As an observer you speak at the table and suggest clauses; proposals, stances that count, motions and walk-outs are a party's (${n}).`;
  return `A party's seat: suggesting clauses is an observer's move (${n}).`;
}
