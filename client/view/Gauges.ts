/**
 * The public tracks from the layout: round and timer, Momentum, Battlefield (UA ◀ ● ▶ RU) and
 * EU unity. Ranges come from the scenario, values from the synced state; bars glide to a new
 * value and the change shows over the gauge's label with its cause, then fades.
 */
import type { GameObjects, Scene } from "phaser";
import { clock, signed, timeLeft, tracks } from "../model/format.ts";
import type { PublicState } from "../model/publicState.ts";
import type { GaugeSpot, TableLayout } from "../layout/types.ts";
import type { Effects } from "./Effects.ts";
import { LabelView } from "./LabelView.ts";

type Track = "momentum" | "battlefield" | "euUnity";

/** The caption names its gauge: it covers the gauge's label while it shows. */
const NAMES: Record<Track, string> = { momentum: "Momentum", battlefield: "Battlefield", euUnity: "EU unity" };

export class Gauges {
  private scene: Scene;
  private fx: Effects;
  private motion: number;
  private g: GameObjects.Graphics;
  private marker: GameObjects.Arc;
  private round: LabelView;
  private timer: LabelView;
  private timerText = "";
  private labels = new Map<string, LabelView>();
  private spots: GaugeSpot[] = [];
  private shown: Record<Track, number> | null = null;
  private value: Record<Track, number> = { momentum: 0, battlefield: 0, euUnity: 0 };

  constructor(scene: Scene, fx: Effects, motion: number) {
    this.scene = scene;
    this.fx = fx;
    this.motion = motion;
    this.g = scene.add.graphics().setDepth(1);
    this.marker = scene.add.circle(0, 0, 8, 0xf4f1e8).setStrokeStyle(3, 0x0b0f14).setDepth(2);
    this.round = new LabelView(scene, null, "#f4f1e8");
    this.timer = new LabelView(scene, null, "#ffd166");
  }

  /** Lays the gauges out; `cause` names what moved them, for the caption of a change. */
  update(l: TableLayout, p: PublicState, cause: (t: Track) => string): void {
    this.spots = l.gauges;
    this.round.set(l.round);
    this.timer.set(l.timer);
    this.timerText = "\u0000";
    this.tick(p);
    for (const s of l.gauges) {
      for (const lab of [s.label, ...s.ends]) {
        let v = this.labels.get(lab.id);
        if (!v) this.labels.set(lab.id, (v = new LabelView(this.scene, null, lab.id.endsWith("-ua") ? "#f0e442" : lab.id.endsWith("-ru") ? "#ff9a5a" : "#f4f1e8")));
        v.set(lab);
      }
    }
    const next: Record<Track, number> = { momentum: p.momentum, battlefield: p.battlefield, euUnity: p.euUnity };
    if (this.shown)
      for (const s of l.gauges) {
        const d = next[s.id] - this.value[s.id];
        if (!d) continue;
        // Positive battlefield favours Russia; for the others, up is good for the talks.
        const why = cause(s.id);
        this.fx.float(s.label, `${NAMES[s.id]} ${signed(d)}${why ? `: ${why}` : ""}`, s.id === "battlefield" ? d < 0 : d > 0, s.label.size);
        if (!this.motion) this.fx.flash(s.box);
      }
    this.value = next;
    this.shown ??= { ...next };
    this.scene.tweens.killTweensOf(this.shown);
    this.scene.tweens.add({ targets: this.shown, ...next, duration: this.motion ? 400 : 0, ease: "Cubic.easeOut", onUpdate: () => this.draw(), onComplete: () => this.draw() });
    this.draw();
  }

  private draw(): void {
    const g = this.g.clear();
    const v = this.shown;
    if (!v) return;
    for (const s of this.spots) {
      const { x, y, w, h } = s.bar;
      const t = tracks[s.id];
      const at = (n: number) => x + (w * (n - t.min)) / (t.max - t.min);
      if (s.id === "battlefield") {
        g.fillStyle(0xf0e442, 1).fillRect(x, y, w / 2, h);
        g.fillStyle(0xd55e00, 1).fillRect(x + w / 2, y, w / 2, h);
        this.marker.setPosition(at(v.battlefield), y + h / 2).setRadius(Math.max(5, h * 0.75));
        continue;
      }
      g.fillStyle(0x2a3442, 1).fillRoundedRect(x, y, w, h, Math.min(6, h / 2));
      g.fillStyle(s.id === "momentum" ? 0x009e73 : 0xcc79a7, 1).fillRoundedRect(x, y, Math.max(h, at(v[s.id]) - x), h, Math.min(6, h / 2));
      for (let n = t.min + 1; n < t.max; n++) g.fillStyle(0x0b0f14, 0.5).fillRect(at(n), y, 2, h);
    }
  }

  /** Updates the timer; true when its text changed (the canvas needs a frame). */
  tick(p: PublicState): boolean {
    const left = timeLeft(p, Date.now());
    const text = left === null ? "" : `${clock(left)}${p.paused ? " paused" : ""}`;
    if (text === this.timerText) return false;
    this.timerText = text;
    this.timer.setText(0, text);
    return true;
  }

  labelViews(): LabelView[] {
    return [this.round, this.timer, ...this.labels.values()];
  }
}
