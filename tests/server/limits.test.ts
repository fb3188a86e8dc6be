/** Room limits: students per game (spectators do not count). */
import { afterAll, beforeAll, expect, it } from "vitest";
import { boot, Player, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot({ maxMembers: 2 }); });
afterAll(async () => { await b.stop(); });

it("refuses the student over the cap but still admits spectators and token rejoins", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { bots: false } });
  const code = (await f.message("welcome")).code;
  const a = await Player.join(b.url, code, { name: "A", role: "player", delegation: "RU" });
  await Player.join(b.url, code, { name: "B", role: "player", delegation: "UA" });
  await expect(Player.join(b.url, code, { name: "C", role: "player", delegation: "US" })).rejects.toThrow(/join\/full/);
  const spec = await Player.join(b.url, code, { name: "Screen", role: "spectator" });
  expect((await spec.message("welcome")).role).toBe("spectator");
  const token = (await a.message("welcome")).playerToken;
  await a.leave();
  const back = await Player.join(b.url, code, { name: "A", role: "player", playerToken: token });
  expect((await back.message("welcome")).delegation).toBe("RU");
});
