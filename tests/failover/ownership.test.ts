/**
 * Lease keeping between processes, over an in-memory lease table with a hand-driven clock (the
 * real store's leases are proven by the store contract suite; the processes by failover.test.ts).
 */
import { describe, expect, it } from "vitest";
import { Ownership, type Host, type Leases } from "../../server/failover/Ownership.ts";

/** The lease rules of server/store/types.ts over a map, with time moved by hand. */
class FakeLeases implements Leases {
  now = 0;
  live = new Set<string>();
  rows = new Map<string, { owner: string; gen: number; until: number }>();
  claim(code: string, owner: string, ttlMs: number): Promise<number | null> {
    const r = this.rows.get(code);
    if (r && r.owner !== owner && r.until > this.now) return Promise.resolve(null);
    const gen = (r?.gen ?? 0) + 1;
    this.rows.set(code, { owner, gen, until: this.now + ttlMs });
    return Promise.resolve(gen);
  }
  renew(owner: string, ttlMs: number): Promise<string[]> {
    const out: string[] = [];
    for (const [code, r] of this.rows) if (r.owner === owner && r.until > this.now) (r.until = this.now + ttlMs), out.push(code);
    return Promise.resolve(out);
  }
  expired(): Promise<string[]> {
    return Promise.resolve([...this.live].filter((c) => { const r = this.rows.get(c); return !r || r.until <= this.now; }));
  }
  release(code: string, owner: string): Promise<void> {
    const r = this.rows.get(code);
    if (r?.owner === owner) r.until = 0;
    return Promise.resolve();
  }
}

/** A process's rooms, recording what fail-over asked of them. */
function host(calls: string[], failRestore = new Set<string>()): Host {
  return {
    restore: async (code) => {
      if (failRestore.has(code)) throw new Error("damaged log");
      calls.push(`restore ${code}`);
    },
    drop: (code) => void calls.push(`drop ${code}`),
    flush: async () => void calls.push("flush"),
    confirmed: async (codes) => void calls.push(`confirmed ${codes.join(",")}`),
  };
}

const quiet = () => undefined;
const timing = { ttlMs: 9000 };

/** An Ownership whose passes this test runs by hand (its own timers never fire within a test). */
function own(leases: Leases, h: Host, owner: string): Ownership {
  const o = new Ownership(leases, h, owner, { ...timing, renewMs: 1e9, watchMs: 1e9 }, quiet);
  o.start();
  return o;
}

describe("ownership of games between processes", () => {
  it("takes over a dead host's game once its lease ran out, and the old host drops it when it wakes", async () => {
    const leases = new FakeLeases();
    const aCalls: string[] = [];
    const bCalls: string[] = [];
    const a = own(leases, host(aCalls), "A");
    const b = own(leases, host(bCalls), "B");
    leases.live.add("GAME");
    expect(await a.claim("GAME")).toBe(true);

    // A renews in time: B finds nothing to take.
    leases.now = 5000;
    await a.renew();
    leases.now = 12_000;
    await b.watch();
    expect(bCalls).toEqual([]);
    expect(leases.rows.get("GAME")!.owner).toBe("A");

    // A stops renewing (killed or frozen); after the TTL B claims with a newer generation and restores.
    leases.now = 14_001;
    await b.watch();
    expect(bCalls).toEqual(["restore GAME"]);
    expect(leases.rows.get("GAME")).toMatchObject({ owner: "B", gen: 2 });
    expect(b.held()).toEqual(["GAME"]);

    // A wakes up: its renew leaves the game out, so its room is dropped, once, and its listing
    // is never written again (only a confirmed lease's is).
    await a.renew();
    await a.renew();
    expect(aCalls).toEqual(["confirmed GAME", "drop GAME"]);
    expect(a.held()).toEqual([]);
  });

  it("never takes a game twice in one process, even when watch passes overlap", async () => {
    const leases = new FakeLeases();
    const calls: string[] = [];
    const b = own(leases, host(calls), "B");
    leases.live.add("G1");
    leases.live.add("G2");
    await Promise.all([b.watch(), b.watch(), b.take("G1")]);
    expect(calls.filter((c) => c === "restore G1")).toHaveLength(1);
    expect(calls.filter((c) => c === "restore G2")).toHaveLength(1);
    await b.watch();
    expect(calls).toHaveLength(2);
  });

  it("gives a game it cannot restore back, and keeps watching the others", async () => {
    const leases = new FakeLeases();
    const calls: string[] = [];
    const b = own(leases, host(calls, new Set(["BAD"])), "B");
    leases.live.add("BAD");
    leases.live.add("OK");
    await b.watch();
    expect(calls).toEqual(["restore OK"]);
    expect(b.held()).toEqual(["OK"]);
    expect(await leases.expired()).toEqual(["BAD"]);
    // Not retried at every pass here (another process may try it at once).
    const tries = calls.length;
    await b.watch();
    expect(calls.length).toBe(tries);
    expect(leases.rows.get("BAD")!.gen).toBe(1);
  });

  it("drops a room whose flush was fenced, and forgets its lease", async () => {
    const leases = new FakeLeases();
    const calls: string[] = [];
    const a = own(leases, host(calls), "A");
    a.adopt("GAME");
    a.lost("GAME", "fenced");
    expect(calls).toEqual(["drop GAME"]);
    expect(a.held()).toEqual([]);
    // Renewal no longer speaks for it, and an ended room does not release it again.
    await a.release("GAME");
    expect(calls).toEqual(["drop GAME"]);
  });

  it("gives up the lease of a room dropped because the store failed, so the game comes back", async () => {
    const leases = new FakeLeases();
    const aCalls: string[] = [];
    const a = own(leases, host(aCalls), "A");
    leases.live.add("GAME");
    await a.claim("GAME");
    a.lost("GAME", "the database does not answer");
    await Promise.resolve();
    expect(aCalls).toEqual(["drop GAME"]);
    // Well inside the TTL, the game is free again: the next watch pass (here, once the old room
    // is gone) restores it.
    leases.now = 1000;
    expect(await leases.expired()).toEqual(["GAME"]);
    await a.watch();
    expect(aCalls).toEqual(["drop GAME", "restore GAME"]);
  });

  it("never releases a lease another process took", async () => {
    const leases = new FakeLeases();
    const a = own(leases, host([]), "A");
    const b = own(leases, host([]), "B");
    leases.live.add("GAME");
    await a.claim("GAME");
    leases.now = 20_000;
    await b.watch();
    a.lost("GAME", "fenced");
    await Promise.resolve();
    expect(leases.rows.get("GAME")).toMatchObject({ owner: "B", until: 29_000 });
  });

  it("releases an ended room's lease after the last flush, so another process takes over at once", async () => {
    const leases = new FakeLeases();
    const order: string[] = [];
    const release = leases.release.bind(leases);
    leases.release = (code, owner) => (order.push(`release ${code}`), release(code, owner));
    const a = own(leases, host(order), "A");
    leases.live.add("G1");
    await a.claim("G1");
    leases.now = 1000; // well inside the TTL
    await a.release("G1");
    await a.release("G1");
    expect(order).toEqual(["flush", "release G1"]);
    expect(a.held()).toEqual([]);
    expect(await leases.expired()).toEqual(["G1"]);
  });
});
