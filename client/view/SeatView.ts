/**
 * One delegation's chair, drawn from its SeatSpot: ring in its colour, its flag and code (never
 * colour alone), name, seat and influence, chair star, ready and signature marks, and icons for
 * signals played this round. The chair glides when its spot moves (anteroom → door → table).
 */
import type { GameObjects, Scene } from "phaser";
import type { Code } from "../../shared/rules/types.ts";
import type { SeatSpot } from "../layout/types.ts";
import { COLOURS, colourNumber } from "../model/palette.ts";
import { drawFlag } from "./flags.ts";
import { LabelView } from "./LabelView.ts";

export class SeatView {
  readonly container: GameObjects.Container;
  readonly code: Code;
  private g: GameObjects.Graphics;
  private tag: LabelView;
  private name: LabelView;
  private status: LabelView;
  private badges: LabelView;
  private icons: LabelView;
  private scene: Scene;
  spot: SeatSpot | null = null;

  constructor(scene: Scene, code: Code) {
    this.scene = scene;
    this.code = code;
    this.container = scene.add.container(0, 0).setDepth(3);
    this.g = scene.add.graphics();
    this.container.add(this.g);
    this.tag = new LabelView(scene, this.container, COLOURS[code]);
    this.name = new LabelView(scene, this.container, "#f4f1e8");
    this.status = new LabelView(scene, this.container, "#d0d6de");
    this.badges = new LabelView(scene, this.container, "#ffd166");
    this.icons = new LabelView(scene, this.container, "#f4f1e8");
  }

  /** Lays the chair out at its spot; returns true when it moved (the caller animates it). */
  apply(s: SeatSpot, observer: boolean, duration: number): boolean {
    const prev = this.spot;
    this.spot = s;
    const { x, y } = s.box;
    const r = s.ring.r;
    const cx = s.ring.x - x;
    const cy = s.ring.y - y;
    const g = this.g.clear();
    g.fillStyle(0x1d2530, 1).fillCircle(cx, cy, r);
    g.lineStyle(Math.max(2, Math.round(r / 10)), colourNumber(this.code), 1).strokeCircle(cx, cy, r);
    // The flag sits in the ring's upper part, above the code.
    const top = cy - r * 0.72;
    const fh = Math.max(4, s.tag.y - y - 1 - top);
    const fw = Math.min(Math.round(fh * 1.6), Math.round(r * 1.3));
    drawFlag(g, this.code, cx - fw / 2, top, fw, Math.min(fh, Math.round(fw / 1.4)));
    for (const [v, l] of [[this.tag, s.tag], [this.name, s.name], [this.status, s.status], [this.badges, s.badges], [this.icons, s.icons]] as const) v.set(l, x, y);
    this.container.setSize(s.box.w, s.box.h);
    this.container.setAlpha(observer ? 0.8 : 1);
    const moved = !!prev && (prev.box.x !== x || prev.box.y !== y);
    if (moved && duration > 0) {
      this.scene.tweens.killTweensOf(this.container);
      this.scene.tweens.add({ targets: this.container, x, y, duration, ease: "Cubic.easeOut" });
    } else if (!this.scene.tweens.isTweening(this.container)) this.container.setPosition(x, y);
    return moved;
  }

  /** The ring's centre on the canvas, where cards start and bubbles point. */
  centre(): { x: number; y: number } {
    const s = this.spot;
    return s ? { x: s.ring.x, y: s.ring.y } : { x: 0, y: 0 };
  }

  labels(): LabelView[] {
    return [this.tag, this.name, this.status, this.badges, this.icons];
  }
}
