/**
 * The lobby: the join code big enough to read from the back row, the join URL and its QR code,
 * who has joined which delegation. The facilitator also gets bots per delegation and "Start";
 * the projector shows the code and the QR code as large as the screen allows.
 */
import type { Code } from "../../shared/rules/types.ts";
import type { ClientState } from "../model/store.ts";
import { CODES, nameOf } from "../model/palette.ts";
import { codeTag, h, replace } from "./dom.ts";
import type { Connection } from "../net/Connection.ts";

export function joinUrl(code: string): string {
  return `${location.origin}/?code=${code}`;
}

export class LobbyPanel {
  readonly el = h("section", { class: "lobby", "aria-labelledby": "lobby-title" });
  private qr = h("canvas", { class: "qr", role: "img", "aria-label": "QR code for the join URL" });
  private qrFor = "";
  private members = h("div", { class: "lobby-delegations" });
  private code = h("p", { class: "join-code", "data-testid": "join-code" });
  private url = h("a", { target: "_blank", rel: "noopener" });
  private projectorLink = h("a", { class: "button", target: "_blank", rel: "noopener" }, "Open projector view");
  private conn: Connection;
  private projector: boolean;

  constructor(conn: Connection, projector = false) {
    this.conn = conn;
    this.projector = projector;
    if (projector) this.el.classList.add("lobby-projector");
  }

  render(s: ClientState): void {
    const code = s.welcome?.code ?? "";
    if (this.qrFor !== code && code) {
      this.qrFor = code;
      // The QR library is only needed here, so it loads with the lobby, not with every page.
      void import("qrcode")
        .then((m) => m.default.toCanvas(this.qr, joinUrl(code), { width: this.projector ? 560 : 320, margin: 1, color: { dark: "#0b0f14", light: "#f4f1e8" } }))
        .catch(() => undefined);
    }
    if (!this.el.firstChild) {
      this.el.append(
        h("h2", { id: "lobby-title" }, "Students join with this code"),
        h("div", { class: "lobby-code" }, h("div", {}, this.code, h("p", { class: "join-url" }, this.url)), this.qr),
        this.members,
        ...(this.projector
          ? []
          : [h("div", { class: "row" }, h("button", { type: "button", class: "primary big", onclick: () => this.conn.facilitator({ type: "start" }) }, "Start"), this.projectorLink)]),
      );
    }
    // The code may arrive after the first render (the projector mounts while it joins).
    this.code.textContent = code;
    this.url.textContent = joinUrl(code);
    this.url.href = joinUrl(code);
    this.projectorLink.href = `/?code=${code}&view=projector`;
    const p = s.pub;
    replace(
      this.members,
      h("p", { class: "muted" }, this.projector ? `${p.rounds} rounds. Open the join URL or scan the code, then pick a delegation.` : `${p.rounds} rounds. Tick a bot for any delegation no student should play.`),
      h(
        "ul",
        { class: "delegation-list" },
        ...CODES.map((c) => {
          const d = p.delegations[c];
          return h(
            "li",
            { class: `deleg tag-border-${c}` },
            codeTag(c, nameOf(c)),
            h("span", { class: "muted" }, ` · ${d.seat}`),
            h("ul", { class: "members" }, ...(d.members.length ? d.members.map((m) => h("li", {}, m.name, m.connected ? "" : " (away)")) : [h("li", { class: "muted" }, "no students yet")])),
            this.projector ? (d.bot ? h("p", { class: "muted" }, "played by a bot") : null) : botToggle(c, d.bot, (bot) => this.conn.facilitator({ type: "setBot", delegation: c, bot })),
          );
        }),
      ),
    );
  }
}

export function botToggle(c: Code, bot: boolean, set: (bot: boolean) => void): HTMLElement {
  const box = h("input", { type: "checkbox", checked: bot, "data-focus": `bot-${c}`, onchange: (e: Event) => set((e.target as HTMLInputElement).checked) });
  return h("label", { class: "check" }, box, ` Bot plays ${nameOf(c)}`);
}
