/**
 * Starts Phaser in the stage element. Imported lazily by main.ts so Phaser lands in its own
 * chunk and the home page never waits for it. Records when the first canvas frame was drawn
 * (window.__firstFrameMs, ms since navigation start) for the performance check.
 */
import { AUTO, CANVAS, Game, Scale } from "phaser";
import type { Store } from "../model/store.ts";
import { Boot } from "./Boot.ts";
import { Table } from "./Table.ts";

declare global {
  interface Window {
    __firstFrameMs?: number;
    __game?: Game;
  }
}

export function startTable(parent: HTMLElement, store: Store, projector: boolean): Game {
  performance.mark("table:start");
  const game = new Game({
    // The table is a few dozen vector shapes and texts: the Canvas renderer draws it easily and
    // starts in ~100 ms, where WebGL first compiles its shaders (600 ms+ on software GL, as on
    // many school laptops and in headless Chromium). ?renderer=webgl opts back in.
    type: new URLSearchParams(location.search).get("renderer") === "webgl" ? AUTO : CANVAS,
    parent,
    // Transparent: the still room (felt, anteroom) is painted once underneath (see Table.drawDecor).
    transparent: true,
    // The canvas takes its parent's size in CSS pixels: the layout functions place everything
    // for that size, so text keeps its size in pixels on every screen (never scaled down).
    width: Math.max(1, parent.clientWidth),
    height: Math.max(1, parent.clientHeight),
    scale: { mode: Scale.RESIZE },
    scene: [Boot, Table],
    banner: false,
    disableContextMenu: true,
    // Nothing on the canvas is clickable (every control is in the DOM): no listeners that could
    // swallow a scroll or a tap on a phone.
    input: { keyboard: false, mouse: false, touch: false, gamepad: false },
    audio: { noAudio: true },
  });
  game.registry.set("tableData", { store, projector });
  game.events.once("ready", () => performance.mark("table:ready"));
  game.events.once("postrender", () => {
    window.__firstFrameMs ??= Math.round(performance.now());
    game.canvas.setAttribute("aria-hidden", "true");
    parent.dataset.ready = "1";
  });
  // Phaser refits on window resizes only; the layout also narrows the table's column (the
  // debrief panel, the phone tabs), so refit whenever the parent's size is not the game's. Not
  // Phaser's own "parent changed" check: its record of the parent can already hold the new size
  // while the game is still at the old one (a projector that boots Phaser behind the hidden lobby
  // stage, the stage shown just as the first frame runs: the table stayed 0×0, tests/e2e/layout-motion).
  const fit = new ResizeObserver(([entry]) => {
    const { width, height } = entry!.contentRect;
    if (!game.scale.canvas) return; // destroyed (a refused join): nothing to fit
    if (Math.abs(width - game.scale.width) < 1 && Math.abs(height - game.scale.height) < 1) return;
    game.scale.getParentBounds();
    game.scale.refresh();
  });
  fit.observe(parent);
  game.events.once("destroy", () => fit.disconnect());
  window.__game = game;
  return game;
}
