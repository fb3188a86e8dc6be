/** The current event card, dealt onto the table from the deck (off the top right corner). */
import type { GameObjects, Scene } from "phaser";
import type { TableLayout } from "../layout/types.ts";
import type { Effects } from "./Effects.ts";
import { LabelView } from "./LabelView.ts";

export class EventCard {
  private scene: Scene;
  private fx: Effects;
  private motion: number;
  private box: GameObjects.Container;
  private bg: GameObjects.Graphics;
  private title: LabelView;
  private text: LabelView;
  private shown = "";
  /** The first card on the table when it is drawn is already there; later ones are dealt. */
  private dealt = false;

  constructor(scene: Scene, fx: Effects, motion: number) {
    this.scene = scene;
    this.fx = fx;
    this.motion = motion;
    this.box = scene.add.container(0, 0).setDepth(2).setVisible(false);
    this.bg = scene.add.graphics();
    this.box.add(this.bg);
    this.title = new LabelView(scene, this.box, "#0b0f14");
    this.text = new LabelView(scene, this.box, "#2a3442");
  }

  update(l: TableLayout, id: string, view: { w: number }): void {
    const first = !this.dealt;
    this.dealt = true;
    const e = l.event;
    if (!e) {
      this.shown = "";
      this.box.setVisible(false);
      this.title.set(null);
      this.text.set(null);
      return;
    }
    const { x, y, w, h } = e.box;
    this.bg.clear().fillStyle(0xf0e6c8, 1).fillRoundedRect(0, 0, w, h, 10).lineStyle(3, 0xe69f00, 1).strokeRoundedRect(0, 0, w, h, 10);
    this.title.set(e.title, x, y);
    this.text.set(e.text, x, y);
    this.box.setVisible(true);
    if (id === this.shown) {
      if (!this.scene.tweens.isTweening(this.box)) this.box.setPosition(x, y);
      return;
    }
    this.shown = id;
    if (first) return void this.box.setPosition(x, y);
    if (!this.motion) {
      this.box.setPosition(x, y);
      return this.fx.flash(e.box, 0xe69f00);
    }
    this.scene.tweens.killTweensOf(this.box);
    this.box.setPosition(view.w + 40, -h).setAngle(25);
    this.scene.tweens.add({ targets: this.box, x, y, angle: 0, duration: 450, ease: "Cubic.easeOut" });
  }

  labels(): LabelView[] {
    return [this.title, this.text];
  }
}
