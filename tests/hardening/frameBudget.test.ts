/**
 * The transport's frame budget (server/transport.ts), counted at the room: a frame over a
 * socket's budget never reaches the room's decoder (`Room#_onMessage`, where msgpack runs), a
 * socket that keeps sending over it is closed with 1008, and one a little over it is only
 * throttled. In-process, so the room's decoder can be counted.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { TableRoom } from "../../server/rooms/TableRoom.ts";
import { FLOOD_CLOSE, FRAMES } from "../../server/transport.ts";
import { boot, Player, sleep, waitUntil, type Booted } from "../server/helpers.ts";

let b: Booted;
const decoded = new Map<string, number>();
const proto = TableRoom.prototype as unknown as { _onMessage(client: { sessionId: string }, buffer: Uint8Array): void };
const original = proto._onMessage;

beforeAll(async () => {
  b = await boot();
  proto._onMessage = function (client, buffer) {
    decoded.set(client.sessionId, (decoded.get(client.sessionId) ?? 0) + 1);
    return original.call(this, client, buffer);
  };
});
afterAll(async () => {
  proto._onMessage = original;
  await b?.stop();
});

/** One small, valid frame (`ping`-sized: a table line), as the SDK encodes it. */
function frameOf(p: Player): Uint8Array {
  let captured: Uint8Array | undefined;
  const conn = p.room.connection as unknown as { send(d: Uint8Array): void };
  const send = conn.send;
  conn.send = (d) => { captured = new Uint8Array(d); };
  p.send("nonsense", { n: 1 });
  conn.send = send;
  return captured!;
}

it("a burst far over the budget: the room decodes the burst only, and the socket is closed (1008)", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { bots: false } });
  const { code } = await f.message("welcome");
  const p = await Player.join(b.url, code, { name: "Flood", role: "player", delegation: "RU" });
  await p.message("welcome");
  p.room.reconnection.enabled = false;
  let closed: number | undefined;
  p.room.onLeave((c: number) => { closed = c; });
  const frame = frameOf(p);
  const before = decoded.get(p.room.sessionId) ?? 0;
  const sent = 500;
  for (let i = 0; i < sent; i++) p.room.connection.send(frame);
  await waitUntil(() => closed !== undefined, "the flooder to be closed", 5000);
  expect(closed).toBe(FLOOD_CLOSE);
  const n = (decoded.get(p.room.sessionId) ?? 0) - before;
  // The burst, and what refilled while the frames arrived (a few ms): never the flood.
  expect(n).toBeGreaterThanOrEqual(FRAMES.burst - 1);
  expect(n).toBeLessThan(FRAMES.burst + 10);
  // The room's own limit told the sender once, as for any burst.
  expect(p.of("error").filter((e) => e.code === "rate_limited")).toHaveLength(1);
  expect(f.room.connection.isOpen).toBe(true);
});

it("a client a little over its budget (twice the frames it may send, for 3 s) is throttled, not closed", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { bots: false } });
  const { code } = await f.message("welcome");
  const p = await Player.join(b.url, code, { name: "Eager", role: "player", delegation: "UA" });
  await p.message("welcome");
  const frame = frameOf(p);
  const before = decoded.get(p.room.sessionId) ?? 0;
  let sent = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 3000) {
    for (let i = 0; i < FRAMES.perSecond / 5; i++, sent++) p.room.connection.send(frame);
    await sleep(100);
  }
  await sleep(200);
  expect(p.room.connection.isOpen).toBe(true);
  const n = (decoded.get(p.room.sessionId) ?? 0) - before;
  expect(n).toBeLessThan(sent);
  expect(n).toBeGreaterThan(FRAMES.burst);
});

it("a frame over the size limit closes its socket (1009) unread; one just under it is answered", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { bots: false } });
  const { code } = await f.message("welcome");
  const p = await Player.join(b.url, code, { name: "Big", role: "player", delegation: "EU" });
  await p.message("welcome");
  p.room.reconnection.enabled = false;
  p.send("action", { type: "say", to: "table", text: "y".repeat(FRAMES.maxBytes - 100) });
  expect((await p.next("error")).code).toBe("payload/too_large");
  let closed: number | undefined;
  p.room.onLeave((c: number) => { closed = c; });
  const before = decoded.get(p.room.sessionId) ?? 0;
  p.send("action", { type: "say", to: "table", text: "y".repeat(FRAMES.maxBytes) });
  await waitUntil(() => closed !== undefined, "the sender to be closed", 5000);
  expect(closed).toBe(1009);
  expect(decoded.get(p.room.sessionId) ?? 0).toBe(before);
});
