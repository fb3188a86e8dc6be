/**
 * A ready toggle changes only its own delegation's moves ("Ready" becomes "Not ready"). The
 * room recomputes that sheet alone (the engine's `sheetsChanged`, property-tested in
 * tests/rules/sheets.test.ts); here: the mover's team and the facilitator get the fresh sheet,
 * another team gets nothing.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { boot, Player, sleep, waitUntil, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot(); });
afterAll(async () => { await b.stop(); });

const readyMove = (brief: { moves: { action?: { type: string; ready?: boolean } }[] }) => brief.moves.find((m) => m.action?.type === "ready")?.action?.ready;

it("sends the mover's sheet after a ready toggle, to its team and the facilitator only", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 0, bots: false, events: false } });
  const code = (await f.message("welcome")).code;
  const ru = await Player.join(b.url, code, { name: "Ivan", role: "player", delegation: "RU" });
  const ua = await Player.join(b.url, code, { name: "Olena", role: "player", delegation: "UA" });
  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
  await waitUntil(() => f.of("briefing").length >= 5 && ru.of("briefing").length >= 1 && ua.of("briefing").length >= 1, "round briefings");
  await sleep(150);
  const counts = () => ({ f: f.of("briefing").length, ru: ru.of("briefing").length, ua: ua.of("briefing").length });
  const before = counts();
  expect(readyMove(ru.of("briefing").at(-1))).toBe(true); // RU may say it is ready

  await ru.act("action", { type: "ready", ready: true }, (s) => s.delegations.RU.ready === true);
  await waitUntil(() => ru.of("briefing").length > before.ru, "RU's new sheet");
  await sleep(150);
  const after = counts();
  expect(after.ru - before.ru).toBe(1);
  expect(readyMove(ru.of("briefing").at(-1))).toBe(false); // now it offers "Not ready"
  expect(after.f - before.f).toBe(1);
  expect(f.of("briefing").at(-1).delegation).toBe("RU");
  expect(after.ua).toBe(before.ua); // Ukraine's moves did not change: nothing sent
});
