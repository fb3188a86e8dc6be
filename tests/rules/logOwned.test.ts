/**
 * A caller that gives its state up (`relinquish`: replay, the room's live game) lets a step append
 * to the logs in place, so a game of n lines is built in O(n), not O(n²). Everyone else's states
 * stay as they were. Counted, not timed: the logs a step copies are seen by counting how often a
 * long array is iterated (a copy spreads it; an in-place append does not).
 */
import { afterEach, describe, expect, it } from "vitest";
import { apply, newGame, replay, type Action, type Code, type GameState, type LogEntry } from "../../shared/rules/index.ts";
import { atRound, Table } from "./harness.ts";

const say = (i: number): Action => ({ type: "say", to: "table", text: `Line ${i}.` });
const CODES: Code[] = ["RU", "UA", "US", "EU", "BY"];

/** A log of `n` entries: start, advance, then talk at the table and in back channels. */
function talkLog(n: number): LogEntry[] {
  const log: LogEntry[] = [{ who: "facilitator", action: { type: "start" }, now: 0 }, { who: "facilitator", action: { type: "advance" }, now: 0 }];
  for (let i = 0; log.length < n; i++) {
    const who = CODES[i % 5]!;
    const action: Action = i % 3 ? say(i) : { type: "say", to: [CODES[(i + 1) % 5]!], text: `Psst ${i}.` };
    log.push({ who, action, now: 0 });
  }
  return log;
}

/** How many times an array of at least `min` entries is iterated (spread, for…of) while `fn` runs. */
const original = Array.prototype[Symbol.iterator];
function longIterations<T>(min: number, fn: () => T): { result: T; count: number } {
  let count = 0;
  Array.prototype[Symbol.iterator] = function (this: unknown[]) {
    if (this.length >= min) count++;
    return original.call(this);
  } as typeof original;
  try {
    return { result: fn(), count };
  } finally {
    Array.prototype[Symbol.iterator] = original;
  }
}
afterEach(() => { Array.prototype[Symbol.iterator] = original; });

describe("§6 a step appends in place only when its caller gives the state up", () => {
  it("relinquished: the same log arrays, one entry longer; not relinquished: new arrays, the old untouched", () => {
    const t = atRound();
    t.do("RU", say(0));
    const owned: GameState = structuredClone(t.state);
    const table = owned.table;
    const r = apply(owned, say(1), "UA", t.now, { relinquish: true });
    if (!r.ok) throw new Error(r.message);
    expect(r.state.table).toBe(table);
    expect(table.at(-1)).toEqual({ kind: "say", from: "UA", text: "Line 1.", round: owned.round });

    // The harness's states are frozen: without the option nothing of them may change.
    const kept = t.state;
    const before = kept.table.length;
    t.do("UA", say(2));
    expect(t.state.table).not.toBe(kept.table);
    expect(kept.table).toHaveLength(before);
  });

  it("every log: back channels and signals are appended in place too", () => {
    const t = atRound();
    const owned: GameState = structuredClone(t.state);
    const { messages, signals } = owned;
    let s = owned;
    for (const [who, a] of [["UA", { type: "say", to: ["US"], text: "Privately." }], ["RU", { type: "signal", signal: "pressure" }]] as [Code, Action][]) {
      const r = apply(s, a, who, t.now, { relinquish: true });
      if (!r.ok) throw new Error(r.message);
      s = r.state;
    }
    expect(s.messages).toBe(messages);
    expect(s.signals).toBe(signals);
    expect(messages).toHaveLength(1);
    expect(signals).toHaveLength(1);
  });

  it("a refused step leaves the logs it shares with the caller as they were", () => {
    const t = atRound();
    const owned: GameState = structuredClone(t.state);
    const lengths = [owned.table.length, owned.messages.length];
    expect(apply(owned, { type: "say", to: ["UA"], text: "Me?" }, "UA", t.now, { relinquish: true })).toMatchObject({ ok: false, code: "rule/no_recipient" });
    expect([owned.table.length, owned.messages.length]).toEqual(lengths);

    // A step that appends and then fails: the round's opening line is logged, then the event
    // card the deck names does not exist and the step throws.
    const b = new Table({ events: true, roundSeconds: 0, seed: 7 }).start();
    const broken: GameState = { ...structuredClone(b.state), deck: ["no-such-card"] };
    const len = broken.table.length;
    const r = apply(broken, { type: "advance" }, "facilitator", b.now, { relinquish: true });
    expect(r).toMatchObject({ ok: false, code: "engine/error" });
    expect(broken.table).toHaveLength(len);
  });
});

describe("§6 replay is linear in the log", () => {
  it("replay copies no log per step (while a step that is not given its state copies one per line)", () => {
    const log = talkLog(2_000);
    const { result, count } = longIterations(100, () => replay({ seed: 1, roundSeconds: 0 }, log));
    expect(result.table.length + result.messages.length).toBeGreaterThan(1_900);
    expect(count).toBe(0);

    // The counter sees copies: the same lines applied to states that are kept copy the log each time.
    const copied = longIterations(100, () => {
      let s = newGame({ seed: 1, roundSeconds: 0 });
      for (const e of log) {
        const r = apply(s, e.action, e.who, e.now);
        if (r.ok) s = r.state;
      }
      return s;
    });
    expect(copied.result).toEqual(result);
    expect(copied.count).toBeGreaterThan(1_500);
  });
});
