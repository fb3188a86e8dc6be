/**
 * Entry point: reads the URL, shows home (or rejoins silently with a saved token), and mounts
 * the game view once this browser is in a session. Phaser is loaded only then, in its own chunk.
 */
import type { Code } from "../shared/rules/types.ts";
import type { CreateConfig, JoinOptions } from "../shared/protocol/messages.ts";
import { Store } from "./model/store.ts";
import { forget, loadSaved, route } from "./model/tokens.ts";
import { Connection } from "./net/Connection.ts";
import { renderHome } from "./ui/home.ts";
import { renderPicker } from "./ui/picker.ts";
import { GameView } from "./ui/GameView.ts";
import { h } from "./ui/dom.ts";
import "./styles.css";

const root = document.getElementById("app") as HTMLElement;
const store = new Store();
const conn = new Connection(store);
const start = route(location.search);
let mounted = false;
/** Phaser is fetched as soon as we know a table will be shown, in parallel with the join. */
let table: Promise<typeof import("./scenes/startTable.ts")> | null = null;
const loadTable = () =>
  (table ??= import("./scenes/startTable.ts").catch((e: unknown) => {
    table = null; // a later mount may try again
    throw e;
  }));

function setUrl(code: string, extra = ""): void {
  history.replaceState(null, "", `/?code=${code}${extra}`);
}

function fail(message: string, retry: () => void): void {
  root.querySelector(".error-banner")?.remove();
  root.prepend(h("div", { class: "error-banner", role: "alert" }, message, " ", h("button", { type: "button", onclick: retry }, "Back")));
}

/** Loads the table scene (and Phaser with it) into the stage; never blocks the panels. */
async function mountGame(projector: boolean): Promise<void> {
  if (mounted) return;
  mounted = true;
  const view = new GameView(store, conn, projector);
  root.replaceChildren(view.el);
  try {
    const { startTable } = await loadTable();
    if (mounted) startTable(view.stage, store, projector);
  } catch {
    // The panels work without the table picture; say so instead of failing silently.
    view.stage.replaceChildren(h("p", { class: "muted", role: "status" }, "The table picture could not load (connection?). Reload to try again; everything else works."));
  }
}

function unmount(): void {
  mounted = false;
  window.__game?.destroy(true);
  window.__game = undefined;
  store.set({ connection: "idle" });
}

function showHome(code = start.code): void {
  const saved = code ? loadSaved(localStorage, code) : {};
  renderHome(root, code, saved.name ?? "", {
    create: (name, config: CreateConfig) => {
      void loadTable().catch(() => undefined);
      conn.create({ name, role: "facilitator", config }).then(
        (w) => (setUrl(w.code, "&role=facilitator"), mountGame(false)),
        (e: Error) => fail(`Could not create a session: ${e.message}`, () => showHome()),
      );
    },
    join: (c, name) => {
      const s = loadSaved(localStorage, c);
      if (s.playerToken) return joinWith(c, { name, role: "player", playerToken: s.playerToken }, () => pick(c, name));
      pick(c, name);
    },
    solo: (delegation: Code, name) => {
      void loadTable().catch(() => undefined);
      conn.create({ name, role: "player", delegation, solo: true }).then(
        (w) => (setUrl(w.code), mountGame(false)),
        (e: Error) => fail(`Could not start a solo game: ${e.message}`, () => showHome()),
      );
    },
    projector: (c) => ((location.href = `/?code=${c}&view=projector`), undefined),
  });
}

function pick(code: string, name: string): void {
  renderPicker(root, code, name, (d) => joinWith(code, { name, role: "player", delegation: d }, () => pick(code, name)), () => showHome(code));
}

/**
 * Joins a session. With `early`, the table is mounted while the join is in flight (a refresh
 * or the projector: the answer is almost always yes), so the first frame does not wait for it.
 */
function joinWith(code: string, options: JoinOptions, onRefused: () => void, early = false): void {
  void loadTable().catch(() => undefined);
  if (early) void mountGame(options.role === "spectator");
  conn.join(code, options).then(
    (w) => (setUrl(w.code, options.role === "facilitator" ? "&role=facilitator" : options.role === "spectator" ? "&view=projector" : ""), mountGame(options.role === "spectator")),
    (e: Error) => {
      if (mounted) unmount();
      // A stale token (game over, or a server that forgot it) must not trap the student.
      if (options.playerToken) forget(localStorage, code, "playerToken");
      if (options.facilitatorToken) forget(localStorage, code, "facilitatorToken");
      if (options.playerToken || options.facilitatorToken) return onRefused();
      fail(`Could not join ${code}: ${e.message}`, onRefused);
    },
  );
}

if (start.code && start.projector) joinWith(start.code, { name: "Projector", role: "spectator" }, () => showHome(), true);
else if (start.code) {
  const saved = loadSaved(localStorage, start.code);
  if (start.facilitator && saved.facilitatorToken)
    joinWith(start.code, { name: saved.name ?? "Facilitator", role: "facilitator", facilitatorToken: saved.facilitatorToken }, () => showHome(), true);
  else if (saved.playerToken) joinWith(start.code, { name: saved.name ?? "", role: "player", playerToken: saved.playerToken }, () => showHome(), true);
  else showHome();
} else showHome();
