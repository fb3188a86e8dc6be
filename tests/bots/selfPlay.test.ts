/**
 * Bots only ever make legal moves: whole bot-only games in process (every refusal is a
 * failure, with the move that was refused), and 10,000 games through the simulator, which
 * exits 1 on any refused bot move or exception.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { playGame } from "../../shared/bots/selfPlay.ts";
import { gameSeed } from "../../shared/bots/tally.ts";
import { OUTCOMES } from "../../shared/rules/index.ts";

const run = promisify(execFile);

describe("bot-only games", () => {
  it("play 300 games in process without a refused move, each to a scored debrief", () => {
    for (let i = 0; i < 300; i++) {
      const r = playGame({ seed: gameSeed(11, i) });
      expect(r.rejected, `game ${i}`).toEqual([]);
      expect(r.state.phase).toBe("debrief");
      expect(OUTCOMES).toContain(r.outcome.id);
    }
    // Pure CPU: on a loaded machine this may take minutes, not the default 30 s.
  }, 180_000);

  it("also play games with the event deck off and with a shorter game", () => {
    for (let i = 0; i < 40; i++) {
      expect(playGame({ seed: gameSeed(12, i), events: false }).rejected).toEqual([]);
      expect(playGame({ seed: gameSeed(13, i), rounds: 3 }).rejected).toEqual([]);
    }
  });

  it(
    "play 10,000 games through the simulator without a refused move or an exception",
    async () => {
      // The simulator reports every refusal and exception on stderr and exits 1.
      const { stdout, stderr } = await run(process.execPath, ["scripts/simulate.ts", "--games", "10000", "--seed", "2026", "--workers", "2", "--json"], { maxBuffer: 1 << 24 });
      expect(stderr).toBe("");
      const out = JSON.parse(stdout);
      expect(out.games).toBe(10_000);
      expect(Object.values(out.outcomes as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(10_000);
    },
    900_000,
  );
});
