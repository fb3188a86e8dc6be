/**
 * The load harness itself, kept small enough for `npm test`: its histogram, its argument bounds,
 * and one tiny run (one class of five students for two seconds) against the real server process.
 * The measurements that matter run with `npm run loadtest` (docs/PERFORMANCE.md, "Load").
 */
import { describe, expect, it } from "vitest";
import { Histogram } from "../../scripts/load/histogram.ts";
import { parseArgs } from "../../scripts/load/args.ts";
import { runLoad } from "../../scripts/loadtest.ts";

describe("latency histogram", () => {
  it("gives quantiles to the bucket and merges across threads", () => {
    const a = new Histogram();
    const b = new Histogram();
    for (let i = 1; i <= 100; i++) (i % 2 ? a : b).add(i / 10); // 0.1 … 10 ms
    a.merge(b.data());
    expect(a.count).toBe(100);
    expect(a.quantile(0.5)).toBeCloseTo(5, 1);
    expect(a.quantile(0.99)).toBeCloseTo(9.9, 1);
    expect(a.max).toBe(10);
    a.add(2500); // coarse buckets above 100 ms
    expect(a.quantile(1)).toBe(2500);
  });
});

describe("loadtest arguments", () => {
  it("stays on loopback and within its bounds", () => {
    expect(() => parseArgs(["--url", "ws://example.org:2567"])).toThrow(/loopback/);
    expect(() => parseArgs(["--rooms", "1001"])).toThrow();
    expect(() => parseArgs(["--rooms", "501", "--students", "30"])).toThrow(/at most/);
    expect(() => parseArgs(["--database-url", "postgres://u:p@db.example.org/seat"])).toThrow(/database-url/);
    expect(parseArgs(["--database-url", "postgres://u:p@127.0.0.1:5432/seat"]).databaseUrl).toMatch(/127\.0\.0\.1/);
    const a = parseArgs(["--rooms", "100", "--students", "30"]);
    expect(a.workers).toBe(2);
    expect(a.seconds).toBeLessThanOrEqual(600);
    // 10,000 students: one generator thread per 2,500 clients.
    expect(parseArgs(["--rooms", "334", "--students", "30"]).workers).toBe(5);
  });

  it("sets a classroom's rhythm, each part still adjustable after it", () => {
    const a = parseArgs(["--classroom", "--say-ms", "15000"]);
    expect(a).toMatchObject({ sayMs: 15_000, actionMs: 30_000, facilitatorMs: 60_000, bots: true, botSeats: 0 });
    expect(parseArgs(["--bot-seats", "1"])).toMatchObject({ bots: true, botSeats: 1 });
  });
});

describe("a tiny run against the real server", () => {
  it("joins everyone, delivers every line, and measures the server", async () => {
    const r = await runLoad(parseArgs(["--rooms", "1", "--students", "5", "--seconds", "2", "--json", "--grace-ms", "1000"]), "test");
    expect(r.joins).toMatchObject({ failedCreates: 0, failedJoins: 0, failedStarts: 0 });
    expect(r.clients).toBe(6);
    expect(r.lines.sent).toBeGreaterThan(0);
    expect(r.delivered).toBe(1);
    expect(r.latency.samples).toBe(r.lines.sent);
    expect(r.fanout.samples).toBe(r.lines.sent * 5);
    expect(r.server?.peakRssMB).toBeGreaterThan(10);
    expect(r.drops + r.leaves).toBe(0);
  }, 30_000);
});
