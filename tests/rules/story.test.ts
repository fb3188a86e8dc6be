/**
 * The story of a game for the debrief and the report: every table line in exactly one chapter,
 * decisive moments marked, ordinary talk folded between them.
 */
import { describe, expect, it } from "vitest";
import { botMove } from "../../shared/bots/index.ts";
import { apply, DELEGATIONS, newGame, view, type GameState, type TableEntry } from "../../shared/rules/index.ts";
import { DECISIVE, segments, story } from "../../shared/rules/story.ts";

function botGame(seed: number): GameState {
  let s = newGame({ seed, rounds: 4, roundSeconds: 0, bots: true, events: true });
  const step = (who: Parameters<typeof apply>[2], a: unknown) => {
    const r = apply(s, a as never, who, 0);
    if (r.ok) s = r.state;
    return r.ok;
  };
  step("facilitator", { type: "start" });
  step("facilitator", { type: "advance" });
  for (let i = 0; i < 2000 && s.phase !== "debrief"; i++) {
    let moved = false;
    for (const c of DELEGATIONS) {
      const a = botMove(view(s, c), c);
      if (a && step(c, a)) moved = true;
    }
    if (!moved) step("facilitator", { type: "advance" });
  }
  return s;
}

describe("the story of a game", () => {
  it("keeps every line once, in order, with a chapter per round and the signing", () => {
    for (const seed of [3, 8]) {
      const s = botGame(seed);
      const chapters = story(s.table, s.notes);
      expect(chapters.flatMap((c) => c.lines.map((l) => l.index))).toEqual(s.table.map((_, i) => i));
      expect(chapters.flatMap((c) => c.lines.map((l) => l.entry))).toEqual(s.table);
      expect(chapters.flatMap((c) => c.notes)).toEqual(s.notes);
      const keys = chapters.map((c) => c.key);
      expect(keys[0]).toBe("briefing");
      const rounds = keys.filter((k) => k.startsWith("round-"));
      expect(rounds).toEqual(rounds.map((_, i) => `round-${i + 1}`));
      expect(rounds.length).toBe(s.round);
      if (!s.ended) expect(keys.at(-1)).toBe("signing");
      // The last chapter ends with the outcome, marked decisive.
      const last = chapters.at(-1)!.lines.at(-1)!;
      expect(last.entry.tag).toBe("outcome");
      expect(last.decisive).toBe(true);
      expect(last.mark).toBe("Outcome");
      // Every round's event card is a marked, decisive moment.
      for (const c of chapters.filter((x) => x.key.startsWith("round-"))) expect(c.lines.some((l) => l.mark === "Event card" && l.decisive)).toBe(true);
    }
  });

  it("marks decisive moments by their tag, keeps track changes in view, and folds talk between them", () => {
    const e = (kind: TableEntry["kind"], text: string, tag?: string): TableEntry => ({ kind, from: kind === "event" ? "" : "RU", text, round: 1, ...(tag ? { tag } : {}) });
    const lines = story([
      e("event", "Round 1 of 3 begins.", "round"),
      e("say", "Hello"),
      e("event", "Russia proposes: Ceasefire.", "clause"),
      e("event", "Agreed: Ceasefire.", "agreed"),
      e("event", "It supersedes the earlier agreement: Territory deferred.", "superseded"),
      e("say", "Good"),
      e("event", "Momentum −1 (now 4): no core clause was agreed this round.", "momentum"),
      // A line that only looks like the narrator's is talk: tags come from the engine alone.
      e("say", "Agreed: everything", "agreed"),
    ])[0]!.lines;
    expect(lines.map((l) => l.mark)).toEqual(["New round", "", "", "Agreement", "Superseded", "", "Momentum", ""]);
    expect(lines.map((l) => l.decisive)).toEqual([false, false, false, true, true, false, false, false]);
    const segs = segments(lines);
    expect(segs.map((x) => ("line" in x ? x.line.mark : `fold ${x.fold.length}`))).toEqual(["New round", "fold 2", "Agreement", "Superseded", "fold 1", "Momentum", "fold 1"]);
    expect(Object.keys(DECISIVE)).toEqual(expect.arrayContaining(["seat", "agreed", "superseded", "torpedo", "event", "sign", "outcome", "warning"]));
  });
});
