/**
 * A finished game replayed on the table: the replay's log is run through the engine here
 * (shared/rules/replay.ts), and the state at the replay's position feeds the same Store, game
 * view, table scene and panels a live spectator gets — the log and the gauges follow it.
 * Entered from `/?replay=CODE` (this browser's saved seat), `&key=…` (the shared link) and
 * `&view=projector`.
 */
import { Timeline, type LogEntry } from "../../shared/rules/index.ts";
import { scenarios } from "../../shared/scenario/index.ts";
import { Store } from "../model/store.ts";
import { Connection } from "../net/Connection.ts";
import { h } from "../ui/dom.ts";
import { GameView } from "../ui/GameView.ts";
import { ReplayController } from "./controller.ts";
import { ReplayControls } from "./controls.ts";
import { frame } from "./frame.ts";
import { loadReplay } from "./load.ts";
import "./replay.css";

export interface ReplayStart {
  code: string;
  key: string;
  projector: boolean;
  /** Starts the Phaser table in the stage (main.ts loads Phaser lazily). */
  mountTable(stage: HTMLElement, store: Store, projector: boolean): Promise<void>;
}

declare global {
  interface Window {
    /** The replay's controller, for the browser tests. */
    __replay?: ReplayController;
  }
}

export async function startReplay(root: HTMLElement, opts: ReplayStart): Promise<void> {
  root.replaceChildren(h("p", { class: "muted", role: "status" }, `Loading the replay of ${opts.code}…`));
  const loaded = await loadReplay(opts.code, opts.key);
  if (!loaded.ok) {
    root.replaceChildren(h("div", { class: "error-banner", role: "alert" }, loaded.message, " ", h("a", { href: "/" }, "Home")));
    return;
  }
  const body = loaded.body;
  const entries: LogEntry[] = body.entries.map((e) => ({ who: e.who, action: e.action, now: e.time }));
  const sc = scenarios[body.scenario];
  if (!sc) {
    root.replaceChildren(h("div", { class: "error-banner", role: "alert" }, `This game was played in a scenario this page does not know (${body.scenario}): reload to get the current version.`));
    return;
  }
  // The bundle carries no aims (client/replay/aims.ts): the engine scores with the game's own.
  if (sc.objectives.length === 0) sc.objectives.push(...body.objectives);
  let tl: Timeline;
  try {
    tl = new Timeline(body.config, entries, body.scenario);
  } catch (e) {
    root.replaceChildren(h("div", { class: "error-banner", role: "alert" }, `This game's record could not be replayed (${(e as Error).message}).`));
    return;
  }
  const store = new Store();
  const c = new ReplayController(tl);
  const show = (state: typeof c.state) => store.set(frame(state, body.members));
  store.set({ role: "spectator", connection: "idle", ...frame(c.state, body.members) });
  const view = new GameView(store, new Connection(store), opts.projector, { home: () => void (location.href = "/"), playAgain: () => void (location.href = "/") });
  view.el.classList.add("replaying");
  const controls = new ReplayControls(c, { body, ...(body.share && loaded.auth ? { auth: loaded.auth } : {}), projector: opts.projector });
  view.banner.after(controls.el);
  root.replaceChildren(view.el);
  let shown = c.at;
  c.subscribe(({ at, state, events }) => {
    // A jump or a step back has no one cause: the table says so before it redraws.
    if (at !== shown && at !== shown + 1) store.addEvent({ kind: "jump", text: "" });
    shown = at;
    show(state);
    for (const e of events) store.addEvent(e);
  });
  window.__replay = c;
  document.title = `Replay ${body.code} · Seat at the Table`;
  try {
    await opts.mountTable(view.stage, store, opts.projector);
  } catch {
    view.stage.replaceChildren(h("p", { class: "muted", role: "status" }, "The table picture could not load (connection?). Reload to try again; the log and the controls work."));
  }
}
