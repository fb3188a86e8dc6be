/** Building blocks shared by the arrangements: labels, seats, clause cards, gauges. */
import type { Clause, Code } from "../../shared/rules/types.ts";
import { nameOf } from "../model/palette.ts";
import type { PublicState } from "../model/publicState.ts";
import { cardDetail, cardFull, cardTitle, chipText, gaugeText, seatBadges, seatIcons, seatStatus, stanceCodes } from "./content.ts";
import { MIN_TEXT, lineH, textWidth, wrap } from "./text.ts";
import type { Box, CardSpot, GaugeSpot, Label, SeatSpot, TableLayout } from "./types.ts";

/** Thrown when an arrangement does not fit at a font size: the caller tries a smaller one. */
export class NoFit extends Error {}

/**
 * The largest type (from `maxFont` down to the 12 px floor) at which `at` lays out every clause
 * card, else the layout hiding the fewest; null when nothing fits (`at` throws NoFit).
 */
export function largestFit(maxFont: number, at: (font: number) => TableLayout): TableLayout | null {
  let best: TableLayout | null = null;
  for (let f = Math.max(MIN_TEXT, maxFont); f >= MIN_TEXT; f--) {
    try {
      const l = at(f);
      if (l.hidden === 0) return l;
      if (!best || l.hidden < best.hidden) best = l;
    } catch (e) {
      if (!(e instanceof NoFit)) throw e;
    }
  }
  return best;
}
export function need(ok: boolean, why: string): void {
  if (!ok) throw new NoFit(why);
}

export const small = (f: number): number => Math.max(MIN_TEXT, Math.round(f * 0.8));

/** A label at (x, y) of width w: as many lines (≤ maxLines) as its text needs. */
export function label(id: string, full: string, x: number, y: number, w: number, size: number, opts: { bold?: boolean; align?: Label["align"]; lines?: number } = {}): Label {
  const bold = opts.bold ?? false;
  // "\n" starts a new line (each part wrapped on its own); the full text reads it as " · ".
  const parts = full.split("\n");
  const max = opts.lines ?? 1;
  const lines = w > 0 ? (parts.length > 1 ? parts.flatMap((x) => wrap(x, w, size, 1, bold)).slice(0, max) : wrap(full, w, size, max, bold)) : [];
  full = parts.join(" · ");
  return { id, full, x: Math.round(x), y: Math.round(y), w: Math.max(0, Math.floor(w)), h: lines.length * lineH(size), lines, size, bold, align: opts.align ?? "left" };
}

/**
 * A chair: ring with the code (and the flag, drawn by the scene), name and status under it,
 * badges and signal icons beside the ring. Compact chairs (anteroom, phone strip) put badges
 * and icons into the status and may drop the name (the code is in the ring).
 */
export function seat(p: PublicState, code: Code, x: number, y: number, w: number, f: number, where: SeatSpot["where"], compact: boolean, withName = true): SeatSpot {
  [x, y, w] = [Math.round(x), Math.round(y), Math.floor(w)];
  const fs = small(f);
  const d = Math.round(f * (compact ? 2.1 : 3));
  const ring = { x: x + Math.floor(w / 2), y: y + Math.floor(d / 2), r: Math.floor(d / 2) };
  const tagSize = Math.max(MIN_TEXT, Math.round(d * 0.34));
  const tag = label(`seat-${code}-tag`, code, ring.x - ring.r, y + d - lineH(tagSize), d, tagSize, { bold: true, align: "center" });
  const side = Math.min(ring.x - ring.r - 3 - x, x + w - (ring.x + ring.r + 3));
  const badgesText = seatBadges(p, code);
  const iconsText = seatIcons(p, code);
  let status = seatStatus(p, code);
  let badges: Label;
  let icons: Label;
  if (compact) {
    status = seatStatus(p, code, true) + [badgesText, iconsText].filter(Boolean).map((x) => ` ${x}`).join("");
    badges = label(`seat-${code}-badges`, "", ring.x + ring.r, y, 0, fs);
    icons = label(`seat-${code}-icons`, "", ring.x - ring.r, y, 0, fs);
  } else {
    need(side >= textWidth("★✓✍", fs), "seat too narrow for its badges");
    badges = label(`seat-${code}-badges`, badgesText, ring.x + ring.r + 3, y, side, fs, { align: "left" });
    icons = label(`seat-${code}-icons`, iconsText, x, y, side, fs, { align: "right" });
  }
  const name = label(`seat-${code}-name`, nameOf(code), x, y + d + 2, withName ? w : 0, compact ? fs : f, { bold: true, align: "center", lines: compact ? 1 : 2 });
  const st = label(`seat-${code}-status`, status, x, name.y + name.h, w, fs, { align: "center", lines: 2 });
  const h = st.y + Math.max(st.h, lineH(fs)) - y;
  return { code, where, box: { x: Math.round(x), y: Math.round(y), w: Math.floor(w), h: Math.ceil(h) }, ring, tag, name, status: st, badges, icons };
}

/** Height a chair needs, measured by laying it out once. */
export function seatHeight(p: PublicState, code: Code, w: number, f: number, compact: boolean, withName = true): number {
  return seat(p, code, 0, 0, w, f, "table", compact, withName).box.h;
}

type Level = "full" | "medium" | "compact";

interface CardFit {
  size: number;
  level: Level;
  cols: number;
  w: number;
  h: number;
  gap: number;
}

const chipW = (size: number): number => textWidth("RU✓", size, true) + 8;

function cardHeight(size: number, level: Level, pad: number): number {
  const detail = Math.max(MIN_TEXT, size - 2);
  const title = level === "full" ? 2 : 1;
  return pad * 2 + title * lineH(size) + (level === "compact" ? 0 : lineH(detail)) + lineH(size) + 4;
}

/** The largest legible cards that put `n` cards in the region, or null. */
/** A card that says more is worth a point or two of type size: the detail line, then a second title line. */
const PENALTY: Record<Level, number> = { full: 0, medium: 1, compact: 6 };

function fitCards(region: Box, n: number, chips: number, maxSize: number, levels: Level[]): CardFit | null {
  const tries: [number, Level][] = [];
  for (let size = Math.max(MIN_TEXT, maxSize); size >= MIN_TEXT; size--) for (const level of levels) tries.push([size, level]);
  tries.sort((a, b) => b[0] - PENALTY[b[1]] - (a[0] - PENALTY[a[1]]) || PENALTY[a[1]] - PENALTY[b[1]]);
  for (const [size, level] of tries) {
    const pad = Math.max(3, Math.round(size * 0.3));
    const gap = Math.max(4, Math.round(size * 0.5));
    const minW = Math.max(chips * (chipW(size) + 2) + 2 * pad, textWidth("Ceasefire", size, true) + 2 * pad);
    {
      const h = cardHeight(size, level, pad);
      for (let cols = 1; cols <= n; cols++) {
        const rows = Math.ceil(n / cols);
        const w = Math.floor((region.w - (cols - 1) * gap) / cols);
        if (w < minW) break;
        if (rows * h + (rows - 1) * gap <= region.h) return { size, level, cols, w: Math.min(w, Math.max(minW, Math.round(size * 26))), h, gap };
      }
    }
  }
  return null;
}

/**
 * Clause cards in a region, newest last: as many as fit (all of them when they can, at the
 * largest size that allows it), centred. Returns the cards and how many were left out.
 */
export function cards(p: PublicState, live: Clause[], region: Box, maxSize: number, levels: Level[]): { cards: CardSpot[]; hidden: number } {
  const chips = Math.max(1, ...live.map((c) => stanceCodes(p, c).length));
  let shown = live;
  let fit = shown.length ? fitCards(region, shown.length, chips, maxSize, levels) : null;
  while (shown.length && !fit) {
    shown = shown.slice(1);
    fit = shown.length ? fitCards(region, shown.length, chips, maxSize, levels) : null;
  }
  if (!fit) return { cards: [], hidden: live.length };
  const { size, level, cols, w, h, gap } = fit;
  const pad = Math.max(3, Math.round(size * 0.3));
  const rows = Math.ceil(shown.length / cols);
  const top = region.y + Math.floor((region.h - (rows * h + (rows - 1) * gap)) / 2);
  const detailSize = Math.max(MIN_TEXT, size - 2);
  const out = shown.map((c, i): CardSpot => {
    const row = Math.floor(i / cols);
    const inRow = row === rows - 1 ? shown.length - row * cols : cols;
    const left = region.x + Math.floor((region.w - (inRow * w + (inRow - 1) * gap)) / 2);
    const box = { x: left + (i % cols) * (w + gap), y: top + row * (h + gap), w, h };
    const detailText = cardDetail(c);
    const titleText = level === "compact" && detailText ? `${cardTitle(c)} — ${detailText}` : cardTitle(c);
    const title = label(`card-${c.id}-title`, titleText, box.x + pad, box.y + pad, w - 2 * pad, size, { bold: true, align: "center", lines: level === "full" ? 2 : 1 });
    title.full = cardFull(c);
    const detail = level === "compact" ? null : label(`card-${c.id}-detail`, detailText, box.x + pad, title.y + Math.max(title.h, lineH(size)), w - 2 * pad, detailSize, { align: "center" });
    const codes = stanceCodes(p, c);
    const cw = chipW(size);
    const chipLeft = box.x + Math.floor((w - (codes.length * (cw + 2) - 2)) / 2);
    const chipY = box.y + h - pad - lineH(size) - 2;
    return {
      id: c.id,
      proposer: c.proposer,
      box,
      title,
      detail,
      chips: codes.map((code, k) => ({ code, box: { x: chipLeft + k * (cw + 2), y: chipY, w: cw, h: lineH(size) + 2 }, size, text: chipText(c, code) })),
    };
  });
  return { cards: out, hidden: live.length - shown.length };
}

/** Momentum, battlefield and EU unity side by side in `cells` (label above its bar). */
export function gauges(p: PublicState, cells: Box[], size: number): GaugeSpot[] {
  const text = gaugeText(p);
  const ids = ["momentum", "battlefield", "euUnity"] as const;
  return ids.map((id, i) => {
    const box = cells[i];
    need(textWidth(text[id], size) <= box.w, "gauge label too wide");
    const l = label(`gauge-${id}`, text[id], box.x, box.y, box.w, size);
    // The bar sits in the row under the label, centred on the battlefield's end labels.
    const endSize = small(size);
    const ey = box.y + box.h - lineH(endSize);
    need(ey >= l.y + l.h, "gauge too short");
    const barH = Math.min(lineH(endSize), Math.max(8, Math.round(size * 0.5)));
    const barY = Math.round(ey + (lineH(endSize) - barH) / 2);
    let bar = { x: box.x, y: barY, w: box.w, h: barH };
    const ends: Label[] = [];
    if (id === "battlefield") {
      const ew = textWidth("UA", endSize, true) + 4;
      ends.push(label("gauge-battlefield-ua", "UA", box.x, ey, ew, endSize, { bold: true, align: "left" }), label("gauge-battlefield-ru", "RU", box.x + box.w - ew, ey, ew, endSize, { bold: true, align: "right" }));
      bar = { x: box.x + ew + 2, y: barY, w: box.w - 2 * ew - 4, h: barH };
    }
    return { id, box, label: l, bar, ends };
  });
}
