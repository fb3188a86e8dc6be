/**
 * The clause builder: every clause type with its parameters. Parties propose, observers suggest
 * (a party must adopt it). The draft is checked with the protocol's schema before it is sent;
 * the engine still has the last word and answers with an error if it disagrees.
 */
import type { Actor, ClauseType } from "../../shared/rules/types.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import { CLAUSE_TYPE_LIST, draftAction, fieldsFor, type DraftValues } from "../model/clauseDraft.ts";
import { clauseLabel } from "../model/format.ts";
import { nameOf } from "../model/palette.ts";
import type { ClientState } from "../model/store.ts";
import { ownBriefing } from "../model/store.ts";
import type { Connection } from "../net/Connection.ts";
import { h, replace } from "./dom.ts";

const CHOICE_LABEL: Record<string, string> = {
  target: "Relief for",
  issuer: "Issued by",
  level: "Level",
  condition: "Condition",
  partial: "Partial",
  full: "Full",
  democratization: "Democratization",
  prisoners: "Prisoner releases",
};

export class ClauseBuilder {
  readonly el = h("section", { class: "panel builder", "aria-labelledby": "builder-title" });
  private values: DraftValues = { type: "ceasefire", lists: {}, choices: {} };
  private params = h("div", { class: "params" });
  private note = h("p", { class: "note" });
  private submit = h("button", { type: "submit", class: "primary" }, "Propose clause");
  private why = h("p", { class: "muted", id: "builder-why", "aria-live": "polite" });
  private kind: "propose" | "suggest" = "propose";
  private conn: Connection;
  private typeSelect: HTMLSelectElement;
  private last: ClientState | null = null;

  constructor(conn: Connection) {
    this.conn = conn;
    const type = h(
      "select",
      { id: "clause-type", onchange: (e: Event) => this.setType((e.target as HTMLSelectElement).value as ClauseType) },
      ...CLAUSE_TYPE_LIST.map((t) => h("option", { value: t }, clauseLabel(t))),
    );
    this.typeSelect = type;
    this.submit.setAttribute("aria-describedby", "builder-why");
    this.el.append(
      h("h2", { id: "builder-title" }, "Draft a clause"),
      h(
        "form",
        { onsubmit: (e: Event) => (e.preventDefault(), void this.send()) },
        h("label", { for: "clause-type" }, "Clause type"),
        type,
        this.note,
        this.params,
        h("div", { class: "row" }, this.submit),
        this.why,
      ),
    );
    this.setType("ceasefire");
  }

  render(s: ClientState): void {
    const b = ownBriefing(s);
    // Parties propose; an observer's propose move is refused, so its suggest move is the one to offer.
    const propose = b?.moves.find((m) => m.type === "propose");
    const suggest = b?.moves.find((m) => m.type === "suggest");
    const move = propose?.ok ? propose : (suggest ?? propose);
    this.kind = move?.type === "suggest" ? "suggest" : "propose";
    this.submit.textContent = this.kind === "suggest" ? "Suggest clause" : `Propose clause${move?.cost ? ` — ${move.cost} influence` : ""}`;
    // A type that needs another clause agreed first says so in the list and under the button.
    const missing = (t: ClauseType): string => {
      const needs = minskWindow.clauses[t].needs;
      return needs && !s.pub.clauses.some((c) => c.type === needs && c.status === "agreed") ? `needs an agreed ${clauseLabel(needs)} first` : "";
    };
    for (const o of this.typeSelect.options) {
      const why = missing(o.value as ClauseType);
      o.textContent = why ? `${clauseLabel(o.value)} (${why})` : clauseLabel(o.value);
    }
    const blocked = missing(this.values.type);
    const ok = s.role === "player" && !!move?.ok && !blocked;
    this.submit.disabled = !ok;
    this.why.textContent = ok
      ? ""
      : blocked && move?.ok
        ? `${clauseLabel(this.values.type)} ${blocked}.`
        : move?.reason ?? (s.role === "player" ? "Clauses can be drafted during the rounds." : "Only delegations draft clauses.");
    this.last = s;
  }

  private setType(t: ClauseType): void {
    this.values = { type: t, lists: {}, choices: {} };
    const spec = minskWindow.clauses[t];
    this.note.textContent = `${spec.note} ${spec.ref}${spec.needs ? ` · needs an agreed ${clauseLabel(spec.needs)}` : ""}`;
    this.renderParams();
    if (this.last) this.render(this.last);
  }

  private renderParams(): void {
    const fields = fieldsFor(this.values.type, this.values.choices.target);
    replace(
      this.params,
      ...fields.map((f) => {
        if (f.kind === "list") {
          const picked = (this.values.lists[f.key] ??= []);
          return h(
            "fieldset",
            {},
            h("legend", {}, f.key === "guarantors" ? "Guarantors" : "Contributing forces"),
            ...f.options.map((a: Actor) =>
              h(
                "label",
                { class: "check" },
                h("input", { type: "checkbox", value: a, checked: picked.includes(a), onchange: (e: Event) => this.toggle(f.key, a, (e.target as HTMLInputElement).checked) }),
                ` ${nameOf(a)} (${a})`,
              ),
            ),
          );
        }
        const current = this.values.choices[f.key] ?? f.options[0];
        this.values.choices[f.key] = current;
        return h(
          "fieldset",
          {},
          h("legend", {}, CHOICE_LABEL[f.key]),
          ...(f.options as string[]).map((o) =>
            h(
              "label",
              { class: "check" },
              h("input", { type: "radio", name: `clause-${f.key}`, value: o, checked: o === current, onchange: () => this.choose(f.key, o) }),
              ` ${CHOICE_LABEL[o] ?? nameOf(o)}`,
            ),
          ),
        );
      }),
    );
  }

  private toggle(key: "guarantors" | "contributors", a: Actor, on: boolean): void {
    const list = new Set(this.values.lists[key] ?? []);
    if (on) list.add(a);
    else list.delete(a);
    this.values.lists[key] = [...list];
  }

  private choose(key: "target" | "issuer" | "level" | "condition", v: string): void {
    this.values.choices[key] = v;
    if (key === "target") this.renderParams();
  }

  private async send(): Promise<void> {
    const parsed = await draftAction(this.kind, this.values).catch(() => null);
    if (!parsed) {
      this.why.textContent = "The clause checker could not load; check the connection and try again.";
      return;
    }
    if (!parsed.ok) {
      this.why.textContent = parsed.message.replace(/^Malformed action/, "This clause is incomplete");
      return;
    }
    this.conn.send(parsed.value);
  }
}
