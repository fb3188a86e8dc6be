import { describe, expect, it } from "vitest";
import { Pacing } from "../../server/sync/Pacing.ts";

const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const idle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Pacing (when a room sends what a turn changed)", () => {
  it("sends at once while the process has time to spare, holds changes while it is busy, and lets go once it is idle again", async () => {
    const p = new Pacing(20, 0.7, 60_000); // sampled by hand below
    p.sample();
    await idle(150);
    p.sample();
    expect(p.delayMs()).toBe(0);
    spin(150); // the event loop fully busy since the last sample
    p.sample();
    expect(p.delayMs()).toBe(20);
    await idle(300);
    p.sample();
    expect(p.delayMs()).toBe(0);
    p.stop();
  });

  it("never holds with a window of 0", () => {
    const p = new Pacing(0);
    spin(50);
    p.sample();
    expect(p.delayMs()).toBe(0);
    p.stop();
  });
});
