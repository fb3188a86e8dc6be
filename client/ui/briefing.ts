/**
 * The delegation's briefing: public and secret (✱) aims, each with its ¶ reference and what it
 * would score if the game ended now. Belarus also sees its own tracks. The facilitator can flip
 * through every delegation's sheet.
 */
import type { Briefing, Code } from "../../shared/rules/types.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import type { ClientState } from "../model/store.ts";
import { nameOf } from "../model/palette.ts";
import { signed } from "../model/format.ts";
import { belarusTrackRows } from "../model/belarusTracks.ts";
import type { Connection } from "../net/Connection.ts";
import { codeTag, h, replace } from "./dom.ts";

export class BriefingPanel {
  readonly el = h("section", { class: "panel briefing", "aria-labelledby": "briefing-title" });
  private title = h("h2", { id: "briefing-title" }, "Your briefing");
  private body = h("div");
  private which: Code | null = null;
  private conn: Connection;

  constructor(conn: Connection) {
    this.conn = conn;
    this.el.append(this.title, this.body);
  }

  render(s: ClientState): void {
    this.title.textContent = s.role === "facilitator" ? "Briefings (all delegations)" : "Your briefing";
    const codes = Object.keys(s.briefings) as Code[];
    const code = s.delegation ?? (this.which && s.briefings[this.which] ? this.which : codes[0]);
    const b = code ? s.briefings[code] : undefined;
    if (!b) return replace(this.body, h("p", { class: "muted" }, s.pub.phase === "lobby" ? "Your briefing arrives when the facilitator starts the talks." : "Waiting for the briefing…"));
    replace(
      this.body,
      s.role === "facilitator" && codes.length > 1
        ? h("div", { class: "row wrap", role: "group", "aria-label": "Briefing of" }, ...codes.map((c) => h("button", { type: "button", class: "small", "aria-pressed": String(c === code), "data-focus": `brief-${c}`, onclick: () => ((this.which = c), this.render(s)) }, c)))
        : null,
      h("p", {}, codeTag(b.delegation, nameOf(b.delegation)), h("span", { class: "muted" }, ` · seat: ${s.pub.delegations[b.delegation].seat} · influence `), h("b", { class: "num" }, String(s.pub.delegations[b.delegation].influence))),
      aimsList(b),
      b.belarus ? belarusTracks(b) : null,
    );
  }
}

export function aimsList(b: Briefing): HTMLElement {
  const total = b.aims.reduce((n, a) => n + a.progress, 0);
  return h(
    "div",
    {},
    h("h3", {}, "Aims ", h("span", { class: "muted num" }, `— if the game ended now: ${signed(total)}`)),
    h(
      "ul",
      { class: "aims" },
      ...b.aims.map((a) =>
        h(
          "li",
          { class: a.progress !== 0 ? "aim scoring" : "aim" },
          h("span", { class: "aim-text" }, a.secret ? h("span", { class: "secret", title: "Secret aim" }, "✱ ") : null, a.text, a.secret ? h("span", { class: "sr-only" }, " (secret)") : null),
          " ",
          h("span", { class: "ref" }, a.ref),
          h("span", { class: "pts num", "aria-label": `worth ${a.points}, now ${a.progress}` }, `${signed(a.points)} · now ${signed(a.progress)}`),
          a.note ? h("span", { class: "note" }, a.note) : null,
        ),
      ),
    ),
  );
}

function belarusTracks(b: Briefing): HTMLElement | null {
  const by = b.belarus;
  if (!by) return null;
  return h(
    "div",
    {},
    h("h3", {}, "Minsk's own tracks ", h("span", { class: "muted" }, "(only you see them)")),
    h(
      "dl",
      { class: "by-tracks" },
      ...belarusTrackRows(by, minskWindow).flatMap((r) => [
        h("dt", { "data-track": r.key }, h("b", {}, r.name), " ", h("span", { class: "num" }, `${r.value} / ${r.max}`), " ", h("span", { class: "ref" }, r.ref)),
        h("dd", {}, r.does, " ", h("span", { class: "muted" }, r.moves), r.alert ? h("strong", { class: "alert", role: "note" }, ` ${r.alert}`) : null),
      ]),
    ),
    h(
      "ul",
      { class: "tracks num" },
      h("li", {}, `Pardon waves ${by.pardonWaves} / ${minskWindow.maxPardonWaves}`),
      by.nobelPledged ? h("li", {}, "Nobel pledge made") : null,
      by.peaceFormula ? h("li", {}, "Peace formula published") : null,
      by.peacekeepersOffered ? h("li", {}, "Peacekeepers offered") : null,
    ),
  );
}
