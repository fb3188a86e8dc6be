/** Home: create a class session, join one by code, or play solo against bots. */
import type { Code } from "../../shared/rules/types.ts";
import type { CreateConfig } from "../../shared/protocol/messages.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import { CODES, nameOf } from "../model/palette.ts";
import { cleanCode } from "../model/tokens.ts";
import { h } from "./dom.ts";

export interface HomeHandlers {
  create(name: string, config: CreateConfig): void;
  /** `say` puts a problem with the code in words under the form (and frees its buttons). */
  join(code: string, name: string, say: (problem: string) => void): void;
  solo(delegation: Code, name: string): void;
  projector(code: string): void;
}

export function renderHome(root: HTMLElement, code: string, name: string, on: HomeHandlers): void {
  const codeInput = h("input", { id: "join-code", name: "code", autocomplete: "off", maxlength: 6, value: code, spellcheck: "false", autocapitalize: "characters", inputmode: "text" });
  const nameInput = h("input", { id: "your-name", name: "name", autocomplete: "nickname", maxlength: 40, value: name });
  const d = minskWindow.defaults;
  const rounds = h("input", { id: "cfg-rounds", type: "number", min: 1, max: 12, value: d.rounds });
  const seconds = h("input", { id: "cfg-seconds", type: "number", min: 0, max: 3600, step: 30, value: d.roundSeconds });
  const events = h("input", { id: "cfg-events", type: "checkbox", checked: true });
  const bots = h("input", { id: "cfg-bots", type: "checkbox", checked: true });
  const nameOr = (fallback: string): string => nameInput.value.trim() || fallback;
  const problem = h("p", { class: "form-error", id: "join-problem", role: "alert" });
  codeInput.setAttribute("aria-describedby", "join-problem");
  /** One click starts one thing: every button waits until this one's answer (or its failure). */
  const busy = (on: boolean) => {
    for (const b of root.querySelectorAll<HTMLButtonElement>(".home button")) b.disabled = on;
  };
  const say = (text: string, focus?: HTMLElement) => {
    problem.textContent = text;
    busy(false);
    focus?.focus();
  };
  const codeProblem = (c: string): string =>
    c.length === 0 ? "Type the join code first: six letters and digits, shown on your teacher's screen." : c.length !== 6 ? `A join code has 6 characters; "${c}" has ${c.length}.` : "";

  const joinForm = h(
    "form",
    {
      class: "card",
      "aria-labelledby": "join-title",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const c = cleanCode(codeInput.value);
        const bad = codeProblem(c);
        if (bad) return say(bad, codeInput);
        if (!nameInput.value.trim()) return say("Type your name first: your teacher and your delegation see it.", nameInput);
        problem.textContent = "Checking the code…";
        busy(true);
        on.join(c, nameInput.value.trim(), (text) => say(text, codeInput));
      },
    },
    h("h2", { id: "join-title" }, "Join the talks"),
    h("label", { for: "join-code" }, "Join code"),
    codeInput,
    h("label", { for: "your-name" }, "Your name"),
    nameInput,
    problem,
    h("button", { type: "submit", class: "primary" }, "Join"),
    h(
      "button",
      {
        type: "button",
        class: "link",
        onclick: () => {
          const c = cleanCode(codeInput.value);
          const bad = codeProblem(c);
          if (bad) return say(`${bad} The projector view needs it too.`, codeInput);
          on.projector(c);
        },
      },
      "Open projector view",
    ),
  );

  const teach = h(
    "section",
    { class: "card", "aria-labelledby": "teach-title" },
    h("h2", { id: "teach-title" }, "Teach a class"),
    h("p", {}, "Up to thirty students join by a short code, several to a delegation; bots take empty seats."),
    h(
      "details",
      {},
      h("summary", {}, "Session settings"),
      h("label", { for: "cfg-rounds" }, "Rounds"),
      rounds,
      h("label", { for: "cfg-seconds" }, "Round length (seconds, 0 = you advance)"),
      seconds,
      h("label", { class: "check" }, bots, " Bots fill empty seats"),
      h("label", { class: "check" }, events, " Event cards"),
    ),
    h(
      "button",
      {
        type: "button",
        class: "primary",
        onclick: () => {
          busy(true);
          on.create(nameOr("Facilitator"), {
            rounds: Number(rounds.value) || d.rounds,
            roundSeconds: Math.max(0, Number(seconds.value) || 0),
            bots: bots.checked,
            events: events.checked,
          });
        },
      },
      "Create a class session",
    ),
  );

  const solo = h(
    "section",
    { class: "card", "aria-labelledby": "solo-title" },
    h("h2", { id: "solo-title" }, "Play alone"),
    h("p", {}, "Sit in Minsk's chair against four bots: a full game in 10–20 minutes."),
    h("button", { type: "button", class: "primary", onclick: () => { busy(true); on.solo("BY", nameOr("Player")); } }, "Play as Belarus"),
    h(
      "details",
      {},
      h("summary", {}, "Another delegation"),
      h("div", { class: "row wrap solo-others" }, ...CODES.filter((c) => c !== "BY").map((c) => h("button", { type: "button", onclick: () => { busy(true); on.solo(c, nameOr("Player")); } }, `Solo as ${nameOf(c)}`))),
    ),
  );

  root.replaceChildren(
    h(
      "main",
      { class: "home", id: "main" },
      h("h1", {}, "Seat at the Table"),
      h("p", { class: "lede" }, "Peace talks over the war in Ukraine — and Belarus wants a chair."),
      h("div", { class: "home-grid" }, joinForm, teach, solo),
    ),
  );
  (code ? nameInput : codeInput).focus();
}
