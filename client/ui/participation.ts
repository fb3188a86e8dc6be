/**
 * Per-student participation: moves, table words, back channel. Live from the room's
 * `participation` message in the console; from the report in the debrief.
 */
import type { ParticipationLine } from "../../shared/protocol/messages.ts";
import { h } from "./dom.ts";

type Row = Pick<ParticipationLine, "name" | "actions" | "statements" | "backChannel"> & { delegation: string };

export function participationTable(lines: readonly Row[]): HTMLElement {
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
