/**
 * Floods and frames (issue 7): a client sending thousands of messages a second is throttled and
 * told so while a classmate's send→seen latency stays normal; oversized and malformed frames
 * are refused without taking the room (or the process) down.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { Client } from "@colyseus/sdk";
import { defaultSettings } from "../../server/context.ts";
import { errorsOf, facilitated, Player, seat, ServerProcess, sleep, spectator, waitUntil } from "./harness.ts";

const ROOT = resolve(import.meta.dirname, "..", "..");
const LIMITS = defaultSettings("");

/** The flooder runs in its own process, so its CPU is not the victim's. */
const FLOODER = `
import { Client } from "@colyseus/sdk";
const [url, code, ms, perTick] = process.argv.slice(1);
const room = await new Client(url).joinById(code, { name: "Flooder", role: "player", delegation: "RU" });
let limited = 0, errors = 0, closed = null, sent = 0;
room.onMessage("error", (e) => { errors++; if (e?.code === "rate_limited") limited++; });
room.onMessage("*", () => {});
room.onLeave((c) => { closed = c; });
await new Promise((r) => setTimeout(r, 300));
const t0 = Date.now();
while (Date.now() - t0 < Number(ms) && closed === null) {
  for (let i = 0; i < Number(perTick); i++) room.send("action", { type: "say", to: "table", text: "flood " + sent++ });
  await new Promise((r) => setTimeout(r, 1));
}
const elapsed = Date.now() - t0;
await new Promise((r) => setTimeout(r, 600));
console.log(JSON.stringify({ sent, elapsed, limited, errors, closed, open: room.connection.isOpen }));
process.exit(0);
`;

function flood(url: string, code: string, ms: number, perTick: number): Promise<{ sent: number; elapsed: number; limited: number; errors: number; closed: number | null; open: boolean }> {
  return new Promise((res, rej) => {
    const p = spawn(join(ROOT, "node_modules", ".bin", "node"), ["--input-type=module", "-e", FLOODER, url, code, String(ms), String(perTick)], { cwd: ROOT });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (out += d));
    p.on("exit", () => {
      const line = out.trim().split("\n").reverse().find((l) => l.startsWith("{"));
      line ? res(JSON.parse(line)) : rej(new Error(`flooder: ${out}`));
    });
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

let srv: ServerProcess;
beforeAll(async () => { srv = await ServerProcess.start(); }, 60_000);
afterAll(async () => { await srv?.dispose(); });

describe("floods", () => {
  it("a client sending thousands of messages a second is throttled and told, while a classmate's latency stays normal", async () => {
    const { f, code } = await facilitated(srv, { bots: false });
    const { p: victim } = await seat(srv, code, "UA", "Victim");
    let n = 0;
    const ping = async (): Promise<number> => {
      const text = `victim ${n++}`;
      const t0 = performance.now();
      victim.send("action", { type: "say", to: "table", text });
      await waitUntil(() => victim.json().table.some((e: { text: string }) => e.text === text), `"${text}" seen`, 5000);
      return performance.now() - t0;
    };
    const baseline: number[] = [];
    for (let i = 0; i < 10; i++) baseline.push(await ping());

    const during: number[] = [];
    const flooding = flood(srv.url, code, 3000, 10);
    await waitUntil(() => f.json().table.some((e: { text: string }) => e.text.startsWith("flood ")), "the flood to start", 8000);
    const health: number[] = [];
    const t0 = Date.now();
    while (Date.now() - t0 < 2500) {
      during.push(await ping());
      const h0 = performance.now();
      expect(await srv.healthy()).toBe(true);
      health.push(performance.now() - h0);
      await sleep(60);
    }
    const r = await flooding;
    const rate = r.sent / (r.elapsed / 1000);
    console.log(`flood: ${r.sent} messages in ${r.elapsed} ms (${Math.round(rate)}/s), ${r.limited} rate_limited replies; ` +
      `victim latency ms baseline p50 ${pct(baseline, 0.5).toFixed(1)} p95 ${pct(baseline, 0.95).toFixed(1)}, ` +
      `during p50 ${pct(during, 0.5).toFixed(1)} p95 ${pct(during, 0.95).toFixed(1)} max ${Math.max(...during).toFixed(1)}; healthz p95 ${pct(health, 0.95).toFixed(1)}`);

    expect(rate).toBeGreaterThan(1000);
    // Told: at least one rate_limited error, at most about one a second.
    expect(r.limited).toBeGreaterThanOrEqual(1);
    expect(r.limited).toBeLessThanOrEqual(Math.ceil(r.elapsed / 1000) + 2);
    // Throttled: what got through is the bucket, not the flood.
    await sleep(200);
    const accepted = f.json().table.filter((e: { text: string }) => e.text.startsWith("flood ")).length;
    expect(accepted).toBeLessThanOrEqual(LIMITS.rateBurst + LIMITS.ratePerSecond * Math.ceil(r.elapsed / 1000 + 1));
    // The classmate kept talking at an ordinary pace.
    expect(during.length).toBeGreaterThan(10);
    expect(pct(during, 0.5)).toBeLessThan(Math.max(150, pct(baseline, 0.5) * 5));
    expect(pct(during, 0.95)).toBeLessThan(Math.max(400, pct(baseline, 0.95) * 5));
    expect(victim.room.connection.isOpen).toBe(true);
    expect(errorsOf(victim).filter((e) => e.code === "rate_limited")).toEqual([]);
    expect(srv.alive).toBe(true);
  }, 30_000);
});

describe("frames", () => {
  it("messages over 16 KB get payload/too_large; frames over the socket limit close only the sender, who can rejoin", async () => {
    const { f, code } = await facilitated(srv, { bots: false });
    const { p: big, token } = await seat(srv, code, "EU", "Big");
    const { p: other } = await seat(srv, code, "US", "Other");
    const before = errorsOf(big).length;
    big.send("action", { type: "say", to: "table", text: "x".repeat(20_000) });
    big.send("action", { type: "say", to: "table", text: "y".repeat(LIMITS.maxMessageBytes + 10) });
    big.send("nonsense", { blob: "z".repeat(30_000) });
    await waitUntil(() => errorsOf(big).length >= before + 3, "three errors");
    expect(errorsOf(big).slice(before).map((e) => e.code)).toEqual(["payload/too_large", "payload/too_large", "payload/too_large"]);
    expect(big.room.connection.isOpen).toBe(true);

    // 200 KB and 8 MB: the transport refuses the frame and closes that socket only.
    let closedWith: number | undefined;
    big.room.onLeave((c: number) => { closedWith = c; });
    big.send("action", { type: "say", to: "table", text: "w".repeat(200_000) });
    await waitUntil(() => !big.room.connection.isOpen, "the oversized sender to be closed", 5000);
    const again = await Player.join(srv.url, code, { name: "Big", role: "player", playerToken: token });
    expect((await again.message("welcome")).delegation).toBe("EU");
    again.room.reconnection.enabled = false;
    again.send("action", { type: "say", to: "table", text: "v".repeat(8 * 1024 * 1024) });
    await waitUntil(() => !again.room.connection.isOpen, "the 8 MB sender to be closed", 10_000);
    void closedWith;

    // The room and everyone else carry on.
    other.send("action", { type: "say", to: "table", text: "still here" });
    await waitUntil(() => f.json().table.some((e: { text: string }) => e.text === "still here"), "the table to carry on");
    expect(other.room.connection.isOpen).toBe(true);
    expect(srv.alive).toBe(true);
    expect(await srv.healthy()).toBe(true);
  }, 30_000);

  it("malformed, truncated, deeply nested and exotic raw frames never crash the process or disturb others", async () => {
    const { f, code } = await facilitated(srv, { bots: false });
    const { p: witness } = await seat(srv, code, "BY", "Witness");
    const enc = new TextEncoder();
    const str = (s: string) => { const b = enc.encode(s); return [0xa0 | b.length, ...b]; };
    const deepArray = (d: number) => [...new Array(d).fill(0x91), 0xc0];
    const deepMap = (d: number) => { const out: number[] = []; for (let i = 0; i < d; i++) out.push(0x81, 0xa1, 0x61); out.push(0xc0); return out; };
    const frames: number[][] = [
      [], [13], [13, 0xa6], [13, ...str("action")], [13, ...str("action"), 0xc1], [13, ...str("action"), 0xdf, 0xff, 0xff, 0xff, 0xff],
      [13, ...str("action"), 0xdd, 0x7f, 0xff, 0xff, 0xff], [13, ...str("action"), 0xdb, 0xff, 0xff, 0xff, 0xff, 0x61],
      [13, ...str("action"), ...deepArray(60_000)], [13, ...str("action"), ...deepMap(20_000)], [13, ...str("*"), ...deepArray(30_000)],
      [13, 0xd9, 0xff, 0x61], [13, 0xcf], [13, 0xcb, 1, 2], [13, 0xff, 0xff],
      // msgpackr extensions: RegExp (bad pattern), Error, Set, Date, unknown ext.
      [13, ...str("action"), 0xd7, 0x78, 0x92, ...str("("), ...str("g")].slice(0, 9),
      [13, ...str("action"), 0xc7, 0x05, 0x78, 0x92, 0xa1, 0x28, 0xa0], [13, ...str("action"), 0xc7, 0x04, 0x65, 0x92, 0xa0, 0xa0],
      [13, ...str("action"), 0xd4, 0x73, 0x90], [13, ...str("action"), 0xd6, 0xff, 0, 0, 0, 0], [13, ...str("action"), 0xd4, 0x42, 0x00],
      [13, ...str("action"), 0xd4, 0x72, 0x00], [13, ...str("action"), 0xd4, 0x69, 0x00], [13, ...str("action"), 0xd4, 0x70, 0x00],
      // Other protocol codes, truncated or out of place.
      [10], [10, 1, 2, 3], [12], [14], [14, 1], [14, 0xcc, 1, ...str("action"), 0x80], [14, 1, ...str("*"), 0x81, ...str("toString"), 0x01],
      [17], [17, ...str("action"), 1, 2, 3], [17, ...str("facilitator"), 0xff], [9], [11], [15], [16], [18, 1], [19, 1], [0xff], [0x80, 1],
    ];
    // And a few hundred random ones, on every protocol code.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 300; i++) frames.push([Math.floor(rnd() * 24), ...Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 256))]);

    let attacker: Player | null = null;
    let heard = 0;
    for (let i = 0; i < frames.length; i++) {
      if (!attacker || !attacker.room.connection.isOpen) {
        attacker = await Player.join(srv.url, code, { name: "Raw", role: "spectator" });
        attacker.room.reconnection.enabled = false;
        await attacker.message("welcome");
      }
      attacker.room.connection.send(new Uint8Array(frames[i]));
      if (i % 40 === 39 || i === frames.length - 1) {
        await sleep(50);
        expect(srv.alive, `frame ${i}: ${frames[i].slice(0, 12)}`).toBe(true);
        const text = `witness ${heard++}`;
        witness.send("action", { type: "say", to: "table", text });
        await waitUntil(() => f.json().table.some((e: { text: string }) => e.text === text), `"${text}"`, 5000);
      }
    }
    expect(await srv.healthy()).toBe(true);
    expect(witness.room.connection.isOpen).toBe(true);
    expect(srv.output).not.toMatch(/Uncaught|unhandled/i);
  }, 60_000);

  it("request frames (room.request) are answered too, and never run a command for the wrong role", async () => {
    const { f, code } = await facilitated(srv, { bots: false });
    const s = await spectator(srv, code);
    const results = await Promise.allSettled([
      s.room.request("facilitator", { type: "start" }),
      s.room.request("action", { type: "say", to: "table", text: "spectator says" }),
      s.room.request("nope", {}),
    ]);
    expect(results).toHaveLength(3);
    await sleep(200);
    expect(f.json().phase).toBe("lobby");
    expect(f.json().table.some((e: { text: string }) => e.text === "spectator says")).toBe(false);
    expect(srv.alive).toBe(true);
  });
});

describe("the wildcard handler", () => {
  let own: ServerProcess;
  beforeAll(async () => { own = await ServerProcess.start(); }, 60_000);
  afterAll(async () => { await own?.dispose(); });

  // A client may send the literal type "*"; Colyseus then calls the wildcard handler as
  // (client, payload, ctx). Stringifying that payload once killed the process.
  it("a message typed \"*\" with a hostile payload does not take the server down", async () => {
    const { f, code } = await facilitated(own, { bots: false });
    const { p } = await seat(own, code, "UA");
    const s = await spectator(own, code);
    for (const payload of [{ toString: 1 }, { valueOf: 1, toString: 1 }, { toString: "x" }]) s.room.send("*", payload);
    await sleep(500);
    expect(own.alive).toBe(true);
    expect(await own.healthy()).toBe(true);
    p.send("action", { type: "say", to: "table", text: "after the star" });
    await waitUntil(() => f.json().table.some((e: { text: string }) => e.text === "after the star"), "the game to go on", 3000);
    expect(errorsOf(s).length).toBeGreaterThanOrEqual(1);
  });
});

void Client;
