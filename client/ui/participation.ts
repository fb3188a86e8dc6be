/** Per-student participation (from the facilitator's report): moves, table words, back channel. */
import type { ParticipationLine } from "../net/reports.ts";
import { h } from "./dom.ts";

export function participationTable(lines: ParticipationLine[]): HTMLElement {
  return h(
    "table",
    { class: "matrix num participation-table" },
    h("caption", {}, "Participation per student"),
    h("thead", {}, h("tr", {}, ...["Student", "Delegation", "Moves", "At the table", "Back channel"].map((t) => h("th", { scope: "col" }, t)))),
    h(
      "tbody",
      {},
      ...lines.map((l) =>
        h("tr", {}, h("th", { scope: "row" }, l.name), h("td", {}, l.delegation), h("td", {}, String(l.actions)), h("td", {}, String(l.statements)), h("td", {}, String(l.backChannel))),
      ),
    ),
  );
}
