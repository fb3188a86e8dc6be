/** The client's view-models: pure functions the panels and the scene rely on, tested in Node. */
import { describe, expect, it } from "vitest";
import { CLAUSE_TYPES, type AimView, type Clause, type Code, type Move, type PrivateMessage } from "../../shared/rules/types.ts";
import { briefing, newGame } from "../../shared/rules/index.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import { buildDraft, draftAction, fieldsFor } from "../../client/model/clauseDraft.ts";
import { backChannelMatrix, participation, ranking, story } from "../../client/model/debrief.ts";
import { clauseTitle, clock, phaseLabel, signed, timeLeft } from "../../client/model/format.ts";
import { actionPanelMoves, moveLabel, movesFor } from "../../client/model/moves.ts";
import { COLOURS, nameOf, stanceMark } from "../../client/model/palette.ts";
import { normalize, seating } from "../../client/model/publicState.ts";
import { Store } from "../../client/model/store.ts";
import { channel, logLine, pairs } from "../../client/model/talk.ts";
import { cleanCode, loadSaved, route, save, type KeyValue } from "../../client/model/tokens.ts";
import { missingSupport, redLines, requiredSupporters } from "../../client/model/treaty.ts";

/** A delegation's aims as its briefing carries them (the engine's own sheet). */
const aimsOf = (code: Code): AimView[] => briefing(newGame({ seed: 1 }), code).aims;
const clause = (over: Partial<Clause>): Clause => ({ id: "c1", type: "ceasefire", params: {}, proposer: "RU", status: "proposed", stances: {}, round: 1, ...over });

describe("format", () => {
  it("shows timers as mm:ss, never negative", () => {
    expect(clock(250_000)).toBe("04:10");
    expect(clock(-5)).toBe("00:00");
    expect(timeLeft({ deadline: 10_000, paused: false, remaining: 0 }, 4_000)).toBe(6_000);
    expect(timeLeft({ deadline: 0, paused: false, remaining: 0 }, 4_000)).toBeNull();
    expect(timeLeft({ deadline: 10_000, paused: true, remaining: 7_000 }, 9_999)).toBe(7_000);
  });
  it("labels phases, signs and clauses from the scenario", () => {
    expect(phaseLabel("round", 3, 6)).toBe("Round 3/6");
    expect(signed(2)).toBe("+2");
    expect(signed(-3)).toBe("−3");
    expect(clauseTitle("guaranteesUkraine", { guarantors: ["TR", "US"] })).toBe(`${minskWindow.clauses.guaranteesUkraine.label} — Guarantors: Türkiye, United States`);
    expect(nameOf("BY")).toBe("Belarus");
    expect(stanceMark("support") + stanceMark("oppose") + stanceMark(undefined)).toBe("✓✗·");
    expect(Object.keys(COLOURS)).toEqual(["RU", "UA", "US", "EU", "BY"]);
  });
});

describe("normalize", () => {
  it("fills defaults from the scenario and parses JSON text fields", () => {
    const empty = normalize({});
    expect(empty.momentum).toBe(minskWindow.tracks.momentum.start);
    expect(empty.delegations.BY.seat).toBe("absent");
    expect(empty.chair).toBe("US");
    const p = normalize({
      phase: "round",
      delegations: { BY: { seat: "party", members: [{ name: "Ana", connected: false }] } },
      clauses: [{ id: "c2", type: "peacekeepers", params: '{"contributors":["BY","UN"]}', proposer: "RU", status: "agreed", stances: { RU: "support", XX: "oppose" } }],
      outcome: { id: "no_deal", scores: { RU: 1 }, breakdown: '{"RU":[{"aim":"x","text":"t","ref":"¶1","points":1}]}', inForce: [] },
    });
    expect(p.clauses[0].params.contributors).toEqual(["BY", "UN"]);
    expect(p.clauses[0].stances).toEqual({ RU: "support" });
    expect(p.delegations.BY.members[0]).toMatchObject({ name: "Ana", connected: false });
    expect(p.outcome?.breakdown.RU[0].ref).toBe("¶1");
    expect(seating(p).anteroom).toEqual([]);
    expect(normalize({ clauses: [{ params: "{broken" }] }).clauses[0].params).toEqual({});
  });
});

describe("treaty", () => {
  const p = normalize({ euUnity: 6, delegations: { BY: { seat: "party" } } });
  it("needs Russia, Ukraine and the chair, plus listed guarantors and Belarus on its own matters", () => {
    expect(requiredSupporters(clause({}), p)).toEqual(["RU", "UA", "US"]);
    expect(requiredSupporters(clause({ type: "guaranteesUkraine", params: { guarantors: ["EU", "TR"] } }), p)).toEqual(["RU", "UA", "US", "EU"]);
    expect(requiredSupporters(clause({ type: "sanctionsRelief", params: { target: "BY", issuer: "EU", level: "partial" } }), p)).toEqual(["RU", "UA", "US", "EU", "BY"]);
    const low = normalize({ euUnity: minskWindow.euBlockUnity });
    expect(requiredSupporters(clause({ type: "sanctionsRelief", params: { target: "RU", issuer: "EU", level: "full" } }), low)).toEqual(["RU", "UA", "US"]);
    expect(missingSupport(clause({ stances: { RU: "support", UA: "oppose" } }), p)).toEqual(["UA", "US"]);
  });
  it("warns of red lines from the viewer's own negative aims", () => {
    expect(redLines(aimsOf("UA"), clause({ type: "aidFreeze" })).map((o) => o.id)).toContain("ua-aid-freeze");
    expect(redLines(aimsOf("BY"), clause({ type: "sanctionsRelief", params: { target: "BY", issuer: "US", level: "full", condition: "democratization" } })).map((o) => o.id)).toEqual(["by-democratization"]);
    expect(redLines(aimsOf("BY"), clause({ type: "ceasefire" }))).toEqual([]);
  });
});

describe("clause builder", () => {
  it("offers the right parameters and builds a valid action for every clause type", async () => {
    for (const type of CLAUSE_TYPES) {
      const lists = { guarantors: ["US", "TR"] as const, contributors: ["UN"] as const };
      const v = { type, lists: { guarantors: [...lists.guarantors], contributors: [...lists.contributors] }, choices: { target: "BY", issuer: "EU", level: "full", condition: "prisoners" } };
      const r = await draftAction("propose", v);
      expect(r.ok, `${type}: ${r.ok ? "" : r.message}`).toBe(true);
    }
    expect(fieldsFor("sanctionsRelief", "RU").map((f) => f.key)).toEqual(["target", "issuer", "level"]);
    // ¶14: relief for Belarus is not tabled; it comes only as a parity claim.
    expect(fieldsFor("sanctionsRelief", "BY").map((f) => f.key)).toEqual(["target", "issuer", "level"]);
    expect(buildDraft({ type: "sanctionsRelief", lists: {}, choices: { target: "BY", issuer: "EU", level: "full", condition: "prisoners" } })).toEqual({ type: "sanctionsRelief", target: "RU", issuer: "EU", level: "full" });
    expect(buildDraft({ type: "guaranteesBelarus", lists: { guarantors: ["US", "CN", "EU"] }, choices: {} })).toEqual({ type: "guaranteesBelarus", guarantors: ["CN", "US"] });
    expect(buildDraft({ type: "ceasefire", lists: {}, choices: { target: "RU" } })).toEqual({ type: "ceasefire" });
  });
  it("rejects a list clause with nobody listed before it is sent", async () => {
    const r = await draftAction("propose", { type: "peacekeepers", lists: {}, choices: {} });
    expect(r.ok).toBe(false);
  });
});

describe("moves", () => {
  const mv = (over: Partial<Move>): Move => ({ key: "k", type: "signal", label: "Pardon wave", cost: 1, ok: true, ...over });
  it("puts clause-bound moves on the clause and the rest in the actions panel", () => {
    const moves = [
      mv({}),
      mv({ key: "s", type: "stance", action: { type: "stance", clause: "c1", stance: "support" } }),
      mv({ key: "t", type: "torpedo", cost: 2, label: "Walk out (torpedo) over: Ceasefire", action: { type: "torpedo", target: "c1" } }),
      mv({ key: "m", type: "seatMotion", label: "Move that Belarus sit as party" }),
      mv({ key: "r", type: "ready", cost: 0, label: "Ready" }),
    ];
    expect(actionPanelMoves(moves).map((g) => [g.title, g.moves.map((m) => m.key)])).toEqual([["Signals", ["k"]], ["Seats", ["m"]]]);
    expect(movesFor(moves, "c1").map((m) => m.key)).toEqual(["s", "t"]);
    expect(moveLabel(moves[2])).toBe(`Walk out (torpedo) over: Ceasefire — 2 influence, ${signed(minskWindow.torpedoMomentum)} momentum`);
    expect(moveLabel(mv({ cost: 0, label: "Nobel pledge" }))).toBe("Nobel pledge");
  });
});

describe("talk and debrief", () => {
  const msgs: PrivateMessage[] = [
    { id: "m1", from: "BY", to: ["RU"], text: "a", round: 1 },
    { id: "m2", from: "RU", to: ["BY", "US"], text: "b", round: 1 },
    { id: "m2", from: "RU", to: ["BY", "US"], text: "b", round: 1 },
    { id: "m3", from: "US", to: ["EU"], text: "c", round: 2 },
  ];
  it("filters back channels and counts who wrote to whom once per message", () => {
    expect(channel(msgs, "BY", "RU").map((m) => m.id)).toEqual(["m1", "m2", "m2"]);
    expect(pairs(msgs).map((p) => p.key).sort()).toEqual(["BY-RU", "EU-US", "RU-US"]);
    const m = backChannelMatrix(msgs);
    expect([m.BY.RU, m.RU.BY, m.RU.US, m.US.EU, m.EU.US]).toEqual([1, 1, 1, 1, 0]);
    const table = [
      { kind: "say" as const, from: "RU", text: "hi", round: 1 },
      { kind: "press" as const, from: "BY", text: "we", round: 1 },
      { kind: "event" as const, from: "", text: "Round 2", round: 2 },
    ];
    expect(participation(table, msgs).BY).toEqual({ table: 1, back: 1 });
    expect(story(table).map((r) => r.round)).toEqual([1, 2]);
    expect(logLine(table[1]).who).toContain("press statement");
    expect(ranking({ id: "no_deal", scores: { RU: 1, UA: 5, US: 0, EU: -1, BY: 2 }, breakdown: {} as never, credibility: 0, treatyInForce: false, inForce: [], revealed: [] })).toEqual(["UA", "BY", "RU", "US", "EU"]);
  });
});

describe("store and tokens", () => {
  it("keeps back-channel messages unique by id and briefings per delegation", () => {
    const s = new Store();
    let calls = 0;
    s.subscribe(() => calls++);
    s.addMessages([{ id: "a", from: "BY", to: ["RU"], text: "x", round: 1 }]);
    s.addMessages([{ id: "a", from: "BY", to: ["RU"], text: "x", round: 1 }, { id: "b", from: "RU", to: ["BY"], text: "y", round: 1 }]);
    expect(s.state.messages.map((m) => m.id)).toEqual(["a", "b"]);
    s.toast("rule/x", "no");
    expect(s.state.toasts).toHaveLength(1);
    expect(calls).toBe(3);
  });
  it("saves tokens per join code and reads the route from the URL", () => {
    const map = new Map<string, string>();
    const kv: KeyValue = { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
    save(kv, "abc123", { playerToken: "t".repeat(24) });
    save(kv, "ABC123", { name: "Ana" });
    expect(loadSaved(kv, "ABC123")).toEqual({ playerToken: "t".repeat(24), name: "Ana" });
    expect(loadSaved(kv, "ZZZ999")).toEqual({});
    expect(cleanCode(" hk4 tqm ")).toBe("HK4TQM");
    expect(route("?code=hk4tqm&view=projector")).toEqual({ code: "HK4TQM", projector: true, facilitator: false });
  });
});
