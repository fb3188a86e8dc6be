/**
 * Draws a layout Label: one Phaser text per line, placed and aligned in the label's box, each
 * line trimmed again with the browser's real font metrics so it never spills out of the box.
 */
import type { GameObjects, Scene } from "phaser";
import type { Label } from "../layout/types.ts";
import { lineH } from "../layout/text.ts";

/** Text is rasterised at the screen's pixel ratio (at most 2): sharp, without 4× textures on plain screens. */
export const TEXT_RES = Math.min(2, Math.max(1, Math.round(globalThis.devicePixelRatio || 1)));
export const TEXT_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

let ctx: CanvasRenderingContext2D | null = null;
export function measure(s: string, size: number, bold: boolean): number {
  ctx ??= document.createElement("canvas").getContext("2d");
  if (!ctx) return 0;
  ctx.font = `${bold ? "bold " : ""}${size}px ${TEXT_FONT}`;
  return ctx.measureText(s).width;
}

/** A line cut to `w` pixels as drawn, ending in "…" when anything was cut. */
export function fitLine(s: string, w: number, size: number, bold: boolean): string {
  if (measure(s, size, bold) <= w) return s;
  let t = s;
  while (t && measure(`${t.trimEnd()}…`, size, bold) > w) t = t.slice(0, -1);
  return t ? `${t.trimEnd()}…` : "";
}

export class LabelView {
  readonly texts: GameObjects.Text[] = [];
  private scene: Scene;
  private parent: GameObjects.Container | null;
  private colour: string;
  /** The label last drawn, for the test hook that compares drawn text with the layout. */
  label: Label | null = null;

  constructor(scene: Scene, parent: GameObjects.Container | null, colour: string) {
    this.scene = scene;
    this.parent = parent;
    this.colour = colour;
  }

  /** Draws `l` relative to (ox, oy), the parent container's position. */
  set(l: Label | null, ox = 0, oy = 0, colour = this.colour): void {
    this.label = l;
    const lines = l ? l.lines : [];
    while (this.texts.length > lines.length) this.texts.pop()?.destroy();
    if (!l) return;
    lines.forEach((line, i) => {
      let t = this.texts[i];
      if (!t) {
        t = this.scene.add.text(0, 0, "", { fontFamily: TEXT_FONT }).setResolution(TEXT_RES);
        this.parent?.add(t);
        this.texts.push(t);
      }
      const key = `${l.size}|${l.bold}|${colour}`;
      if (t.getData("style") !== key) {
        t.setStyle({ fontFamily: TEXT_FONT, fontSize: `${l.size}px`, fontStyle: l.bold ? "bold" : "normal", color: colour });
        t.setData("style", key);
      }
      t.setText(fitLine(line, l.w, l.size, l.bold));
      const x = l.align === "center" ? l.x + l.w / 2 : l.align === "right" ? l.x + l.w : l.x;
      t.setOrigin(l.align === "center" ? 0.5 : l.align === "right" ? 1 : 0, 0).setPosition(Math.round(x - ox), l.y + i * lineH(l.size) - oy);
    });
  }

  setText(i: number, s: string): void {
    const t = this.texts[i];
    const l = this.label;
    if (t && l) t.setText(fitLine(s, l.w, l.size, l.bold));
  }

  destroy(): void {
    for (const t of this.texts) t.destroy();
    this.texts.length = 0;
  }
}
