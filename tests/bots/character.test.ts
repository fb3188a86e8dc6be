/**
 * Bots in character (issue 11): each test drives a table where the bots used to do the wrong
 * thing — Ukraine backing an aid freeze, the EU backing Belarus as guarantor or peacekeeper,
 * Russia backing relief that costs Minsk its regime, fighting under an agreed ceasefire, a
 * ceasefire dropped without a word, Minsk trading its seat for Washington's favour — and checks
 * the move they make now. Many seeds each: a bot's dice are fixed by what it sees.
 */
import { describe, expect, it } from "vitest";
import { botMove } from "../../shared/bots/index.ts";
import { apply, newGame, view, type Action, type Clause, type Code, type GameState, type PlayerAction, type Who } from "../../shared/rules/index.ts";

const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);

/**
 * A game at the start of `round`, every seat a bot unless `humans` plays it. Events on: the
 * first card differs from seed to seed, and with it the bots' dice.
 */
function table(seed: number, round = 1, humans: Code[] = []): { s: GameState; act: (who: Who, a: Action) => void } {
  let s = newGame({ roundSeconds: 0, events: true, seed });
  const act = (who: Who, a: Action) => {
    const r = apply(s, a, who, 0);
    if (!r.ok) throw new Error(`${who} ${JSON.stringify(a)}: ${r.code} ${r.message}`);
    s = r.state;
  };
  for (const c of ["RU", "UA", "US", "EU", "BY"] as Code[]) {
    if (humans.includes(c)) act("system", { type: "seatHumans", delegation: c, humans: 1 });
    else act("facilitator", { type: "setBot", delegation: c, bot: true });
  }
  act("facilitator", { type: "start" });
  act("facilitator", { type: "advance" });
  // Jump to the round asked for with the tracks as they were (no momentum lost on the way).
  s = { ...s, round, momentum: 5 };
  return {
    get s() {
      return s;
    },
    set s(x: GameState) {
      s = x;
    },
    act,
  } as { s: GameState; act: (who: Who, a: Action) => void };
}

/** Everything a bot does now until it passes (each move applied). */
function drain(g: { s: GameState; act: (who: Who, a: Action) => void }, me: Code, limit = 40): PlayerAction[] {
  const done: PlayerAction[] = [];
  for (let i = 0; i < limit; i++) {
    const a = botMove(view(g.s, me), me);
    if (!a) break;
    g.act(me, a);
    done.push(a);
  }
  return done;
}

/** Tables a clause and has these delegations support it; returns its id. */
function table_(g: ReturnType<typeof table>, who: Code, clause: object, ...backers: Code[]): string {
  g.act(who, { type: "propose", clause } as Action);
  const id = g.s.clauses.at(-1)!.id;
  for (const c of backers) if (g.s.clauses.find((x) => x.id === id)!.stances[c] !== "support") g.act(c, { type: "stance", clause: id, stance: "support" });
  return id;
}
const clause = (g: ReturnType<typeof table>, id: string): Clause => g.s.clauses.find((x) => x.id === id)!;
const stanceOn = (moves: PlayerAction[], id: string) => moves.find((a) => a.type === "stance" && a.clause === id) as Extract<PlayerAction, { type: "stance" }> | undefined;
const seatBelarus = (g: ReturnType<typeof table>) => (g.s = { ...g.s, delegations: { ...g.s.delegations, BY: { ...g.s.delegations.BY, seat: "party" } } });

describe("bots in character", () => {
  it("Ukraine never supports a freeze on military aid (−3 on its sheet), even in the last round with the front giving way", () => {
    let asked = 0;
    for (const seed of SEEDS) {
      for (const round of [3, 4, 5, 6]) {
        const g = table(seed, round);
        g.s = { ...g.s, battlefield: 3 };
        // Kyiv's guarantees are within reach and the ceasefire still lacks Moscow: the package is tempting.
        table_(g, "UA", { type: "guaranteesUkraine", guarantors: ["US", "EU"] }, "US", "EU");
        table_(g, "US", { type: "ceasefire" });
        const freeze = table_(g, "RU", { type: "aidFreeze" }, "US");
        const moves = drain(g, "UA");
        expect(stanceOn(moves, freeze)?.stance).not.toBe("support");
        expect(clause(g, freeze).stances.UA).not.toBe("support");
        if (stanceOn(moves, freeze)) asked++;
      }
    }
    expect(asked).toBeGreaterThan(0);
  });

  it("a concession says what it is traded for before the support is given", () => {
    let conceded = 0;
    for (const seed of SEEDS) {
      for (const round of [2, 3, 4]) {
        const g = table(seed, round);
        g.s = { ...g.s, battlefield: 3 };
        table_(g, "UA", { type: "guaranteesUkraine", guarantors: ["US", "EU"] }, "US", "EU");
        // The ceasefire still lacks Moscow: Kyiv bargains for the whole package.
        table_(g, "US", { type: "ceasefire" });
        // Borders deferred go against Kyiv's grain early in the talks: a concession if it gives them.
        const deferred = table_(g, "RU", { type: "territoryDeferred" }, "US");
        const moves = drain(g, "UA");
        const i = moves.findIndex((a) => a.type === "stance" && a.clause === deferred && a.stance === "support");
        if (i < 0) continue;
        conceded++;
        const why = moves[i - 1];
        expect(why).toMatchObject({ type: "say", to: "table" });
        expect((why as { text: string }).text).toMatch(/^Territory deferred: .*(package|whole):? with Guarantees for Ukraine by United States, European Union/);
      }
    }
    expect(conceded).toBeGreaterThan(0);
  });

  it("the EU never backs Belarus as Ukraine's guarantor or Belarusian peacekeepers (they cost it now)", () => {
    for (const seed of SEEDS) {
      const g = table(seed, 6);
      seatBelarus(g);
      g.act("BY", { type: "signal", signal: "offerPeacekeepers" });
      table_(g, "US", { type: "ceasefire" }, "RU", "UA");
      const guarantors = table_(g, "RU", { type: "guaranteesUkraine", guarantors: ["US", "EU", "BY"] }, "US", "BY", "UA");
      const keepers = table_(g, "UA", { type: "peacekeepers", contributors: ["EU", "BY"] }, "RU", "US", "BY");
      drain(g, "EU");
      expect(clause(g, guarantors).stances.EU).not.toBe("support");
      expect(clause(g, keepers).stances.EU).not.toBe("support");
    }
  });

  it("Russia never backs relief for Minsk conditioned on democratization, and backs it on prisoner releases", () => {
    for (const seed of SEEDS.slice(0, 8)) {
      for (const bar of ["democratization", "prisoners"] as const) {
        const g = table(seed, 3);
        g.s = { ...g.s, byCondition: { ...g.s.byCondition, US: bar }, belarus: { ...g.s.belarus, pardonWaves: 1 } };
        table_(g, "US", { type: "ceasefire" }, "RU", "UA");
        const ru = table_(g, "US", { type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" }, "RU", "UA");
        expect(clause(g, ru).status).toBe("agreed");
        g.act("BY", { type: "parityClaim", clause: ru });
        const parity = g.s.clauses.at(-1)!;
        expect(parity.params.condition).toBe(bar);
        drain(g, "RU");
        if (bar === "democratization") expect(clause(g, parity.id).stances.RU).not.toBe("support");
        else expect(clause(g, parity.id).stances.RU).toBe("support");
      }
    }
  });

  it("under an agreed ceasefire Moscow does not break it while it holds its own, and Kyiv does not counterattack unprovoked", () => {
    for (const seed of SEEDS) {
      for (const battlefield of [0, 2, 4]) {
        const g = table(seed, 3);
        g.s = { ...g.s, battlefield };
        table_(g, "US", { type: "ceasefire" }, "RU", "UA");
        expect(g.s.clauses.some((c) => c.type === "ceasefire" && c.status === "agreed")).toBe(true);
        drain(g, "RU");
        drain(g, "UA");
        // Moscow may take back its word first (and say why); fighting while it stands is a violation.
        expect(g.s.table.filter((t) => t.text.includes("Ceasefire violation"))).toEqual([]);
      }
    }
  });

  it("Moscow's hawks may break a ceasefire while Moscow is losing: the table sees the violation and hears why", () => {
    let broke = 0;
    for (const seed of Array.from({ length: 80 }, (_, i) => i + 1)) {
      const g = table(seed, 4);
      g.s = { ...g.s, battlefield: -3 };
      table_(g, "US", { type: "ceasefire" }, "RU", "UA");
      const moves = drain(g, "RU");
      if (!moves.some((a) => a.type === "signal" && a.signal === "pressure")) continue;
      broke++;
      expect(g.s.table.some((t) => t.text.includes("Ceasefire violation: Russia pressed on the front"))).toBe(true);
    }
    expect(broke).toBeGreaterThan(0);
    expect(broke).toBeLessThan(60);
  });

  it("Ukraine does not drop a ceasefire it backed without saying which clause turned it", () => {
    let dropped = 0;
    for (const seed of SEEDS) {
      const g = table(seed, 5);
      const cf = table_(g, "US", { type: "ceasefire" }, "UA");
      // Terms that leave Kyiv worse off than fighting on are agreed around it.
      const agreed = (type: string): Clause => ({ id: `x-${type}`, type: type as Clause["type"], params: {}, proposer: "RU", status: "agreed", stances: { RU: "support", UA: "support", US: "support" }, round: 5 });
      g.s = { ...g.s, battlefield: -2, clauses: [...g.s.clauses, agreed("aidFreeze"), agreed("neutrality"), agreed("territoryDeferred")] };
      const moves = drain(g, "UA");
      const i = moves.findIndex((a) => a.type === "stance" && a.clause === cf && a.stance !== "support");
      if (i < 0) continue;
      dropped++;
      expect(moves[i - 1]).toMatchObject({ type: "say", to: "table" });
      expect((moves[i - 1] as { text: string }).text).toMatch(/^Ceasefire: we withdraw our support — (with .* in the text|the front has changed)/);
    }
    expect(dropped).toBeGreaterThan(0);
  });

  it("Moscow sponsors a Minsk that asks for its seat, and puts a silent Minsk to the test first", () => {
    const motion = { type: "seatMotion", delegation: "BY", seat: "party" };
    let sponsored = 0;
    let tested = 0;
    for (const seed of SEEDS) {
      const asked = table(seed, 1);
      asked.act("BY", { type: "say", to: ["RU"], text: "Sponsor our seat." });
      if (drain(asked, "RU").some((a) => JSON.stringify(a) === JSON.stringify(motion))) sponsored++;
      const silent = table(seed, 1);
      const moves = drain(silent, "RU");
      expect(moves).not.toContainEqual(motion);
      if (moves.some((a) => a.type === "signal" && a.signal === "stagingRequest")) {
        tested++;
        silent.act("BY", { type: "respondStaging", allow: true });
        drain(silent, "RU");
        expect(silent.s.motions.some((m) => m.delegation === "BY") || silent.s.delegations.RU.influence === 0).toBe(true);
      }
    }
    expect(sponsored).toBeGreaterThanOrEqual(SEEDS.length * 0.75);
    expect(tested).toBeGreaterThan(0);
  });

  it("Belarus asks Moscow for its seat in the briefing and keeps Moscow's trust at the floor until the seat is settled", () => {
    for (const seed of SEEDS) {
      let s = newGame({ roundSeconds: 0, events: false, seed });
      const act = (who: Who, a: Action) => {
        const r = apply(s, a, who, 0);
        if (!r.ok) throw new Error(r.message);
        s = r.state;
      };
      for (const c of ["RU", "UA", "US", "EU", "BY"] as Code[]) act("facilitator", { type: "setBot", delegation: c, bot: true });
      act("facilitator", { type: "start" });
      const first = botMove(view(s, "BY"), "BY");
      expect(first).toMatchObject({ type: "say", to: ["RU"] });
      act("BY", first!);
      act("facilitator", { type: "advance" });
      // Washington tables relief for Russia: courting it now would cost Minsk its seat.
      act("US", { type: "propose", clause: { type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" } });
      const g = { get s() { return s; }, act };
      drain(g, "BY");
      expect(s.belarus.trust).toBeGreaterThanOrEqual(4);
      expect(s.belarus.pardonWaves).toBe(0);
    }
  });

  it("Belarus pardons only when it buys relief, and then claims parity on Russia's relief", () => {
    for (const seed of SEEDS.slice(0, 8)) {
      // No relief for Russia anywhere: no pardon, however long the talks run.
      const idle = table(seed, 3);
      seatBelarus(idle);
      expect(drain(idle, "BY")).not.toContainEqual({ type: "signal", signal: "pardonWave" });
      // Washington's bar is down and its relief for Russia agreed: one wave, then the claim.
      const g = table(seed, 3);
      seatBelarus(g);
      g.s = { ...g.s, byCondition: { ...g.s.byCondition, US: "prisoners" } };
      table_(g, "US", { type: "ceasefire" }, "RU", "UA");
      const ru = table_(g, "US", { type: "sanctionsRelief", target: "RU", issuer: "US", level: "partial" }, "RU", "UA");
      const moves = drain(g, "BY");
      expect(moves.filter((a) => a.type === "signal" && a.signal === "pardonWave")).toHaveLength(1);
      expect(moves).toContainEqual({ type: "parityClaim", clause: ru });
      expect(g.s.clauses.find((c) => c.parityOf === ru)?.params.condition).toBe("prisoners");
    }
  });

  it("in a solo game a bot answers a student's back-channel message once, with an offer or a refusal", () => {
    const g = table(5, 1, ["BY"]);
    g.act("BY", { type: "say", to: ["RU"], text: "Will you move our seat?" });
    const ru = drain(g, "RU");
    const reply = ru.find((a) => a.type === "say" && Array.isArray(a.to) && a.to.includes("BY")) as { text: string } | undefined;
    expect(reply?.text).toMatch(/seat/);
    expect(drain(g, "RU").filter((a) => a.type === "say" && Array.isArray(a.to) && a.to.includes("BY"))).toHaveLength(0);
    const u = table(5, 2, ["UA"]);
    table_(u, "UA", { type: "guaranteesUkraine", guarantors: ["US", "EU"] });
    u.act("UA", { type: "say", to: ["EU"], text: "Back our guarantees?" });
    const eu = drain(u, "EU").find((a) => a.type === "say" && Array.isArray(a.to) && a.to.includes("UA")) as { text: string } | undefined;
    expect(eu?.text).toMatch(/Guarantees for Ukraine by United States, European Union/);
  });
});
