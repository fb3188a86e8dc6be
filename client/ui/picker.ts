/** Delegation picker: one button per delegation, named with the delegation's name. */
import type { Code } from "../../shared/rules/types.ts";
import { CODES, nameOf } from "../model/palette.ts";
import { h } from "./dom.ts";

/** `teams`: students already seated per delegation, from the code check (absent: not known). */
export function renderPicker(root: HTMLElement, code: string, name: string, pick: (c: Code) => void, back: () => void, teams: Partial<Record<Code, number>> = {}): void {
  const buttons = CODES.map((c) =>
    h("button", { type: "button", class: `pick tag-${c}`, "aria-describedby": `pick-${c} team-${c}`, onclick: () => (buttons.forEach((b) => (b.disabled = true)), pick(c)) }, nameOf(c)),
  );
  const size = (c: Code): string => {
    const n = teams[c];
    return n === undefined ? "" : n === 0 ? "no students yet" : n === 1 ? "1 student" : `${n} students`;
  };
  root.replaceChildren(
    h(
      "main",
      { class: "home", id: "main" },
      h("h1", {}, "Choose your delegation"),
      h("p", {}, `Session ${code} · you are ${name}. Your teacher may move you later.`),
      h(
        "ul",
        { class: "picker" },
        ...CODES.map((c, i) => h("li", {}, buttons[i], h("span", { id: `pick-${c}`, class: "code-badge" }, c), h("span", { id: `team-${c}`, class: "team-size muted" }, size(c)))),
      ),
      h("button", { type: "button", class: "link", onclick: back }, "Back"),
    ),
  );
  buttons[0].focus();
}
