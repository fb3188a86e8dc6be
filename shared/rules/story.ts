/**
 * The story of a game from its table log, for the debrief and the printable report: chapters
 * (the briefing, each round, the signing), every line kept, the decisive moments marked, and the
 * ordinary talk between them gathered into folds a reader can open.
 */
import type { TableEntry, TrackChange } from "./types.ts";

/** The narrator's lines that decide a game, with the mark a reader sees. */
export const DECISIVE: Record<string, string> = {
  seat: "Seat change",
  agreed: "Agreement",
  superseded: "Superseded",
  unagreed: "Agreement lost",
  torpedo: "Torpedo",
  event: "Event card",
  ruling: "Ruling",
  void: "Relief void",
  warning: "Warning",
  sign: "Signature",
  outcome: "Outcome",
};

/** Lines kept in view though not decisive: how the tracks moved and why. */
export const TRACKS: Record<string, string> = {
  round: "New round",
  phase: "Phase",
  momentum: "Momentum",
  battlefield: "Front",
  track: "EU unity",
};

export interface StoryLine {
  entry: TableEntry;
  /** The entry's place in the table log (for times kept beside it). */
  index: number;
  /** "Agreement", "Seat change", …; "" for ordinary talk and moves. */
  mark: string;
  decisive: boolean;
}

/** A run of lines as a reader meets them: a marked line, or a fold of ordinary ones. */
export type Segment = { line: StoryLine } | { fold: StoryLine[] };

export interface Chapter {
  /** "briefing", "round-3", "signing". */
  key: string;
  title: string;
  round: number;
  lines: StoryLine[];
  /** Belarus's private track changes in this chapter (when the reader may see them). */
  notes: TrackChange[];
}

/** Splits the table log into chapters; every entry lands in exactly one. */
export function story(table: readonly TableEntry[], notes: readonly TrackChange[] = []): Chapter[] {
  const out: Chapter[] = [];
  let signing = false;
  table.forEach((entry, index) => {
    // The signing opens with the narrator's phase line after round 1 ("The talks close…").
    if (entry.tag === "phase" && entry.round > 0) signing = true;
    const key = signing ? "signing" : entry.round === 0 ? "briefing" : `round-${entry.round}`;
    let ch = out.at(-1);
    if (!ch || ch.key !== key) {
      ch = { key, title: signing ? "Signing" : entry.round === 0 ? "Briefing" : `Round ${entry.round}`, round: entry.round, lines: [], notes: [] };
      out.push(ch);
    }
    const tag = entry.kind === "event" ? entry.tag ?? "" : "";
    const decisive = tag in DECISIVE;
    ch.lines.push({ entry, index, mark: DECISIVE[tag] ?? TRACKS[tag] ?? "", decisive });
  });
  for (const n of notes) {
    const ch = out.find((c) => c.key === (n.round === 0 ? "briefing" : `round-${n.round}`)) ?? out.at(-1);
    ch?.notes.push(n);
  }
  return out;
}

/** A chapter's lines as a reader meets them: marked lines in view, ordinary runs folded. */
export function segments(lines: readonly StoryLine[]): Segment[] {
  const out: Segment[] = [];
  for (const line of lines) {
    if (line.mark) out.push({ line });
    else {
      const last = out.at(-1);
      if (last && "fold" in last) last.fold.push(line);
      else out.push({ fold: [line] });
    }
  }
  return out;
}
