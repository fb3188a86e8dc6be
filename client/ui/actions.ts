/** Actions available now, with their influence cost; unavailable ones disabled with the reason. */
import type { Move } from "../../shared/rules/types.ts";
import type { ClientState } from "../model/store.ts";
import { ownBriefing } from "../model/store.ts";
import { actionPanelMoves, moveLabel } from "../model/moves.ts";
import type { Connection } from "../net/Connection.ts";
import { h, moveButton, replace } from "./dom.ts";
import { describeMove } from "../../shared/rules/moveText.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import { seatLine } from "../model/moves.ts";

export class ActionsPanel {
  readonly el = h("section", { class: "panel actions", "aria-labelledby": "actions-title" });
  private body = h("div");
  /** Groups whose refused moves the student has unfolded: kept open across re-renders. */
  private unfolded = new Set<string>();
  private conn: Connection;

  constructor(conn: Connection) {
    this.conn = conn;
    this.el.append(h("h2", { id: "actions-title" }, "Actions"), this.body);
  }

  private fold(title: string, open: boolean): void {
    if (open) this.unfolded.add(title);
    else this.unfolded.delete(title);
  }

  render(s: ClientState): void {
    const b = ownBriefing(s);
    if (!b || s.role !== "player") return replace(this.body, h("p", { class: "muted" }, "Moves appear once the talks begin."));
    if (s.pub.delegations[b.delegation].bot) {
      return replace(
        this.body,
        h("p", { class: "alert-inline" }, `A bot is playing ${b.delegation}'s seat now, so your moves are paused. "Take the seat back" is in the line at the top.`),
      );
    }
    const influence = s.pub.delegations[b.delegation].influence;
    // Moves this seat can never make (a party's, an observer's) hide behind one line saying why.
    const seatBound = b.moves.filter((m) => m.seatBound && !m.ok);
    const groups = actionPanelMoves(b.moves.filter((m) => !seatBound.includes(m)));
    const seat = s.pub.delegations[b.delegation].seat;
    replace(
      this.body,
      h("p", { class: "influence" }, "Influence ", h("span", { class: "dots", "aria-hidden": "true" }, "●".repeat(Math.max(0, influence))), h("b", { class: "num" }, ` ${influence}`), h("span", { class: "muted" }, " — unspent influence is lost at round end")),
      s.pub.stagingOpen && b.delegation === "BY" ? h("p", { class: "alert-inline", role: "status" }, "Moscow asks to stage forces in Belarus: allow or refuse.") : null,
      ...groups.map((g) => {
        const button = (m: Move) => moveButton(moveLabel(m), m.ok && !!m.action, m.reason, () => m.action && this.conn.send(m.action), m.key, describeMove(minskWindow, m), true);
        const open = g.moves.filter((m) => m.ok);
        const shut = g.moves.filter((m) => !m.ok);
        // A long list of refused moves (seat motions) folds away; each still says why when opened.
        const fold = shut.length > 4;
        return h(
          "div",
          { class: "move-group" },
          h("h3", {}, g.title),
          h("div", { class: "moves" }, ...(fold ? open : g.moves).map(button)),
          fold
            ? h(
                "details",
                { open: this.unfolded.has(g.title), ontoggle: (e: Event) => this.fold(g.title, (e.target as HTMLDetailsElement).open) },
                h("summary", {}, `Not available now (${shut.length})`),
                h("div", { class: "moves" }, ...shut.map(button)),
              )
            : null,
        );
      }),
      groups.length ? null : h("p", { class: "muted" }, "No moves right now."),
      seatBound.length ? h("p", { class: "muted seat-line", "data-testid": "seat-line" }, seatLine(seat, seatBound.length)) : null,
    );
  }
}
