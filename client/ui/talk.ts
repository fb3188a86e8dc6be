/**
 * Talk: the table channel and one back channel per other delegation. Students are told plainly
 * that the facilitator can read back channels. The facilitator reads every pair, read-only.
 */
import type { Code } from "../../shared/rules/types.ts";
import { CODES, nameOf } from "../model/palette.ts";
import type { ClientState } from "../model/store.ts";
import { ownBriefing } from "../model/store.ts";
import { channel, logLine, pairs } from "../model/talk.ts";
import type { Connection } from "../net/Connection.ts";
import { codeTag, h, replace } from "./dom.ts";

export class TalkPanel {
  readonly el = h("section", { class: "panel talk", "aria-labelledby": "talk-title" });
  private tabs = h("div", { class: "channels", role: "group", "aria-label": "Channel" });
  private thread = h("ul", { class: "thread", "aria-label": "Conversation" });
  private input = h("textarea", { id: "talk-text", rows: 2 });
  private sendBtn = h("button", { type: "submit" }, "Send");
  private form: HTMLFormElement;
  private to: "table" | Code = "table";
  private conn: Connection;
  private last: ClientState | null = null;

  constructor(conn: Connection) {
    this.conn = conn;
    // The limit lives with the protocol's schemas: load them once the table is up, not before.
    // If the server is away just then, the limit simply stays unset (the server still enforces it).
    setTimeout(() => void import("../../shared/protocol/actions.ts").then((m) => (this.input.maxLength = m.MAX_TEXT)).catch(() => undefined), 2000);
    this.form = h(
      "form",
      { class: "say", onsubmit: (e: Event) => (e.preventDefault(), this.send()) },
      h("label", { for: "talk-text" }, "Your message"),
      this.input,
      this.sendBtn,
    );
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey) (e.preventDefault(), this.send());
    });
    this.el.append(
      h("h2", { id: "talk-title" }, "Talk"),
      h("p", { class: "notice" }, "The facilitator can read every back channel."),
      this.tabs,
      this.thread,
      this.form,
    );
  }

  render(s: ClientState): void {
    this.last = s;
    if (s.role === "facilitator") return this.renderFacilitator(s);
    const me = s.delegation;
    if (!me) return;
    const others = CODES.filter((c) => c !== me);
    replace(
      this.tabs,
      h("button", { type: "button", class: "small", "aria-pressed": String(this.to === "table"), "data-focus": "ch-table", onclick: () => this.pick("table") }, "Table"),
      ...others.map((c) => h("button", { type: "button", class: `small tag-${c}`, "aria-pressed": String(this.to === c), "data-focus": `ch-${c}`, onclick: () => this.pick(c) }, `${c} back channel`)),
    );
    const items =
      this.to === "table"
        ? s.pub.table.filter((e) => e.kind !== "event").map((e) => ({ ...logLine(e), mine: e.from === me }))
        : channel(s.messages, me, this.to).map((m) => ({ who: `${m.from} (${nameOf(m.from)})`, text: m.text, mine: m.from === me }));
    replace(this.thread, ...(items.length ? items.map((i) => h("li", { class: i.mine ? "mine" : "" }, h("b", {}, `${i.who}: `), i.text)) : [h("li", { class: "muted" }, this.to === "table" ? "Nothing said at the table yet." : `No messages with ${nameOf(this.to)} yet.`)]));
    this.thread.scrollTop = this.thread.scrollHeight;
    const say = ownBriefing(s)?.moves.find((m) => m.type === "say");
    const absent = s.pub.delegations[me].seat === "absent";
    this.input.placeholder = this.to === "table" ? (absent ? "A press statement from outside the room" : "Speak to the table") : `Only ${nameOf(this.to)} (and the facilitator) will read this`;
    this.sendBtn.disabled = say ? !say.ok : false;
    this.sendBtn.title = say && !say.ok ? say.reason ?? "" : "";
  }

  private renderFacilitator(s: ClientState): void {
    this.form.hidden = true;
    replace(this.tabs, h("p", { class: "muted" }, "Back channels, read-only:"));
    const ps = pairs(s.messages);
    replace(
      this.thread,
      ...(ps.length
        ? ps.map((p) => h("li", {}, h("details", {}, h("summary", {}, codeTag(p.a), " ↔ ", codeTag(p.b), ` (${p.list.length})`), h("ul", {}, ...p.list.map((m) => h("li", {}, h("b", {}, `${m.from} → ${m.to.join(", ")}: `), m.text))))))
        : [h("li", { class: "muted" }, "No back-channel messages yet.")]),
    );
  }

  private pick(to: "table" | Code): void {
    this.to = to;
    if (this.last) this.render(this.last);
    this.input.focus();
  }

  private send(): void {
    const text = this.input.value.trim();
    if (!text) return;
    this.conn.send({ type: "say", to: this.to === "table" ? "table" : [this.to], text });
    this.input.value = "";
  }
}
