/**
 * The facilitator's console and the server's own moves (timer, seating). They change the
 * flow of the game, never its rules, and are logged and replayed like any move.
 */
import { announce, nameOf, reject, type Ctx } from "./context.ts";
import { advancePhase, applyEvent, finish, settleReadiness, startBriefing } from "./phases.ts";
import type { ControlAction, Rejection } from "./types.ts";

type Handler<T extends ControlAction["type"]> = (c: Ctx, a: Extract<ControlAction, { type: T }>) => Rejection | void;

const running = (c: Ctx) => c.s.phase === "briefing" || c.s.phase === "round" || c.s.phase === "signing";

const start: Handler<"start"> = (c) => {
  if (c.s.phase !== "lobby") return reject("phase/wrong", "The game has already started.");
  startBriefing(c);
};

const pause: Handler<"pause"> = (c) => {
  if (!running(c)) return reject("phase/wrong", "Only a running game can be paused.");
  if (c.s.paused) return reject("rule/no_change", "The talks are already paused.");
  c.s.paused = true;
  c.s.remaining = c.s.deadline ? Math.max(0, c.s.deadline - c.now) : 0;
  announce(c, "pause", "The facilitator pauses the talks.");
};

const resume: Handler<"resume"> = (c) => {
  if (!c.s.paused) return reject("rule/no_change", "The talks are not paused.");
  c.s.paused = false;
  if (c.s.deadline) c.s.deadline = c.now + c.s.remaining;
  c.s.remaining = 0;
  announce(c, "resume", "The talks resume.");
  settleReadiness(c);
};

const advance: Handler<"advance"> = (c) => {
  if (!running(c)) return reject("phase/wrong", c.s.phase === "lobby" ? "Start the game first." : "The game is over.");
  c.s.paused = false;
  advancePhase(c);
};

const extend: Handler<"extend"> = (c, a) => {
  if (!running(c)) return reject("phase/wrong", "Only a running phase can be extended.");
  if (!c.s.deadline) return reject("rule/no_timer", "This phase has no timer; the facilitator advances it.");
  const ms = a.seconds * 1000;
  if (c.s.paused) c.s.remaining += ms;
  else c.s.deadline += ms;
  announce(c, "extend", `The facilitator adds ${a.seconds} seconds.`, { seconds: a.seconds }, true);
};

const inject: Handler<"inject"> = (c, a) => {
  if (c.s.phase !== "round") return reject("phase/wrong", "Events can be injected only during a round.");
  const ev = c.sc.events.find((e) => e.id === a.event);
  if (!ev) return reject("rule/bad_event", `Unknown event "${a.event}"; one of ${c.sc.events.map((e) => e.id).join(", ")}.`);
  applyEvent(c, ev);
};

const setBot: Handler<"setBot"> = (c, a) => {
  if (c.s.phase === "debrief") return reject("phase/over", "The game is over.");
  const d = c.s.delegations[a.delegation];
  if (d.bot === a.bot) return reject("rule/no_change", `${nameOf(c, a.delegation)} is already ${a.bot ? "played by a bot" : "played by students"}.`);
  d.bot = a.bot;
  d.ready = false;
  announce(c, "bot", a.bot ? `A bot takes ${nameOf(c, a.delegation)}'s seat.` : `Students take back ${nameOf(c, a.delegation)}'s seat.`, { delegation: a.delegation, bot: a.bot });
  settleReadiness(c);
};

const end: Handler<"end"> = (c) => {
  if (c.s.phase === "debrief") return reject("phase/over", "The game is already over.");
  announce(c, "end", "The facilitator ends the game.");
  finish(c);
};

const tick: Handler<"tick"> = (c) => {
  if (!running(c) || c.s.paused || !c.s.deadline || c.now < c.s.deadline) return reject("timer/not_due", "The timer has not run out.");
  announce(c, "timer", "Time is up.", undefined, true);
  advancePhase(c);
};

const seatHumans: Handler<"seatHumans"> = (c, a) => {
  c.s.delegations[a.delegation].humans = a.humans;
  if (a.humans === 0) c.s.delegations[a.delegation].ready = false;
  settleReadiness(c);
};

export const CONTROLS: { [T in ControlAction["type"]]: Handler<T> } = {
  start, pause, resume, advance, extend, inject, setBot, end, tick, seatHumans,
};
