/**
 * The debrief's panel "against the simulated games": progress while the server plays bot games
 * of this game's setup, then the outcome shares and each delegation's score on its seat's
 * histogram. It keeps its own element, so the debrief's re-renders never wipe it; it goes into
 * the debrief's `#debrief-simulated` slot when there is one, else at the debrief's end.
 */
import { distributionView, type DistributionView, type SeatRow } from "../model/distribution.ts";
import { COLOURS, nameOf } from "../model/palette.ts";
import type { ClientState } from "../model/store.ts";
import { codeTag, h, replace } from "./dom.ts";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

const num = (n: number) => (n < 0 ? `−${-n}` : String(n));

/** A seat's histogram: one bar per score, this game's in the delegation's colour and outlined. */
export function histogram(row: SeatRow): SVGElement {
  const bw = Math.max(6, Math.min(16, Math.floor(260 / row.bars.length)));
  const H = 44;
  const width = row.bars.length * bw;
  const lo = row.bars[0]!.score;
  const hi = row.bars.at(-1)!.score;
  const mine = row.bars.find((b) => b.mine)!;
  const el = svg("svg", { width, height: H + 16, viewBox: `0 0 ${width} ${H + 16}`, role: "img", class: "sim-hist", "aria-label": `Simulated ${nameOf(row.code)} scores from ${num(lo)} to ${num(hi)}; this game ${num(mine.score)}` });
  row.bars.forEach((b, i) => {
    const bh = b.games ? Math.max(2, Math.round(H * b.height)) : 0;
    if (b.mine) el.append(svg("rect", { x: i * bw, y: 0, width: bw, height: H, fill: "none", stroke: "currentColor", "stroke-dasharray": "2 2", opacity: 0.5 }));
    if (bh) el.append(svg("rect", { x: i * bw + 1, y: H - bh, width: bw - 2, height: bh, fill: b.mine ? COLOURS[row.code] : "#9aa3a8", stroke: b.mine ? "currentColor" : "none" }));
  });
  const at = (i: number) => i * bw + bw / 2;
  const idx = row.bars.indexOf(mine);
  el.append(svg("text", { x: at(idx), y: H + 13, "text-anchor": "middle", "font-size": 11, "font-weight": "bold", fill: "currentColor" }, num(mine.score)));
  if (idx > 1) el.append(svg("text", { x: 0, y: H + 13, "font-size": 10, fill: "currentColor" }, num(lo)));
  if (row.bars.length - 1 - idx > 1) el.append(svg("text", { x: width, y: H + 13, "text-anchor": "end", "font-size": 10, fill: "currentColor" }, num(hi)));
  return el;
}

export class DistributionPanel {
  readonly el = h("section", { class: "simulated", "aria-labelledby": "simulated-title", hidden: true });
  private shown = "";

  render(s: ClientState): void {
    const v = distributionView(s.simulated, s.pub.outcome?.id ?? null);
    const sig = JSON.stringify(v);
    if (sig === this.shown) return;
    this.shown = sig;
    this.el.hidden = !v;
    if (v) replace(this.el, ...this.parts(v));
  }

  private parts(v: DistributionView): (Node | null)[] {
    return [
      h("h3", { id: "simulated-title" }, v.title),
      h("p", { role: "status", class: "muted" }, v.status),
      v.busy ? h("progress", { max: v.total, value: v.done, "aria-label": "Simulated games played" }) : null,
      v.outcomes.length
        ? h(
            "ul",
            { class: "sim-outcomes", "aria-label": "Outcomes of the simulated games", style: "list-style:none;padding:0" },
            ...v.outcomes.map((o) =>
              h(
                "li",
                { style: "display:flex;align-items:center;gap:.5em;margin:.15em 0" },
                h("span", { style: `flex:0 0 13em;text-align:right${o.mine ? ";font-weight:bold" : ""}` }, o.title),
                h("span", { "aria-hidden": "true", style: `display:inline-block;height:.9em;width:${Math.max(0.5, o.share * 0.6)}%;background:${o.mine ? "currentColor" : "#9aa3a8"}` }),
                h("span", { class: "num" }, o.shown, o.mine ? h("b", {}, " ← this game") : null),
              ),
            ),
          )
        : null,
      v.seats.length
        ? h(
            "ul",
            { class: "sim-seats", style: "list-style:none;padding:0" },
            ...v.seats.map((r) =>
              h(
                "li",
                { style: "display:flex;flex-wrap:wrap;align-items:flex-end;gap:.3em 1em;margin:.5em 0" },
                h("span", { style: "flex:1 1 16em" }, codeTag(r.code), " ", r.sentence, " ", h("span", { class: "muted" }, r.mean)),
                histogram(r),
              ),
            ),
          )
        : null,
    ];
  }
}

const panels = new WeakMap<HTMLElement, DistributionPanel>();

/**
 * Updates the distribution panel of a debrief (`root`, its section) and, once the debrief has
 * rendered, puts it in the debrief's `#debrief-simulated` slot (else at the debrief's end).
 */
export function showDistribution(root: HTMLElement, s: ClientState): void {
  let p = panels.get(root);
  if (!p) panels.set(root, (p = new DistributionPanel()));
  p.render(s);
  const panel = p;
  queueMicrotask(() => {
    const slot = root.querySelector<HTMLElement>("#debrief-simulated") ?? root;
    if (panel.el.parentElement !== slot) slot.append(panel.el);
  });
}
