/**
 * Malformed is not illegal (STYLE habit 2): junk payloads and rule-breaking actions never throw
 * out of `apply`; they come back as {ok:false, code, message} with a stable namespaced code, and
 * the (deep-frozen) input state is left exactly as it was.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, legalMoves, type Action, type GameState, type Rejection, type Who } from "../../shared/rules/index.ts";
import { atRound, deepFreeze, Table } from "./harness.ts";

const WHO: Who[] = ["RU", "UA", "US", "EU", "BY", "facilitator", "system"];

/** Applies without throwing, and proves a rejection left the frozen input untouched. */
function rejectsCleanly(state: GameState, action: unknown, who: Who, now = 1_000_000): Rejection {
  const frozen = deepFreeze(state);
  const before = structuredClone(frozen);
  let r!: ReturnType<typeof apply>;
  expect(() => { r = apply(frozen, action as Action, who, now); }).not.toThrow();
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error(`${who} ${JSON.stringify(action)} was accepted`);
  expect(r.code).toMatch(/^[a-z]+\/[a-z_]+$/);
  expect(r.code).not.toBe("engine/error");
  expect(r.message.length).toBeGreaterThan(0);
  expect(frozen).toEqual(before);
  return r;
}

const MALFORMED: [string, unknown][] = [
  ["null", null],
  ["undefined", undefined],
  ["a number", 42],
  ["a string", "ready"],
  ["an array", [{ type: "ready", ready: true }]],
  ["an empty object", {}],
  ["an unknown type", { type: "launch" }],
  ["a non-string type", { type: 7 }],
  ["a missing field", { type: "ready" }],
  ["a wrong field type", { type: "ready", ready: "yes" }],
  ["an extra field", { type: "ready", ready: true, force: true }],
  ["a __proto__ key", JSON.parse('{"type":"ready","ready":true,"__proto__":{"admin":true}}')],
  ["a nested __proto__ key", JSON.parse('{"type":"propose","clause":{"type":"ceasefire","__proto__":{"x":1}}}')],
  ["a constructor key", { type: "ready", ready: true, constructor: { prototype: {} } }],
  ["empty text", { type: "say", to: "table", text: "" }],
  ["blank text", { type: "say", to: "table", text: "     " }],
  ["text over 500 characters", { type: "say", to: "table", text: "x".repeat(501) }],
  ["no recipients", { type: "say", to: [], text: "hi" }],
  ["an unknown recipient", { type: "say", to: ["XX"], text: "hi" }],
  ["an unknown clause type", { type: "propose", clause: { type: "annexation" } }],
  ["guarantors not a list", { type: "propose", clause: { type: "guaranteesUkraine", guarantors: "US" } }],
  ["an unknown guarantor", { type: "propose", clause: { type: "guaranteesUkraine", guarantors: ["FR"] } }],
  ["an unknown signal", { type: "signal", signal: "nuke" }],
  ["a signal on an unknown target", { type: "signal", signal: "dealPressure", target: "FR" }],
  ["an unknown seat", { type: "seatMotion", delegation: "BY", seat: "king" }],
  ["an empty id", { type: "stance", clause: "", stance: "support" }],
  ["a huge id", { type: "torpedo", target: "c".repeat(5000) }],
  ["an unknown stance", { type: "stance", clause: "c1", stance: "maybe" }],
  ["a numeric boolean", { type: "sign", sign: 1 }],
  ["a self-referencing object", (() => { const o: Record<string, unknown> = { type: "ready" }; o.ready = o; return o; })()],
  ["a deeply nested object", (() => { let o: unknown = { type: "ready", ready: true }; for (let i = 0; i < 2000; i++) o = { type: "propose", clause: o }; return o; })()],
  ["extend by a few seconds", { type: "extend", seconds: 5 }],
  ["extend by a fraction", { type: "extend", seconds: 60.5 }],
  ["extend by text", { type: "extend", seconds: "60" }],
  ["inject without a card", { type: "inject" }],
  ["setBot on an unknown delegation", { type: "setBot", delegation: "FR", bot: true }],
];

describe("malformed payloads", () => {
  const round = atRound().state;
  for (const [what, payload] of MALFORMED) {
    it(`§4.1 ${what} is refused, never thrown, from delegations, the facilitator and the system`, () => {
      for (const who of WHO) {
        const r = rejectsCleanly(round, payload, who);
        expect(r.code.startsWith("payload/") || r.code.startsWith("role/")).toBe(true);
      }
    });
  }

  it("§4.1 a malformed player action from a delegation is payload/invalid", () => {
    expect(rejectsCleanly(round, { type: "ready", ready: "yes" }, "RU").code).toBe("payload/invalid");
    expect(rejectsCleanly(round, { type: "ready", ready: true, extra: 1 }, "BY").code).toBe("payload/invalid");
  });

  it("§4.1 an unknown actor or a clock reading that is not a number is refused", () => {
    expect(rejectsCleanly(round, { type: "ready", ready: true }, "FR" as Who).code).toBe("role/unknown");
    expect(rejectsCleanly(round, { type: "ready", ready: true }, "__proto__" as Who).code).toBe("role/unknown");
    expect(rejectsCleanly(round, { type: "ready", ready: true }, "RU", Number.NaN).code).toBe("payload/invalid");
    expect(rejectsCleanly(round, { type: "advance" }, "facilitator", Number.POSITIVE_INFINITY).code).toBe("payload/invalid");
  });

  it("§4.1 random junk from anyone never throws and never changes the state", () => {
    const states = [new Table({ events: true }).state, new Table({ events: true }).start().state, round];
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true }), fc.constantFrom(...WHO), fc.nat(2), (junk, who, i) => {
        const s = states[i]!;
        const before = structuredClone(s);
        const r = apply(s, junk as Action, who, 1_000_000);
        if (!r.ok) {
          expect(r.code).not.toBe("engine/error");
          expect(r.code).toMatch(/^[a-z]+\/[a-z_]+$/);
        }
        expect(s).toEqual(before);
      }),
      { numRuns: 1500, seed: 20261125 },
    );
  });

  it("§4.1 near-miss actions (right type, random fields) never throw and never change the state", () => {
    const types = ["say", "propose", "suggest", "adopt", "stance", "withdraw", "seatMotion", "ruleMotion", "torpedo", "signal", "respondStaging", "parityClaim", "setVenue", "vetoVenue", "ready", "sign", "start", "pause", "resume", "advance", "extend", "inject", "setBot", "end", "tick", "seatHumans", "assign", "kick"];
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constantFrom("RU", "BY", "TR", "table", "c1", "s1", "party", "support", "ceasefire", "pressure", "Minsk"), fc.array(fc.constantFrom("RU", "UA", "US", "EU", "BY", "TR", "XX")), fc.record({ type: fc.constantFrom("ceasefire", "guaranteesUkraine", "sanctionsRelief", "x") }, { requiredKeys: [] }));
    const keys = fc.constantFrom("to", "text", "clause", "suggestion", "stance", "delegation", "seat", "motion", "approve", "target", "signal", "allow", "venue", "ready", "sign", "seconds", "event", "bot", "humans", "member", "x");
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.dictionary(keys, value, { maxKeys: 4 }), fc.constantFrom(...WHO), (type, fields, who) => {
        const s = round;
        const r = apply(s, { ...fields, type } as Action, who, 1_000_000);
        if (!r.ok) expect(r.code).not.toBe("engine/error");
      }),
      { numRuns: 1500, seed: 42 },
    );
  });
});

describe("illegal actions", () => {
  it("§4.1 rule moves are refused outside their phase: lobby and briefing allow talk only", () => {
    const t = new Table({ events: false, roundSeconds: 0 });
    t.refuse("US", { type: "propose", clause: { type: "ceasefire" } }, "phase/wrong");
    t.refuse("RU", { type: "signal", signal: "pressure" }, "phase/wrong");
    t.refuse("RU", { type: "ready", ready: true }, "phase/wrong");
    t.refuse("facilitator", { type: "pause" }, "phase/wrong");
    t.refuse("facilitator", { type: "advance" }, "phase/wrong");
    t.do("RU", { type: "say", to: "table", text: "Before the talks." });
    t.start();
    t.refuse("facilitator", { type: "start" }, "phase/wrong");
    t.refuse("US", { type: "propose", clause: { type: "ceasefire" } }, "phase/wrong");
    t.refuse("RU", { type: "seatMotion", delegation: "BY", seat: "party" }, "phase/wrong");
  });

  it("§4.1 nothing is possible after the debrief begins", () => {
    const t = atRound();
    t.do("facilitator", { type: "end" });
    t.refuse("RU", { type: "say", to: "table", text: "After the end." }, "phase/over");
    t.refuse("US", { type: "propose", clause: { type: "ceasefire" } }, "phase/over");
    t.refuse("facilitator", { type: "setBot", delegation: "RU", bot: true }, "phase/over");
    t.refuse("facilitator", { type: "advance" }, "phase/wrong");
    t.refuse("facilitator", { type: "pause" }, "phase/wrong");
  });

  it("§4.1 references to clauses and motions that do not exist are refused", () => {
    const t = atRound();
    t.refuse("RU", { type: "stance", clause: "c404", stance: "support" }, "rule/no_clause");
    t.refuse("RU", { type: "withdraw", clause: "c404" }, "rule/no_clause");
    t.refuse("RU", { type: "adopt", suggestion: "c404" }, "rule/no_suggestion");
    t.refuse("US", { type: "ruleMotion", motion: "s404", approve: true }, "rule/no_motion");
    t.refuse("RU", { type: "torpedo", target: "__proto__" }, "rule/no_target");
    t.refuse("BY", { type: "parityClaim", clause: "constructor" }, "rule/no_relief");
    t.refuse("RU", { type: "say", to: ["RU"], text: "Talking to myself." }, "rule/no_recipient");
  });

  it("§3 legal moves agree with apply: every move offered as possible is accepted, every other is refused with its reason", () => {
    const t = atRound({ events: true, seed: 9 });
    t.seat("BY", "party", "RU");
    const ru = t.agree({ type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" });
    t.do("BY", { type: "parityClaim", clause: ru });
    t.do("RU", { type: "seatMotion", delegation: "EU", seat: "observer" });
    t.signal("RU", "stagingRequest");
    let checked = 0;
    for (const code of ["RU", "UA", "US", "EU", "BY"] as const) {
      for (const m of legalMoves(t.s, code)) {
        if (!m.action) continue;
        checked++;
        const r = apply(t.s, m.action, code, t.now);
        expect(r.ok, `${code} ${m.key}`).toBe(m.ok);
        if (!r.ok) {
          expect(r.message).toBe(m.reason);
          expect(r.code).not.toBe("engine/error");
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe("facilitator and system commands", () => {
  it("§4.1 facilitator-only commands are refused for delegations", () => {
    const t = atRound({ roundSeconds: 300 });
    const commands = [
      { type: "start" }, { type: "pause" }, { type: "resume" }, { type: "advance" }, { type: "extend", seconds: 60 },
      { type: "inject", event: "euSummit" }, { type: "setBot", delegation: "RU", bot: true }, { type: "end" },
      { type: "tick" }, { type: "seatHumans", delegation: "BY", humans: 1 },
    ];
    for (const code of ["RU", "UA", "US", "EU", "BY"] as const) {
      for (const cmd of commands) t.refuse(code, cmd, "role/not_facilitator");
    }
  });

  it("§4.1 the facilitator sits in no delegation; moving students is the room's job", () => {
    const t = atRound();
    t.refuse("facilitator", { type: "say", to: "table", text: "Order!" }, "role/not_delegation");
    t.refuse("facilitator", { type: "signal", signal: "pressure" }, "role/not_delegation");
    t.refuse("system", { type: "ready", ready: true }, "role/not_delegation");
    t.refuse("facilitator", { type: "assign", member: "m1", delegation: "RU" }, "payload/unknown_type");
    t.refuse("facilitator", { type: "kick", member: "m1" }, "payload/unknown_type");
  });

  it("§4.1 setBot must change something", () => {
    const t = atRound();
    t.refuse("facilitator", { type: "setBot", delegation: "RU", bot: false }, "rule/no_change");
    t.do("facilitator", { type: "setBot", delegation: "RU", bot: true });
    expect(t.s.delegations.RU.bot).toBe(true);
    t.refuse("facilitator", { type: "setBot", delegation: "RU", bot: true }, "rule/no_change");
  });
});
