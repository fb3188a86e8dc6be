/**
 * "What if the bots played on from here?" (shared/bots/whatIf.ts, shared/rules/flip.ts): a game
 * recorded as a room records it (every accepted move logged with its clock, students in some
 * seats), then rebuilt at points of its log and played on by the bots.
 */
import { describe, expect, it } from "vitest";
import { playOn, stateAt, whatIfStart } from "../../shared/bots/whatIf.ts";
import { applyFlip, flipChoices, loggedDecision, sameAction } from "../../shared/rules/flip.ts";
import { apply, DELEGATIONS, type Action } from "../../shared/rules/index.ts";
import { liveGame } from "./liveGame.ts";

const game = liveGame(41);
const { entries } = game.spec;
/** Points just before a delegation's decision (not talk, not readiness), where a flip is offered. */
const decisions = entries.map((e, i) => i).filter((i) => loggedDecision(game.states[i]!, entries[i]) && entries[i]!.action.type !== "ready");

describe("what-if: the start", () => {
  it("the game recorded has decisions to flip and ends in the debrief", () => {
    expect(game.states.at(-1)!.phase).toBe("debrief");
    expect(decisions.length).toBeGreaterThan(5);
  });

  it("rebuilds the exact state the live game held after each point of its log", () => {
    const points = [0, 1, ...entries.map((_, i) => i).filter((i) => i % 9 === 0), entries.length];
    for (const at of points) expect(stateAt(game.spec, at), `at ${at}`).toEqual(game.states[at]);
  });

  it("plays on from that state: tracks, clauses and round as they were, every seat handed to its bot", () => {
    for (const at of [3, decisions[2]!, decisions.at(-2)!]) {
      const start = whatIfStart({ ...game.spec, at });
      if (!start.ok) throw new Error(start.message);
      const real = game.states[at]!;
      const s = start.state;
      for (const k of ["round", "momentum", "battlefield", "euUnity", "clauses", "motions", "belarus", "deck", "rng"] as const) expect(s[k], `${k} at ${at}`).toEqual(real[k]);
      expect(s.phase === real.phase || real.phase === "lobby").toBe(true);
      for (const c of DELEGATIONS) {
        expect(s.delegations[c].bot).toBe(true);
        expect(s.delegations[c].influence).toBe(real.delegations[c].influence);
      }
    }
  });

  it("refuses a point outside the log or after the game's end, and plays nothing", () => {
    expect(whatIfStart({ ...game.spec, at: -1 })).toMatchObject({ ok: false, code: "whatif/at" });
    expect(whatIfStart({ ...game.spec, at: entries.length + 1 })).toMatchObject({ ok: false, code: "whatif/at" });
    expect(whatIfStart({ ...game.spec, at: 1.5 })).toMatchObject({ ok: false, code: "whatif/at" });
    expect(whatIfStart({ ...game.spec, at: entries.length })).toMatchObject({ ok: false, code: "whatif/over" });
  });
});

describe("what-if: flipping a decision", () => {
  it("offers only moves the engine takes from the same seat there, never the logged one", () => {
    for (const at of decisions.slice(0, 12)) {
      const s = game.states[at]!;
      const next = entries[at]!;
      const choices = flipChoices(s, next);
      for (const c of choices) {
        expect(sameAction(c.action, next.action)).toBe(false);
        expect(apply(s, c.action, next.who, next.now).ok, `${c.label} at ${at}`).toBe(true);
        expect(c.text.length).toBeGreaterThan(0);
      }
    }
  });

  it("puts moves of the logged kind first (Allow beside Refuse, Approve beside Deny)", () => {
    const at = decisions.find((i) => flipChoices(game.states[i]!, entries[i]).some((c) => c.action.type === entries[i]!.action.type));
    expect(at).toBeDefined();
    expect(flipChoices(game.states[at!]!, entries[at!])[0]!.action.type).toBe(entries[at!]!.action.type);
  });

  it("a flipped decision is applied in place of the logged one, as the seat's own move", () => {
    const at = decisions.find((i) => flipChoices(game.states[i]!, entries[i]).length > 0)!;
    const choice = flipChoices(game.states[at]!, entries[at])[0]!;
    const f = applyFlip(game.states[at]!, entries[at], choice.action, entries[at]!.now);
    expect(f.ok).toBe(true);
    const direct = apply(game.states[at]!, choice.action, entries[at]!.who, entries[at]!.now);
    expect(f.ok && direct.ok && f.state).toEqual(direct.ok && direct.state);
    const start = whatIfStart({ ...game.spec, at, flip: choice.action });
    expect(start).toMatchObject({ ok: true, flipped: entries[at]!.who });
  });

  it("refuses an illegal flip, the logged move itself, talk, and a flip where no decision is logged", () => {
    const at = decisions[0]!;
    expect(whatIfStart({ ...game.spec, at, flip: { type: "ruleMotion", motion: "m99", approve: true } })).toMatchObject({ ok: false, code: "whatif/illegal" });
    expect(whatIfStart({ ...game.spec, at, flip: { type: "signal", signal: "nonsense" } as unknown as Action })).toMatchObject({ ok: false, code: "whatif/illegal" });
    expect(whatIfStart({ ...game.spec, at, flip: { type: "advance" } as Action })).toMatchObject({ ok: false, code: "whatif/illegal" });
    expect(whatIfStart({ ...game.spec, at, flip: entries[at]!.action })).toMatchObject({ ok: false, code: "whatif/same_move" });
    expect(whatIfStart({ ...game.spec, at, flip: { type: "say", to: "table", text: "hi" } as Action })).toMatchObject({ ok: false, code: "whatif/not_decision" });
    const control = entries.findIndex((e) => e.who === "facilitator" || e.who === "system");
    expect(whatIfStart({ ...game.spec, at: control, flip: { type: "ready", ready: true } })).toMatchObject({ ok: false, code: "whatif/no_decision" });
    expect(flipChoices(game.states[control]!, entries[control])).toEqual([]);
  });
});

describe("what-if: playing on", () => {
  const at = decisions[3]!;
  const start = whatIfStart({ ...game.spec, at });
  if (!start.ok) throw new Error(start.message);

  it("is deterministic for a seed and never changes its start", () => {
    const before = structuredClone(start.state);
    const a = playOn(start.state, start.now, 7);
    const b = playOn(start.state, start.now, 7);
    expect(a.state).toEqual(b.state);
    expect(a.rejected).toEqual([]);
    expect(a.state.phase).toBe("debrief");
    expect(start.state).toEqual(before);
  });

  it("draws the chance still to come anew for each seed: the runs do not all end alike", () => {
    const ends = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => JSON.stringify(playOn(start.state, start.now, seed).outcome.scores)));
    expect(ends.size).toBeGreaterThan(1);
  });

  it("keeps what happened before the point: the log's table lines up to it open every run's table", () => {
    const real = game.states[at]!;
    const r = playOn(start.state, start.now, 3);
    expect(r.state.table.slice(0, real.table.length)).toEqual(real.table);
  });
});
