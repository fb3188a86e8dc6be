/** Random public states for the layout's property tests: any seating, up to 14 clauses, long names. */
import fc from "fast-check";
import type { Clause, ClauseType, Code, Phase, Seat, Stance } from "../../shared/rules/types.ts";
import { minskWindow } from "../../shared/scenario/minskWindow.ts";
import { CODES } from "../../client/model/palette.ts";
import { normalize, type PublicState } from "../../client/model/publicState.ts";

const TYPES = Object.keys(minskWindow.clauses) as ClauseType[];
const ACTORS = ["US", "EU", "RU", "BY", "TR", "CN", "UN"] as const;
const seatArb = fc.constantFrom<Seat>("party", "observer", "absent");
const stanceArb = fc.constantFrom<Stance>("support", "oppose", "none");
const code = fc.constantFrom<Code>(...CODES);

const clauseArb = (i: number): fc.Arbitrary<Clause> =>
  fc.record({
    type: fc.constantFrom(...TYPES),
    guarantors: fc.subarray([...ACTORS], { maxLength: 6 }),
    status: fc.constantFrom<Clause["status"]>("proposed", "agreed", "suggested", "proposed", "struck"),
    proposer: code,
    stances: fc.record({ RU: stanceArb, UA: stanceArb, US: stanceArb, EU: stanceArb, BY: stanceArb }),
    level: fc.constantFrom("partial", "full"),
  }).map((r) => ({
    id: `c${i}`,
    type: r.type,
    params: r.type === "sanctionsRelief" ? { target: "BY", issuer: "EU", level: r.level as "partial", condition: "prisoners" } : r.type.startsWith("guarantees") ? { guarantors: r.guarantors } : r.type === "peacekeepers" ? { contributors: r.guarantors } : {},
    proposer: r.proposer,
    status: r.status,
    stances: r.stances,
    round: 1,
  }));

export const stateArb: fc.Arbitrary<PublicState> = fc
  .record({
    seats: fc.record({ RU: seatArb, UA: seatArb, US: seatArb, EU: seatArb, BY: seatArb }),
    influence: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 5, maxLength: 5 }),
    bots: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    members: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 5 }),
    flags: fc.array(fc.constantFrom("", "signed", "refused"), { minLength: 5, maxLength: 5 }),
    chair: code,
    n: fc.integer({ min: 0, max: 14 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
    motions: fc.array(fc.record({ delegation: code, seat: seatArb, sponsor: code, status: fc.constantFrom("pending", "approved", "denied") }), { maxLength: 3 }),
    venue: fc.constantFrom("", "Istanbul", "Minsk", "Riyadh"),
    vetoed: fc.boolean(),
    event: fc.constantFrom("", ...minskWindow.events.map((e) => e.id)),
    outcome: fc.constantFrom("", ...Object.keys(minskWindow.outcomes)),
    phase: fc.constantFrom<Phase>("lobby", "briefing", "round", "signing", "debrief"),
    round: fc.integer({ min: 0, max: 12 }),
    signals: fc.array(fc.record({ delegation: code, signal: fc.constantFrom(...Object.keys(minskWindow.signals)) }), { maxLength: 8 }),
  })
  .chain((r) => fc.tuple(fc.constant(r), fc.tuple(...Array.from({ length: Math.max(1, r.n) }, (_, i) => clauseArb(i)))))
  .map(([r, clauses]) => {
    const p = normalize({});
    CODES.forEach((c, i) => {
      p.delegations[c] = {
        seat: r.seats[c],
        influence: r.influence[i],
        bot: r.bots[i],
        ready: r.flags[i] === "signed",
        signature: r.flags[i] as "",
        members: Array.from({ length: r.members[i] }, (_, k) => ({ name: `A student with a very long name number ${k} of the class`, connected: true, id: `m${k}` })),
      };
    });
    p.chair = r.chair;
    p.clauses = clauses.slice(0, r.n);
    p.motions = r.motions.map((m, i) => ({ id: `s${i}`, round: 1, ...m }) as PublicState["motions"][number]);
    p.venue = r.venue;
    p.venueVetoed = r.vetoed;
    p.event = r.event;
    p.phase = r.phase;
    p.round = r.round;
    p.rounds = 12;
    p.signals = r.signals.map((s) => ({ ...s, round: r.round }));
    if (r.outcome) p.outcome = { id: r.outcome as "collapse", scores: {} as Record<Code, number>, breakdown: {} as never, credibility: 0, treatyInForce: false, inForce: [], revealed: [] };
    return p;
  });

/** The busiest table: every seat at the table, 12 open clauses, an event, motions and a venue. */
export function busiest(): PublicState {
  const p = normalize({});
  for (const c of CODES) p.delegations[c] = { ...p.delegations[c], seat: c === "BY" ? "absent" : "party", members: [{ name: "x".repeat(40), connected: true, id: "m" }, { name: "y", connected: true, id: "n" }], ready: true };
  p.phase = "round";
  p.round = 3;
  p.clauses = Array.from({ length: 12 }, (_, i) => ({
    id: `c${i}`,
    type: i % 3 ? "guaranteesUkraine" : "sanctionsRelief",
    params: i % 3 ? { guarantors: ["US", "EU", "TR", "CN"] } : { target: "BY", issuer: "EU", level: "partial", condition: "prisoners" },
    proposer: CODES[i % 4],
    status: i % 4 ? "proposed" : "agreed",
    stances: { RU: "support", UA: "oppose", US: "none", EU: "support" },
    round: 1,
  }));
  p.motions = [{ id: "s1", delegation: "BY", seat: "observer", sponsor: "RU", status: "pending", round: 3 }];
  p.venue = "Istanbul";
  p.event = "prisonersFreed";
  return p;
}
