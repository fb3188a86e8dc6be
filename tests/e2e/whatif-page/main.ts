/**
 * A test page for the what-if panel, standing in for the replay that will host it: it rebuilds
 * the same recorded game the server's store holds (tests/bots/liveGame.ts, from its seed), and
 * gives the panel the position a replay would, with steps back and forward that call `update()`.
 * Built by tests/e2e/whatIf.test.ts only; never part of the product.
 */
import "../../../client/styles.css";
import { mountWhatIf } from "../../../client/ui/whatIf.ts";
import { liveGame } from "../../bots/liveGame.ts";

const q = new URLSearchParams(location.search);
const game = liveGame(Number(q.get("seed")), 2, q.get("solo") ? { solo: true } : {});
let at = Number(q.get("at") ?? 0);
const panel = mountWhatIf({
  code: q.get("code") ?? "",
  auth: q.get("token") ?? "",
  ...(q.get("games") ? { games: Number(q.get("games")) } : {}),
  position: () => ({ at, round: game.states[at]!.round, state: game.states[at]!, next: game.spec.entries[at] }),
});
const label = document.createElement("span");
const step = (d: number) => () => {
  at = Math.max(0, Math.min(game.spec.entries.length, at + d));
  label.textContent = `Log entry ${at} of ${game.spec.entries.length}`;
  panel.update();
};
const nav = document.createElement("p");
const back = Object.assign(document.createElement("button"), { textContent: "Step back", type: "button" });
const forward = Object.assign(document.createElement("button"), { textContent: "Step forward", type: "button" });
back.addEventListener("click", step(-1));
forward.addEventListener("click", step(1));
nav.append(back, " ", forward, " ", label);
step(0)();
document.getElementById("page")!.append(nav, panel.el);
