/**
 * The table's layout functions keep their promises for any public state and any screen from
 * 360×640 to 2560×1440: every labelled rectangle inside the canvas, none overlapping another,
 * canvas text at least 12 CSS px, long labels cut with their full text kept.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutLaptop, layoutPhone, layoutProjector, layoutTable, parts, problems, screenClass, stageSize, type ScreenClass, type TableLayout } from "../../client/layout/index.ts";
import { textWidth, wrap } from "../../client/layout/text.ts";
import { liveClauses } from "../../client/layout/content.ts";
import { normalize } from "../../client/model/publicState.ts";
import { busiest, stateArb } from "./layoutState.ts";

const viewport = fc.record({ w: fc.integer({ min: 360, max: 2560 }), h: fc.integer({ min: 640, max: 1440 }) });
const classes: ScreenClass[] = ["projector", "laptop", "phone"];

describe("table layout", () => {
  for (const screen of classes)
    it(`${screen}: inside the canvas, nothing overlaps, text ≥ 12 px, for random states and sizes`, () => {
      fc.assert(
        fc.property(stateArb, viewport, (p, vp) => {
          const { w, h } = stageSize(screen, vp.w, vp.h);
          const l = layoutTable(screen, w, h, p);
          expect(problems(l)).toEqual([]);
          // Every live clause is either on a card or counted in "+n more".
          expect(l.cards.length + l.hidden).toBe(liveClauses(p).length);
          // Each delegation has exactly one chair on the canvas.
          expect(l.seats.map((s) => s.code).sort()).toEqual(["BY", "EU", "RU", "UA", "US"]);
        }),
        { numRuns: 150 },
      );
    });

  it("finds overlaps and strays when there are some (the check can fail)", () => {
    const l = layoutLaptop(1000, 500, busiest());
    const moved: TableLayout = { ...l, cards: l.cards.map((c, i) => (i === 0 ? { ...c, box: { ...l.seats[0].box } } : c)) };
    expect(problems(moved).some((m) => m.includes("overlaps"))).toBe(true);
    const out: TableLayout = { ...l, event: l.event && { ...l.event, box: { ...l.event.box, x: l.w - 10 } } };
    expect(problems(out)).toContain("event leaves the canvas");
    const tiny: TableLayout = { ...l, notes: l.notes.map((n) => ({ ...n, size: 9 })) };
    expect(problems(tiny).some((m) => m.endsWith("is 9px"))).toBe(true);
  });

  it("projector at 1920×1080: all 12 clauses, every chair, the event and large type on one screen", () => {
    const { w, h } = stageSize("projector", 1920, 1080);
    const l = layoutProjector(w, h, busiest());
    expect(l.arrangement).toBe("ring");
    expect(l.cards).toHaveLength(12);
    expect(l.hidden).toBe(0);
    expect(l.event).not.toBeNull();
    expect(l.font).toBeGreaterThanOrEqual(24);
    expect(Math.min(...l.cards.map((c) => c.title.size))).toBeGreaterThanOrEqual(14);
    expect(problems(l)).toEqual([]);
  });

  it("laptop at 1366×768 keeps every clause on the table; a 390×844 phone keeps 12 px type and counts the rest", () => {
    const lap = stageSize("laptop", 1366, 768);
    expect(layoutLaptop(lap.w, lap.h, busiest()).hidden).toBe(0);
    const ph = stageSize("phone", 390, 844);
    const l = layoutPhone(ph.w, ph.h, busiest());
    expect(l.arrangement).toBe("strip");
    expect(l.cards.length).toBeGreaterThanOrEqual(4);
    expect(l.cards.length + l.hidden).toBe(12);
    if (l.hidden) expect(l.notes[0].full).toContain(`+${l.hidden} more`);
    for (const part of parts(l)) for (const t of part.inner) if (t.lines.length) expect(t.size).toBeGreaterThanOrEqual(12);
  });

  it("an absent delegation waits in the anteroom, moves to its door while a motion is open, and sits at the table once seated", () => {
    const p = busiest();
    const at = (q: typeof p) => layoutLaptop(1000, 500, q).seats.find((s) => s.code === "BY")!;
    expect(at(p).where).toBe("door");
    const denied = { ...p, motions: [{ ...p.motions[0], status: "denied" as const }] };
    expect(at(denied).where).toBe("anteroom");
    const seated = { ...denied, delegations: { ...p.delegations, BY: { ...p.delegations.BY, seat: "observer" as const } } };
    expect(at(seated).where).toBe("table");
  });

  it("long labels are cut with an ellipsis and keep their full text", () => {
    const lines = wrap("Guarantees for Ukraine (suggested) — US · EU · TR · CN · BY", 120, 14, 1, true);
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith("…")).toBe(true);
    expect(textWidth(lines[0], 14, true)).toBeLessThanOrEqual(120);
    const l = layoutPhone(382, 300, busiest());
    const cut = l.cards.map((c) => c.title).find((t) => t.lines.join(" ") !== t.full);
    expect(cut?.full).toMatch(/proposed by/);
  });

  it("chooses the screen class from the width, the projector by request", () => {
    expect(screenClass(390, false)).toBe("phone");
    expect(screenClass(1366, false)).toBe("laptop");
    expect(screenClass(1366, true)).toBe("projector");
    expect(layoutTable("phone", 382, 300, normalize({})).screen).toBe("phone");
  });
});
