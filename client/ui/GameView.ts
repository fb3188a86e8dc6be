/**
 * The screen once a browser is in a session: top bar (phase, timer, tracks, who you are,
 * connection), a banner line, the table canvas, and the DOM panels. On a laptop the actions (or
 * the facilitator's console) sit under the table and the aims fold to their summary; on a phone
 * the panels become tabs; the projector fits one screen. The canvas's height comes from the
 * layout's stageSize, so the table's layout and the page agree.
 */
import type { ClientState, Store } from "../model/store.ts";
import { clock, phaseLabel, signed, timeLeft } from "../model/format.ts";
import { PROJECTOR_CHROME, screenClass, stageSize } from "../layout/index.ts";
import { nameOf } from "../model/palette.ts";
import type { Connection } from "../net/Connection.ts";
import { ActionsPanel } from "./actions.ts";
import { BriefingPanel } from "./briefing.ts";
import { ClauseBuilder } from "./clauseBuilder.ts";
import { ConsolePanel } from "./console.ts";
import { DebriefPanel } from "./debrief.ts";
import { codeTag, h, replace } from "./dom.ts";
import { bannerFor, type BannerButton } from "../model/banner.ts";
import { LobbyPanel } from "./lobby.ts";
import { TableLog } from "./log.ts";
import { TalkPanel } from "./talk.ts";
import { TreatyPanel } from "./treaty.ts";

type TabId = "briefing" | "actions" | "treaty" | "talk" | "console" | "debrief";

const CONNECTION_TEXT: Record<string, string> = {
  idle: "Not connected",
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  closed: "Disconnected — reload to rejoin",
  kicked: "Removed by the facilitator",
};

/** Where the banner's "Play again" and "Home" lead (main.ts knows how to start a game). */
export interface Navigation {
  playAgain(): void;
  home(): void;
}

export class GameView {
  readonly el: HTMLElement;
  readonly stage = h("div", { class: "stage", id: "table-canvas" });
  private hud = h("span", { class: "hud num" });
  private timer = h("span", { class: "timer num", "aria-label": "Time left" });
  private who = h("span", { class: "who" });
  private conn = h("span", { class: "conn", role: "status", "data-testid": "connection" });
  private toasts = h("div", { class: "toasts", "aria-live": "assertive" });
  private tabs = h("div", { class: "tabs", role: "tablist", "aria-label": "Panels" });
  private panels = h("div", { class: "panels" });
  /** Under the table on a laptop: the actions (students) or the console (facilitator). */
  private below = h("div", { class: "below" });
  /** A line at the top of the game view for what the phase asks of you now. */
  readonly banner = h("div", { class: "banner-slot", id: "phase-banner" });
  private aimsToggle = h("button", { type: "button", class: "small link aims-toggle", "aria-expanded": "false", onclick: () => this.toggleAims() }, "Show aim notes");
  private groups = new Map<TabId, HTMLElement>();
  private active: TabId = "briefing";
  private lobby: LobbyPanel;
  private console: ConsolePanel;
  private briefing: BriefingPanel;
  private actions: ActionsPanel;
  private builder: ClauseBuilder;
  private treaty: TreatyPanel;
  private talk: TalkPanel;
  private log: TableLog;
  private debrief = new DebriefPanel();
  private store: Store;
  private projector: boolean;
  private connection: Connection;
  private nav: Navigation;
  private bannerKey = "";

  constructor(store: Store, connection: Connection, projector: boolean, nav: Navigation = { playAgain: () => undefined, home: () => (location.href = "/") }) {
    this.store = store;
    this.projector = projector;
    this.connection = connection;
    this.nav = nav;
    this.lobby = new LobbyPanel(connection, projector);
    this.console = new ConsolePanel(connection);
    this.briefing = new BriefingPanel(connection);
    this.actions = new ActionsPanel(connection);
    this.builder = new ClauseBuilder(connection);
    this.treaty = new TreatyPanel(connection);
    this.talk = new TalkPanel(connection);
    this.log = new TableLog(projector ? "Latest at the table" : "Table log");
    this.el = h(
      "div",
      { class: projector ? "app projector" : "app" },
      h("header", { class: "topbar" }, h("span", { class: "brand" }, "Seat at the Table"), this.hud, this.timer, this.who, this.conn),
      this.banner,
      this.toasts,
      h("main", { class: "game", id: "main" }, h("div", { class: "stage-wrap" }, this.stage, this.lobby.el, this.below), this.tabs, this.panels),
    );
    // Crossing the phone breakpoint moves panels between the tabs and the space under the table.
    matchMedia("(max-width: 700px)").addEventListener("change", () => {
      this.layoutKey = "";
      this.render(this.store.state, new Set(["pub"]));
    });
    addEventListener("resize", () => this.sizeStage());
    // Arrow keys move between tabs, as the ARIA tabs pattern expects.
    this.tabs.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
      const buttons = [...this.tabs.querySelectorAll("button")];
      const i = buttons.findIndex((b) => b === document.activeElement);
      const next = buttons[(i + (e.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length];
      next?.focus();
      next?.click();
    });
    store.subscribe((s, changed) => this.render(s, changed));
    setInterval(() => this.tick(), 250);
    this.render(store.state, new Set(["pub", "connection", "welcome", "toasts"]));
  }

  private group(id: TabId, label: string, ...sections: HTMLElement[]): HTMLElement {
    let g = this.groups.get(id);
    if (!g) {
      g = h("div", { class: "tabpanel", id: `tab-${id}`, role: "tabpanel", "aria-label": label }, ...sections);
      this.groups.set(id, g);
    }
    return g;
  }

  /** Panels for this role and phase, grouped into the phone's tabs. */
  private layout(s: ClientState): [TabId, string, HTMLElement[]][] {
    const phase = s.pub.phase;
    // The projector shows public things only; the debrief is public once the game is over.
    if (this.projector || s.role === "spectator") return phase === "debrief" ? [["debrief", "Debrief", [this.debrief.el]], ["talk", "Latest", [this.log.el]]] : [["talk", "Latest", [this.log.el]]];
    if (phase === "debrief") return [["debrief", "Debrief", [this.debrief.el]], ["talk", "Log", [this.log.el]]];
    if (s.role === "facilitator") {
      if (phase === "lobby") return [["talk", "Log", [this.log.el]]];
      return [
        ["console", "Console", [this.console.el]],
        ["briefing", "Briefings", [this.briefing.el]],
        ["treaty", "Treaty", [this.treaty.el]],
        ["talk", "Talk", [this.talk.el, this.log.el]],
      ];
    }
    return [
      ["briefing", "Briefing", [this.briefing.el]],
      ["actions", "Actions", [this.actions.el]],
      ["treaty", "Treaty", [this.treaty.el, this.builder.el]],
      ["talk", "Talk", [this.talk.el, this.log.el]],
    ];
  }

  private layoutKey = "";

  render(s: ClientState, changed: ReadonlySet<keyof ClientState>): void {
    if (changed.has("connection")) {
      this.conn.textContent = CONNECTION_TEXT[s.connection] ?? s.connection;
      this.conn.className = `conn conn-${s.connection}`;
    }
    if (changed.has("toasts")) this.renderToasts(s);
    if (changed.has("waiting")) this.hold(s.waiting);
    this.renderBanner(s);
    let groups = this.layout(s);
    const key = `${s.role}|${s.pub.phase === "lobby" || s.pub.phase === "debrief" || s.pub.phase === "briefing" ? s.pub.phase : "play"}`;
    if (key !== this.layoutKey) {
      this.layoutKey = key;
      // Phone: every panel is a tab. Laptop: the actions or the console go under the table.
      const phone = this.screen() === "phone";
      const under = phone || this.projector ? [] : groups.filter(([id]) => id === "actions" || id === "console");
      const side = groups.filter((g) => !under.includes(g));
      if (!side.some(([id]) => id === this.active) && side[0]) this.active = side[0][0];
      replace(this.below, ...under.map(([id, label, secs]) => this.group(id, label, ...secs)));
      for (const [id] of under) this.groups.get(id)?.classList.add("active");
      groups = side;
      replace(this.panels, ...groups.map(([id, label, secs]) => this.group(id, label, ...secs)));
      const brief = this.groups.get("briefing");
      if (brief && !phone && s.role === "player") brief.prepend(this.aimsToggle);
      else this.aimsToggle.remove();
      this.collapseAims(!phone && s.role === "player" && s.pub.phase !== "briefing" && s.pub.phase !== "lobby");
      replace(
        this.tabs,
        ...groups.map(([id, label]) =>
          h("button", { type: "button", role: "tab", id: `tabbtn-${id}`, "aria-controls": `tab-${id}`, "aria-selected": String(id === this.active), onclick: () => this.select(id) }, label),
        ),
      );
      this.select(this.active);
      this.el.classList.toggle("in-lobby", s.pub.phase === "lobby" && (s.role === "facilitator" || this.projector));
      this.el.classList.toggle("in-debrief", s.pub.phase === "debrief");
      this.sizeStage();
    }
    if (s.welcome) replace(this.who, s.delegation ? codeTag(s.delegation, nameOf(s.delegation)) : s.role === "facilitator" ? "Facilitator" : "Projector", h("span", { class: "muted" }, ` · ${s.welcome.code}`));
    const p = s.pub;
    this.hud.textContent = `${phaseLabel(p.phase, p.round, p.rounds)} · Momentum ${p.momentum} · Battlefield ${signed(p.battlefield)} · EU unity ${p.euUnity}${p.paused ? " · paused" : ""}`;
    const lobby = p.phase === "lobby" && (s.role === "facilitator" || this.projector);
    if (lobby) this.lobby.render(s);
    this.lobby.el.hidden = !lobby;
    // The room's participation figures (every 2 s at most) concern the console alone.
    if (changed.has("participation") && s.role === "facilitator" && p.phase !== "lobby" && p.phase !== "debrief") this.console.render(s);
    // The simulated games' progress and result concern the debrief alone.
    if (changed.has("simulated") && p.phase === "debrief") this.debrief.render(s);
    if (!changed.has("pub") && !changed.has("briefings") && !changed.has("messages") && !changed.has("welcome") && !changed.has("roster")) return;
    this.log.render(p.table, s.delegation === "BY" || s.role === "facilitator" ? s.briefings.BY?.notes : undefined);
    if (p.phase === "debrief") return this.debrief.render(s);
    if (this.projector || s.role === "spectator") return;
    if (s.role === "facilitator" && p.phase !== "lobby") this.console.render(s);
    this.briefing.render(s);
    this.actions.render(s);
    this.builder.render(s);
    this.treaty.render(s);
    this.talk.render(s);
  }

  /**
   * While a move or command is on its way, every button that sends one is held (disabled), so a
   * double click sends it once; the server's answer (a state change or an error) releases them.
   */
  private hold(on: boolean): void {
    if (on) {
      for (const b of this.el.querySelectorAll<HTMLButtonElement>(".panel button:not(:disabled), .below button:not(:disabled), #phase-banner button:not(:disabled), .lobby button:not(:disabled)")) {
        b.disabled = true;
        b.dataset.held = "1";
      }
    } else {
      for (const b of this.el.querySelectorAll<HTMLButtonElement>("button[data-held]")) {
        b.disabled = false;
        delete b.dataset.held;
      }
    }
  }

  /** The banner line: what the phase asks of you now, with its button(s). Redrawn only when it changes. */
  private renderBanner(s: ClientState): void {
    const b = bannerFor(s, this.projector);
    const key = JSON.stringify(b);
    if (key === this.bannerKey) return;
    this.bannerKey = key;
    if (!b) return replace(this.banner);
    this.banner.dataset.tone = b.tone;
    replace(
      this.banner,
      h("p", { class: "banner-text", role: "status" }, b.text),
      ...b.buttons.map((btn, i) => h("button", { type: "button", class: i === 0 ? "primary" : "", "data-focus": `banner-${btn.kind}-${i}`, onclick: () => this.press(btn) }, btn.label)),
    );
    if (s.waiting) this.hold(true);
  }

  private press(b: BannerButton): void {
    const c = this.connection;
    switch (b.kind) {
      case "ready":
        return c.send({ type: "ready", ready: b.ready });
      case "sign":
        if (b.confirm && !confirm(b.confirm)) return;
        return c.send({ type: "sign", sign: b.sign });
      case "takeSeat":
        return c.takeSeat();
      case "playAgain":
        return this.nav.playAgain();
      case "home":
        return this.nav.home();
    }
  }

  private screen(): "projector" | "laptop" | "phone" {
    return screenClass(innerWidth, this.projector);
  }

  /** The canvas's height, as the layout functions expect it for this screen. */
  private sizeStage(): void {
    const s = this.store.state;
    const screen = this.screen();
    let h = stageSize(screen, innerWidth, innerHeight).h;
    if (screen === "projector") h = Math.max(240, innerHeight - PROJECTOR_CHROME);
    // The facilitator's lobby keeps the table small: the join code and the roster come first.
    if (s.pub.phase === "lobby" && s.role === "facilitator") h = Math.min(h, Math.max(220, Math.round(innerHeight * 0.34)));
    this.stage.style.height = `${h}px`;
  }

  /** Rounds on a laptop: the aims fold to one line each (text and points), their notes hidden. */
  private collapseAims(on: boolean): void {
    this.groups.get("briefing")?.classList.toggle("aims-collapsed", on);
    this.aimsToggle.textContent = on ? "Show aim notes" : "Fold the aims";
    this.aimsToggle.setAttribute("aria-expanded", String(!on));
  }

  private toggleAims(): void {
    this.collapseAims(!this.groups.get("briefing")?.classList.contains("aims-collapsed"));
  }

  private select(id: TabId): void {
    this.active = id;
    for (const [gid, g] of this.groups) g.classList.toggle("active", gid === id || this.below.contains(g));
    for (const b of this.tabs.querySelectorAll("button")) b.setAttribute("aria-selected", String(b.id === `tabbtn-${id}`));
  }

  private tick(): void {
    const left = timeLeft(this.store.state.pub, Date.now());
    this.timer.textContent = left === null ? "" : `${clock(left)}${this.store.state.pub.paused ? " paused" : ""}`;
  }

  private renderToasts(s: ClientState): void {
    replace(
      this.toasts,
      ...s.toasts.map((t) => {
        const el = h("div", { class: "toast", role: "alert" }, t.message, h("button", { type: "button", class: "small", "aria-label": "Dismiss", onclick: () => this.store.dismiss(t.id) }, "×"));
        setTimeout(() => this.store.dismiss(t.id), 6000);
        return el;
      }),
    );
  }
}
