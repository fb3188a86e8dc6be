/**
 * Malformed, illegal, unknown, oversized and flooding messages: each gets an `error` reply,
 * changes nothing, and does not disconnect the sender. Refused joins reject the join.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { boot, Player, sleep, type Booted } from "./helpers.ts";

let b: Booted;
let f: Player;
let ru: Player;
let ua: Player;
let code: string;

beforeAll(async () => {
  b = await boot();
  f = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 0, bots: false, events: false } });
  code = (await f.message("welcome")).code;
  ru = await Player.join(b.url, code, { name: "Ivan", role: "player", delegation: "RU" });
  ua = await Player.join(b.url, code, { name: "Olena", role: "player", delegation: "UA" });
  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
});
afterAll(async () => { await b.stop(); });

const BAD: [string, unknown, string][] = [
  ["action", { type: "fly" }, "payload/invalid"],
  ["action", "hello", "payload/invalid"],
  ["action", 42, "payload/invalid"],
  ["action", null, "payload/invalid"],
  ["action", { type: "say", to: "table", text: "x".repeat(501) }, "payload/invalid"],
  ["action", { type: "say", to: "table", text: "   " }, "payload/invalid"],
  ["action", { type: "say", to: ["XX"], text: "hi" }, "payload/invalid"],
  ["action", { type: "stance", clause: "c1", stance: "maybe" }, "payload/invalid"],
  ["action", { type: "ready", ready: true, delegation: "UA" }, "payload/invalid"], // no actor field
  ["action", { type: "propose", clause: { type: "ceasefire", evil: 1 } }, "payload/invalid"],
  ["action", { type: "ruleMotion", motion: "s1", approve: true }, "rule/not_chair"],
  ["action", { type: "signal", signal: "counteroffensive" }, "rule/not_your_signal"],
  ["action", { type: "stance", clause: "c999", stance: "support" }, "rule/no_clause"],
  ["action", { type: "sign", sign: true }, "phase/wrong"],
  ["action", { type: "start" }, "payload/invalid"],
  ["facilitator", { type: "start" }, "role/not_facilitator"],
  ["hack", { type: "start" }, "payload/unknown_type"],
  ["action", { type: "say", to: "table", text: "y".repeat(20_000) }, "payload/too_large"],
];

it("answers every bad payload with an error and changes nothing", async () => {
  await sleep(50);
  const before = JSON.stringify(f.json());
  for (const [type, payload, want] of BAD) {
    ru.send(type, payload);
    const e = await ru.next("error");
    expect(e.code, `${type} ${JSON.stringify(payload).slice(0, 60)}`).toBe(want);
    expect(typeof e.message).toBe("string");
  }
  ru.room.send(7 as never, { any: "thing" });
  expect((await ru.next("error")).code).toBe("payload/unknown_type");
  await sleep(50);
  expect(JSON.stringify(f.json())).toBe(before);
  // Still connected and able to act.
  await ru.act("action", { type: "say", to: "table", text: "still here" }, (s) => s.table.some((e: any) => e.text === "still here"));
});

it("names the refused action in the error", async () => {
  ua.send("action", { type: "seatMotion", delegation: "UA", seat: "observer" });
  expect(await ua.next("error")).toMatchObject({ code: "rule/own_seat", action: "seatMotion" });
});

it("throttles a flooding client without touching the others", async () => {
  for (let i = 0; i < 120; i++) ru.send("action", { type: "ready", ready: i % 2 === 0 });
  const e = await ru.next("error", (x) => x.code === "rate_limited");
  expect(e.message).toBeTruthy();
  await ua.act("action", { type: "say", to: "table", text: "Kyiv is unaffected" }, (s) => s.table.some((x: any) => x.text === "Kyiv is unaffected"));
  expect(ua.of("error").filter((x) => x.code === "rate_limited")).toHaveLength(0);
  await sleep(2100); // the bucket refills
  await ru.act("action", { type: "say", to: "table", text: "calm again" }, (s) => s.table.some((x: any) => x.text === "calm again"));
});

it("refuses joins without a delegation, with a bad token, or to an unknown room", async () => {
  await expect(Player.join(b.url, code, { name: "X", role: "player" })).rejects.toThrow(/no_delegation/);
  await expect(Player.join(b.url, code, { name: "X", role: "player", playerToken: "A".repeat(24) })).rejects.toThrow(/bad_token/);
  await expect(Player.join(b.url, code, { name: "X", role: "king" })).rejects.toThrow(/join\/invalid/);
  await expect(Player.join(b.url, code, { name: "X", role: "player", delegation: "XX" })).rejects.toThrow(/join\/invalid/);
  await expect(Player.join(b.url, "ZZZZZZ", { name: "X", role: "spectator" })).rejects.toThrow();
  await expect(Player.create(b.url, { name: "X", role: "player", delegation: "RU" })).rejects.toThrow(/create\/role/);
  await expect(Player.create(b.url, { name: "X", role: "facilitator", restore: code })).rejects.toThrow(/forbidden/);
});
