import { describe, expect, it } from "vitest";
import { Pacing } from "../../server/sync/Pacing.ts";

const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const idle = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** `n` rooms asking to send (one call each, as a room does once per turn that changed something). */
const sends = (p: Pacing, n: number) => { for (let i = 0; i < n; i++) p.delayMs(); };
/** One sample of `ms` with the event loop fully busy and `n` sends in it. */
const busySample = (p: Pacing, ms: number, n: number) => {
  p.sample();
  spin(ms);
  sends(p, n);
  p.sample();
};

describe("Pacing (when a room sends what a turn changed)", () => {
  it("sends at once while the process has time to spare, holds changes while it is busy, and lets go once it is idle again", async () => {
    const p = new Pacing(20, { sampleMs: 60_000, rooms: () => 1 }); // sampled by hand below
    p.sample();
    await idle(150);
    sends(p, 10); // 10 changes in 150 ms: another one would join a held change most of the time
    p.sample();
    expect(p.delayMs()).toBe(0);
    spin(150); // the event loop fully busy since the last sample
    sends(p, 10);
    p.sample();
    expect(p.delayMs()).toBe(20);
    await idle(300);
    sends(p, 10);
    p.sample();
    expect(p.delayMs()).toBe(0);
    p.stop();
  });

  it("does not hold busy rooms that change too seldom for a held change to be joined", () => {
    // 1,000 rooms, 100 changes in ~150 ms: each room changes under once a second, so a 20 ms
    // hold would only make its lines later.
    const p = new Pacing(20, { sampleMs: 60_000, rooms: () => 1000 });
    // 100 rooms, the same changes: under 7 a second per room, a held change joined about one
    // time in eight: not enough to be worth the wait.
    const few = new Pacing(20, { sampleMs: 60_000, rooms: () => 100 });
    busySample(few, 150, 100);
    expect(few.delayMs()).toBe(0);
    few.stop();
    busySample(p, 150, 100);
    expect(p.delayMs()).toBe(0);
    // The same process with 30 rooms, 225 changes in 300 ms: each changes ~25 times a second
    // (100 classes talking every 2 s change ~19), a held change joined about 40 % of the time
    // — now holding pays (and still would if the sample took up to 520 ms).
    const q = new Pacing(20, { sampleMs: 60_000, rooms: () => 30 });
    busySample(q, 300, 225);
    expect(q.delayMs()).toBe(20);
    p.stop();
    q.stop();
  });

  it("never holds with a window of 0", () => {
    const p = new Pacing(0);
    spin(50);
    sends(p, 100);
    p.sample();
    expect(p.delayMs()).toBe(0);
    p.stop();
  });
});
