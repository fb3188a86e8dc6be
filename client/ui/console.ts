/**
 * The facilitator's console during play: timer controls, event injection, seating (move or
 * remove a student, hand a seat to a bot) and live participation per delegation and student.
 */
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import type { ClientState } from "../model/store.ts";
import { CODES, nameOf } from "../model/palette.ts";
import { participation } from "../model/debrief.ts";
import type { Connection } from "../net/Connection.ts";
import { codeTag, h, replace } from "./dom.ts";
import { participationTable } from "./participation.ts";
import { botToggle } from "./lobby.ts";

export class ConsolePanel {
  readonly el = h("section", { class: "panel console", "aria-labelledby": "console-title" });
  private body = h("div");
  private students = h("div", { "aria-live": "off" });
  /** The participation lines last drawn (the room sends new ones after a change, at most every 2 s). */
  private shown: ClientState["participation"] | null = null;
  private conn: Connection;

  constructor(conn: Connection) {
    this.conn = conn;
    const f = (type: string) => () => conn.facilitator({ type } as { type: "pause" });
    const inject = h("select", { id: "inject-event", "aria-label": "Event to inject" }, ...minskWindow.events.map((e) => h("option", { value: e.id }, e.title)));
    this.el.append(
      h("h2", { id: "console-title" }, "Facilitator console"),
      h(
        "div",
        { class: "row wrap" },
        h("button", { type: "button", onclick: f("pause") }, "Pause"),
        h("button", { type: "button", onclick: f("resume") }, "Resume"),
        h("button", { type: "button", onclick: f("advance") }, "Advance phase"),
        h("button", { type: "button", onclick: () => conn.facilitator({ type: "extend", seconds: 60 }) }, "Extend 1 minute"),
        h("button", { type: "button", class: "danger", onclick: () => confirm("End the game now and go to the debrief?") && conn.facilitator({ type: "end" }) }, "End game"),
      ),
      h("div", { class: "row" }, inject, h("button", { type: "button", onclick: () => conn.facilitator({ type: "inject", event: inject.value }) }, "Inject event")),
      this.body,
      h("h3", {}, "Participation per student"),
      this.students,
    );
  }

  /** Live participation arrives over the room socket (`participation`), not from the report. */
  private participation(s: ClientState): void {
    if (this.shown === s.participation) return;
    this.shown = s.participation;
    replace(this.students, s.participation.length ? participationTable(s.participation) : h("p", { class: "muted" }, "No student has joined yet."));
  }

  render(s: ClientState): void {
    this.participation(s);
    const p = s.pub;
    const part = participation(p.table, s.messages);
    replace(
      this.body,
      h("h3", {}, "Delegations and students"),
      h(
        "ul",
        { class: "delegation-list" },
        ...CODES.map((c) => {
          const d = p.delegations[c];
          return h(
            "li",
            { class: "deleg" },
            codeTag(c, nameOf(c)),
            h("span", { class: "muted num" }, ` · ${d.seat} · influence ${d.influence} · ${part[c].table} at table, ${part[c].back} back-channel`),
            h("span", { class: `holder${d.bot ? " holder-bot" : ""}`, "data-testid": `holder-${c}` }, ` · ${holder(d.bot, d.members.length)}`),
            d.ready ? h("span", { class: "badge" }, " ready") : null,
            botToggle(c, d.bot, (bot) => this.conn.facilitator({ type: "setBot", delegation: c, bot })),
            h(
              "ul",
              { class: "members" },
              ...s.roster
                .filter((m) => m.role === "player" && m.delegation === c)
                .map((m) =>
                  h(
                    "li",
                    {},
                    m.name,
                    m.connected ? "" : " (away)",
                    this.moveControl(m.member, m.name, c),
                    h("button", { type: "button", class: "small", "data-focus": `kick-${m.member}`, onclick: () => confirm(`Remove ${m.name} from the session?`) && this.conn.facilitator({ type: "kick", member: m.member }) }, `Remove ${m.name}`),
                  ),
                ),
            ),
          );
        }),
      ),
      ...this.watchers(s),
    );
  }

  /** Spectators (a projector, a visitor with the code): listed so the facilitator can remove one. */
  private watchers(s: ClientState): HTMLElement[] {
    const list = s.roster.filter((m) => m.role === "spectator");
    if (list.length === 0) return [];
    return [
      h("h3", {}, `Watching (${list.length})`),
      h(
        "ul",
        { class: "members watchers", "aria-label": "Spectators" },
        ...list.map((m) =>
          h(
            "li",
            {},
            m.name || "Spectator",
            m.connected ? "" : " (away)",
            h("button", { type: "button", class: "small", "data-focus": `kick-${m.member}`, onclick: () => confirm(`Remove ${m.name || "this spectator"} from the session?`) && this.conn.facilitator({ type: "kick", member: m.member }) }, `Remove ${m.name || "spectator"}`),
          ),
        ),
      ),
    ];
  }

  private moveControl(member: string, name: string, current: string): HTMLElement {
    const sel = h(
      "select",
      { "aria-label": `Move ${name} to`, "data-focus": `move-${member}`, onchange: (e: Event) => this.conn.facilitator({ type: "assign", member, delegation: (e.target as HTMLSelectElement).value as "BY" }) },
      ...CODES.map((c) => h("option", { value: c, selected: c === current }, nameOf(c))),
    );
    return sel;
  }
}

/** Who plays a seat, as the facilitator needs to see it. */
export function holder(bot: boolean, students: number): string {
  if (bot) return students ? `played by a bot (${students} student${students > 1 ? "s" : ""} locked out)` : "played by a bot";
  return students ? `played by ${students} student${students > 1 ? "s" : ""}` : "empty";
}
