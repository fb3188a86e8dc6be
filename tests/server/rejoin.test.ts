/** A player token alone reclaims the seat: after leaving, from a second tab, after a drop. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { Client } from "@colyseus/sdk";
import { boot, Player, waitUntil, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot({ reconnectSeconds: 5 }); });
afterAll(async () => { await b.stop(); });

it("reclaims a seat by token and reuses the member entry", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 0, bots: false, events: false } });
  const code = (await f.message("welcome")).code;
  const by = await Player.join(b.url, code, { name: "Bela", role: "player", delegation: "BY" });
  const w = await by.message("welcome");
  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
  await by.act("action", { type: "say", to: ["RU"], text: "for Moscow only" });
  await by.message("private");

  await by.leave();
  await waitUntil(() => f.json().delegations.BY.members[0]?.connected === false, "BY offline");
  expect(f.json().delegations.BY.members).toHaveLength(1);

  const back = await Player.join(b.url, code, { name: "ignored", role: "player", playerToken: w.playerToken });
  const w2 = await back.message("welcome");
  expect(w2).toMatchObject({ code, role: "player", delegation: "BY", playerToken: w.playerToken, member: w.member });
  expect((await back.message("briefing")).delegation).toBe("BY");
  expect((await back.message("private")).text).toBe("for Moscow only");
  await waitUntil(() => f.json().delegations.BY.members[0]?.connected === true, "BY online");
  expect(f.json().delegations.BY.members).toEqual([{ name: "Bela", connected: true }]);

  // A second tab with the same token takes the seat over; the first is closed.
  const closed = new Promise<number>((r) => back.room.onLeave((c: number) => r(c)));
  const tab2 = await Player.join(b.url, code, { name: "", role: "player", playerToken: w.playerToken });
  expect((await tab2.message("welcome")).delegation).toBe("BY");
  await closed;
  await waitUntil(() => f.json().delegations.BY.members.length === 1 && f.json().delegations.BY.members[0].connected, "one BY member");
  await tab2.act("action", { type: "say", to: "table", text: "Minsk is back" }, (s) => s.table.some((e: any) => e.text === "Minsk is back"));
});

it("lets the SDK reconnect after a dropped connection", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 0, bots: false } });
  const code = (await f.message("welcome")).code;
  const c = new Client(b.url);
  const room = await c.joinById(code, { name: "Ana", role: "player", delegation: "UA" });
  room.reconnection.minUptime = 0;
  const p = new Player(room);
  await p.message("welcome");
  const reconnected = new Promise<void>((r) => room.onReconnect(() => r()));
  // Simulate a network drop: the server side of the socket dies without a close handshake.
  const server = b.colyseus.getRoomById(code) as any;
  server.clients.find((x: any) => x.sessionId === room.sessionId).ref.terminate();
  await reconnected;
  await waitUntil(() => p.of("welcome").length >= 2, "a second welcome after the reconnection");
  expect(p.of("welcome")[1]).toMatchObject({ delegation: "UA", playerToken: p.of("welcome")[0].playerToken });
  await waitUntil(() => f.json().delegations.UA.members[0]?.connected === true, "UA online");
  expect(f.json().delegations.UA.members).toHaveLength(1);
});
