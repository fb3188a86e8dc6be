/**
 * Memory per idle classroom: RSS of the server process before and after N classrooms are
 * created (facilitator connected, lobby), and again once every facilitator has left (the game
 * stays open, autoDispose off, as an unfinished class does). RSS is what the machine pays,
 * garbage included, so the per-room figure is an upper bound.
 */
import { Client, type Room } from "@colyseus/sdk";
import type { LoadArgs } from "./args.ts";
import { memory } from "./procStats.ts";
import { startServerProcess } from "./serverProcess.ts";

const MB = 1024 * 1024;
const WARM_UP = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export interface IdleReport {
  command: string;
  mode: "table" | "baseline";
  rooms: number;
  failedCreates: number;
  rssBeforeMB: number;
  rssConnectedMB: number;
  rssIdleMB: number;
  peakRssMB: number;
  perRoomConnectedKB: number;
  perRoomIdleKB: number;
  /** Idle rooms that fit in 1 GB of RSS at the measured per-room cost, on top of the empty server. */
  idleRoomsPerGB: number;
  text: string;
}

async function createMany(url: string, n: number, from: number, concurrency: number): Promise<{ rooms: Room[]; failed: number }> {
  const client = new Client(url);
  const rooms: Room[] = [];
  let failed = 0;
  let next = 0;
  const run = async () => {
    while (next < n) {
      const i = from + next++;
      try {
        const room = await client.create("table", { name: `Teacher ${i}`, role: "facilitator", config: { roundSeconds: 0, bots: false, events: false } });
        room.onMessage("*", () => {});
        rooms.push(room);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, run));
  return { rooms, failed };
}

export async function measureIdleRooms(a: LoadArgs, command: string): Promise<IdleReport> {
  const server = await startServerProcess({ entry: a.baseline ? "scripts/load/baselineServer.ts" : a.entry, env: { BOT_DELAY_MS: "0" } });
  try {
    // Warm-up rooms pay for code loading and JIT, so the measured rooms pay only for themselves.
    const warm = await createMany(server.url, WARM_UP, 0, 5);
    await Promise.all(warm.rooms.map((r) => r.leave(true)));
    await sleep(3000);
    const before = memory(server.pid).rss;
    const made = await createMany(server.url, a.idleRooms, WARM_UP, a.joinConcurrency);
    await sleep(3000);
    const connected = memory(server.pid).rss;
    await Promise.all(made.rooms.map((r) => r.leave(true).catch(() => 0)));
    await sleep(5000);
    const m = memory(server.pid);
    const n = made.rooms.length;
    const perConnected = (connected - before) / Math.max(1, n);
    const perIdle = (m.rss - before) / Math.max(1, n);
    const r: IdleReport = {
      command,
      mode: a.baseline ? "baseline" : "table",
      rooms: n,
      failedCreates: made.failed,
      rssBeforeMB: round(before / MB),
      rssConnectedMB: round(connected / MB),
      rssIdleMB: round(m.rss / MB),
      peakRssMB: round(m.peakRss / MB),
      perRoomConnectedKB: round(perConnected / 1024),
      perRoomIdleKB: round(perIdle / 1024),
      idleRoomsPerGB: Math.floor((1024 * MB - before) / Math.max(1, perIdle)),
      text: "",
    };
    r.text = [
      `# Memory per idle classroom (${r.mode}): ${n} rooms${r.failedCreates ? `, ${r.failedCreates} failed creates` : ""}`,
      `command     ${command}`,
      `RSS         empty server ${r.rssBeforeMB} MB → ${r.rssConnectedMB} MB with ${n} facilitators connected → ${r.rssIdleMB} MB once they left (peak ${r.peakRssMB} MB)`,
      `per room    ${r.perRoomConnectedKB} KB with its facilitator connected, ${r.perRoomIdleKB} KB idle`,
      `capacity    ${r.idleRoomsPerGB} idle rooms in 1 GB of RSS (empty server included)`,
    ].join("\n");
    return r;
  } finally {
    await server.stop();
  }
}
