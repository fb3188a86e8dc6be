/**
 * Property test: thousands of random games played with legal moves (drawn from `legalMoves`),
 * free talk, random drafts and facilitator commands, across many seeds and configurations.
 * After every step: tracks in range, influence never negative nor above the grant, one agreed
 * clause per slot, and clause statuses match an independent reading of DESIGN §2.4. At every
 * round's end: §2.5 steps 1–5 (seats, the battlefield formula, momentum, end checks, new
 * influence). Regularly and at the end: `view` leaks no other delegation's secret aims or back
 * channels, the spectator sees neither briefings nor messages. At the end: the outcome matches
 * an independent reading of §2.6, and replaying the log rebuilds the live state exactly.
 * Moves `legalMoves` marks impossible are played too: `apply` must refuse them with the reason.
 *
 * PROPERTY_RUNS=n overrides the number of games (default 2000).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DELEGATIONS,
  legalMoves,
  replay,
  view,
  type ClauseDraft,
  type Code,
  type GameConfig,
  type GameState,
  type Viewer,
} from "../../shared/rules/index.ts";
import { sc, Table } from "./harness.ts";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 2000);
const CODES = DELEGATIONS as readonly Code[];
const SECRET = sc.objectives.filter((o) => o.secret);

const draftArb: fc.Arbitrary<ClauseDraft> = fc.oneof(
  fc.constant({ type: "ceasefire" } as ClauseDraft),
  fc.constantFrom("ceasefire", "withdrawal", "aidFreeze", "neutrality", "territoryDeferred").map((type) => ({ type }) as ClauseDraft),
  fc.record({ type: fc.constant("peacekeepers" as const), contributors: fc.subarray(["BY", "EU", "TR", "CN", "UN"] as const, { minLength: 1 }).map((x) => [...x]) }),
  fc.record({ type: fc.constant("guaranteesUkraine" as const), guarantors: fc.subarray(["US", "EU", "RU", "BY", "TR", "CN"] as const, { minLength: 1 }).map((x) => [...x]) }),
  fc.record({ type: fc.constant("guaranteesBelarus" as const), guarantors: fc.subarray(["RU", "US", "CN", "TR"] as const, { minLength: 1 }).map((x) => [...x]) }),
  fc.record(
    {
      type: fc.constant("sanctionsRelief" as const),
      target: fc.constantFrom("RU" as const, "BY" as const),
      issuer: fc.constantFrom("US" as const, "EU" as const),
      level: fc.constantFrom("partial" as const, "full" as const),
      condition: fc.constantFrom("democratization" as const, "prisoners" as const),
    },
    { requiredKeys: ["type", "target", "issuer", "level"] },
  ),
);

const control = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ type: "advance" }) },
  { weight: 3, arbitrary: fc.constantFrom(...sc.events.map((e) => e.id)).map((event) => ({ type: "inject", event })) },
  { weight: 2, arbitrary: fc.constantFrom({ type: "pause" }, { type: "resume" }, { type: "tick" }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 600 }).map((seconds) => ({ type: "extend", seconds })) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("setBot"), delegation: fc.constantFrom(...CODES), bot: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant("seatHumans"), delegation: fc.constantFrom(...CODES), humans: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ type: "end" }) },
);

type Step =
  | { k: "legal"; who: number; pick: number }
  | { k: "rally"; pick: number }
  | { k: "parity"; pick: number }
  | { k: "sign"; who: number }
  | { k: "illegal"; who: number; pick: number }
  | { k: "say"; who: number; to: "table" | Code[] }
  | { k: "draft"; who: number; draft: ClauseDraft }
  | { k: "control"; cmd: { type: string } }
  | { k: "time"; ms: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ k: fc.constant("legal" as const), who: fc.nat(4), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant("rally" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("parity" as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("sign" as const), who: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("illegal" as const), who: fc.nat(4), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("say" as const), who: fc.nat(4), to: fc.oneof(fc.constant("table" as const), fc.subarray([...CODES], { minLength: 1 })) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant("draft" as const), who: fc.nat(4), draft: draftArb }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant("control" as const), cmd: control }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("time" as const), ms: fc.integer({ min: 0, max: 400_000 }) }) },
);

const configArb: fc.Arbitrary<Partial<GameConfig>> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  rounds: fc.integer({ min: 1, max: 6 }),
  roundSeconds: fc.constantFrom(0, 0, 300),
  events: fc.boolean(),
  solo: fc.boolean(),
});

/** A plain assertion for the hot loop (vitest's expect is too slow for ~100k steps). */
function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

const slot = (c: GameState["clauses"][number]) => (c.type === "sanctionsRelief" ? `${c.type}:${c.params.target}:${c.params.issuer}` : c.type);

function checkTracks(s: GameState): void {
  const t = sc.tracks;
  const within = (v: number, r: { min: number; max: number }) => v >= r.min && v <= r.max && Number.isInteger(v);
  check(within(s.momentum, t.momentum), `momentum ${s.momentum} out of range`);
  check(within(s.battlefield, t.battlefield), `battlefield ${s.battlefield} out of range`);
  check(within(s.euUnity, t.euUnity), `euUnity ${s.euUnity} out of range`);
  check(within(s.belarus.autonomy, t.autonomy), `autonomy ${s.belarus.autonomy} out of range`);
  check(within(s.belarus.usFavour, t.usFavour), `usFavour ${s.belarus.usFavour} out of range`);
  check(within(s.belarus.trust, t.trust), `trust ${s.belarus.trust} out of range`);
  check(s.belarus.pardonWaves >= 0 && s.belarus.pardonWaves <= sc.maxPardonWaves, `pardonWaves ${s.belarus.pardonWaves}`);
  for (const code of CODES) {
    const d = s.delegations[code];
    check(d.influence >= 0 && Number.isInteger(d.influence), `${code} influence ${d.influence}`);
    check(d.penalty >= 0 && d.pressureBonus >= 0, `${code} penalty ${d.penalty} bonus ${d.pressureBonus}`);
    const grant = code === s.chair ? sc.influence.chair : sc.influence.base;
    check(d.influence <= grant, `${code} holds ${d.influence} influence, more than its grant ${grant}`);
  }
  const agreed = s.clauses.filter((c) => c.status === "agreed").map(slot);
  check(new Set(agreed).size === agreed.length, `two agreed clauses share a slot: ${agreed.join(",")}`);
  check(s.phase !== "debrief" || s.outcome !== null, "debrief without an outcome");
}

const isCode = (a: string): a is Code => (CODES as readonly string[]).includes(a);

/**
 * DESIGN §2.4 as an independent oracle: who must support a clause for it to be agreed.
 * Returns why a clause is not agreeable, or "" when it is.
 */
function notAgreeable(s: GameState, c: GameState["clauses"][number]): string {
  const need = new Set<Code>(["RU", "UA", s.chair]);
  for (const a of [...(c.params.guarantors ?? []), ...(c.params.contributors ?? [])]) if (isCode(a)) need.add(a);
  if (c.type === "sanctionsRelief" && c.params.issuer === "EU" && s.euUnity > sc.euBlockUnity) need.add("EU");
  const aboutBelarus = c.type === "guaranteesBelarus" || (c.type === "sanctionsRelief" && c.params.target === "BY");
  if (aboutBelarus && s.delegations.BY.seat === "party") need.add("BY");
  for (const code of need) {
    if (s.delegations[code].seat !== "party") return `${code} is not a party`;
    if (c.stances[code] !== "support") return `${code} does not support`;
  }
  if (c.type === "withdrawal" && !s.clauses.some((x) => x.type === "ceasefire" && x.status === "agreed")) return "no agreed ceasefire";
  // ¶11: Moscow's support for Minsk as a guarantor does not count below the trust floor.
  if (c.type === "guaranteesUkraine" && c.params.guarantors?.includes("BY") && s.belarus.trust < sc.trustFloor) return "Moscow's trust is low";
  // ¶14–¶15: relief for Belarus stands on Russia's, from the same issuer; the lowered bar needs a pardon wave.
  if (c.type === "sanctionsRelief" && c.params.target === "BY") {
    if (!s.clauses.some((x) => x.status === "agreed" && x.type === "sanctionsRelief" && x.params.target === "RU" && x.params.issuer === c.params.issuer)) return "no agreed relief for Russia from that issuer";
    if (c.params.condition === "prisoners" && s.belarus.pardonWaves === 0) return "no pardon wave under the lowered bar";
  }
  return "";
}

/** DESIGN §2.4: agreed clauses are agreeable, open ones are not, and the sanctions track mirrors agreed relief. */
function checkAgreement(s: GameState): void {
  for (const c of s.clauses) {
    if (c.status === "agreed") {
      const why = notAgreeable(s, c);
      check(why === "", `clause ${c.id} (${c.type}) is agreed although ${why}`);
    }
    if (c.status === "proposed") check(notAgreeable(s, c) !== "", `clause ${c.id} (${c.type} ${JSON.stringify(c.params)}) has all the support it needs but is not agreed`);
  }
  for (const target of ["RU", "BY"] as const) {
    for (const issuer of ["US", "EU"] as const) {
      const relief = s.clauses.find((c) => c.status === "agreed" && c.type === "sanctionsRelief" && c.params.target === target && c.params.issuer === issuer);
      const want = !relief ? "full" : relief.params.level === "full" ? "none" : "partial";
      check(s.sanctions[target][issuer] === want, `sanctions on ${target} by ${issuer} are ${s.sanctions[target][issuer]}, agreed relief says ${want}`);
    }
  }
}

/** DESIGN §2.6 as an independent oracle for the final outcome, treaty and credibility. */
function checkOutcome(s: GameState): void {
  const o = s.outcome!;
  const signed = (code: Code) => s.delegations[code].seat === "party" && s.delegations[code].signature === "signed";
  for (const code of CODES) {
    const sum = o.breakdown[code].reduce((a, l) => a + l.points, 0);
    check(sum === o.scores[code], `${code} score ${o.scores[code]} is not the sum of its lines ${sum}`);
  }
  if (s.ended) {
    check(o.id === s.ended, `ended ${s.ended} but outcome ${o.id}`);
    const ok = s.ended === "ukraine_falls" ? s.battlefield === sc.tracks.battlefield.max
      : s.ended === "moscow_defeated" ? s.battlefield === sc.tracks.battlefield.min
      : s.ended === "collapse" ? s.momentum === sc.tracks.momentum.min : false;
    check(ok, `early end ${s.ended} at battlefield ${s.battlefield}, momentum ${s.momentum}`);
    return;
  }
  const inForce = s.clauses.some((c) => c.type === "ceasefire" && c.status === "agreed") && signed("RU") && signed("UA") && signed(s.chair);
  check(o.treatyInForce === inForce, `treaty in force ${o.treatyInForce}, expected ${inForce}`);
  const clauses = !inForce ? [] : s.clauses.filter((c) => c.status === "agreed").flatMap((c) => {
    if (c.type === "sanctionsRelief" && c.params.issuer === "EU" && s.euUnity > sc.euBlockUnity && !signed("EU")) return [];
    const counts = (a: string) => !isCode(a) || signed(a);
    const g = c.params.guarantors?.filter(counts);
    const k = c.params.contributors?.filter(counts);
    if ((g && g.length === 0) || (k && k.length === 0)) return [];
    return [{ ...c, params: { ...c.params, guarantors: g, contributors: k } }];
  }).filter((c, _i, all) => c.type !== "sanctionsRelief" || c.params.target !== "BY" ||
    (signed("BY") && all.some((x) => x.type === "sanctionsRelief" && x.params.target === "RU" && x.params.issuer === c.params.issuer)));
  check(JSON.stringify(o.inForce) === JSON.stringify(clauses.map((c) => c.id)), `in force ${o.inForce.join()} expected ${clauses.map((c) => c.id).join()}`);
  const credibility = clauses.filter((c) => c.type === "guaranteesUkraine").flatMap((c) => c.params.guarantors ?? []).reduce((a, g) => a + (sc.credibility[g] ?? 0), 0);
  check(o.credibility === credibility, `credibility ${o.credibility}, expected ${credibility}`);
  const strong = ["aidFreeze", "neutrality", "territoryDeferred"].filter((t) => clauses.some((c) => c.type === t)).length
    + (clauses.some((c) => c.type === "sanctionsRelief" && c.params.target === "RU") ? 1 : 0);
  const id = !inForce ? "no_deal" : s.battlefield >= 0 || strong >= sc.strongClauses ? "ceasefire_strong" : "ceasefire_weakened";
  check(o.id === id, `outcome ${o.id}, expected ${id}`);
}

const clampTo = (v: number, r: { min: number; max: number }) => Math.max(r.min, Math.min(r.max, v));

/** DESIGN §2.5 steps 1–5 as an independent oracle, checked across every round's end. */
function checkRoundEnd(prev: GameState, next: GameState): void {
  const q = prev.queue;
  // 1. Seat motions: approved ones took effect, pending ones lapsed.
  for (const m of prev.motions) {
    const after = next.motions.find((x) => x.id === m.id)!;
    if (m.status === "approved") {
      check(after.status === "passed", `approved motion ${m.id} ended ${after.status}`);
      check(next.delegations[m.delegation].seat === m.seat, `approved motion ${m.id} did not seat ${m.delegation} as ${m.seat}`);
    }
    if (m.status === "pending") check(after.status === "lapsed", `unruled motion ${m.id} ended ${after.status}`);
  }
  // 2. The battlefield formula (an unanswered staging request counts as allowed).
  const staged = q.stagingAllowed + (prev.stagingOpen ? 1 : 0);
  const shift = q.pressure + staged * sc.staging.allowBattlefield - q.aidPackages - q.counteroffensives + (prev.usAid === "paused" ? 1 : 0) + q.eventShift;
  const battlefield = clampTo(prev.battlefield + shift, sc.tracks.battlefield);
  check(next.battlefield === battlefield, `battlefield ${next.battlefield}, formula gives ${battlefield} (from ${prev.battlefield}, queue ${JSON.stringify(q)}, staging open ${prev.stagingOpen}, aid ${prev.usAid})`);
  // 3. Momentum ±1 (unless the new round's card also agreed a clause, which would blur the count).
  // Only core clauses keep the talks alive (¶12).
  const newlyAgreed = next.clauses.some((c) => c.status === "agreed" && sc.coreClauses.includes(c.type) && !prev.clauses.find((x) => x.id === c.id)?.agreedOnce);
  if (!(next.phase === "round" && next.queue.coreAgreed)) {
    let momentum = clampTo(prev.momentum + (q.coreAgreed || newlyAgreed ? 1 : -1), sc.tracks.momentum);
    if (next.phase === "round" && next.config.events) {
      const ev = sc.events.find((e) => e.id === next.event)!;
      if (ev.momentum && !(ev.needsPardon && next.belarus.pardonWaves === 0)) momentum = clampTo(momentum + ev.momentum, sc.tracks.momentum);
    }
    check(next.momentum === momentum, `momentum ${next.momentum}, expected ${momentum} (from ${prev.momentum}, agreed ${q.coreAgreed || newlyAgreed}, card ${next.event})`);
  }
  // 4. End checks.
  const early = battlefield >= sc.tracks.battlefield.max ? "ukraine_falls" : battlefield <= sc.tracks.battlefield.min ? "moscow_defeated" : "";
  if (early) check(next.phase === "debrief" && next.outcome?.id === early, `battlefield ${battlefield} should end the game as ${early}`);
  if (next.phase === "debrief" && !early) check(next.momentum === sc.tracks.momentum.min && next.outcome?.id === "collapse", `the game ended at momentum ${next.momentum} as ${next.outcome?.id}`);
  // 5. The next round: a fresh grant minus penalties.
  if (next.phase === "round") {
    check(next.round === prev.round + 1, `round ${prev.round} was followed by ${next.round}`);
    for (const code of CODES) {
      const grant = code === next.chair ? sc.influence.chair : sc.influence.base;
      const want = Math.max(0, grant - prev.delegations[code].penalty);
      check(next.delegations[code].influence === want, `${code} starts round ${next.round} with ${next.delegations[code].influence}, expected ${want}`);
    }
  } else if (next.phase === "signing") {
    check(prev.round === prev.config.rounds, `signing after round ${prev.round} of ${prev.config.rounds}`);
  }
}

function checkViews(s: GameState): void {
  const debrief = s.phase === "debrief";
  const viewers: Viewer[] = [...CODES, "spectator"];
  for (const viewer of viewers) {
    const v = view(s, viewer);
    const json = JSON.stringify(v);
    if (!debrief) {
      for (const o of SECRET) {
        if (o.delegation === viewer) {
          check(json.includes(o.id), `${viewer} does not see its own secret aim ${o.id}`);
          continue;
        }
        check(!json.includes(o.id), `${viewer} sees ${o.delegation}'s secret aim ${o.id}`);
        check(!json.includes(o.text), `${viewer} sees ${o.delegation}'s secret aim text "${o.text}"`);
        check(!json.includes(o.note), `${viewer} sees ${o.delegation}'s secret aim note "${o.note}"`);
      }
    }
    for (const m of s.messages) {
      const party = viewer !== "spectator" && (m.from === viewer || m.to.includes(viewer as Code));
      check(json.includes(m.text) === party, `${viewer} ${party ? "misses" : "reads"} back channel ${m.from}→${m.to.join(",")}`);
    }
    if (viewer === "spectator") {
      check(v.messages.length === 0, "the spectator gets messages");
      check(debrief || Object.keys(v.briefings).length === 0, "the spectator gets briefings");
    } else {
      check(debrief || Object.keys(v.briefings).join() === viewer, `${viewer} gets briefings ${Object.keys(v.briefings).join()}`);
    }
  }
}

const stats = { illegal: 0, roundEnds: 0, signingWithCeasefire: 0, games: 0, steps: 0, accepted: 0, agreed: 0, passed: 0, parity: 0, messages: 0, outcomes: new Map<string, number>() };

function play(config: Partial<GameConfig>, steps: Step[]): void {
  const t = new Table(config);
  t.do("facilitator", { type: "start" });
  let n = 0;
  for (const step of steps) {
    if (t.s.phase === "debrief") break;
    n++;
    const s = t.s;
    let r: ReturnType<Table["try"]> | null = null;
    switch (step.k) {
      case "legal": {
        const code = CODES[step.who]!;
        let moves = legalMoves(s, code).filter((m) => m.ok && m.action);
        // At the signing table most parties sign; uniform picks would mostly dither until time runs out.
        if (s.phase === "signing" && step.pick % 4 !== 0) moves = moves.filter((m) => m.key === "sign:yes");
        if (moves.length === 0) break;
        const m = moves[step.pick % moves.length]!;
        r = t.try(code, m.action);
        check(r.ok, `legalMoves offered ${code} ${m.key} but apply refused it: ${r.ok ? "" : r.code}`);
        break;
      }
      case "rally": {
        // Every delegation that legally can now supports one open clause (a run of legal moves).
        const open = s.clauses.filter((c) => c.status === "proposed");
        if (open.length === 0 || s.phase !== "round") break;
        const id = open[step.pick % open.length]!.id;
        for (const code of CODES) {
          const m = legalMoves(t.s, code).find((x) => x.ok && x.key === `stance:${id}:support`);
          if (!m) continue;
          const rr = t.try(code, m.action);
          check(rr.ok, `legalMoves offered ${code} ${m.key} but apply refused it`);
          if (rr.ok) stats.accepted++;
          checkTracks(t.s);
        }
        break;
      }
      case "parity": {
        // Belarus claims parity whenever its legal moves offer it (rare under uniform picks).
        const claims = legalMoves(s, "BY").filter((m) => m.ok && m.key.startsWith("parity:"));
        if (claims.length === 0) break;
        const m = claims[step.pick % claims.length]!;
        r = t.try("BY", m.action);
        check(r.ok, `legalMoves offered BY ${m.key} but apply refused it`);
        break;
      }
      case "sign": {
        // In the signing phase, a party signs (uniform picks would mostly refuse or dither).
        const code = CODES[step.who]!;
        const m = legalMoves(s, code).find((x) => x.ok && x.key === "sign:yes");
        if (!m) break;
        r = t.try(code, m.action);
        check(r.ok, `legalMoves offered ${code} sign:yes but apply refused it`);
        break;
      }
      case "illegal": {
        // A move legalMoves marks as not possible is refused by apply, with the same reason.
        const code = CODES[step.who]!;
        const moves = legalMoves(s, code).filter((m) => !m.ok && m.action);
        if (moves.length === 0) break;
        const m = moves[step.pick % moves.length]!;
        r = t.try(code, m.action);
        check(!r.ok && r.message === m.reason, `legalMoves said ${code} ${m.key} is not possible (${m.reason}) but apply ${r.ok ? "accepted it" : `said ${r.message}`}`);
        stats.illegal++;
        break;
      }
      case "say":
        r = t.try(CODES[step.who]!, { type: "say", to: step.to, text: step.to === "table" ? `pub${n}q` : `bc${n}q` });
        break;
      case "draft": {
        const code = CODES[step.who]!;
        const type = s.delegations[code].seat === "observer" ? "suggest" : "propose";
        r = t.try(code, { type, clause: step.draft });
        break;
      }
      case "control":
        r = t.try("facilitator", step.cmd);
        if (!r.ok && (step.cmd.type === "tick" || step.cmd.type === "seatHumans")) r = t.try("system", step.cmd);
        break;
      case "time":
        t.now += step.ms;
        break;
    }
    if (r) {
      if (r.ok) stats.accepted++;
      else {
        check(r.code !== "engine/error", `engine error: ${r.message}`);
        check(/^[a-z]+\/[a-z_]+$/.test(r.code), `unstable code ${r.code}`);
        check(t.s === s, "a rejection replaced the state");
      }
    }
    if (s.phase === "round" && t.s.phase === "signing" && t.s.clauses.some((c) => c.type === "ceasefire" && c.status === "agreed")) stats.signingWithCeasefire++;
    checkTracks(t.s);
    checkAgreement(t.s);
    const endedByFacilitator = step.k === "control" && step.cmd.type === "end";
    if (s.phase === "round" && !endedByFacilitator && (t.s.phase !== "round" || t.s.round !== s.round)) {
      checkRoundEnd(s, t.s);
      stats.roundEnds++;
    }
    if (n % 12 === 0) checkViews(t.s);
  }
  checkViews(t.s);
  if (t.s.phase === "debrief") checkOutcome(t.s);
  // The log rebuilds the game exactly.
  expect(replay(config, t.log)).toEqual(t.s);
  stats.games++;
  stats.steps += n;
  stats.agreed += t.s.clauses.filter((c) => c.status === "agreed" || c.status === "superseded").length;
  stats.passed += t.s.motions.filter((m) => m.status === "passed").length;
  stats.parity += t.s.clauses.filter((c) => c.parity).length;
  stats.messages += t.s.messages.length;
  if (t.s.outcome) stats.outcomes.set(t.s.outcome.id, (stats.outcomes.get(t.s.outcome.id) ?? 0) + 1);
}

describe("random legal play", () => {
  // Four batches with their own seeds, so a loaded machine never hits one long timeout.
  const BATCHES = 4;
  for (let batch = 0; batch < BATCHES; batch++) {
    it(`§3 batch ${batch + 1}/${BATCHES}: tracks stay in range, influence never goes negative, views keep secrets, replay rebuilds every game`, () => {
      fc.assert(
        fc.property(configArb, fc.array(stepArb, { minLength: 10, maxLength: 80, size: "max" }), (config, steps) => play(config, steps)),
        { numRuns: Math.ceil(RUNS / BATCHES), seed: 0x5ea7 + batch, endOnFailure: false },
      );
    }, 180_000);
  }

  it("§3 the random games reached the deep parts of the rules, not just the opening", () => {
    console.info("property stats", { ...stats, outcomes: Object.fromEntries(stats.outcomes) });
    expect(stats.games).toBe(BATCHES * Math.ceil(RUNS / BATCHES));
    expect(stats.accepted).toBeGreaterThan(RUNS * 10);
    expect(stats.agreed).toBeGreaterThan(RUNS / 10);
    expect(stats.passed).toBeGreaterThan(0);
    expect(stats.messages).toBeGreaterThan(RUNS / 2);
    expect(stats.outcomes.size).toBeGreaterThanOrEqual(4);
    expect(stats.parity).toBeGreaterThan(0);
  });
});
