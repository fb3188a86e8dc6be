/**
 * Bots are given only what a student in their seat would see: by construction (they take a
 * View, and the simulator builds it with the engine's own view functions) and by test — every
 * input a bot gets is scanned for other delegations' secret aims and back channels.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { botMove } from "../../shared/bots/index.ts";
import { playGame, seatView } from "../../shared/bots/selfPlay.ts";
import { gameSeed } from "../../shared/bots/tally.ts";
import { DELEGATIONS, scenarioOf, view, type Code, type GameState, type View } from "../../shared/rules/index.ts";

const sc = scenarioOf("minsk-window");
const secrets = sc.objectives.filter((o) => o.secret);

/** Everything in a view that is not the viewer's own, as text. */
function leaks(v: View, me: Code): string[] {
  const found: string[] = [];
  const text = JSON.stringify(v);
  for (const aim of secrets) {
    if (aim.delegation === me) continue;
    if (text.includes(`"${aim.id}"`) || text.includes(aim.text)) found.push(`${aim.delegation} secret aim ${aim.id}`);
  }
  for (const code of DELEGATIONS) if (code !== me && v.briefings[code]) found.push(`${code}'s briefing`);
  for (const m of v.messages) if (m.from !== me && !m.to.includes(me)) found.push(`back channel ${m.id}`);
  return found;
}

describe("what bots see", () => {
  it("never includes another delegation's secret aims, briefing or back channels", () => {
    let calls = 0;
    for (let i = 0; i < 60; i++) {
      playGame({
        seed: gameSeed(21, i),
        bot: (v, me) => {
          calls++;
          expect(leaks(v, me)).toEqual([]);
          return botMove(v, me);
        },
      });
    }
    expect(calls).toBeGreaterThan(1000);
    // Pure CPU: on a loaded machine this may take minutes, not the default 30 s.
  }, 180_000);

  it("the simulator's views are exactly the engine's views", () => {
    let compared = 0;
    let current: GameState | undefined;
    for (let i = 0; i < 8; i++) {
      playGame({
        seed: gameSeed(22, i),
        onState: (s) => {
          current = s;
        },
        bot: (v, me) => {
          if (compared++ % 7 === 0) {
            const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
            expect(plain(v)).toEqual(plain(view(current!, me)));
          }
          return botMove(v, me);
        },
      });
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("bots are pure: no clock, no Math.random, no I/O, nothing from the server or the client", () => {
    const dir = new URL("../../shared/bots/", import.meta.url);
    for (const f of readdirSync(dir)) {
      const src = readFileSync(new URL(f, dir), "utf8");
      expect(src, f).not.toMatch(/Math\.random\(|Date\.now\(|new Date\(|performance\.now\(|process\.\w|from "node:|from "[./]*\/(server|client)\//);
    }
  });

  it("a bot takes no decision from a view other than its own seat's", () => {
    // A spectator's or another seat's view has no sheet for this delegation: the bot passes.
    const s = playGame({ seed: 5, rounds: 1 }).state;
    expect(botMove(view(s, "spectator"), "RU")).toBeNull();
    expect(botMove(seatView(s, "UA"), "RU")).toBeNull();
    // The finished game: nothing left to do in the debrief.
    expect(botMove(view(s, "RU"), "RU")).toBeNull();
  });
});
