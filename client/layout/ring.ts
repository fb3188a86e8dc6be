/**
 * The table seen from above, for landscape screens: gauges across the top; Russia and the
 * European Union down the left, Ukraine and the United States down the right, Belarus's place
 * at the foot; clause cards on the felt between them; the anteroom bottom left, the event card
 * bottom right. Bands and columns never share space, so nothing can overlap by construction;
 * sizes shrink with the screen until the smallest legible type.
 */
import type { Code } from "../../shared/rules/types.ts";
import { phaseLabel } from "../model/format.ts";
import { CODES } from "../model/palette.ts";
import type { PublicState } from "../model/publicState.ts";
import { MAX_CARDS, atDoor, eventTexts, liveClauses, noteTexts, outcomeText } from "./content.ts";
import { cards, largestFit, gauges, label, need, seat, seatHeight, small } from "./parts.ts";
import { MIN_TEXT, lineH, textWidth } from "./text.ts";
import type { Box, Label, ScreenClass, SeatSpot, TableLayout } from "./types.ts";

/** Each delegation's place at the table. */
const PLACE: Record<Code, "left-top" | "left-bottom" | "right-top" | "right-bottom" | "foot"> = { RU: "left-top", EU: "left-bottom", UA: "right-top", US: "right-bottom", BY: "foot" };

export function ringAt(screen: ScreenClass, W: number, H: number, p: PublicState, f: number): TableLayout {
  const pad = Math.max(6, Math.round(f * 0.45));
  const fs = small(f);
  const seated = (c: Code) => p.delegations[c].seat !== "absent";
  // Gauges: round and timer, then the three tracks.
  const gh = lineH(f) + lineH(fs) + 2;
  const cellW = Math.floor((W - 5 * pad) / 4);
  const cell = (i: number): Box => ({ x: pad + i * (cellW + pad), y: pad, w: cellW, h: gh });
  const roundText = phaseLabel(p.phase, p.round, p.rounds);
  need(textWidth(roundText, f, true) <= cellW, "round label too wide");
  const round = label("round", roundText, cell(0).x, pad, cellW, f, { bold: true });
  const timer = label("timer", "00:00 paused", cell(0).x, pad + lineH(f), cellW, fs);
  const g = gauges(p, [cell(1), cell(2), cell(3)], f);
  const top = pad + gh + pad;

  // Chairs: width from the screen, never narrower than the ring and its badges.
  const d = Math.round(f * 3);
  const minSw = d + 2 * (textWidth("★✓✍", fs) + 4);
  const sw = Math.max(minSw, Math.min(Math.round(W * 0.16), Math.round(f * 11)));
  need(sw * 3 + 6 * pad <= W, "no room for three chairs across");
  const sh = (c: Code) => seatHeight(p, c, sw, f, false);

  // The foot: anteroom (left), Belarus's place (centre), event card (right).
  const absent = CODES.filter((c) => !seated(c));
  const door = atDoor(p);
  const waiting = absent.filter((c) => c !== door);
  const slots = Math.max(1, waiting.length) + 1;
  const sideW = Math.floor(W / 2 - sw / 2 - 2 * pad);
  const tw = Math.min(Math.round(f * 6), Math.floor((sideW - (slots + 1) * pad) / slots));
  need(tw >= Math.round(f * 2.1) + 4, "anteroom too narrow");
  const aw = slots * tw + (slots + 1) * pad;
  const th = Math.max(...CODES.map((c) => seatHeight(p, c, tw, f, true)));
  const ah = lineH(fs) + th + pad;
  const ev = eventTexts(p);
  const evTitleSize = Math.max(MIN_TEXT, Math.round(f * 0.85));
  const footH = Math.max(seated("BY") ? sh("BY") : 0, ah, lineH(evTitleSize) * 2 + lineH(fs) * 2 + 2 * pad);
  const footY = H - pad - footH;

  // The middle: two chairs down each side, the cards between them.
  const midH = footY - pad - top;
  for (const [a, b] of [["RU", "EU"], ["UA", "US"]] as const) need((seated(a) ? sh(a) : 0) + (seated(b) ? sh(b) : 0) + pad <= midH, "side chairs too tall");
  const seats: SeatSpot[] = [];
  for (const c of CODES) {
    if (!seated(c)) continue;
    const at = PLACE[c];
    const x = at.startsWith("left") ? pad : at.startsWith("right") ? W - pad - sw : Math.round(W / 2 - sw / 2);
    const y = at === "foot" ? footY : at.endsWith("top") ? top : footY - pad - sh(c);
    seats.push(seat(p, c, x, y, sw, f, "table", false));
  }

  // Anteroom: its title, the waiting tokens, then the door nearest the table.
  const abox = { x: pad, y: footY + footH - ah, w: aw, h: ah };
  const title = label("anteroom-title", "Anteroom (absent)", abox.x + pad, abox.y, aw - 2 * pad, fs, { lines: 1 });
  const slotAt = (i: number): number => abox.x + pad + i * (tw + pad);
  const ty = abox.y + lineH(fs);
  waiting.forEach((c, i) => seats.push(seat(p, c, slotAt(i), ty, tw, f, "anteroom", true)));
  const doorBox = { x: slotAt(slots - 1), y: ty, w: tw, h: th };
  if (door) seats.push(seat(p, door, doorBox.x, ty, tw, f, "door", true));

  // Event card.
  const ex = Math.round(W / 2 + sw / 2 + pad);
  const ew = W - pad - ex;
  need(ew >= textWidth("Border incident", evTitleSize, true) / 2 + 2 * pad, "event card too narrow");
  let event: TableLayout["event"] = null;
  if (ev) {
    const t = label("event-title", ev.title, ex + pad, footY + pad, ew - 2 * pad, evTitleSize, { bold: true, align: "center", lines: 2 });
    const rest = Math.floor((footH - 2 * pad - t.h) / lineH(fs));
    const text = rest > 0 ? label("event-text", ev.text, ex + pad, t.y + t.h, ew - 2 * pad, fs, { align: "center", lines: rest }) : null;
    // The card is as tall as its words, at the foot's top.
    event = { box: { x: ex, y: footY, w: ew, h: t.h + (text?.h ?? 0) + 2 * pad }, title: t, text };
  }

  // The centre: outcome on top, notes at the bottom, cards between.
  const cx = pad + sw + pad;
  const cw = W - 2 * cx;
  need(cw >= textWidth("Guarantees for", MIN_TEXT, true) * 2, "no room for cards");
  let y = top;
  let outcome: Label | null = null;
  const oText = outcomeText(p);
  if (oText) {
    outcome = label("outcome", oText, cx, y, cw, Math.max(MIN_TEXT, Math.round(f * 1.3)), { bold: true, align: "center", lines: 2 });
    y += outcome.h + pad;
  }
  const live = liveClauses(p).slice(-MAX_CARDS);
  const extra = liveClauses(p).length - live.length;
  const noteLines = noteTexts(p).slice(0, 3);
  const layoutCenter = (more: boolean) => {
    const lines = noteLines.length + (more ? 1 : 0);
    const region = { x: cx, y, w: cw, h: footY - pad - y - lines * lineH(fs) };
    return { region, ...cards(p, live, region, Math.round(f * 0.85), ["full", "medium", "compact"]) };
  };
  let centre = layoutCenter(extra > 0);
  if (centre.hidden + extra > 0 && extra === 0) centre = layoutCenter(true);
  const hidden = centre.hidden + extra;
  const notes: Label[] = [];
  need(centre.region.h >= 0, "no room under the cards");
  let ny = centre.region.y + centre.region.h;
  const texts = hidden ? [`+${hidden} more clause${hidden === 1 ? "" : "s"} in the treaty panel`, ...noteLines] : noteLines;
  for (const [i, n] of texts.entries()) {
    notes.push(label(`note-${i}`, n, cx, ny, cw, fs, { align: "center" }));
    ny += lineH(fs);
  }
  return {
    screen,
    arrangement: "ring",
    w: W,
    h: H,
    font: f,
    round,
    timer,
    gauges: g,
    felt: { x: Math.round(pad + sw * 0.55), y: top - Math.round(pad / 2), w: Math.round(W - 2 * (pad + sw * 0.55)), h: footY - top + Math.round(footH * 0.35) },
    anteroom: { box: abox, title, door: doorBox },
    seats,
    cards: centre.cards,
    hidden,
    notes,
    event,
    outcome,
    bubbleWidth: Math.round(sw + 2 * pad),
  };
}

/**
 * The largest type at which the ring fits with every clause card shown, else the one hiding the
 * fewest cards; null when the ring cannot fit at all (the caller falls back to the strip).
 */
export function ring(screen: ScreenClass, W: number, H: number, p: PublicState, maxFont: number): TableLayout | null {
  return largestFit(maxFont, (f) => ringAt(screen, W, H, p, f));
}
