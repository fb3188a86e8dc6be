/**
 * Short-lived marks over the table: a torn card, a signature stamp, a speech bubble, a gauge's
 * change with its cause. With motion off each is a still mark (a highlight frame, a label) that
 * disappears after a moment, never a movement.
 */
import type { GameObjects, Scene } from "phaser";
import type { Box } from "../layout/types.ts";
import { MIN_TEXT, lineH, wrap } from "../layout/text.ts";
import { TEXT_FONT, TEXT_RES, fitLine, measure } from "./LabelView.ts";

export class Effects {
  private scene: Scene;
  private motion: number;
  private bubbles = new Map<string, GameObjects.Container>();

  constructor(scene: Scene, motion: number) {
    this.scene = scene;
    this.motion = motion;
  }

  private later(ms: number, fn: () => void): void {
    this.scene.time.delayedCall(ms, fn);
  }

  private text(x: number, y: number, s: string, size: number, colour: string, bold = true): GameObjects.Text {
    return this.scene.add.text(x, y, s, { fontFamily: TEXT_FONT, fontSize: `${Math.max(MIN_TEXT, size)}px`, color: colour, fontStyle: bold ? "bold" : "normal" }).setResolution(TEXT_RES).setDepth(9);
  }

  /** A still frame around a box for a moment: what changed, without movement. */
  flash(b: Box, colour = 0xffd166): void {
    const g = this.scene.add.graphics().setDepth(9);
    g.lineStyle(4, colour, 1).strokeRoundedRect(b.x - 3, b.y - 3, b.w + 6, b.h + 6, 8);
    this.later(1400, () => g.destroy());
  }

  /** A torpedoed card tears in two and the halves fall away. */
  tear(b: Box, card: GameObjects.Container): void {
    card.destroy();
    if (!this.motion) {
      this.flash(b, 0xff8a5b);
      const t = this.text(b.x + b.w / 2, b.y + b.h / 2, "Torpedoed", 16, "#ff8a5b").setOrigin(0.5).setBackgroundColor("#0b0f14").setPadding(6, 2, 6, 2);
      this.later(1400, () => t.destroy());
      return;
    }
    const teeth = 6;
    const edge = Array.from({ length: teeth + 1 }, (_, i) => ({ x: b.w / 2 + (i % 2 ? 8 : -8), y: (b.h * i) / teeth }));
    for (const side of [-1, 1]) {
      const g = this.scene.add.graphics().setDepth(8).setPosition(b.x + b.w / 2, b.y + b.h / 2);
      const outer = side < 0 ? [{ x: 0, y: b.h }, { x: 0, y: 0 }] : [{ x: b.w, y: b.h }, { x: b.w, y: 0 }];
      const pts = [...edge, ...outer].map((p) => ({ x: p.x - b.w / 2, y: p.y - b.h / 2 }));
      g.fillStyle(0xf4f1e8, 1).fillPoints(pts as never, true);
      g.lineStyle(2, 0xd55e00, 1).strokePoints(pts as never, true);
      this.scene.tweens.add({ targets: g, x: g.x + side * b.w * 0.35, y: g.y + b.h * 0.8, angle: side * 18, alpha: 0, duration: 700, ease: "Cubic.easeIn", onComplete: () => g.destroy() });
    }
  }

  /** A stamp lands on a chair: "Signed" or "Refused". */
  stamp(x: number, y: number, signed: boolean, size: number): void {
    const t = this.text(x, y, signed ? "SIGNED" : "REFUSED", size, signed ? "#7fd1ae" : "#ff8a5b").setOrigin(0.5).setAngle(-12);
    t.setStroke("#0b0f14", 4);
    if (this.motion) {
      t.setScale(2.4).setAlpha(0);
      this.scene.tweens.add({ targets: t, scale: 1, alpha: 1, duration: 260, ease: "Back.easeOut" });
      this.scene.tweens.add({ targets: t, alpha: 0, delay: 1800, duration: 400, onComplete: () => t.destroy() });
    } else this.later(2000, () => t.destroy());
  }

  /**
   * A line said at the table, in a bubble by the speaker's chair (one bubble per speaker): under
   * a chair in the top half, over one in the bottom half, in the chair's own column.
   */
  bubble(who: string, seat: Box, text: string, width: number, view: { w: number; h: number }, size: number): void {
    this.bubbles.get(who)?.destroy();
    const lines = wrap(text, width - 20, size, 3);
    const w = Math.min(width, Math.ceil(Math.max(...lines.map((l) => measure(l, size, false)))) + 20);
    const h = lines.length * lineH(size) + 12;
    const bx = Math.min(view.w - w - 4, Math.max(4, seat.x + seat.w / 2 - w / 2));
    const below = seat.y + seat.h / 2 < view.h / 2;
    const by = Math.min(view.h - h - 4, Math.max(4, below ? seat.y + seat.h + 6 : seat.y - h - 6));
    const g = this.scene.add.graphics();
    g.fillStyle(0xf4f1e8, 0.96).fillRoundedRect(0, 0, w, h, 10).lineStyle(2, 0x0b0f14, 1).strokeRoundedRect(0, 0, w, h, 10);
    const texts = lines.map((l, i) => this.text(10, 6 + i * lineH(size), fitLine(l, w - 20, size, false), size, "#0b0f14", false));
    const c = this.scene.add.container(bx, by, [g, ...texts]).setDepth(8).setSize(w, h);
    // The newest line wins: a bubble it would cover is taken away (the log keeps every line).
    for (const [other, o] of this.bubbles)
      if (o.x < bx + w && bx < o.x + o.width && o.y < by + h && by < o.y + o.height) {
        this.bubbles.delete(other);
        o.destroy();
      }
    this.bubbles.set(who, c);
    if (this.motion) {
      c.setAlpha(0).setScale(0.9);
      this.scene.tweens.add({ targets: c, alpha: 1, scale: 1, duration: 200, ease: "Cubic.easeOut" });
    }
    this.later(4500, () => {
      if (this.bubbles.get(who) !== c) return;
      this.bubbles.delete(who);
      if (this.motion) this.scene.tweens.add({ targets: c, alpha: 0, duration: 300, onComplete: () => c.destroy() });
      else c.destroy();
    });
  }

  /**
   * A gauge's change with its cause, laid over the gauge's own label (`b`, inside the gauge's
   * box in the layout): it never covers another part of the table, so the layout's overlap checks
   * hold for it too. It fades; it does not move.
   */
  float(b: Box, s: string, good: boolean, size: number): void {
    const t = this.text(b.x, b.y, fitLine(s, b.w, Math.max(MIN_TEXT, size), true), size, good ? "#7fd1ae" : "#ff8a5b").setOrigin(0, 0);
    t.setBackgroundColor("#0b0f14").setFixedSize(b.w, b.h);
    if (this.motion) this.scene.tweens.add({ targets: t, alpha: 0, delay: 1800, duration: 900, onComplete: () => t.destroy() });
    else this.later(2200, () => t.destroy());
  }

  /** A chair backs away from the table for a moment: a walkout. */
  walkout(seat: GameObjects.Container, away: { x: number; y: number }, box: Box): void {
    if (!this.motion) return this.flash(box, 0xff8a5b);
    this.scene.tweens.add({ targets: seat, x: seat.x + away.x, y: seat.y + away.y, duration: 300, yoyo: true, hold: 700, ease: "Cubic.easeOut" });
  }
}
