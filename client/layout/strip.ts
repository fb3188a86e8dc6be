/**
 * The table as a strip, for phones and narrow windows: gauges in one row, the chairs in a row
 * of tokens (code, seat, influence) with the anteroom at its end, then as many clause cards as
 * fit, the event and the open motions. Rows never share space.
 */
import { CODES } from "../model/palette.ts";
import type { PublicState } from "../model/publicState.ts";
import { MAX_CARDS, atDoor, eventTexts, liveClauses, noteTexts, outcomeText } from "./content.ts";
import { cards, largestFit, gauges, label, need, seat, seatHeight, small } from "./parts.ts";
import { MIN_TEXT, lineH } from "./text.ts";
import type { Label, ScreenClass, SeatSpot, TableLayout } from "./types.ts";

export function stripAt(screen: ScreenClass, W: number, H: number, p: PublicState, f: number): TableLayout {
  const pad = Math.max(4, Math.round(f * 0.35));
  const fs = small(f);
  const gh = lineH(f) + lineH(fs) + 2;
  const cellW = Math.floor((W - 4 * pad) / 3);
  const g = gauges(p, [0, 1, 2].map((i) => ({ x: pad + i * (cellW + pad), y: pad, w: cellW, h: gh })), f);
  let y = pad + gh + pad;

  // Tokens: the table's chairs, then the anteroom (waiting chairs and the door).
  const seatedCodes = CODES.filter((c) => p.delegations[c].seat !== "absent");
  const door = atDoor(p);
  const waiting = CODES.filter((c) => p.delegations[c].seat === "absent" && c !== door);
  const slots = seatedCodes.length + waiting.length + 1;
  const tw = Math.floor((W - 2 * pad - (slots - 1) * pad - 2 * pad) / slots);
  need(tw >= Math.round(f * 2.1) + 2, "tokens too narrow");
  const th = Math.max(...CODES.map((c) => seatHeight(p, c, tw, f, true, false)));
  const titleH = lineH(fs);
  const seats: SeatSpot[] = [];
  let x = pad;
  for (const c of seatedCodes) {
    seats.push(seat(p, c, x, y + titleH, tw, f, "table", true, false));
    x += tw + pad;
  }
  const ax = x;
  const aw = W - pad - ax;
  const abox = { x: ax, y, w: aw, h: titleH + th };
  const title = label("anteroom-title", "Anteroom", ax + 2, y, aw - 4, fs, { lines: 1 });
  x += pad;
  for (const c of waiting) {
    seats.push(seat(p, c, x, y + titleH, tw, f, "anteroom", true, false));
    x += tw + pad;
  }
  const doorBox = { x, y: y + titleH, w: tw, h: th };
  if (door) seats.push(seat(p, door, x, y + titleH, tw, f, "door", true, false));
  y += titleH + th + pad;

  // Bottom up: notes, then the event, then the cards in what is left.
  const noteLines = noteTexts(p).slice(0, 2);
  const ev = eventTexts(p);
  const evLines = ev ? 2 : 0;
  const bottom = H - pad - noteLines.length * lineH(fs) - (ev ? evLines * lineH(fs) + pad : 0);
  need(bottom - y >= 0, "strip too short");
  let outcome: Label | null = null;
  const oText = outcomeText(p);
  if (oText) {
    outcome = label("outcome", oText, pad, y, W - 2 * pad, f, { bold: true, align: "center" });
    y += outcome.h + pad;
  }
  const all = liveClauses(p);
  const live = all.slice(-MAX_CARDS);
  const region = (more: boolean) => ({ x: pad, y, w: W - 2 * pad, h: bottom - y - (more ? lineH(fs) : 0) });
  let centre = { region: region(false), ...cards(p, live, region(false), f, ["medium", "compact"]) };
  if (centre.hidden + all.length - live.length > 0) centre = { region: region(true), ...cards(p, live, region(true), f, ["medium", "compact"]) };
  const hidden = centre.hidden + all.length - live.length;
  need(centre.region.h >= 0, "no room for cards");
  const notes: Label[] = [];
  let ny = centre.region.y + centre.region.h;
  const texts = hidden ? [`+${hidden} more in the Treaty tab`, ...noteLines] : noteLines;
  for (const [i, n] of texts.entries()) {
    notes.push(label(`note-${i}`, n, pad, ny, W - 2 * pad, fs, { align: "center" }));
    ny += lineH(fs);
  }
  let event: TableLayout["event"] = null;
  if (ev) {
    const box = { x: pad, y: ny, w: W - 2 * pad, h: H - pad - ny };
    const t = label("event-title", ev.title, pad + 4, ny + 2, W - 2 * pad - 8, fs, { bold: true, align: "center" });
    const text = label("event-text", ev.text, pad + 4, t.y + t.h, W - 2 * pad - 8, fs, { align: "center" });
    event = { box, title: t, text: text.y + text.h <= box.y + box.h ? text : null };
  }
  return {
    screen,
    arrangement: "strip",
    w: W,
    h: H,
    font: f,
    round: null,
    timer: null,
    gauges: g,
    felt: { x: 0, y: centre.region.y, w: W, h: centre.region.h },
    anteroom: { box: abox, title, door: doorBox },
    seats,
    cards: centre.cards,
    hidden,
    notes,
    event,
    outcome,
    bubbleWidth: Math.min(W - 2 * pad, 260),
  };
}

export function strip(screen: ScreenClass, W: number, H: number, p: PublicState, maxFont: number): TableLayout | null {
  return largestFit(maxFont, (f) => stripAt(screen, W, H, p, f));
}
