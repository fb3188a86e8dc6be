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

export const TEXT_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export class SeatView {
  readonly container: GameObjects.Container;
  private status: GameObjects.Text;
  private badges: GameObjects.Text;
  private icons: GameObjects.Text;
  readonly code: Code;

  constructor(scene: Scene, code: Code, x: number, y: number, big: boolean) {
    this.code = code;
    const k = big ? 1.25 : 1;
    const g = scene.add.graphics();
    g.fillStyle(0x1d2530, 1).fillCircle(0, 0, 62 * k);
    g.lineStyle(6, colourNumber(code), 1).strokeCircle(0, 0, 62 * k);
    drawFlag(g, code, -36 * k, -46 * k, 72 * k, 44 * k);
    const style = (size: number, colour = "#f4f1e8", bold = false): Types.GameObjects.Text.TextStyle => ({
      fontFamily: TEXT_FONT,
      fontSize: `${Math.round(size * k)}px`,
      color: colour,
      fontStyle: bold ? "bold" : "normal",
      align: "center",
    });
    const codeText = scene.add.text(0, 12 * k, code, style(30, COLOURS[code], true)).setOrigin(0.5);
    const name = scene.add.text(0, 80 * k, nameOf(code), style(20)).setOrigin(0.5);
    this.status = scene.add.text(0, 106 * k, "", style(18, "#b8c0cc")).setOrigin(0.5);
    this.badges = scene.add.text(56 * k, -60 * k, "", style(26, "#ffd166")).setOrigin(0.5);
    this.icons = scene.add.text(0, -84 * k, "", style(24)).setOrigin(0.5);
    for (const t of [codeText, name, this.status, this.badges, this.icons]) t.setResolution(2);
    this.container = scene.add.container(x, y, [g, codeText, name, this.status, this.badges, this.icons]);
    this.container.setSize(140 * k, 220 * k);
  }

  update(d: Delegation, chair: boolean, signals: string[]): void {
    const parts = [seatLabel(d.seat), `◆${d.influence}`];
    if (d.bot) parts.push("bot");
    else if (d.members.length) parts.push(`${d.members.length} 👤`);
    this.status.setText(parts.join(" · "));
    const b = `${chair ? "★" : ""}${d.ready ? "✓" : ""}${d.signature === "signed" ? "✍" : d.signature === "refused" ? "✗" : ""}`;
    this.badges.setText(b);
    this.icons.setText(signals.map((s) => SIGNAL_ICON[s] ?? "•").join(" "));
  }
}
