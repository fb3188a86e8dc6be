/**
 * The talk cap bounds every move, not only lines: stance flips and ready toggles are free, so a
 * student with a script could otherwise grow a game's log (and its replay) for hours.
 */
import { expect, it } from "vitest";
import { TALK_CAP } from "../../shared/protocol/messages.ts";
import { Participation } from "../../server/sync/Participation.ts";

it("refuses a student's move past actionsPerStudent, whatever the move; lines keep their own share", () => {
  const p = new Participation({ roster: () => [], send: () => {} });
  for (let i = 0; i < TALK_CAP.actionsPerStudent - 1; i++) p.count("m1", { type: "stance" });
  expect(p.talkRefusal("m1", false)).toBeNull();
  p.count("m1", { type: "ready" });
  expect(p.talkRefusal("m1", false)?.code).toBe("talk/cap");
  expect(p.talkRefusal("m1", true)?.code).toBe("talk/cap");
  // Another student is untouched.
  expect(p.talkRefusal("m2", false)).toBeNull();
  for (let i = 0; i < TALK_CAP.perStudent; i++) p.count("m2", { type: "say", to: "table" });
  expect(p.talkRefusal("m2", true)?.code).toBe("talk/cap");
  expect(p.talkRefusal("m2", false)).toBeNull();
  p.stop();
});
