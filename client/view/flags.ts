/**
 * Simple vector flags drawn for the project (no downloaded assets). Belarus's delegation is the
 * government's, so it sits under the state flag (red over green, ornament at the hoist).
 */
import type { GameObjects } from "phaser";
import type { Code } from "../../shared/rules/types.ts";

export function drawFlag(g: GameObjects.Graphics, code: Code, x: number, y: number, w: number, hgt: number): void {
  const stripes = (colours: number[]): void => {
    const sh = hgt / colours.length;
    colours.forEach((c, i) => g.fillStyle(c, 1).fillRect(x, y + i * sh, w, sh + 0.5));
  };
  switch (code) {
    case "RU":
      stripes([0xffffff, 0x0039a6, 0xd52b1e]);
      break;
    case "UA":
      stripes([0x0057b7, 0xffd700]);
      break;
    case "US": {
      const n = 7;
      for (let i = 0; i < n; i++) g.fillStyle(i % 2 ? 0xffffff : 0xb22234, 1).fillRect(x, y + (i * hgt) / n, w, hgt / n + 0.5);
      g.fillStyle(0x3c3b6e, 1).fillRect(x, y, w * 0.42, hgt * (4 / 7));
      g.fillStyle(0xffffff, 1);
      for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) g.fillCircle(x + w * 0.06 + c * w * 0.1, y + hgt * 0.09 + r * hgt * 0.17, Math.max(0.8, w * 0.018));
      break;
    }
    case "EU": {
      g.fillStyle(0x003399, 1).fillRect(x, y, w, hgt);
      g.fillStyle(0xffcc00, 1);
      const r = hgt * 0.33;
      for (let i = 0; i < 12; i++) {
        const a = (i / 12) * Math.PI * 2;
        g.fillCircle(x + w / 2 + Math.cos(a) * r, y + hgt / 2 + Math.sin(a) * r, Math.max(0.8, hgt * 0.045));
      }
      break;
    }
    case "BY": {
      g.fillStyle(0xc8313e, 1).fillRect(x, y, w, (hgt * 2) / 3);
      g.fillStyle(0x4aa657, 1).fillRect(x, y + (hgt * 2) / 3, w, hgt / 3 + 0.5);
      const ow = w * 0.14;
      g.fillStyle(0xffffff, 1).fillRect(x, y, ow, hgt);
      g.fillStyle(0xc8313e, 1);
      const step = hgt / 8;
      for (let i = 0; i < 8; i++) g.fillTriangle(x + ow / 2, y + i * step, x + ow * 0.9, y + i * step + step / 2, x + ow / 2, y + (i + 1) * step).fillTriangle(x + ow / 2, y + i * step, x + ow * 0.1, y + i * step + step / 2, x + ow / 2, y + (i + 1) * step);
      break;
    }
  }
  g.lineStyle(1, 0x000000, 0.4).strokeRect(x, y, w, hgt);
}
