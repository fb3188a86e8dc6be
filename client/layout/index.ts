/**
 * The table's layout, one pure function per screen class. Given the canvas size and the public
 * state they return rectangles (see types.ts) that stay inside the canvas and never overlap,
 * with canvas text of at least MIN_TEXT CSS pixels; the scene only draws them. `problems` states
 * those promises as code, for the property tests and the browser tests alike.
 */
import type { PublicState } from "../model/publicState.ts";
import { ring } from "./ring.ts";
import { strip } from "./strip.ts";
import { MIN_TEXT, lineH } from "./text.ts";
import type { Box, Label, ScreenClass, TableLayout } from "./types.ts";

export type { Box, CardSpot, GaugeSpot, Label, ScreenClass, SeatSpot, TableLayout } from "./types.ts";
export { MIN_TEXT } from "./text.ts";

/** Phones up to 700 px wide (the CSS breakpoint); the projector view is asked for by URL. */
export function screenClass(vw: number, projector: boolean): ScreenClass {
  return projector ? "projector" : vw <= 700 ? "phone" : "laptop";
}

/** The laptop's side column (briefing, treaty, talk), as styles.css sizes it. */
export const sideWidth = (vw: number): number => Math.round(Math.min(440, Math.max(340, vw * 0.3)));

/**
 * The canvas's size on a screen: the rest of the page (top bar, the banner line, the projector's
 * ticker, the laptop's side column) takes the remainder. GameView applies the height; the
 * width follows from the same CSS column.
 */
export function stageSize(screen: ScreenClass, vw: number, vh: number): { w: number; h: number } {
  if (screen === "projector") return { w: vw - 16, h: Math.max(240, vh - PROJECTOR_CHROME) };
  if (screen === "phone") return { w: vw - 8, h: Math.round(Math.min(340, Math.max(220, vh * 0.36))) };
  // Narrower than a phone's breakpoint the side column moves under the table.
  const w = vw <= 700 ? vw - 8 : vw - sideWidth(vw) - 16;
  return { w, h: Math.round(Math.max(300, Math.min(vh * 0.62, (w * 9) / 16))) };
}

/** What the projector's page keeps for itself: top bar 64, banner line 52, ticker 170, gaps 16. */
export const PROJECTOR_CHROME = 64 + 52 + 170 + 16;

/** Projector: type as large as fits (read from the back of the room). */
export function layoutProjector(w: number, h: number, p: PublicState): TableLayout {
  const f = Math.min(34, Math.round(h / 26), Math.round(w / 56));
  return ring("projector", w, h, p, f) ?? layoutPhone(w, h, p, "projector");
}

/** Laptop: the table beside the side column, type of a reading size. */
export function layoutLaptop(w: number, h: number, p: PublicState): TableLayout {
  const f = Math.min(20, Math.round(h / 26), Math.round(w / 52));
  return ring("laptop", w, h, p, f) ?? layoutPhone(w, h, p, "laptop");
}

/** Phone: the strip. Falls back to its smallest type; never returns nothing. */
export function layoutPhone(w: number, h: number, p: PublicState, screen: ScreenClass = "phone"): TableLayout {
  const l = strip(screen, w, h, p, Math.min(16, Math.max(MIN_TEXT, Math.round(w / 28))));
  if (!l) throw new Error(`the table cannot be laid out in ${w}×${h}`);
  return l;
}

export function layoutTable(screen: ScreenClass, w: number, h: number, p: PublicState): TableLayout {
  return screen === "projector" ? layoutProjector(w, h, p) : screen === "laptop" ? layoutLaptop(w, h, p) : layoutPhone(w, h, p);
}

/** Every labelled thing on the canvas that must not overlap another, with what it contains. */
export function parts(l: TableLayout): { id: string; box: Box; inner: Label[]; chips: Box[] }[] {
  const out: { id: string; box: Box; inner: Label[]; chips: Box[] }[] = [];
  const one = (x: Label | null) => x && x.lines.length && out.push({ id: x.id, box: x, inner: [x], chips: [] });
  one(l.round);
  one(l.timer);
  for (const g of l.gauges) out.push({ id: `gauge-${g.id}`, box: g.box, inner: [g.label, ...g.ends], chips: [g.bar] });
  one(l.anteroom.title);
  for (const s of l.seats) out.push({ id: `seat-${s.code}`, box: s.box, inner: [s.tag, s.name, s.status, s.badges, s.icons], chips: [] });
  for (const c of l.cards) out.push({ id: `card-${c.id}`, box: c.box, inner: [c.title, ...(c.detail ? [c.detail] : [])], chips: c.chips.map((x) => x.box) });
  for (const n of l.notes) one(n);
  if (l.event) out.push({ id: "event", box: l.event.box, inner: [l.event.title, ...(l.event.text ? [l.event.text] : [])], chips: [] });
  one(l.outcome);
  return out;
}

const inside = (a: Box, b: Box): boolean => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;
export const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const empty = (b: Box): boolean => b.w <= 0 || b.h <= 0;

/** The layout's promises, broken ones listed in words (an empty list: all kept). */
export function problems(l: TableLayout): string[] {
  const out: string[] = [];
  const view = { x: 0, y: 0, w: l.w, h: l.h };
  const all = parts(l);
  for (const [i, a] of all.entries()) {
    if (!inside(a.box, view)) out.push(`${a.id} leaves the canvas`);
    for (const b of all.slice(i + 1)) if (!empty(a.box) && !empty(b.box) && overlaps(a.box, b.box)) out.push(`${a.id} overlaps ${b.id}`);
    const texts = a.inner.filter((t) => t.lines.length);
    for (const [j, t] of texts.entries()) {
      if (t.size < MIN_TEXT) out.push(`${t.id} is ${t.size}px`);
      if (t.h < t.lines.length * lineH(t.size)) out.push(`${t.id} is shorter than its lines`);
      if (!inside(t, a.box)) out.push(`${t.id} leaves ${a.id}`);
      for (const u of texts.slice(j + 1)) if (overlaps(t, u)) out.push(`${t.id} overlaps ${u.id}`);
      for (const c of a.chips) if (overlaps(t, c)) out.push(`${t.id} overlaps a chip of ${a.id}`);
    }
    for (const [j, c] of a.chips.entries()) {
      if (!inside(c, a.box)) out.push(`a chip leaves ${a.id}`);
      for (const d of a.chips.slice(j + 1)) if (overlaps(c, d)) out.push(`chips overlap in ${a.id}`);
    }
  }
  return out;
}
