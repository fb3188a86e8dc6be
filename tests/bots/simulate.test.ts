/**
 * The simulator's contract: one JSON object of a fixed shape with --json, the same output for
 * the same seed apart from `seconds` (whatever the number of workers), a readable table
 * otherwise, and a clear refusal of bad options. Policies: lab.test.ts.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DELEGATIONS, OUTCOMES } from "../../shared/rules/index.ts";

const run = promisify(execFile);
const simulate = (...args: string[]) => run(process.execPath, ["scripts/simulate.ts", ...args], { maxBuffer: 1 << 22 });

describe("npm run simulate", () => {
  it("prints exactly one JSON object of the documented shape", async () => {
    const { stdout } = await simulate("--games", "30", "--seed", "4", "--json");
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const out = JSON.parse(stdout);
    expect(Object.keys(out).sort()).toEqual(["games", "outcomes", "scores", "seconds", "seed"]);
    expect(out.games).toBe(30);
    expect(out.seed).toBe(4);
    expect(typeof out.seconds).toBe("number");
    expect(Object.keys(out.outcomes).sort()).toEqual([...OUTCOMES].sort());
    expect(Object.values(out.outcomes as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(30);
    expect(Object.keys(out.scores).sort()).toEqual([...DELEGATIONS].sort());
    for (const code of DELEGATIONS) {
      const s = out.scores[code];
      expect(Object.keys(s).sort()).toEqual(["byOutcome", "max", "mean", "min", "sd"]);
      expect(s.min).toBeLessThanOrEqual(s.mean);
      expect(s.mean).toBeLessThanOrEqual(s.max);
      expect(s.sd).toBeGreaterThanOrEqual(0);
      // A mean by outcome for exactly the outcomes that occurred.
      expect(Object.keys(s.byOutcome).sort()).toEqual(OUTCOMES.filter((o) => out.outcomes[o] > 0).sort());
    }
  }, 120_000);

  it("gives the same output for the same seed, apart from seconds, with one worker or two", async () => {
    const strip = (text: string) => ({ ...JSON.parse(text), seconds: 0 });
    const [a, b, c] = await Promise.all([
      simulate("--games", "40", "--seed", "9", "--json"),
      simulate("--games", "40", "--seed", "9", "--json", "--workers", "2"),
      simulate("--games", "40", "--seed", "10", "--json"),
    ]);
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    expect(strip(a.stdout)).not.toEqual(strip(c.stdout));
  }, 180_000);

  it("writes a record per game with --games-out, and the same summary as without it", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "simulate-")), "games.jsonl");
    const [plain, out] = await Promise.all([
      simulate("--games", "12", "--seed", "9", "--json"),
      simulate("--games", "12", "--seed", "9", "--json", "--games-out", file),
    ]);
    expect(JSON.parse(out.stdout)).not.toHaveProperty("policyErrors");
    expect({ ...JSON.parse(out.stdout), seconds: 0 }).toEqual({ ...JSON.parse(plain.stdout), seconds: 0 });
    const lines = readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((g) => g.game)).toEqual([...Array(12).keys()]);
  }, 120_000);

  it("prints a readable table without --json", async () => {
    const { stdout } = await simulate("--games", "10", "--seed", "2");
    expect(stdout).toMatch(/10 bot-only games, seed 2/);
    for (const o of OUTCOMES) expect(stdout).toContain(o);
    for (const code of DELEGATIONS) expect(stdout).toContain(code);
  }, 120_000);

  it("refuses unknown options and bad numbers with exit code 2", async () => {
    await expect(simulate("--games", "many")).rejects.toMatchObject({ code: 2 });
    await expect(simulate("--frobnicate")).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
