/**
 * Clause cards from the layout, each with a stance chip per party in its colour and code
 * (✓ support, ✗ oppose, · none). A new card travels from its proposer's chair to the table,
 * chips flip when a stance changes, agreed cards get a gold edge and a pulse, a torpedoed card
 * tears in two, other removed cards fade. Without motion: a highlight instead of each movement.
 */
import type { GameObjects, Scene } from "phaser";
import type { Clause, Code } from "../../shared/rules/types.ts";
import type { CardSpot } from "../layout/types.ts";
import { COLOURS } from "../model/palette.ts";
import type { Effects } from "./Effects.ts";
import { LabelView, fitLine, TEXT_FONT, TEXT_RES } from "./LabelView.ts";

interface Chip {
  bg: GameObjects.Graphics;
  text: GameObjects.Text;
  shown: string;
}

interface Card {
  box: GameObjects.Container;
  bg: GameObjects.Graphics;
  title: LabelView;
  detail: LabelView;
  chips: Map<Code, Chip>;
  status: string;
  spot: CardSpot;
}

export class ClauseCards {
  private scene: Scene;
  private fx: Effects;
  private cards = new Map<string, Card>();
  private motion: number;
  /** Clause ids torpedoed since the last update: their cards tear instead of fading. */
  readonly torn = new Set<string>();

  constructor(scene: Scene, fx: Effects, motion: number) {
    this.scene = scene;
    this.fx = fx;
    this.motion = motion;
  }

  /** Cards on the table when it is first drawn are already there: only later ones travel. */
  private first = true;

  update(spots: CardSpot[], clauses: Clause[], from: (c: Code) => { x: number; y: number }): void {
    const byId = new Map(clauses.map((c) => [c.id, c]));
    const keep = new Set(spots.map((c) => c.id));
    for (const [id, card] of this.cards)
      if (!keep.has(id)) {
        this.cards.delete(id);
        for (const chip of card.chips.values()) this.scene.tweens.killTweensOf([chip.bg, chip.text]);
        const s = card.spot.box;
        if (this.torn.has(id)) this.fx.tear(s, card.box);
        else this.scene.tweens.add({ targets: card.box, alpha: 0, duration: this.motion ? 300 : 0, onComplete: () => card.box.destroy() });
      }
    this.torn.clear();
    for (const spot of spots) {
      const c = byId.get(spot.id);
      if (!c) continue;
      let card = this.cards.get(spot.id);
      if (!card) {
        card = this.create(spot);
        this.cards.set(spot.id, card);
        // The proposal travels from the proposer's chair to its place on the table.
        const start = from(c.proposer);
        if (this.first) card.box.setAlpha(1);
        else if (this.motion) {
          card.box.setPosition(start.x - spot.box.w / 2, start.y - spot.box.h / 2).setScale(0.35).setAlpha(0.7);
          this.scene.tweens.add({ targets: card.box, x: spot.box.x, y: spot.box.y, scale: 1, alpha: 1, duration: 450, ease: "Cubic.easeOut" });
        } else this.fx.flash(spot.box);
      } else if (card.spot.box.x !== spot.box.x || card.spot.box.y !== spot.box.y) {
        this.scene.tweens.killTweensOf(card.box);
        this.scene.tweens.add({ targets: card.box, x: spot.box.x, y: spot.box.y, scale: 1, alpha: 1, duration: this.motion ? 250 : 0, ease: "Cubic.easeOut" });
      }
      this.fill(card, spot, c);
    }
    this.first = false;
  }

  private create(spot: CardSpot): Card {
    const box = this.scene.add.container(spot.box.x, spot.box.y).setDepth(2);
    const bg = this.scene.add.graphics();
    box.add(bg);
    return { box, bg, title: new LabelView(this.scene, box, "#0b0f14"), detail: new LabelView(this.scene, box, "#2a3442"), chips: new Map(), status: "", spot };
  }

  private fill(card: Card, spot: CardSpot, c: Clause): void {
    const { w, h, x, y } = spot.box;
    const agreed = c.status === "agreed";
    const resized = card.spot.box.w !== w || card.spot.box.h !== h || card.status !== c.status || !card.title.label;
    card.spot = spot;
    if (resized) {
      card.bg.clear();
      card.bg.fillStyle(c.status === "suggested" ? 0xb8c0cc : 0xf4f1e8, 1).fillRoundedRect(0, 0, w, h, 8);
      card.bg.lineStyle(agreed ? 4 : 2, agreed ? 0xe69f00 : 0x0b0f14, 1).strokeRoundedRect(0, 0, w, h, 8);
    }
    if (agreed && card.status && card.status !== "agreed") {
      if (this.motion) this.scene.tweens.add({ targets: card.box, scale: 1.06, yoyo: true, duration: 180 });
      else this.fx.flash(spot.box);
    }
    card.status = c.status;
    card.title.set(spot.title, x, y);
    card.detail.set(spot.detail, x, y);
    const seen = new Set<Code>();
    for (const chip of spot.chips) {
      seen.add(chip.code);
      let view = card.chips.get(chip.code);
      if (!view) {
        view = { bg: this.scene.add.graphics(), text: this.scene.add.text(0, 0, "", { fontFamily: TEXT_FONT, color: "#0b0f14", fontStyle: "bold" }).setOrigin(0.5).setResolution(TEXT_RES), shown: "" };
        card.box.add([view.bg, view.text]);
        card.chips.set(chip.code, view);
      }
      const b = chip.box;
      const cx = b.x - x + b.w / 2;
      const cy = b.y - y + b.h / 2;
      view.bg.clear().fillStyle(parseInt(COLOURS[chip.code].slice(1), 16), 1).fillRoundedRect(-b.w / 2, -b.h / 2, b.w, b.h, 4).setPosition(cx, cy);
      view.text.setFontSize(chip.size).setPosition(cx, cy);
      const text = fitLine(chip.text, b.w - 2, chip.size, true);
      if (view.shown && view.shown !== text) this.flip(view, text, b);
      else view.text.setText(text);
      view.shown = text;
    }
    for (const [code, view] of card.chips)
      if (!seen.has(code)) {
        view.bg.destroy();
        view.text.destroy();
        card.chips.delete(code);
      }
  }

  /** A stance chip turns over to show the new stance. */
  private flip(view: Chip, text: string, box: { x: number; y: number; w: number; h: number }): void {
    if (!this.motion) {
      view.text.setText(text);
      this.fx.flash(box);
      return;
    }
    const targets = [view.bg, view.text];
    this.scene.tweens.killTweensOf(targets);
    this.scene.tweens.add({
      targets,
      scaleY: 0,
      duration: 120,
      ease: "Sine.easeIn",
      onComplete: () => {
        // The card may have left the table mid-flip (torn, struck): nothing left to turn.
        if (!view.text.scene) return;
        view.text.setText(text);
        this.scene.tweens.add({ targets, scaleY: 1, duration: 160, ease: "Sine.easeOut" });
      },
    });
  }

  labels(): LabelView[] {
    return [...this.cards.values()].flatMap((c) => [c.title, c.detail]);
  }

  chipTexts(): GameObjects.Text[] {
    return [...this.cards.values()].flatMap((c) => [...c.chips.values()].map((x) => x.text));
  }
}
