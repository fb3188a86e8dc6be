/**
 * Clause cards at the centre of the table, each with a stance marker per party in its colour
 * and code (✓ support, ✗ oppose, · none). New cards grow in, struck ones fade away, agreed
 * ones get a gold edge.
 */
import type { GameObjects, Scene } from "phaser";
import type { Clause, Code } from "../../shared/rules/types.ts";
import { clauseLabel, clauseShort } from "../model/format.ts";
import { COLOURS, stanceMark } from "../model/palette.ts";
import { TEXT_FONT, TEXT_RES, px, textScale } from "./SeatView.ts";

/** Card size grows with the projector's larger type; three columns always fit the table. */
const CW = (): number => (textScale.value > 1 ? 284 : 236);
const CH = (): number => (textScale.value > 1 ? 140 : 128);
const COLS = 3;
const MAX = 6;

interface Card {
  box: GameObjects.Container;
  bg: GameObjects.Graphics;
  title: GameObjects.Text;
  detail: GameObjects.Text;
  stances: GameObjects.Text[];
  status: string;
}

export class ClauseCards {
  private scene: Scene;
  private cards = new Map<string, Card>();
  private cx: number;
  private cy: number;
  private motion: number;

  constructor(scene: Scene, cx: number, cy: number, motion: number) {
    this.scene = scene;
    this.cx = cx;
    this.cy = cy;
    this.motion = motion;
  }

  /** Lays out the latest clauses; returns how many live ones did not fit (the treaty panel has all). */
  update(clauses: Clause[], parties: Code[]): number {
    const live = clauses.filter((c) => c.status !== "struck" && c.status !== "superseded");
    const shown = live.slice(-MAX);
    const keep = new Set(shown.map((c) => c.id));
    for (const [id, card] of this.cards)
      if (!keep.has(id)) {
        this.cards.delete(id);
        this.scene.tweens.add({ targets: card.box, alpha: 0, y: card.box.y + 30, duration: this.motion ? 300 : 0, onComplete: () => card.box.destroy() });
      }
    const rows = Math.ceil(shown.length / COLS);
    shown.forEach((c, i) => {
      const row = Math.floor(i / COLS);
      const inRow = row === rows - 1 ? shown.length - row * COLS : COLS;
      const x = this.cx + ((i % COLS) - (inRow - 1) / 2) * (CW() + 14);
      const y = this.cy + (row - (rows - 1) / 2) * (CH() + 14);
      let card = this.cards.get(c.id);
      if (!card) {
        card = this.create(c, x, y);
        this.cards.set(c.id, card);
      } else this.scene.tweens.add({ targets: card.box, x, y, duration: this.motion ? 250 : 0, ease: "Cubic.easeOut" });
      this.fill(card, c, parties);
    });
    return Math.max(0, live.length - MAX);
  }

  private create(c: Clause, x: number, y: number): Card {
    const bg = this.scene.add.graphics();
    const title = this.scene.add.text(0, -CH() / 2 + 8, clauseLabel(c.type), { fontFamily: TEXT_FONT, fontSize: px(20), color: "#0b0f14", fontStyle: "bold", align: "center", wordWrap: { width: CW() - 16 } }).setOrigin(0.5, 0).setResolution(TEXT_RES);
    const detail = this.scene.add.text(0, CH() / 2 - 52, clauseShort(c.type, c.params), { fontFamily: TEXT_FONT, fontSize: px(19), color: "#2a3442", align: "center" }).setOrigin(0.5).setResolution(TEXT_RES);
    const box = this.scene.add.container(x, y, [bg, title, detail]).setAlpha(0).setScale(0.8);
    this.scene.tweens.add({ targets: box, alpha: 1, scale: 1, duration: this.motion ? 300 : 0, ease: "Back.easeOut" });
    return { box, bg, title, detail, stances: [], status: "" };
  }

  private fill(card: Card, c: Clause, parties: Code[]): void {
    const agreed = c.status === "agreed";
    const suggested = c.status === "suggested";
    card.bg.clear();
    card.bg.fillStyle(suggested ? 0xb8c0cc : 0xf4f1e8, 1).fillRoundedRect(-CW() / 2, -CH() / 2, CW(), CH(), 10);
    card.bg.lineStyle(agreed ? 5 : 2, agreed ? 0xe69f00 : 0x0b0f14, 1).strokeRoundedRect(-CW() / 2, -CH() / 2, CW(), CH(), 10);
    if (agreed && card.status !== "agreed" && this.motion) this.scene.tweens.add({ targets: card.box, scale: 1.08, yoyo: true, duration: 180 });
    card.status = c.status;
    for (const t of card.stances) t.destroy();
    const codes = parties.length ? parties : (Object.keys(c.stances) as Code[]);
    const step = CW() / Math.max(1, codes.length);
    card.stances = codes.map((code, i) => {
      const t = this.scene.add
        .text(-CW() / 2 + step * (i + 0.5), CH() / 2 - 22, `${code}${stanceMark(c.stances[code])}`, { fontFamily: TEXT_FONT, fontSize: px(20), color: "#0b0f14", fontStyle: "bold", backgroundColor: COLOURS[code], padding: { x: 3, y: 1 } })
        .setOrigin(0.5)
        .setResolution(TEXT_RES);
      card.box.add(t);
      return t;
    });
  }
}
