/**
 * Scale-out proof (issue 6): a real redis-server on a free loopback port and two server
 * processes sharing it through REDIS_URL. A class created through process A is joinable by
 * code through process B, and everyone ends up in the same room on its owning process.
 *
 * Needs `redis-server` on PATH (.ci/run installs it). Outside CI the suite is skipped when it is
 * missing; in CI (CI set) a missing redis-server is a failure.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Room, type SeatReservation } from "@colyseus/sdk";
import { startServerProcess, type RunningServer } from "../../scripts/load/serverProcess.ts";
import { hasRedisServer, redisCommand, startRedis, type RunningRedis } from "../../scripts/load/redis.ts";

const hasRedis = hasRedisServer();
if (!hasRedis && process.env.CI) throw new Error("redis-server is not installed (CI needs it: see .ci/run)");

// SCALEOUT_ENTRY: another server script to prove (e.g. a patched copy); normally the real one.
const ENTRY = process.env.SCALEOUT_ENTRY || "server/main.ts";
const NOT_WIRED =
  "REDIS_URL is ignored by the server: spread scaleOut() from server/scaleOut.ts into defineServer() in server/app.config.ts (see docs/DEPLOYMENT.md)";

/** An SDK client that remembers the websocket endpoints its seat reservations sent it to. */
class RecordingClient extends Client {
  endpoints: string[] = [];
  protected buildEndpoint(reservation: SeatReservation, options: Record<string, unknown> = {}): string {
    const url = super.buildEndpoint(reservation, options);
    this.endpoints.push(url);
    return url;
  }
}

/** `ws://host:port/<processId>/<roomId>` → its parts. */
function owner(endpoint: string): { address: string; processId: string; roomId: string } {
  const u = new URL(endpoint);
  const [processId, roomId] = u.pathname.split("/").filter(Boolean);
  return { address: u.host, processId, roomId };
}

function waitFor(pred: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((ok, fail) => {
    const tick = () => {
      if (pred()) return ok();
      if (Date.now() > until) return fail(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

describe.skipIf(!hasRedis)("scale-out over Redis", () => {
  let redis: RunningRedis | undefined;
  const servers: RunningServer[] = [];
  const dirs = [mkdtempSync(join(tmpdir(), "seat-scale-a-")), mkdtempSync(join(tmpdir(), "seat-scale-b-"))];
  const rooms: Room[] = [];
  let env: Record<string, string> = {};

  beforeAll(async () => {
    redis = await startRedis();
    env = { REDIS_URL: redis.url, BOT_DELAY_MS: "0" };
    // Sequentially: each process registers itself in Redis as it boots. Each has its own DATA_DIR.
    for (const dir of dirs) servers.push(await startServerProcess({ entry: ENTRY, env, dir }));
  }, 60_000);

  afterAll(async () => {
    const soon = (p: Promise<unknown>) => Promise.race([p.catch(() => 0), new Promise((r) => setTimeout(r, 2000))]);
    await Promise.all(rooms.map((r) => soon(r.leave(true))));
    await Promise.all(servers.map((s) => s.stop()));
    redis?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it("joins a class created through process A by its code through process B", async () => {
    const [a, b] = servers;
    const keys = Number((await redisCommand(redis!.port, "DBSIZE")).replace(/^:/, ""));
    expect(keys, NOT_WIRED).toBeGreaterThan(0);

    const viaA = new RecordingClient(a.url);
    const facilitator = await viaA.create("table", { name: "Teacher", role: "facilitator", config: { roundSeconds: 0, bots: false, events: false } });
    rooms.push(facilitator);
    facilitator.onMessage("*", () => {});
    const code = facilitator.roomId;

    const viaB = new RecordingClient(b.url);
    let student: Room;
    try {
      student = await viaB.joinById(code, { name: "Ana", role: "player", delegation: "UA" });
    } catch (e) {
      throw new Error(`${NOT_WIRED}\n(joinById through process B failed: ${e instanceof Error ? e.message : e})`);
    }
    rooms.push(student);
    const welcome = new Promise<{ code: string; delegation?: string }>((ok) => student.onMessage("welcome", ok));
    student.onMessage("*", () => {});
    // And a second student through A again: the room is reachable whichever process answers.
    const again = await new RecordingClient(a.url).joinById(code, { name: "Boris", role: "player", delegation: "RU" });
    rooms.push(again);
    again.onMessage("*", () => {});

    // Every seat reservation points at the same owning process, which is one of the two.
    const hosts = [...viaA.endpoints, ...viaB.endpoints].map(owner);
    expect(new Set(hosts.map((h) => `${h.address}/${h.processId}/${h.roomId}`)).size).toBe(1);
    expect([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]).toContain(hosts[0].address);
    expect(hosts[0].roomId).toBe(code);

    expect((await welcome).code).toBe(code);
    const members = (room: Room, d: string) =>
      ((room.state as { delegations?: { get(k: string): { members: { name: string }[] } | undefined } }).delegations?.get(d)?.members ?? []).map((m) => m.name);
    await waitFor(() => members(facilitator, "UA").includes("Ana") && members(facilitator, "RU").includes("Boris"), "both students in the facilitator's state");
    await waitFor(() => members(student, "RU").includes("Boris"), "the student B sees the student from A");

    // The game itself runs on the owning process: the facilitator starts it, both students see it.
    facilitator.send("facilitator", { type: "start" });
    await waitFor(() => (student.state as { phase?: string }).phase === "briefing" && (again.state as { phase?: string }).phase === "briefing", "the briefing on both students");

    for (const s of servers) expect((await fetch(`${s.http}/healthz`)).status).toBe(200);
  }, 30_000);

  it("restores a restarted process's games on that process, joinable through the other", async () => {
    const viaA = new RecordingClient(servers[0].url);
    const facilitator = await viaA.create("table", { name: "Teacher", role: "facilitator", config: { roundSeconds: 0, bots: false, events: false } });
    facilitator.onMessage("*", () => {});
    const code = facilitator.roomId;
    const before = owner(viaA.endpoints[0]);
    const i = servers.findIndex((s) => `127.0.0.1:${s.port}` === before.address);
    expect(i).toBeGreaterThanOrEqual(0);
    await facilitator.leave(true);

    // Restart the owning process on its own DATA_DIR and port: it rebuilds the game from its log,
    // and the restore must stay on this process (its log, its restore secret).
    const port = servers[i].port;
    await servers[i].stop();
    servers[i] = await startServerProcess({ entry: ENTRY, env, dir: dirs[i], port });

    const viaOther = new RecordingClient(servers[1 - i].url);
    let student: Room;
    try {
      student = await viaOther.joinById(code, { name: "Chloe", role: "player", delegation: "EU" });
    } catch (e) {
      throw new Error(
        `the restarted process did not restore game ${code} on itself (${e instanceof Error ? e.message : e}): ` +
          "restores must stay on their own process — scaleOut() sets selectProcessIdToCreateRoom for that\n" +
          servers[i].logTail(10),
      );
    }
    rooms.push(student);
    student.onMessage("*", () => {});
    const after = owner(viaOther.endpoints[0]);
    expect(after.address).toBe(before.address);
    expect(after.processId).not.toBe(before.processId);
    await waitFor(() => (student.state as { phase?: string }).phase === "lobby", "the restored lobby");
  }, 30_000);
});
