/**
 * The replay's controller and frame, in Node: a bot game's log replayed; the controller opens
 * at the briefing, never goes before it, plays at the chosen speed to the end and stops, hands
 * out a step's events only when it moved forward by one; the frame is the public view with the
 * names at the seats, no timer, every back channel, and every sheet once the game is over.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apply, newGame, publicView, Timeline, type GameState, type LogEntry } from "../../shared/rules/index.ts";
import { botMove } from "../../shared/bots/index.ts";
import { seatView } from "../../shared/bots/selfPlay.ts";
import { BASE_MS, ReplayController } from "../../client/replay/controller.ts";
import { frame } from "../../client/replay/frame.ts";

/** A bot game's log, with a line whispered in round 1, as the room would have logged it. */
function botLog(): { entries: LogEntry[]; config: { seed: number; rounds: number } } {
  const config = { seed: 99, rounds: 3 };
  const entries: LogEntry[] = [];
  let s: GameState = newGame(config);
  let now = 1_000;
  const step = (who: LogEntry["who"], action: LogEntry["action"]) => {
    const r = apply(s, action, who, now);
    if (r.ok) (s = r.state), entries.push({ who, action, now }), (now += 500);
    return r.ok;
  };
  for (const c of ["RU", "UA", "US", "EU", "BY"] as const) step("facilitator", { type: "setBot", delegation: c, bot: true });
  step("facilitator", { type: "start" });
  step("facilitator", { type: "advance" });
  step("RU", { type: "say", to: ["BY"], text: "between us" });
  // The rest as the bots play it; the facilitator advances when none has anything more to do.
  for (let guard = 0; s.phase !== "debrief" && guard < 2000; guard++) {
    let moved = false;
    for (const c of ["RU", "UA", "US", "EU", "BY"] as const) {
      const a = botMove(seatView(s, c), c);
      if (a) moved = step(c, a) || moved;
    }
    if (!moved) step("facilitator", { type: "advance" });
  }
  return { entries, config };
}

const members = [
  { name: "Ivan", role: "player" as const, delegation: "RU" as const, kicked: false },
  { name: "Gone", role: "player" as const, delegation: "RU" as const, kicked: true },
  { name: "Teacher", role: "facilitator" as const, delegation: "" as const, kicked: false },
];

describe("replay controller", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("opens at the briefing, steps, plays at its speed and stops at the end", () => {
    const { entries, config } = botLog();
    const tl = new Timeline(config, entries);
    const c = new ReplayController(tl);
    expect(c.at).toBe(tl.roundStarts[0]);
    expect(c.state.phase).toBe("briefing");
    const seen: { at: number; events: number }[] = [];
    c.subscribe((s) => seen.push({ at: s.at, events: s.events.length }));
    c.step(-1);
    expect(c.at).toBe(c.first); // nothing before the briefing
    c.step(1);
    expect(c.at).toBe(c.first + 1);
    expect(seen.at(-1)!.events).toBeGreaterThan(0); // the step's events, for the table's animations
    c.goto(c.first + 5);
    expect(seen.at(-1)!.events).toBe(0); // a jump animates nothing
    c.nextRound();
    expect(c.at).toBe(tl.nextRound(c.first + 5));
    expect(c.state).toEqual(tl.state(c.at));
    c.setSpeed(99);
    expect(c.speed).toBe(8);
    c.setSpeed(0);
    expect(c.speed).toBe(1);
    c.setSpeed(4);
    const from = c.at;
    c.play();
    vi.advanceTimersByTime((BASE_MS / 4) * 3 + 1);
    expect(c.at).toBe(from + 3);
    c.pause();
    vi.advanceTimersByTime(BASE_MS * 10);
    expect(c.at).toBe(from + 3);
    c.play();
    vi.advanceTimersByTime((BASE_MS / 4) * (tl.length + 5));
    expect(c.at).toBe(tl.length);
    expect(c.playing).toBe(false);
    expect(c.state.phase).toBe("debrief");
    c.play(); // at the end, play starts over
    expect(c.at).toBe(c.first);
    c.destroy();
  });
});

describe("replay frame", () => {
  it("shows the public view with names at the seats, no timer, all back channels, and the sheets at the end", () => {
    const { entries, config } = botLog();
    const tl = new Timeline(config, entries);
    const mid = tl.state(tl.roundStarts[2]!); // round 2 opens, after the whisper of round 1
    const f = frame(mid, members);
    const pv = publicView(mid);
    expect(f.pub.momentum).toBe(pv.momentum);
    expect(f.pub.battlefield).toBe(pv.battlefield);
    expect(f.pub.table).toEqual(pv.table);
    expect(f.pub.deadline).toBe(0);
    expect(f.pub.delegations.RU.members.map((m) => m.name)).toEqual(["Ivan"]);
    expect(f.pub.delegations.UA.members).toEqual([]);
    expect(f.messages.some((m) => m.text === "between us")).toBe(true);
    expect(f.briefings).toEqual({});
    const end = frame(tl.state(tl.length), members);
    expect(end.pub.phase).toBe("debrief");
    expect(end.pub.outcome?.id).toBeTruthy();
    expect(Object.keys(end.briefings).sort()).toEqual(["BY", "EU", "RU", "UA", "US"]);
  });
});
