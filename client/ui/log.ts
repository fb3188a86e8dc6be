/**
 * The table log: one role="log" list announcing public events and table talk in words (bots
 * included), every track change with its cause, the warning one step from collapse, and for
 * Belarus (and the facilitator) Belarus's private track changes, marked private. Entries are
 * appended, not re-rendered, so screen readers hear only what is new.
 */
import { changeText } from "../../shared/rules/context.ts";
import type { TableEntry, TrackChange } from "../../shared/rules/types.ts";
import { logLine } from "../model/talk.ts";
import { h } from "./dom.ts";

export class TableLog {
  readonly list = h("ul", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Table log" });
  readonly el: HTMLElement;
  private shown: TableEntry[] = [];
  private noted = 0;
  private follow = true;

  constructor(title = "Table log") {
    this.list.addEventListener("scroll", () => {
      const box = this.list;
      this.follow = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    });
    // A log attached after its first render starts at the top: jump to the newest once visible.
    new ResizeObserver(() => this.follow && (this.list.scrollTop = this.list.scrollHeight)).observe(this.list);
    this.el = h("section", { class: "panel log-panel", "aria-labelledby": "log-title" }, h("h2", { id: "log-title" }, title), this.list);
  }

  /** `notes`: Belarus's private track changes, given only to views that may see them. */
  render(table: TableEntry[], notes: readonly TrackChange[] = []): void {
    const prefix = this.shown.length <= table.length && this.shown.every((e, i) => same(e, table[i]));
    // The server may keep only the latest entries: when the old list is no prefix, find where it left off.
    let from = this.shown.length;
    // A replay stepping back: the table is a beginning of what is shown. Start the list again.
    const back = !prefix && table.length < this.shown.length && table.every((e, i) => same(e, this.shown[i]));
    if (back) {
      this.list.replaceChildren();
      this.noted = 0;
      from = 0;
    } else if (!prefix) {
      const last = this.shown.at(-1);
      const at = last ? table.findLastIndex((e) => same(e, last)) : -1;
      from = at + 1;
    }
    // Only the newest 200 lines are kept, so a long jump forward builds no more than those.
    for (const e of table.slice(Math.max(from, table.length - 200))) this.list.append(line(e));
    // A note comes from the same move as the table lines just added: it follows them.
    if (notes.length < this.noted) this.noted = 0;
    for (const n of notes.slice(this.noted)) this.list.append(note(n));
    this.noted = notes.length;
    while (this.list.childElementCount > 200) this.list.firstElementChild?.remove();
    this.shown = table.slice();
    // Follow the newest entry unless the reader has scrolled back to read older ones.
    if (this.follow) this.list.scrollTop = this.list.scrollHeight;
  }
}

function same(a: TableEntry | undefined, b: TableEntry | undefined): boolean {
  return !!a && !!b && a.kind === b.kind && a.from === b.from && a.text === b.text && a.round === b.round;
}

function line(e: TableEntry): HTMLLIElement {
  const l = logLine(e);
  const text = e.tag === "warning" ? h("strong", {}, l.text) : l.text;
  return h("li", { class: `entry kind-${e.kind} from-${e.from}${e.tag ? ` tag-${e.tag}` : ""}` }, h("span", { class: "round num" }, e.round ? `R${e.round} ` : ""), l.who ? h("b", {}, `${l.who}: `) : null, text);
}

function note(n: TrackChange): HTMLLIElement {
  return h("li", { class: "entry private" }, h("span", { class: "round num" }, n.round ? `R${n.round} ` : ""), h("b", {}, "Private to Belarus: "), `${changeText(n)}.`);
}
