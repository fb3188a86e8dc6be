/**
 * Bots do what a student in each seat does, in character: the chair convenes and rules, Kyiv
 * vetoes Minsk, Belarus answers Moscow's staging requests and courts Washington, everyone
 * signs only a treaty that beats no deal, and a student's proposal gets an answer with a reason.
 */
import { describe, expect, it } from "vitest";
import { botMove } from "../../shared/bots/index.ts";
import { apply, newGame, view, type Action, type Code, type GameState, type PlayerAction, type Who } from "../../shared/rules/index.ts";

function game(config = {}): { s: GameState; act: (who: Who, a: Action) => void } {
  const box = { s: newGame({ roundSeconds: 0, events: false, seed: 3, ...config }) };
  const act = (who: Who, a: Action) => {
    const r = apply(box.s, a, who, 0);
    if (!r.ok) throw new Error(`${who} ${JSON.stringify(a)}: ${r.code} ${r.message}`);
    box.s = r.state;
  };
  return {
    get s() {
      return box.s;
    },
    act,
  };
}

/** Everything a bot does now until it passes (each move applied), at most `limit` moves. */
function drain(g: ReturnType<typeof game>, me: Code, limit = 30): PlayerAction[] {
  const done: PlayerAction[] = [];
  for (let i = 0; i < limit; i++) {
    const a = botMove(view(g.s, me), me);
    if (!a) break;
    g.act(me, a);
    done.push(a);
  }
  return done;
}

describe("botMove", () => {
  it("as chair convenes the talks in the briefing, then is ready", () => {
    const g = game();
    g.act("facilitator", { type: "start" });
    const moves = drain(g, "US");
    expect(moves.find((a) => a.type === "setVenue")).toBeTruthy();
    expect(moves.at(-1)).toEqual({ type: "ready", ready: true });
    expect(g.s.venue).not.toBe("");
    expect(botMove(view(g.s, "US"), "US")).toBeNull();
  });

  it("as Ukraine vetoes Minsk as a venue", () => {
    let vetoed = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const g = game({ seed });
      g.act("facilitator", { type: "start" });
      g.act("US", { type: "setVenue", venue: "Minsk" });
      if (drain(g, "UA").some((a) => a.type === "vetoVenue")) vetoed++;
    }
    expect(vetoed).toBeGreaterThanOrEqual(7);
  });

  it("as chair rules on a pending seat motion, and Belarus asks Moscow for its seat from outside the room", () => {
    const g = game();
    g.act("facilitator", { type: "start" });
    g.act("facilitator", { type: "advance" });
    g.act("RU", { type: "seatMotion", delegation: "BY", seat: "party" });
    const ruling = drain(g, "US").find((a) => a.type === "ruleMotion");
    expect(ruling).toMatchObject({ type: "ruleMotion", motion: g.s.motions[0]!.id });
    const by = drain(g, "BY");
    expect(by[0]).toMatchObject({ type: "say", to: ["RU"] });
    // Whatever it signals while its seat is pending, Moscow's trust stays at the floor or above (¶11).
    expect(g.s.belarus.trust).toBeGreaterThanOrEqual(4);
  });

  it("as Belarus answers a staging request", () => {
    const g = game();
    g.act("facilitator", { type: "start" });
    g.act("facilitator", { type: "advance" });
    g.act("RU", { type: "signal", signal: "stagingRequest" });
    const first = botMove(view(g.s, "BY"), "BY");
    expect(first?.type).toBe("respondStaging");
  });

  it("signs a treaty that beats no deal and refuses one that does not", () => {
    const g = game();
    g.act("facilitator", { type: "start" });
    g.act("facilitator", { type: "advance" });
    const propose = (who: Code, clause: object) => {
      g.act(who, { type: "propose", clause } as Action);
      return g.s.clauses.at(-1)!.id;
    };
    const support = (id: string, ...who: Code[]) => who.forEach((c) => g.s.clauses.find((x) => x.id === id)!.stances[c] !== "support" && g.act(c, { type: "stance", clause: id, stance: "support" }));
    support(propose("US", { type: "ceasefire" }), "RU", "UA");
    support(propose("RU", { type: "territoryDeferred" }), "UA", "US");
    while (g.s.phase === "round") g.act("facilitator", { type: "advance" });
    expect(g.s.phase).toBe("signing");
    // Russia gains territory; Ukraine gets a treaty with no guarantor behind it (worse than no deal).
    expect(botMove(view(g.s, "RU"), "RU")).toEqual({ type: "sign", sign: true });
    expect(botMove(view(g.s, "UA"), "UA")).toEqual({ type: "sign", sign: false });
    expect(botMove(view(g.s, "US"), "US")).toEqual({ type: "sign", sign: true });
  });

  it("answers a student's proposal with support or opposition and a reason, then takes the stance", () => {
    const g = game();
    g.act("facilitator", { type: "start" });
    for (const c of ["RU", "US", "EU", "BY"] as Code[]) g.act("facilitator", { type: "setBot", delegation: c, bot: true });
    g.act("system", { type: "seatHumans", delegation: "UA", humans: 1 });
    g.act("facilitator", { type: "advance" });
    g.act("UA", { type: "propose", clause: { type: "guaranteesUkraine", guarantors: ["US", "EU"] } });
    const id = g.s.clauses.at(-1)!.id;
    const moves = drain(g, "RU");
    const i = moves.findIndex((a) => a.type === "stance" && a.clause === id);
    expect(i).toBeGreaterThan(0);
    const said = moves[i - 1]!;
    expect(said.type).toBe("say");
    expect((said as { text: string }).text).toMatch(/^Guarantees for Ukraine by United States, European Union: \S/);
    // Said once: the next call does not repeat it.
    expect(moves.filter((a) => a.type === "say" && a.text.startsWith("Guarantees for Ukraine")).length).toBe(1);
  });

  it("never returns the same action forever: every bot runs out of moves in every phase", () => {
    const g = game({ events: true });
    g.act("facilitator", { type: "start" });
    while (g.s.phase !== "debrief") {
      for (const c of ["RU", "UA", "US", "EU", "BY"] as Code[]) expect(drain(g, c, 60).length).toBeLessThan(60);
      if ((g.s.phase as string) !== "debrief") g.act("facilitator", { type: "advance" });
    }
  });
});

describe("botLine", () => {
  it("voices a seat in character without moving it, varied across games", async () => {
    const { botLine } = await import("../../shared/bots/index.ts");
    const lines = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const g = game({ seed, events: true });
      g.act("facilitator", { type: "start" });
      g.act("facilitator", { type: "advance" });
      g.act("facilitator", { type: "advance" });
      for (const c of ["RU", "UA", "US", "EU", "BY"] as Code[]) {
        const l = botLine(view(g.s, c), c, "round");
        if (l) {
          expect(l.to === "table" || (Array.isArray(l.to) && l.to.length > 0 && !l.to.includes(c))).toBe(true);
          expect(l.text.length).toBeGreaterThan(10);
          expect(l.text.length).toBeLessThanOrEqual(500);
          lines.add(l.text);
        }
      }
    }
    expect(lines.size).toBeGreaterThanOrEqual(8);
    expect(botLine(view(newGame(), "spectator"), "RU", "round")).toBeNull();
  });
});
