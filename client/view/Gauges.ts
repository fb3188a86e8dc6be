/**
 * The public tracks across the top: round and timer, Momentum, Battlefield (UA ◀ ● ▶ RU) and EU
 * unity. Ranges come from the scenario; values from the synced state.
 */
import type { GameObjects, Scene } from "phaser";
import { clock, phaseLabel, signed, timeLeft, tracks } from "../model/format.ts";
import type { PublicState } from "../model/publicState.ts";
import { TEXT_FONT, TEXT_RES, px } from "./SeatView.ts";

const W = 300;

export class Gauges {
  private scene: Scene;
  private g: GameObjects.Graphics;
  private round: GameObjects.Text;
  private timer: GameObjects.Text;
  private labels: GameObjects.Text[] = [];
  private marker: GameObjects.Arc;
  private shown = { momentum: -1, battlefield: 99, euUnity: -1 };
  private motion: number;

  constructor(scene: Scene, motion: number) {
    this.scene = scene;
    this.motion = motion;
    const st = (size: number, colour = "#f4f1e8") => ({ fontFamily: TEXT_FONT, fontSize: px(size), color: colour });
    this.round = scene.add.text(30, 22, "", st(32)).setResolution(TEXT_RES);
    this.timer = scene.add.text(30, 62, "", st(30, "#ffd166")).setResolution(TEXT_RES);
    this.g = scene.add.graphics();
    for (const [i, name] of ["Momentum", "Battlefield", "EU unity"].entries())
      this.labels.push(scene.add.text(360 + i * 400, 18, name, st(24)).setResolution(TEXT_RES));
    this.marker = scene.add.circle(760 + W / 2, 78, 12, 0xf4f1e8).setStrokeStyle(3, 0x0b0f14);
    // Which end favours whom, at the ends of the bar (positive favours Russia, DESIGN §2.1).
    scene.add.text(752, 78, "UA", st(18, "#f0e442")).setOrigin(1, 0.5).setResolution(TEXT_RES);
    scene.add.text(768 + W, 78, "RU", st(18, "#ff9a5a")).setOrigin(0, 0.5).setResolution(TEXT_RES);
  }

  update(p: PublicState): void {
    this.round.setText(phaseLabel(p.phase, p.round, p.rounds));
    const t = tracks;
    this.labels[0].setText(`Momentum ${p.momentum}/${t.momentum.max}`);
    this.labels[1].setText(`Battlefield ${signed(p.battlefield)}`);
    this.labels[2].setText(`EU unity ${p.euUnity}/${t.euUnity.max}`);
    const x = 760 + (W * (p.battlefield - t.battlefield.min)) / (t.battlefield.max - t.battlefield.min);
    if (this.shown.battlefield !== p.battlefield) {
      this.shown.battlefield = p.battlefield;
      this.scene.tweens.add({ targets: this.marker, x, duration: this.motion ? 350 : 0, ease: "Cubic.easeOut" });
    }
    // The bars glide to their new values; the labels above already say the exact number.
    if (this.shown.momentum < 0) Object.assign(this.shown, { momentum: p.momentum, euUnity: p.euUnity });
    this.scene.tweens.killTweensOf(this.shown);
    this.scene.tweens.add({
      targets: this.shown,
      momentum: p.momentum,
      euUnity: p.euUnity,
      duration: this.motion ? 350 : 0,
      ease: "Cubic.easeOut",
      onUpdate: () => this.drawBars(),
      onComplete: () => this.drawBars(),
    });
    this.drawBars();
  }

  private drawBars(): void {
    const t = tracks;
    const g = this.g.clear();
    const bar = (x: number, value: number, min: number, max: number, colour: number): void => {
      g.fillStyle(0x2a3442, 1).fillRoundedRect(x, 66, W, 24, 6);
      g.fillStyle(colour, 1).fillRoundedRect(x, 66, Math.max(8, (W * (value - min)) / (max - min)), 24, 6);
      for (let v = min + 1; v < max; v++) g.fillStyle(0x0b0f14, 0.5).fillRect(x + (W * (v - min)) / (max - min), 66, 2, 24);
    };
    bar(360, this.shown.momentum, t.momentum.min, t.momentum.max, 0x009e73);
    bar(1160, this.shown.euUnity, t.euUnity.min, t.euUnity.max, 0xcc79a7);
    g.fillStyle(0x2a3442, 1).fillRoundedRect(760, 70, W, 16, 8);
    g.fillStyle(0xd55e00, 1).fillRect(760 + W / 2, 70, W / 2, 16);
    g.fillStyle(0xf0e442, 1).fillRect(760, 70, W / 2, 16);
  }

  tick(p: PublicState): void {
    const left = timeLeft(p, Date.now());
    this.timer.setText(left === null ? "" : `${clock(left)}${p.paused ? "  paused" : ""}`);
  }
}
