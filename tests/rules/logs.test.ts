/**
 * A step shares with the state it came from what it does not change: the append-only logs
 * (table, back channels, signals) until it appends to one — then it copies that log, with its
 * new entries — and each clause until it changes that clause. The state it started from stays
 * as it was (the harness deep-freezes every state it hands to `apply`, so a change in place
 * would throw).
 */
import { describe, expect, it } from "vitest";
import { atRound } from "./harness.ts";

describe("§6 logs are shared until a step appends", () => {
  it("a step that logs nothing shares every log with the state before it", () => {
    const t = atRound();
    t.do("RU", { type: "say", to: ["UA"], text: "A word." });
    t.signal("RU", "pressure");
    const before = t.state;
    t.do("RU", { type: "ready", ready: true }); // quiet: animated, not logged
    expect(t.state.table).toBe(before.table);
    expect(t.state.messages).toBe(before.messages);
    expect(t.state.signals).toBe(before.signals);
  });

  it("a step that logs gets its own log, one longer, and leaves the old one as it was", () => {
    const t = atRound();
    const before = t.state;
    const table = before.table.slice();
    t.do("RU", { type: "say", to: "table", text: "We are listening." });
    expect(t.state.table).not.toBe(before.table);
    expect(before.table).toEqual(table);
    expect(t.state.table).toEqual([...table, { kind: "say", from: "RU", text: "We are listening.", round: before.round }]);
    expect(t.state.messages).toBe(before.messages);

    const mid = t.state;
    t.do("UA", { type: "say", to: ["US", "EU"], text: "Privately." });
    expect(mid.messages).toHaveLength(before.messages.length);
    expect(t.state.messages).toHaveLength(before.messages.length + 1);
    expect(t.state.table).toBe(mid.table);

    const pre = t.state;
    t.signal("RU", "pressure");
    expect(pre.signals).toHaveLength(0);
    expect(t.state.signals).toEqual([{ delegation: "RU", signal: "pressure", round: pre.round }]);
    expect(t.state.table.length).toBe(pre.table.length + 1);
  });

  it("clauses are shared too: a stance copies only the clause it changes", () => {
    const t = atRound();
    t.do("RU", { type: "propose", clause: { type: "ceasefire" } });
    t.do("RU", { type: "propose", clause: { type: "neutrality" } });
    const before = t.state;
    const [cf, neutral] = before.clauses;
    t.do("UA", { type: "stance", clause: neutral!.id, stance: "oppose" });
    expect(t.state.clauses[0]).toBe(cf);
    expect(t.state.clauses[1]).not.toBe(neutral);
    expect(t.state.clauses[1]!.stances).toEqual({ RU: "support", UA: "oppose" });
    expect(neutral!.stances).toEqual({ RU: "support" });
  });
});
