/**
 * The table: lays out the public state with the screen class's layout function and draws it —
 * chairs, anteroom, clause cards, gauges, the event card, notes — then animates what changed
 * (150–450 ms; highlights instead under prefers-reduced-motion). It only reads the Store; input
 * stays in the DOM. The layout is public data: it is exposed as window.__tableLayout, and what
 * was actually drawn as window.__tableDrawn(), for the browser tests.
 */
import { Scene } from "phaser";
import type { Code, GameEvent, TableEntry } from "../../shared/rules/types.ts";
import { layoutTable, screenClass, type ScreenClass, type TableLayout } from "../layout/index.ts";
import { eventCard, signalLabel } from "../model/format.ts";
import { CODES, isCode } from "../model/palette.ts";
import type { PublicState } from "../model/publicState.ts";
import type { ClientState, Store } from "../model/store.ts";
import { ClauseCards } from "../view/ClauseCards.ts";
import { Effects } from "../view/Effects.ts";
import { EventCard } from "../view/EventCard.ts";
import { Gauges } from "../view/Gauges.ts";
import { LabelView } from "../view/LabelView.ts";
import { SeatView } from "../view/SeatView.ts";

export interface DrawnText {
  id: string;
  text: string;
  size: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

declare global {
  interface Window {
    __tableLayout?: TableLayout;
    __tableDrawn?: () => DrawnText[];
  }
}

/** A few words for what moved a gauge, from the engine event that did. */
function causeOf(e: GameEvent): string {
  const d = e.data ?? {};
  switch (e.kind) {
    case "torpedo":
      return "walkout";
    case "momentum":
      return d.coreAgreed ? "core clause agreed" : "no core clause agreed";
    case "battlefield":
      return "front line";
    case "event":
      return eventCard(String(d.event ?? ""))?.title ?? "event";
    case "signal":
      return signalLabel(String(d.signal ?? ""));
    case "agreed":
      return "clause agreed";
    default:
      return "";
  }
}

export class Table extends Scene {
  private store!: Store;
  private motion = 1;
  private projector = false;
  private layout: TableLayout | null = null;
  private decor = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  private fx!: Effects;
  private seats = new Map<Code, SeatView>();
  private gauges!: Gauges;
  private cards!: ClauseCards;
  private event!: EventCard;
  private notes: LabelView[] = [];
  private outcome!: LabelView;
  private anteroom!: LabelView;
  private lastSeq = 0;
  private cause = "";
  private heard: TableEntry | null = null;
  private busyUntil = 0;
  private unsubscribe: (() => void) | null = null;

  constructor() {
    super("Table");
  }

  init(data: { store: Store; projector: boolean }): void {
    this.store = data.store;
    this.projector = data.projector;
    this.motion = matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : 1;
  }

  create(): void {
    performance.mark("table:create");
    this.decor.setAttribute("class", "table-decor");
    this.decor.setAttribute("aria-hidden", "true");
    this.game.canvas.before(this.decor);
    this.events.once("shutdown", () => this.decor.remove());
    this.fx = new Effects(this, this.motion);
    this.gauges = new Gauges(this, this.fx, this.motion);
    this.cards = new ClauseCards(this, this.fx, this.motion);
    this.event = new EventCard(this, this.fx, this.motion);
    this.outcome = new LabelView(this, null, "#ffd166");
    this.anteroom = new LabelView(this, null, "#b8c0cc");
    for (const c of CODES) this.seats.set(c, new SeatView(this, c));
    const p = this.store.state.pub;
    this.heard = p.table.at(-1) ?? null;
    this.unsubscribe = this.store.subscribe((s, changed) => {
      if (changed.has("events")) this.animate(s);
      if (changed.has("pub")) this.draw(s.pub);
    });
    this.events.once("shutdown", () => this.unsubscribe?.());
    // Phaser also reports a "resize" when only the canvas's place on the page moved (it compares
    // a position with the scroll in it against one without: a scrolled console page got one every
    // 500 ms, and each redraw kept the loop awake for good). Only a new size needs a new layout.
    this.scale.on("resize", () => {
      const l = this.layout;
      if (l && Math.round(this.scale.width) === l.w && Math.round(this.scale.height) === l.h && this.screenNow() === l.screen) return;
      this.draw(this.store.state.pub);
    });
    window.__tableDrawn = () => this.drawn();
    this.draw(p);
    performance.mark("table:created");
    // The timer ticks outside Phaser's loop, which sleeps whenever nothing moves.
    const ticker = setInterval(() => this.idle(), 250);
    this.events.once("shutdown", () => clearInterval(ticker));
  }

  /**
   * Keeps the loop running for `ms` (the longest effect lasts about 5 s). A still table is not
   * redrawn 60 times a second: the loop sleeps until the state, a resize or the timer changes it.
   */
  private awake(ms: number): void {
    this.busyUntil = Math.max(this.busyUntil, performance.now() + ms);
    this.game.loop.wake(true);
  }

  private idle(): void {
    if (this.gauges.tick(this.store.state.pub)) this.awake(100);
    if (this.game.loop.running && performance.now() > this.busyUntil && this.tweens.getTweens().length === 0) this.game.loop.sleep();
  }

  private screenNow(): ScreenClass {
    return this.projector ? "projector" : screenClass(window.innerWidth, false);
  }

  private draw(p: PublicState): void {
    this.awake(5200);
    const w = Math.round(this.scale.width);
    const h = Math.round(this.scale.height);
    if (w < 50 || h < 50) return void (this.layout = null); // hidden: the next size draws
    const l = layoutTable(this.screenNow(), w, h, p);
    this.layout = l;
    window.__tableLayout = l;
    this.drawDecor(l);
    this.anteroom.set(l.anteroom.title);
    this.gauges.update(l, p, () => this.cause);
    for (const spot of l.seats) {
      const view = this.seats.get(spot.code);
      if (!view) continue;
      const moved = view.apply(spot, p.delegations[spot.code].seat === "observer", this.motion ? 450 : 0);
      if (moved && !this.motion) this.fx.flash(spot.box);
    }
    this.cards.update(l.cards, p.clauses, (c) => this.seats.get(c)?.centre() ?? { x: w / 2, y: h / 2 });
    this.event.update(l, p.event, { w });
    while (this.notes.length > l.notes.length) this.notes.pop()?.set(null);
    l.notes.forEach((n, i) => (this.notes[i] ??= new LabelView(this, null, "#f4f1e8")).set(n));
    this.outcome.set(l.outcome);
    this.speak(p, l);
  }

  /**
   * The room itself — felt, anteroom, door — is still: it is an SVG under Phaser's canvas (which
   * is transparent), redrawn only when the layout moves it, so its large fills are not repainted
   * every frame.
   */
  private drawDecor(l: TableLayout): void {
    const f = l.felt;
    const a = l.anteroom.box;
    const d = l.anteroom.door;
    const key = JSON.stringify([l.w, l.h, l.arrangement, f, a, d]);
    if (this.decor.dataset.key === key) return;
    this.decor.dataset.key = key;
    const felt =
      l.arrangement === "ring"
        ? `<ellipse cx="${f.x + f.w / 2}" cy="${f.y + f.h / 2}" rx="${f.w / 2}" ry="${f.h / 2}" fill="#3b2a1e"/><ellipse cx="${f.x + f.w / 2}" cy="${f.y + f.h / 2}" rx="${f.w / 2 - 12}" ry="${f.h / 2 - 12}" fill="#1f4d3a" stroke="#e69f00" stroke-opacity="0.35" stroke-width="3"/>`
        : `<rect x="${f.x}" y="${f.y}" width="${f.w}" height="${f.h}" rx="10" fill="#1f4d3a" fill-opacity="0.55"/>`;
    this.decor.setAttribute("viewBox", `0 0 ${l.w} ${l.h}`);
    this.decor.setAttribute("width", String(l.w));
    this.decor.setAttribute("height", String(l.h));
    // The door: the anteroom's side nearest the table, where a chair waits while a motion is open.
    this.decor.innerHTML = `${felt}<rect x="${a.x}" y="${a.y}" width="${a.w}" height="${a.h}" rx="10" fill="none" stroke="#56606e" stroke-width="2"/><rect x="${d.x}" y="${d.y}" width="${d.w}" height="${d.h}" rx="8" fill="none" stroke="#e69f00" stroke-opacity="0.35"/><line x1="${a.x + a.w}" y1="${d.y + 6}" x2="${a.x + a.w}" y2="${d.y + d.h - 6}" stroke="#e69f00" stroke-opacity="0.8" stroke-width="4"/>`;
  }

  /** New table talk appears as a bubble at the speaker's chair. */
  private speak(p: PublicState, l: TableLayout): void {
    const last = this.heard;
    const from = last ? p.table.findLastIndex((e) => e.kind === last.kind && e.from === last.from && e.text === last.text && e.round === last.round) + 1 : 0;
    this.heard = p.table.at(-1) ?? null;
    for (const e of p.table.slice(from).slice(-3)) {
      if (e.kind !== "say" || !isCode(e.from)) continue;
      const spot = this.seats.get(e.from)?.spot;
      if (spot) this.fx.bubble(e.from, spot.box, e.text, l.bubbleWidth, { w: l.w, h: l.h }, Math.max(14, Math.round(l.font * 0.75)));
    }
  }

  /** Engine events that deserve more than a redraw: a walkout, a signature, a torpedoed card. */
  private animate(s: ClientState): void {
    this.awake(5200);
    for (const { seq, event } of s.events) {
      if (seq <= this.lastSeq) continue;
      this.lastSeq = seq;
      const why = causeOf(event);
      if (why) this.cause = why;
      // A replay's jump: the gauges move by the difference, with no one cause to name.
      if (event.kind === "jump") this.cause = "";
      const target = event.data?.target;
      if (event.kind === "torpedo" && typeof target === "string") this.cards.torn.add(target);
      const seat = isCode(event.who) ? this.seats.get(event.who) : undefined;
      if (!seat?.spot || !this.layout) continue;
      if (event.kind === "sign") this.fx.stamp(seat.spot.ring.x, seat.spot.ring.y, event.data?.sign === true, Math.max(14, this.layout.font));
      if (event.kind === "torpedo") {
        // The chair backs away from the table's centre, never off the canvas.
        const c = seat.centre();
        const b = seat.spot.box;
        const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
        const away = { x: clamp((c.x - this.layout.w / 2) * 0.08, -b.x, this.layout.w - b.x - b.w), y: clamp((c.y - this.layout.h / 2) * 0.08, -b.y, this.layout.h - b.y - b.h) };
        this.fx.walkout(seat.container, away, b);
      }
    }
  }

  /** Every text on the canvas with its label id and where it was drawn, in canvas pixels. */
  private drawn(): DrawnText[] {
    const views: LabelView[] = [...this.gauges.labelViews(), this.anteroom, ...[...this.seats.values()].flatMap((s) => s.labels()), ...this.cards.labels(), ...this.event.labels(), ...this.notes, this.outcome];
    return views.flatMap((v) =>
      v.texts.map((t, i) => {
        const b = t.getBounds();
        return { id: `${v.label?.id ?? "?"}#${i}`, text: t.text, size: parseFloat(String(t.style.fontSize)), x: b.x, y: b.y, w: b.width, h: b.height };
      }),
    );
  }
}
