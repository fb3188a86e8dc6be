/**
 * The treaty: each clause with its stances, who still has to support it, a red-line warning
 * when it would cost the viewer's own aims, and the moves about it (support, oppose, withdraw,
 * adopt, walk out). Seat motions follow, with the chair's ruling and torpedo moves.
 */
import type { AimView, Clause, Motion, Move } from "../../shared/rules/types.ts";
import { clauseTitle, seatLabel } from "../model/format.ts";
import { CODES, nameOf, stanceMark } from "../model/palette.ts";
import { missingSupport, redLines, statusLabel } from "../model/treaty.ts";
import { moveLabel, movesFor } from "../model/moves.ts";
import type { PublicState } from "../model/publicState.ts";
import type { ClientState } from "../model/store.ts";
import { ownBriefing } from "../model/store.ts";
import type { Connection } from "../net/Connection.ts";
import { codeTag, h, moveButton, replace } from "./dom.ts";
import { describeMove } from "../../shared/rules/moveText.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";

export class TreatyPanel {
  readonly el = h("section", { class: "panel treaty", "aria-labelledby": "treaty-title" });
  private body = h("div");
  private conn: Connection;

  constructor(conn: Connection) {
    this.conn = conn;
    this.el.append(h("h2", { id: "treaty-title" }, "Treaty"), this.body);
  }

  render(s: ClientState): void {
    const p = s.pub;
    const b = s.role === "player" ? ownBriefing(s) : null;
    const moves = b?.moves ?? [];
    const live = p.clauses.filter((c) => c.status !== "struck" && c.status !== "superseded");
    const gone = p.clauses.filter((c) => c.status === "struck" || c.status === "superseded");
    const signing = p.phase === "signing" || p.phase === "debrief";
    replace(
      this.body,
      live.length ? h("ul", { class: "clauses" }, ...live.map((c) => this.clause(c, p, b?.aims ?? null, moves))) : h("p", { class: "muted" }, "No clauses on the table yet."),
      gone.length ? h("details", {}, h("summary", {}, `Struck or superseded (${gone.length})`), h("ul", { class: "clauses" }, ...gone.map((c) => this.clause(c, p, null, [])))) : null,
      p.motions.length ? h("h3", {}, "Seat motions") : null,
      p.motions.length ? h("ul", { class: "motions" }, ...p.motions.map((m) => this.motion(m, moves))) : null,
      signing ? h("h3", {}, "Signatures") : null,
      signing
        ? h("ul", { class: "signatures" }, ...CODES.filter((c) => p.delegations[c].seat === "party").map((c) => h("li", {}, codeTag(c, nameOf(c)), ` ${p.delegations[c].signature === "signed" ? "signed ✍" : p.delegations[c].signature === "refused" ? "refused ✗" : "has not signed yet"}`)))
        : null,
    );
  }

  private clause(c: Clause, p: PublicState, aims: AimView[] | null, moves: Move[]): HTMLElement {
    const missing = c.status === "agreed" ? [] : missingSupport(c, p);
    const hurts = aims ? redLines(aims, c) : [];
    const mine = movesFor(moves, c.id);
    return h(
      "li",
      { class: `clause status-${c.status}` },
      h("div", { class: "clause-head" }, h("b", {}, clauseTitle(c.type, c.params)), " ", h("span", { class: "status" }, statusLabel(c.status))),
      h("div", { class: "muted" }, "Proposed by ", codeTag(c.proposer), c.suggestedBy ? [" on a suggestion by ", c.suggestedBy].join("") : "", c.parity ? " · parity claim (¶14)" : ""),
      h(
        "div",
        { class: "stances", "aria-label": "Stances" },
        ...CODES.filter((code) => p.delegations[code].seat === "party" || c.stances[code]).map((code) =>
          h("span", { class: `stance tag-${code}`, title: `${nameOf(code)}: ${c.stances[code] ?? "none"}` }, `${code} ${stanceMark(c.stances[code])}`, h("span", { class: "sr-only" }, ` ${c.stances[code] ?? "no stance"}`)),
        ),
      ),
      missing.length ? h("div", { class: "needs" }, "Still needs support from: ", ...missing.map((m) => codeTag(m))) : null,
      hurts.length ? h("div", { class: "redline", role: "note" }, "⚠ Red line: ", hurts.map((o) => `${o.text} (${o.points}, ${o.ref})`).join("; ")) : null,
      mine.length ? h("div", { class: "moves" }, ...mine.filter((m) => !m.seatBound).map((m) => moveButton(moveLabel(m), m.ok && !!m.action, m.reason, () => m.action && this.conn.send(m.action), m.key, describeMove(minskWindow, m)))) : null,
    );
  }

  private motion(m: Motion, moves: Move[]): HTMLElement {
    const mine = movesFor(moves, m.id);
    return h(
      "li",
      { class: `motion status-${m.status}` },
      codeTag(m.delegation, nameOf(m.delegation)),
      ` → ${seatLabel(m.seat).toLowerCase()} · moved by `,
      codeTag(m.sponsor),
      ` · ${m.status}`,
      mine.length ? h("div", { class: "moves" }, ...mine.filter((mv) => !mv.seatBound).map((mv) => moveButton(moveLabel(mv), mv.ok && !!mv.action, mv.reason, () => mv.action && this.conn.send(mv.action), mv.key, describeMove(minskWindow, mv)))) : null,
    );
  }
}
