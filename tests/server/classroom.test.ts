/**
 * A full classroom game over real websockets: five student delegations and a facilitator,
 * lobby → briefing → two rounds → signing → debrief, with Belarus seated by Russia's motion
 * and the chair's approval (effective only at the round's end) and a torpedo.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, Player, waitUntil, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot(); });
afterAll(async () => { await b.stop(); });

const CODES = ["RU", "UA", "US", "EU", "BY"] as const;

describe("classroom game", () => {
  it("runs from lobby to debrief with a seat motion, an agreed clause and a torpedo", async () => {
    const f = await Player.create(b.url, {
      name: "Ms Kowalska", role: "facilitator",
      config: { rounds: 2, roundSeconds: 0, seed: 7, bots: false, events: false },
    });
    const fw = await f.message("welcome");
    const code = fw.code as string;
    expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(f.room.roomId).toBe(code);
    expect(fw.role).toBe("facilitator");
    expect(fw.facilitatorToken.length).toBeGreaterThanOrEqual(16);
    expect(f.json().phase).toBe("lobby");

    const p: Record<string, Player> = {};
    for (const c of CODES) {
      p[c] = await Player.join(b.url, code, { name: `Student ${c}`, role: "player", delegation: c });
      const w = await p[c].message("welcome");
      expect(w).toMatchObject({ code, role: "player", delegation: c, protocol: 1 });
      expect(w.playerToken.length).toBeGreaterThanOrEqual(16);
      expect(w.facilitatorToken).toBeUndefined();
    }
    await waitUntil(() => CODES.every((c) => f.json().delegations[c].members.length === 1), "members");
    expect(f.json().delegations.BY.members[0]).toEqual({ name: "Student BY", connected: true });
    // No briefings in the lobby.
    expect(p.RU.of("briefing")).toHaveLength(0);

    await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
    const ruBrief = await p.RU.message("briefing");
    expect(ruBrief.delegation).toBe("RU");
    await waitUntil(() => f.of("briefing").length >= 5, "facilitator briefings");
    expect(new Set(f.of("briefing").map((x) => x.delegation))).toEqual(new Set(CODES));
    expect(p.RU.of("briefing").every((x) => x.delegation === "RU")).toBe(true);

    await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round" && s.round === 1);
    expect(f.json().deadline).toBe(0); // roundSeconds 0: the facilitator advances

    // Russia sponsors Belarus's seat; the chair (US) approves; nothing changes until round end.
    await p.RU.act("action", { type: "seatMotion", delegation: "BY", seat: "party" }, (s) => s.motions.length === 1);
    const motion = p.RU.json().motions[0];
    expect(motion).toMatchObject({ delegation: "BY", seat: "party", sponsor: "RU", status: "pending" });
    await p.US.act("action", { type: "ruleMotion", motion: motion.id, approve: true }, (s) => s.motions[0].status === "approved");
    expect(f.json().delegations.BY.seat).toBe("absent");

    // A ceasefire agreed by RU, UA and the chair.
    await p.RU.act("action", { type: "propose", clause: { type: "ceasefire" } }, (s) => s.clauses.length === 1);
    const cease = p.RU.json().clauses[0].id;
    await p.UA.act("action", { type: "stance", clause: cease, stance: "support" }, (s) => s.clauses[0].stances.UA === "support");
    await p.US.act("action", { type: "stance", clause: cease, stance: "support" }, (s) => s.clauses[0].status === "agreed");

    await f.act("facilitator", { type: "advance" }, (s) => s.round === 2);
    const s2 = f.json();
    expect(s2.delegations.BY.seat).toBe("party");
    expect(s2.motions[0].status).toBe("passed");
    expect(s2.momentum).toBe(6);
    // A seat won as Moscow's voice costs Belarus autonomy (its briefing shows its tracks).
    await waitUntil(() => p.BY.of("briefing").some((x) => x.belarus?.autonomy === 2), "BY autonomy 2");

    // A torpedo: Ukraine walks out over a Russian clause.
    await p.RU.act("action", { type: "propose", clause: { type: "territoryDeferred" } }, (s) => s.clauses.length === 2);
    const target = p.RU.json().clauses[1].id;
    await p.UA.act("action", { type: "torpedo", target }, (s) => s.clauses[1].status === "struck");
    expect(f.json().momentum).toBe(4);
    expect(f.json().delegations.UA.influence).toBe(1);

    await f.act("facilitator", { type: "advance" }, (s) => s.phase === "signing");
    for (const c of CODES) await p[c].act("action", { type: "sign", sign: true }, (s) => s.delegations[c].signature === "signed" || s.phase === "debrief");
    await waitUntil(() => f.json().phase === "debrief", "debrief");
    const end = f.json();
    expect(end.outcome.id).toMatch(/^ceasefire_/);
    expect(Object.keys(end.outcome.scores).sort()).toEqual([...CODES].sort());
    expect(end.table.some((e: any) => e.kind === "event")).toBe(true);
    for (const c of CODES) await p[c].leave();
    await f.leave();
  });
});
