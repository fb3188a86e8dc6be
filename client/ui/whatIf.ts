/**
 * "What if the bots played on from here?": the panel the replay opens at its current position.
 * The replay (client/replay) owns the position; this panel asks the server to play the rest of
 * the game out many times from there, optionally with one decision flipped, and shows how the
 * outcome distribution shifts against the actual result.
 */
import type { WhatIfPoint, WhatIfStatus } from "../../shared/protocol/whatIf.ts";
import type { Action, GameState, Who } from "../../shared/rules/types.ts";
import { whatIfRunView, whereFrom, type WhatIfRunView } from "../model/whatIf.ts";
import { histogram } from "./distribution.ts";
import { nameOf } from "../model/palette.ts";
import { codeTag, h, replace } from "./dom.ts";

/** What the replay tells the panel. */
export interface WhatIfHost {
  /** The game's join code. */
  code: string;
  /** The credential sent as `Authorization: Bearer …` (facilitator token, or a solo player's token). */
  auth: string;
  /**
   * Where the replay stands: `at` engine log entries applied (0 = the game's start), the round
   * shown, the exact engine state there, and the next logged entry (the decision one may flip).
   */
  position(): { at: number; round: number; state: GameState; next?: { who: Who; action: Action } };
  /** Games per run; 200 when absent (the server allows 1–1000). */
  games?: number;
}

export interface WhatIfPanel {
  readonly el: HTMLElement;
  /** The replay moved: refresh what the panel offers (flip choices, the "from here" label). */
  update(): void;
  destroy(): void;
}

/** How often a running run is asked for its progress. */
const POLL_MS = 500;

/** The server's refusal in words (its `message`), or a plain line for a network failure. */
async function answer<T>(res: Promise<Response>): Promise<T> {
  let r: Response;
  try {
    r = await res;
  } catch {
    throw new Error("The server could not be reached: check the connection and try again.");
  }
  const body = (await r.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!r.ok || !body) throw new Error(body?.message ?? `The server refused (HTTP ${r.status}).`);
  return body;
}

export function mountWhatIf(host: WhatIfHost): WhatIfPanel {
  const base = `/api/games/${encodeURIComponent(host.code)}/whatif`;
  const headers = { Authorization: `Bearer ${host.auth}` };
  const el = h("section", { class: "panel what-if", "aria-labelledby": "what-if-title" });
  const where = h("p", { class: "what-if-where" });
  const decision = h("p", { class: "muted what-if-decision" });
  const select = h("select", { id: "what-if-flip", "data-focus": "flip" });
  const flipText = h("p", { class: "muted what-if-flip-text" });
  const button = h("button", { type: "button", class: "primary" }, "Play it out");
  const status = h("p", { role: "status", class: "muted" });
  const progress = h("progress", { "aria-label": "What-if progress", max: 1, value: 0, hidden: true, style: "width:100%" });
  const result = h("section", { role: "region", "aria-label": "What-if result", class: "what-if-result", hidden: true });
  el.append(
    h("h3", { id: "what-if-title" }, "What if the bots played on from here?"),
    h("p", { class: "muted" }, "The server plays the rest of this game out many times from this moment, every seat played by the bots, and compares how those games end with how yours did."),
    where,
    decision,
    h("p", {}, h("label", { for: "what-if-flip" }, "Flip a decision "), select),
    flipText,
    h("p", {}, button),
    status,
    progress,
    result,
  );

  let point: WhatIfPoint | null = null;
  let asking = 0;
  let poll: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let gone = false;

  const showFlip = () => {
    const c = point?.choices[Number(select.value)];
    flipText.textContent = c ? c.text : "";
  };
  select.addEventListener("change", showFlip);

  const fillChoices = (p: WhatIfPoint | null) => {
    point = p;
    const choices = p?.choices ?? [];
    replace(select, h("option", { value: "" }, "No change"), ...choices.map((c, i) => h("option", { value: String(i) }, `Instead: ${c.label}`)));
    select.disabled = choices.length === 0;
    decision.textContent = !p
      ? ""
      : p.decision
        ? `The next decision logged here: ${nameOf(p.decision.who)} — ${p.decision.label}.${choices.length ? "" : " No other move was open to that seat."}`
        : "No delegation's decision is logged next here: step to just before one to flip it.";
    showFlip();
  };

  const update = () => {
    const pos = host.position();
    where.textContent = whereFrom(pos.at, pos.state);
    const over = pos.state.phase === "debrief";
    button.disabled = over || running;
    if (over) {
      fillChoices(null);
      decision.textContent = "The game is over here: step back to a moment before its end.";
      return;
    }
    const mine = ++asking;
    fillChoices(null);
    decision.textContent = "Looking up the decision logged next…";
    answer<WhatIfPoint>(fetch(`${base}?at=${pos.at}`, { headers, cache: "no-store" })).then(
      (p) => mine === asking && !gone && fillChoices(p),
      (e: Error) => mine === asking && !gone && (decision.textContent = e.message),
    );
  };

  const show = (st: WhatIfStatus) => {
    const v: WhatIfRunView = whatIfRunView(st, st.round)!;
    status.textContent = v.status;
    progress.hidden = !v.busy && !v.result;
    progress.max = Math.max(1, v.total);
    progress.value = v.done;
    if (!v.result) return;
    const r = v.result;
    result.hidden = false;
    replace(
      result,
      h("h4", {}, r.title),
      h("p", {}, r.summary),
      h(
        "ul",
        { class: "sim-outcomes", "aria-label": "Outcomes of the games played on", style: "list-style:none;padding:0" },
        ...r.outcomes.map((o) =>
          h(
            "li",
            { style: "display:flex;align-items:center;gap:.5em;margin:.15em 0" },
            h("span", { style: `flex:0 0 13em;text-align:right${o.actual ? ";font-weight:bold" : ""}` }, o.title),
            h("span", { "aria-hidden": "true", style: `display:inline-block;height:.9em;width:${Math.max(0.5, o.share * 0.6)}%;background:${o.actual ? "currentColor" : "#9aa3a8"}` }),
            h("span", { class: "num" }, o.shown, o.actual ? h("b", {}, " ← the class's outcome") : null),
          ),
        ),
      ),
      h(
        "ul",
        { class: "sim-seats", "aria-label": "Each delegation's score against the games played on", style: "list-style:none;padding:0" },
        ...r.seats.map((s) =>
          h(
            "li",
            { style: "display:flex;flex-wrap:wrap;align-items:flex-end;gap:.3em 1em;margin:.5em 0" },
            h("span", { style: "flex:1 1 16em" }, codeTag(s.code), " ", s.sentence, " ", h("span", { class: "muted" }, s.mean)),
            histogram(s),
          ),
        ),
      ),
    );
  };

  const follow = (job: string) => {
    poll = setTimeout(async () => {
      try {
        const st = await answer<WhatIfStatus>(fetch(`${base}/${encodeURIComponent(job)}`, { headers, cache: "no-store" }));
        if (gone) return;
        show(st);
        if (st.state === "running") return follow(job);
      } catch (e) {
        if (gone) return;
        status.textContent = (e as Error).message;
      }
      running = false;
      button.disabled = host.position().state.phase === "debrief";
    }, POLL_MS);
  };

  button.addEventListener("click", async () => {
    if (running) return;
    const pos = host.position();
    const c = point?.choices[Number(select.value)];
    const ask = { at: pos.at, ...(select.value !== "" && c ? { flip: c.action } : {}), ...(host.games ? { games: host.games } : {}) };
    running = true;
    button.disabled = true;
    status.textContent = "Asking the server…";
    try {
      const st = await answer<WhatIfStatus>(fetch(base, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(ask) }));
      if (gone) return;
      show(st);
      if (st.state === "running") return follow(st.job);
    } catch (e) {
      if (gone) return;
      status.textContent = (e as Error).message;
    }
    running = false;
    button.disabled = false;
  });

  update();
  return {
    el,
    update,
    destroy: () => {
      gone = true;
      clearTimeout(poll);
      el.remove();
    },
  };
}
