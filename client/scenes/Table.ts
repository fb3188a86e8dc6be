/**
 * The table: five chairs around it, an anteroom for absent delegations, clause cards at the
 * centre, motions, the event card, gauges, signing and the outcome. It only reads the Store and
 * animates changes (150–400 ms, none under prefers-reduced-motion); input stays in the DOM.
 */
import { Scene, type GameObjects } from "phaser";
import type { Code, GameEvent } from "../../shared/rules/types.ts";
import { eventCard, outcomeTitle, seatLabel } from "../model/format.ts";
import { CODES, colourNumber } from "../model/palette.ts";
import type { PublicState } from "../model/publicState.ts";
import type { ClientState, Store } from "../model/store.ts";
import { ClauseCards } from "../view/ClauseCards.ts";
import { Gauges } from "../view/Gauges.ts";
import { SeatView, TEXT_FONT, TEXT_RES, px, textScale } from "../view/SeatView.ts";

const CX = 800;
const CY = 500;
/** Each delegation's place at the table, as an angle around the ellipse. */
const ANGLE: Record<Code, number> = { RU: -122, UA: -58, US: -10, BY: 90, EU: 190 };
/** The anteroom: a box at the bottom left where absent delegations wait. */
const ANTEROOM = { x: 190, y: 760, w: 300, h: 270 };

export class Table extends Scene {
  private store!: Store;
  private motion = 1;
  private projector = false;
  private seats = new Map<Code, SeatView>();
  private seatOf = new Map<Code, string>();
  private gauges!: Gauges;
  private cards!: ClauseCards;
  private motions!: GameObjects.Text;
  private venue!: GameObjects.Text;
  private eventBox!: GameObjects.Container;
  private eventTitle!: GameObjects.Text;
  private eventText!: GameObjects.Text;
  private shownEvent = "";
  private banner!: GameObjects.Container;
  private bannerText!: GameObjects.Text;
  private lastSeq = 0;
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
    const g = this.add.graphics();
    g.fillStyle(0x0b0f14, 1).fillRect(0, 0, 1600, 130);
    g.fillStyle(0x3b2a1e, 1).fillEllipse(CX, CY, 960, 420);
    g.fillStyle(0x1f4d3a, 1).fillEllipse(CX, CY, 920, 380);
    g.lineStyle(3, 0xe69f00, 0.35).strokeEllipse(CX, CY, 920, 380);
    g.lineStyle(2, 0x56606e, 1).strokeRoundedRect(ANTEROOM.x - ANTEROOM.w / 2, ANTEROOM.y - ANTEROOM.h / 2, ANTEROOM.w, ANTEROOM.h, 16);
    this.add.text(ANTEROOM.x, ANTEROOM.y - ANTEROOM.h / 2 + 16, "Anteroom (absent)", { fontFamily: TEXT_FONT, fontSize: px(20), color: "#b8c0cc" }).setOrigin(0.5).setResolution(TEXT_RES);
    this.gauges = new Gauges(this, this.motion);
    // The venue sits above the event card, where nothing else competes for the space.
    this.venue = this.add.text(1584, 900 - 186 * textScale.value, "", { fontFamily: TEXT_FONT, fontSize: px(22), color: "#f4f1e8" }).setOrigin(1, 0.5).setResolution(TEXT_RES);
    // Projector cards are taller: centre them a little lower, clear of the top chairs' names.
    this.cards = new ClauseCards(this, CX, CY + (textScale.value > 1 ? 12 : -10), this.motion);
    this.motions = this.add.text(CX, CY + 150, "", { fontFamily: TEXT_FONT, fontSize: px(20), color: "#f4f1e8", align: "center" }).setOrigin(0.5).setResolution(TEXT_RES);
    this.makeEventCard();
    this.makeBanner();
    const p = this.store.state.pub;
    for (const c of CODES) {
      const pos = this.place(c, p.delegations[c].seat);
      this.seats.set(c, new SeatView(this, c, pos.x, pos.y, this.projector));
      this.seatOf.set(c, p.delegations[c].seat);
    }
    this.unsubscribe = this.store.subscribe((s, changed) => {
      if (changed.has("pub")) this.draw(s.pub);
      if (changed.has("events")) this.animate(s);
    });
    this.events.once("shutdown", () => this.unsubscribe?.());
    this.draw(p);
    performance.mark("table:created");
    this.time.addEvent({ delay: 250, loop: true, callback: () => this.gauges.tick(this.store.state.pub) });
  }

  /** Where a chair stands: its place at the table, or its slot in the anteroom. */
  private place(c: Code, seat: string): { x: number; y: number } {
    if (seat === "absent") {
      const absent = CODES.filter((x) => this.store.state.pub.delegations[x].seat === "absent");
      const i = Math.max(0, absent.indexOf(c));
      // Several absent delegations share the anteroom, overlapping like a queue.
      return { x: ANTEROOM.x + (i - (absent.length - 1) / 2) * 60, y: ANTEROOM.y - 20 };
    }
    const a = (ANGLE[c] * Math.PI) / 180;
    // The bottom chair is lifted a little so its name and status stay on the canvas.
    // Chairs above the table sit further out, so their names never run under the clause cards.
    const ry = Math.sin(a) < 0 ? 340 : 250;
    return { x: CX + Math.cos(a) * 580, y: Math.min(740, CY + Math.sin(a) * ry) };
  }

  private draw(p: PublicState): void {
    this.gauges.update(p);
    const signals = (c: Code) => p.signals.filter((s) => s.delegation === c && s.round === p.round).map((s) => s.signal);
    for (const c of CODES) {
      const view = this.seats.get(c);
      if (!view) continue;
      const d = p.delegations[c];
      view.update(d, p.chair === c, signals(c));
      const target = this.place(c, d.seat);
      if (this.seatOf.get(c) !== d.seat) {
        // The chair slides to (or from) the table: the moment the class should see.
        this.seatOf.set(c, d.seat);
        this.tweens.add({ targets: view.container, x: target.x, y: target.y, duration: this.motion ? 400 : 0, ease: "Cubic.easeOut" });
      } else if (!this.tweens.isTweening(view.container)) view.container.setPosition(target.x, target.y);
      view.container.setAlpha(d.seat === "observer" ? 0.8 : 1);
    }
    const parties = CODES.filter((c) => p.delegations[c].seat === "party");
    const hidden = this.cards.update(p.clauses, parties);
    const pending = p.motions.filter((m) => m.status === "pending" || m.status === "approved");
    const lines = pending.map((m) => `Motion: ${m.delegation} → ${seatLabel(m.seat).toLowerCase()} (moved by ${m.sponsor}) · ${m.status}`);
    if (hidden) lines.unshift(`+${hidden} more clauses in the treaty panel`);
    this.motions.setText(lines.slice(0, 2).join("\n"));
    this.venue.setText(p.venue ? `Venue: ${p.venue}${p.venueVetoed ? " (Minsk vetoed)" : ""}` : "");
    if (p.event !== this.shownEvent) this.revealEvent(p.event);
    this.showOutcome(p);
  }

  private makeEventCard(): void {
    // The card grows with the projector's type so its text still fits.
    const k = textScale.value;
    const w = 340 * k;
    const hgt = 160 * k;
    const bg = this.add.graphics();
    bg.fillStyle(0xf0e6c8, 1).fillRoundedRect(-w / 2, -hgt / 2, w, hgt, 12);
    bg.lineStyle(3, 0xe69f00, 1).strokeRoundedRect(-w / 2, -hgt / 2, w, hgt, 12);
    this.eventTitle = this.add.text(0, -hgt / 2 + 14, "", { fontFamily: TEXT_FONT, fontSize: px(24), color: "#0b0f14", fontStyle: "bold", align: "center", wordWrap: { width: w - 20 } }).setOrigin(0.5, 0).setResolution(TEXT_RES);
    this.eventText = this.add.text(0, -hgt / 2 + 76 * k, "", { fontFamily: TEXT_FONT, fontSize: px(18), color: "#2a3442", align: "center", wordWrap: { width: w - 30 } }).setOrigin(0.5, 0).setResolution(TEXT_RES);
    this.eventBox = this.add.container(1600 - w / 2 - 16, 900 - hgt / 2 - 12, [bg, this.eventTitle, this.eventText]).setVisible(false);
  }

  /** The event card flips in when a new card is drawn or injected. */
  private revealEvent(id: string): void {
    this.shownEvent = id;
    const card = eventCard(id);
    if (!card) return void this.eventBox.setVisible(false);
    this.eventTitle.setText(`${card.title}  ${card.ref}`);
    this.eventText.setText(card.text);
    this.eventBox.setVisible(true).setScale(this.motion ? 0 : 1, 1);
    if (this.motion) this.tweens.add({ targets: this.eventBox, scaleX: 1, duration: 350, ease: "Back.easeOut" });
  }

  private makeBanner(): void {
    const bg = this.add.graphics();
    bg.fillStyle(0x0b0f14, 0.88).fillRoundedRect(-520, -70, 1040, 140, 18);
    bg.lineStyle(4, 0xe69f00, 1).strokeRoundedRect(-520, -70, 1040, 140, 18);
    this.bannerText = this.add.text(0, 0, "", { fontFamily: TEXT_FONT, fontSize: px(40), color: "#f4f1e8", fontStyle: "bold", align: "center", wordWrap: { width: 1000 } }).setOrigin(0.5).setResolution(TEXT_RES);
    this.banner = this.add.container(CX, CY, [bg, this.bannerText]).setVisible(false).setDepth(10);
  }

  private showOutcome(p: PublicState): void {
    const text = p.phase === "signing" ? "" : p.outcome ? outcomeTitle(p.outcome.id) : p.paused ? "Paused" : "";
    if (this.bannerText.text === text) return;
    this.bannerText.setText(text);
    this.banner.setVisible(!!text).setAlpha(this.motion ? 0 : 1);
    if (text && this.motion) this.tweens.add({ targets: this.banner, alpha: 1, duration: 300 });
  }

  /** Engine events that deserve more than a redraw: a walkout, a signature, a seat taken. */
  private animate(s: ClientState): void {
    for (const { seq, event } of s.events) {
      if (seq <= this.lastSeq) continue;
      this.lastSeq = seq;
      if (this.motion) this.play(event);
    }
  }

  private play(e: GameEvent): void {
    const who = typeof e.who === "string" && this.seats.get(e.who as Code);
    if (!who) return;
    const c = who.container;
    if (/torpedo|walkout/i.test(e.kind)) {
      // A walkout: the chair backs away from the table, a label says why, then it returns.
      const dx = (c.x - CX) * 0.25;
      const dy = (c.y - CY) * 0.25;
      const label = this.add.text(c.x, c.y - 140, "walks out!", { fontFamily: TEXT_FONT, fontSize: px(26), color: "#ff8a5b", fontStyle: "bold" }).setOrigin(0.5).setResolution(TEXT_RES);
      this.tweens.add({ targets: c, x: c.x + dx, y: c.y + dy, duration: 300, yoyo: true, hold: 700, ease: "Cubic.easeOut" });
      this.tweens.add({ targets: label, alpha: 0, y: label.y - 30, delay: 900, duration: 400, onComplete: () => label.destroy() });
    } else if (/sign|signal|stance|clause|agreed|seat/i.test(e.kind)) {
      this.tweens.add({ targets: c, scale: 1.08, duration: 150, yoyo: true, ease: "Sine.easeOut" });
      const ring = this.add.circle(c.x, c.y, 70).setStrokeStyle(4, colourNumber(who.code), 1);
      this.tweens.add({ targets: ring, scale: 1.5, alpha: 0, duration: 400, onComplete: () => ring.destroy() });
    }
  }
}
