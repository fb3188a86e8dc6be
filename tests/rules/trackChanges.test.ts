/**
 * Every change of a track is an event with its cause: public tracks on the table log (and in the
 * event's data), Belarus's private tracks in Belarus's own notes only. The effects the rulebook
 * prints are the effects the engine plays.
 */
import { describe, expect, it } from "vitest";
import {
  apply, DELEGATIONS, legalMoves, newGame, publicView, view,
  type Code, type GameState, type Signal, type TrackChange,
} from "../../shared/rules/index.ts";
import { effectText, signalEffects, TRACK_WORDS } from "../../shared/rules/effects.ts";
import { atRound, sc, Table } from "./harness.ts";

const PUBLIC = ["momentum", "battlefield", "euUnity"] as const;
const PRIVATE = ["autonomy", "trust", "usFavour"] as const;

/** A small seeded generator for the test's own choices (the engine has its own). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

/** Plays a random game of legal moves, checking each step's track changes against its events. */
function playChecked(seed: number): { s: GameState; steps: number } {
  const r = rng(seed);
  let s = newGame({ seed, rounds: 4, roundSeconds: 0, events: true, bots: false });
  let steps = 0;
  const step = (who: Code | "facilitator", action: unknown) => {
    const res = apply(s, action as never, who, 1_000 + steps);
    if (!res.ok) return;
    const next = res.state;
    // Public tracks: the changes carried by the events add up to the difference, each with a cause.
    const carried = res.events.flatMap((e) => (e.data?.tracks as TrackChange[] | undefined) ?? []);
    for (const t of PUBLIC) {
      const sum = carried.filter((c) => c.track === t).reduce((n, c) => n + c.to - c.from, 0);
      expect(sum, `${t} after ${JSON.stringify(action)}`).toBe(next[t] - s[t]);
    }
    for (const c of carried) expect(c.cause.length).toBeGreaterThan(3);
    // Private tracks: the new notes add up to the difference, and nothing public names them.
    const notes = next.notes.slice(s.notes.length);
    for (const t of PRIVATE) {
      const sum = notes.filter((c) => c.track === t).reduce((n, c) => n + c.to - c.from, 0);
      expect(sum, `${t} after ${JSON.stringify(action)}`).toBe(next.belarus[t] - s.belarus[t]);
    }
    for (const c of carried) expect(PRIVATE as readonly string[]).not.toContain(c.track);
    for (const e of res.events) expect(e.text).not.toMatch(/autonomy|Moscow's trust|US favour/i);
    s = next;
    steps++;
  };
  step("facilitator", { type: "start" });
  while (s.phase !== "debrief" && steps < 600) {
    if (r() < 0.08) {
      step("facilitator", { type: "advance" });
      continue;
    }
    const code = DELEGATIONS[Math.floor(r() * DELEGATIONS.length)]!;
    const moves = legalMoves(s, code).filter((m) => m.ok && m.action && m.type !== "ready");
    if (moves.length === 0) continue;
    step(code, moves[Math.floor(r() * moves.length)]!.action);
  }
  return { s, steps };
}

describe("track changes and their causes", () => {
  it("in random games every public change travels with its cause and every private one is noted for Belarus only", () => {
    let notes = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { s } = playChecked(seed);
      notes += s.notes.length;
      // Belarus's notes reach Belarus and the facilitator, never the public view or another seat.
      expect(JSON.stringify(publicView(s))).not.toContain('"notes"');
      if (s.phase !== "debrief") {
        expect(view(s, "RU").briefings.BY).toBeUndefined();
        expect(view(s, "spectator").briefings).toEqual({});
      }
      expect(view(s, "BY").briefings.BY?.notes).toEqual(s.notes);
      expect(view(s, "facilitator").briefings.BY?.notes).toEqual(s.notes);
    }
    expect(notes).toBeGreaterThan(0);
  });

  it("the round's end says why Momentum moved, on the table", () => {
    const t = atRound({ rounds: 3 });
    const before = t.s.momentum;
    t.advance();
    const line = t.s.table.find((e) => e.tag === "momentum")!;
    expect(line.text).toBe(`Momentum −1 (now ${before - 1}): no core clause (ceasefire, withdrawal, aid, neutrality, territory, Ukraine's guarantees) was agreed this round.`);
    expect(line.round).toBe(1);
  });

  it("pushes on the front that cancel out are told too, and the front's value keeps its sign", () => {
    const t = atRound({ rounds: 3 });
    const at = t.s.battlefield;
    t.signal("RU", "pressure");
    t.signal("EU", "aidPackage");
    const held = t.advance().find((e) => e.kind === "battlefield")!;
    expect(t.s.battlefield).toBe(at);
    expect(held.text).toBe(`The front holds (battlefield ${at > 0 ? "+" : ""}${at}): Russian pressure +1, European aid −1.`);
    t.signal("EU", "aidPackage");
    t.signal("UA", "counteroffensive");
    const moved = t.advance().find((e) => e.kind === "battlefield")!;
    expect(moved.text).toMatch(/^The front moves in Ukraine's favour\. Battlefield −2 \(now (−\d|0|\+\d)\): European aid −1, Ukraine's counteroffensive −1\.$/);
  });

  it("a signal's cost to Momentum names who did what", () => {
    const t = atRound({ rounds: 3 });
    const ev = t.signal("RU", "pressure").find((e) => e.kind === "signal")!;
    expect(ev.text).toContain(`Momentum −1 (now ${t.s.momentum}): Russia pressed on the front`);
    expect(ev.data?.tracks).toEqual([{ track: "momentum", from: t.s.momentum + 1, to: t.s.momentum, cause: "Russia pressed on the front", round: 1 }]);
  });

  it("an event card's effect that waits is told in the card's own words; one that moved nothing public adds nothing", () => {
    const hawks = atRound({ rounds: 3 }).inject("kremlinHawks").find((e) => e.kind === "event")!;
    expect(hawks.text).toMatch(/Russia may spend 1 extra influence on pressure this round\.$/);
    const praise = atRound({ rounds: 3 }).inject("presidentPraises").find((e) => e.kind === "event")!;
    expect(praise.text).toBe(`Event: ${sc.events.find((e) => e.id === "presidentPraises")!.title}. ${sc.events.find((e) => e.id === "presidentPraises")!.text}`);
  });

  it("an event card's change of EU unity names the card", () => {
    const t = atRound({ rounds: 3 });
    const ev = t.inject("hungaryVeto").find((e) => e.kind === "event")!;
    expect(ev.text).toContain(`EU unity −2 (now ${t.s.euUnity}): Hungary threatens a veto`);
  });

  it("staging moves Belarus's tracks with their causes in Belarus's notes, not on the table", () => {
    const t = atRound({ rounds: 3 });
    t.signal("RU", "stagingRequest");
    const before = { ...t.s.belarus };
    t.do("BY", { type: "respondStaging", allow: false });
    const fresh = t.s.notes.filter((n) => n.cause === "Belarus refused Russia's staging request");
    expect(fresh.map((n) => [n.track, n.to - n.from])).toEqual([["autonomy", sc.staging.refuseAutonomy], ["trust", sc.staging.refuseTrust]]);
    expect(fresh[0]!.from).toBe(before.autonomy);
    expect(t.s.table.at(-1)!.text).toBe("Belarus refuses Russia's staging request.");
  });

  it("everyone is warned when Momentum reaches its last step before collapse", () => {
    const t = atRound({ rounds: 6 });
    const brink = sc.tracks.momentum.min + 1;
    const warned: string[] = [];
    for (let i = 0; i < 12 && t.s.momentum > brink; i++) {
      const events = t.inf("RU") > 0 ? t.signal("RU", "pressure") : t.advance();
      warned.push(...events.filter((e) => e.kind === "warning").map((e) => e.text));
    }
    expect(t.s.momentum).toBe(brink);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/^Warning: Momentum is at 1, one step from collapse/);
    const lines = t.s.table.filter((e) => e.tag === "warning");
    expect(lines).toHaveLength(1);
    // Not repeated while it stays there.
    t.do("UA", { type: "say", to: "table", text: "We are still here." });
    expect(t.s.table.filter((e) => e.tag === "warning")).toHaveLength(1);
  });
});

describe("effects in words, from the scenario's numbers", () => {
  const fresh = (): Table => atRound({ rounds: 3 });
  const played: Partial<Record<Signal, { target?: Code; setup?: (t: Table) => void }>> = {
    dealPressure: { target: "RU" },
  };

  it("each signal moves the tracks its effects say, and its words say so", () => {
    for (const sig of ["pressure", "counteroffensive", "appealToAllies", "dealPressure", "unitySummit", "pardonWave", "nobelPledge", "peaceFormula", "offerPeacekeepers"] as Signal[]) {
      const t = fresh();
      const before = structuredClone(t.s);
      t.signal(sc.signals[sig].owner, sig, played[sig]?.target);
      const now = signalEffects(sc, sig).filter((e) => e.at === "now");
      for (const e of now) {
        const was = e.track in before.belarus ? before.belarus[e.track as "trust"] : before[e.track as "momentum"];
        const is = e.track in t.s.belarus ? t.s.belarus[e.track as "trust"] : t.s[e.track as "momentum"];
        expect(is - was, `${sig} ${e.track}`).toBe(e.delta);
        const n = e.delta > 0 ? `+${e.delta}` : `−${-e.delta}`;
        expect(effectText(sc, { signal: sig })).toContain(`${TRACK_WORDS[e.track]} ${n}`);
      }
      // The public words leave Belarus's private tracks out.
      expect(effectText(sc, { signal: sig }, { secret: false })).not.toMatch(/autonomy|Moscow's trust|US favour/);
    }
  });

  it("signals that move the front say so, and the round's end moves it by that much", () => {
    expect(effectText(sc, { signal: "pressure" })).toBe("Momentum −1; the front moves toward Russia (battlefield +1) at the round's end; while a ceasefire is agreed it is a violation: Momentum −2 more.".replace("−2", sc.violationMomentum < 0 ? `−${-sc.violationMomentum}` : `+${sc.violationMomentum}`));
    expect(effectText(sc, { signal: "aidPackage" })).toBe("The front moves toward Ukraine (battlefield −1) at the round's end.");
    expect(effectText(sc, { signal: "pauseAid" })).toBe("The front moves toward Russia (battlefield +1) at every round's end while aid stays paused.");
    const t = fresh();
    const at = t.s.battlefield;
    t.signal("EU", "aidPackage");
    t.advance();
    expect(t.s.battlefield - at).toBe(-1);
  });

  it("event cards state their effects, Belarus's private ones only in the full words", () => {
    const border = sc.events.find((e) => e.id === "borderIncident")!;
    expect(effectText(sc, { event: border })).toBe(`Momentum ${border.momentum! < 0 ? "−" : "+"}${Math.abs(border.momentum!)}; Belarus's autonomy ${border.autonomy! < 0 ? "−" : "+"}${Math.abs(border.autonomy!)}.`);
    expect(effectText(sc, { event: border }, { secret: false })).toBe(`Momentum ${border.momentum! < 0 ? "−" : "+"}${Math.abs(border.momentum!)}.`);
    const freed = sc.events.find((e) => e.id === "prisonersFreed")!;
    expect(effectText(sc, { event: freed })).toMatch(/only if Belarus has made a pardon wave\.$/);
    for (const ev of sc.events) expect(effectText(sc, { event: ev }).length).toBeGreaterThan(10);
  });
});
