/**
 * Entry point: reads the URL, shows home (or rejoins silently with a saved token), and mounts
 * the game view once this browser is in a session. Phaser is loaded only then, in its own chunk.
 */
import type { Code } from "../shared/rules/types.ts";
import type { CreateConfig, JoinOptions } from "../shared/protocol/messages.ts";
import { Store } from "./model/store.ts";
import { cleanCode, forget, loadSaved, route } from "./model/tokens.ts";
import { checkCode, Connection, refusalReason, tokenIsDead } from "./net/Connection.ts";
import { renderHome } from "./ui/home.ts";
import { renderPicker } from "./ui/picker.ts";
import { GameView } from "./ui/GameView.ts";
import { h } from "./ui/dom.ts";
import { CODES } from "./model/palette.ts";
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
  const view = new GameView(store, conn, projector, {
    home: () => void (location.href = "/"),
    // A fresh page starts the new solo game: nothing of the old one lingers in memory.
    playAgain: () => {
      const d = store.state.delegation ?? "BY";
      const name = store.state.welcome ? (loadSaved(localStorage, store.state.welcome.code).name ?? "") : "";
      location.href = `/?play=${d}${name ? `&name=${encodeURIComponent(name)}` : ""}`;
    },
  });
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
  // The game view goes too: a refused join leaves the banner, not an empty lobby under it.
  root.replaceChildren();
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
    join: (c, name, say) => {
      const s = loadSaved(localStorage, c);
      if (s.playerToken) return joinWith(c, { name, role: "player", playerToken: s.playerToken }, () => void checkThenPick(c, name, say));
      void checkThenPick(c, name, say);
    },
    solo: startSolo,
    projector: (c) => ((location.href = `/?code=${c}&view=projector`), undefined),
  });
}

function startSolo(delegation: Code, name: string): void {
  void loadTable().catch(() => undefined);
  conn.create({ name, role: "player", delegation, solo: true }).then(
    (w) => (setUrl(w.code), mountGame(false)),
    (e: Error) => fail(`Could not start a solo game: ${e.message}`, () => showHome()),
  );
}

/** The code is checked before the picker opens: a wrong one is said in words, under the form. */
async function checkThenPick(code: string, name: string, say: (problem: string) => void): Promise<void> {
  const r = await checkCode(code);
  if (!r.ok) return say(r.message);
  if (r.finished) return say(`The game ${code} is over: ask your teacher for the new code.`);
  if (r.solo) return say(`${code} is someone's solo game: you can only watch it ("Open projector view").`);
  pick(code, name, r.teams);
}

function pick(code: string, name: string, teams: Partial<Record<Code, number>> = {}): void {
  renderPicker(root, code, name, (d) => joinWith(code, { name, role: "player", delegation: d }, () => pick(code, name, teams)), () => showHome(code), teams);
}

/** Waits before the next try of a token rejoin: 1, 2, 4, 8, then 15 s between tries. */
const retryDelay = (attempt: number): number => Math.min(15_000, 1000 * 2 ** attempt);
/** Bumped by "Stop" and by any new join: a pending retry of an older one then does nothing. */
let joinRun = 0;

/** Says, in words on the page, that a rejoin is waiting for the server and will try again. */
function showRetrying(code: string, why: string, seconds: number, stop: () => void): void {
  root.querySelector(".rejoin-status")?.remove();
  const banner = h(
    "div",
    { class: "error-banner rejoin-status", role: "status" },
    `Reconnecting to ${code}: ${why}. Your seat is kept; trying again in ${seconds} s… `,
    h("button", { type: "button", onclick: stop }, "Stop and go home"),
  );
  if (!root.querySelector(".home, .picker")) root.replaceChildren(banner);
  else root.prepend(banner);
}

function whyNot(e: unknown): string {
  const reason = refusalReason(e);
  const msg = e instanceof Error ? e.message : String(e);
  if (/locked/i.test(msg)) return "the session is full or busy right now";
  if (reason === "join/moving") return "the game is moving to another server";
  if (/not found|disposed/i.test(msg)) return "the session is not open yet (the server may be restarting)";
  if (reason === "create/too_many" || /too many/i.test(msg)) return "the server is busy";
  if (/fetch|network|failed|ECONN|offline/i.test(msg)) return "the server cannot be reached";
  return reason || "the server did not answer";
}

/**
 * Joins a session. With `early`, the table is mounted while the join is in flight (a refresh
 * or the projector: the answer is almost always yes), so the first frame does not wait for it.
 * A rejoin with a saved token forgets the token only when the server says it is dead
 * (`join/bad_token`, `join/not_facilitator`); any other failure keeps it and tries again, with
 * backoff, saying so on the page.
 */
function joinWith(code: string, options: JoinOptions, onRefused: () => void, early = false, attempt = 0): void {
  const run = attempt === 0 ? ++joinRun : joinRun;
  void loadTable().catch(() => undefined);
  if (early) void mountGame(options.role === "spectator");
  conn.join(code, options).then(
    (w) => {
      root.querySelector(".rejoin-status")?.remove();
      setUrl(w.code, options.role === "facilitator" ? "&role=facilitator" : options.role === "spectator" ? "&view=projector" : "");
      return mountGame(options.role === "spectator");
    },
    (e: Error) => {
      if (run !== joinRun) return;
      if (mounted) unmount();
      const withToken = !!(options.playerToken || options.facilitatorToken);
      if (withToken && !tokenIsDead(e)) {
        // A game moving to another server is back within seconds: ask again every second.
        const wait = refusalReason(e) === "join/moving" ? 1000 : retryDelay(attempt);
        showRetrying(code, whyNot(e), Math.round(wait / 1000), () => (joinRun++, showHome(code)));
        setTimeout(() => run === joinRun && joinWith(code, options, onRefused, false, attempt + 1), wait);
        return;
      }
      // The server says the token is dead (game over and gone, kicked, another game's).
      if (options.playerToken) forget(localStorage, code, "playerToken");
      if (options.facilitatorToken) forget(localStorage, code, "facilitatorToken");
      if (withToken) return onRefused();
      // Said in words: an unknown code is the teacher's typo, not Colyseus's "room … not found".
      const why = /not found/i.test(e.message) ? "there is no game with that code (check it, then try again)" : e.message;
      fail(`Could not join ${code}: ${why}`, onRefused);
    },
  );
}

const again = new URLSearchParams(location.search);
const playAs = again.get("play") as Code | null;
const replayCode = cleanCode(again.get("replay") ?? "");
if (replayCode) {
  // A finished game replayed from its log: its own module, Phaser loaded as for a live table.
  void import("./replay/index.ts").then(({ startReplay }) =>
    startReplay(root, {
      code: replayCode,
      key: again.get("key") ?? "",
      projector: again.get("view") === "projector",
      mountTable: async (stage, s, projector) => void (await loadTable()).startTable(stage, s, projector),
    }),
  ).catch(() => root.replaceChildren(h("div", { class: "error-banner", role: "alert" }, "The replay could not load (connection?). Reload to try again.")));
} else if (playAs && (CODES as readonly string[]).includes(playAs)) {
  history.replaceState(null, "", "/");
  root.replaceChildren(h("p", { class: "muted", role: "status" }, "Starting a new game…"));
  startSolo(playAs, (again.get("name") ?? "").trim().slice(0, 40) || "Player");
} else if (start.code && start.projector) joinWith(start.code, { name: "Projector", role: "spectator" }, () => showHome(), true);
else if (start.code) {
  const saved = loadSaved(localStorage, start.code);
  if (start.facilitator && saved.facilitatorToken)
    joinWith(start.code, { name: saved.name ?? "Facilitator", role: "facilitator", facilitatorToken: saved.facilitatorToken }, () => showHome(), true);
  else if (saved.playerToken) {
    store.set({ solo: !!saved.solo });
    joinWith(start.code, { name: saved.name ?? "", role: "player", playerToken: saved.playerToken }, () => showHome(), true);
  }
  else showHome();
} else showHome();
