/**
 * One delegation's chair: ring in its colour, its flag and code (never colour alone), seat,
 * influence, chair star, ready and signature marks, and icons for signals played this round.
 */
import type { GameObjects, Scene, Types } from "phaser";
import type { Code } from "../../shared/rules/types.ts";
import type { Delegation } from "../model/publicState.ts";
import { SIGNAL_ICON, seatLabel } from "../model/format.ts";
import { COLOURS, colourNumber, nameOf } from "../model/palette.ts";
import { drawFlag } from "./flags.ts";

/** Text is rasterised at the screen's pixel ratio (at most 2): sharp, without 4× textures on plain screens. */
export const TEXT_RES = Math.min(2, Math.max(1, Math.round(globalThis.devicePixelRatio || 1)));
/** Text size multiplier: 1 on laptops and phones, larger on the projector (read at 3 m). */
export const textScale = { value: 1 };
export const px = (size: number): string => `${Math.round(size * textScale.value)}px`;
export const TEXT_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export class SeatView {
  readonly container: GameObjects.Container;
  private status: GameObjects.Text;
  private badges: GameObjects.Text;
  private icons: GameObjects.Text;
  readonly code: Code;

  constructor(scene: Scene, code: Code, x: number, y: number, big: boolean) {
    this.code = code;
    const k = big ? 1.2 : 1;
    const g = scene.add.graphics();
    g.fillStyle(0x1d2530, 1).fillCircle(0, 0, 62 * k);
    g.lineStyle(6, colourNumber(code), 1).strokeCircle(0, 0, 62 * k);
    drawFlag(g, code, -36 * k, -46 * k, 72 * k, 44 * k);
    const style = (size: number, colour = "#f4f1e8", bold = false): Types.GameObjects.Text.TextStyle => ({
      fontFamily: TEXT_FONT,
      fontSize: px(size),
      color: colour,
      fontStyle: bold ? "bold" : "normal",
      align: "center",
    });
    const codeText = scene.add.text(0, 12 * k, code, style(32, COLOURS[code], true)).setOrigin(0.5);
    const name = scene.add.text(0, 82 * k, nameOf(code), style(25, "#f4f1e8", true)).setOrigin(0.5);
    this.status = scene.add.text(0, 110 * k, "", style(22, "#d0d6de")).setOrigin(0.5);
    this.badges = scene.add.text(62 * k, -58 * k, "", style(28, "#ffd166")).setOrigin(0, 0.5);
    this.icons = scene.add.text(-62 * k, -58 * k, "", style(26, "#f4f1e8")).setOrigin(1, 0.5);
    for (const t of [codeText, name, this.status, this.badges, this.icons]) t.setResolution(TEXT_RES);
    this.container = scene.add.container(x, y, [g, codeText, name, this.status, this.badges, this.icons]);
    this.container.setSize(140 * k, 220 * k);
  }

  update(d: Delegation, chair: boolean, signals: string[]): void {
    const parts = [seatLabel(d.seat), `◆${d.influence}`];
    if (d.bot) parts.push("bot");
    else if (d.members.length) parts.push(d.members.length === 1 ? "1 student" : `${d.members.length} students`);
    this.status.setText(parts.join(" · "));
    const b = `${chair ? "★" : ""}${d.ready ? "✓" : ""}${d.signature === "signed" ? "✍" : d.signature === "refused" ? "✗" : ""}`;
    this.badges.setText(b);
    this.icons.setText(signals.map((s) => SIGNAL_ICON[s] ?? "•").join(" "));
  }
}
