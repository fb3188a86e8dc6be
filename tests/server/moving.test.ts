/**
 * A game being taken over by another process is live in the store and hosted nowhere for a few
 * seconds. A class rejoining with its tokens meanwhile is told `join/moving` (ask again in a
 * second), and those rejoins spend none of the address's wrong-code budget: a school behind one
 * address is not locked out by its own rejoins, and its wrong codes are still counted as before.
 * Here the game's registry listing is removed by hand, as a dead host leaves it.
 */
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { boot, Player, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot({ guessBurst: 3, guessesPerSecond: 0.001 }); });
afterAll(async () => { await b.stop(); });

it("answers a token rejoin of a game hosted nowhere with join/moving, and spends no lookup budget on it", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { bots: false } });
  const { code, facilitatorToken: facToken } = await f.message("welcome");
  const ua = await Player.join(b.url, code, { name: "Olena", role: "player", delegation: "UA" });
  const token = (await ua.message("welcome")).playerToken;
  const listing = await matchMaker.driver.findOne({ roomId: code });
  expect(listing).toBeTruthy();
  await matchMaker.driver.remove(code); // the game is now live in the store and listed nowhere

  // Five rejoins, more than the budget of three: each is "moving", none is a wrong guess.
  for (let i = 0; i < 5; i++) {
    await expect(Player.join(b.url, code, { name: "", role: "player", playerToken: token })).rejects.toThrow(/join\/moving/);
  }
  // Without a token nothing is said about the game: the unknown-code answer, spending the budget.
  await expect(Player.join(b.url, code, { name: "X", role: "player", delegation: "RU" })).rejects.toThrow(/not found/);
  await expect(Player.join(b.url, "QQQQQA", { name: "X", role: "player", delegation: "RU" })).rejects.toThrow(/not found/);
  await expect(Player.join(b.url, "QQQQQC", { name: "X", role: "player", delegation: "RU" })).rejects.toThrow(/not found/);
  await expect(Player.join(b.url, "QQQQQD", { name: "X", role: "player", delegation: "RU" })).rejects.toThrow(/too_many_guesses/);
  // A token for an unknown game, or another token for this one, is still a failed lookup.
  await expect(Player.join(b.url, "QQQQQE", { name: "", role: "player", playerToken: token })).rejects.toThrow(/too_many_guesses/);
  await expect(Player.join(b.url, code, { name: "", role: "player", playerToken: "x".repeat(token.length) })).rejects.toThrow(/too_many_guesses/);
  // The facilitator's token is a member's too.
  await expect(Player.join(b.url, code, { name: "T", role: "facilitator", facilitatorToken: facToken })).rejects.toThrow(/join\/moving/);

  // Listed again (the new host registered it): the token gets its seat back.
  await matchMaker.driver.persist(listing as never, true);
  const back = await Player.join(b.url, code, { name: "", role: "player", playerToken: token });
  expect((await back.message("welcome")).delegation).toBe("UA");
  await Promise.all([f, ua, back].map((p) => p.room.leave().catch(() => undefined)));
});
