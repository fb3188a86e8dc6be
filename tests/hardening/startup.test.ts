/**
 * Damaged data and a bad start, with real server processes: a damaged row,
 * a write-ahead log cut short, a port already in use, a file that is not a database. Each is
 * said — at /healthz and in the output, or by exiting non-zero with one clear line — never
 * passed over with `{"ok":true}` or a server that runs without listening.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { advanceUntil, facilitated, freePort, seat, ServerProcess } from "./harness.ts";
import { SQLITE_MIGRATIONS } from "../../server/store/migrations.ts";

const ROOT = resolve(import.meta.dirname, "..", "..");
const dirs: string[] = [];
const procs: ServerProcess[] = [];
afterEach(async () => {
  for (const p of procs.splice(0)) await p.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs server/main.ts to its exit (bounded: 30 s) and returns its code and output. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((res, rej) => {
    const p = spawn(join(ROOT, "node_modules", ".bin", "node"), [join(ROOT, "server", "main.ts")], {
      cwd: ROOT, env: { ...process.env, HOST: "127.0.0.1", NODE_ENV: "production", ...env }, stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    p.stdout.on("data", (d) => (output += d));
    p.stderr.on("data", (d) => (output += d));
    const t = setTimeout(() => (p.kill("SIGKILL"), rej(new Error(`still running after 30 s:\n${output}`))), 30_000);
    p.once("exit", (code) => (clearTimeout(t), res({ code, output })));
  });
}

/** A game with two students in its first round, then the server killed (no clean close). */
async function gameThenKill(srv: ServerProcess): Promise<string> {
  const { f, code } = await facilitated(srv);
  await seat(srv, code, "RU");
  await seat(srv, code, "UA");
  await advanceUntil(f, (s) => s.phase === "round");
  await srv.stop("SIGKILL");
  return code;
}

describe("damaged data is reported, not skipped in silence", () => {
  it("a game with a damaged row is listed at /healthz (ok: false) and at start; the others are restored", async () => {
    const srv = await ServerProcess.start();
    procs.push(srv);
    const { f: f2, code: good } = await facilitated(srv);
    await seat(srv, good, "BY");
    void f2;
    const bad = await gameThenKill(srv);
    const db = new DatabaseSync(join(srv.dataDir, "games.sqlite"));
    db.prepare("UPDATE actions SET action = '{\"type\":\"say\",' WHERE code = ? AND seq = (SELECT MAX(seq) FROM actions WHERE code = ?)").run(bad, bad);
    db.close();
    await srv.launch();
    const h = await (await fetch(`${srv.http}/healthz`)).json();
    expect(h.ok).toBe(false);
    expect(h.restored).toBe(1);
    expect(h.damaged).toEqual([{ code: bad, reason: expect.stringMatching(/damaged/) }]);
    expect(srv.output).toMatch(new RegExp(`could not be restored.*${bad}`));
    expect(h.damaged[0].reason).not.toMatch(/\/tmp|\/work|\bat /);
  }, 90_000);

  it("a write-ahead log cut short is said at /healthz and at start", async () => {
    const srv = await ServerProcess.start();
    procs.push(srv);
    await gameThenKill(srv);
    const wal = join(srv.dataDir, "games.sqlite-wal");
    const size = statSync(wal).size;
    expect(size).toBeGreaterThan(4096);
    truncateSync(wal, size - 1000); // a torn last frame, as a full disk or a copy mid-write leaves
    await srv.launch();
    const h = await (await fetch(`${srv.http}/healthz`)).json();
    expect(h.ok).toBe(false);
    expect(h.warnings.join(" ")).toMatch(/write-ahead log .* torn write/);
    expect(srv.output).toMatch(/\[store\] warning: .*torn write/);
  }, 90_000);

  it("a clean start says ok: true and lists nothing", async () => {
    const srv = await ServerProcess.start();
    procs.push(srv);
    expect(await (await fetch(`${srv.http}/healthz`)).json()).toEqual({ ok: true, restored: 0, store: "sqlite", storeHealth: { store: "sqlite", ok: true, schema: SQLITE_MIGRATIONS.length, pending: 0 } });
  });
});

describe("a start that cannot work stops, non-zero, with one clear line", () => {
  it("a port already in use", async () => {
    const port = await freePort();
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(port, "127.0.0.1", r));
    const dataDir = mkdtempSync(join(tmpdir(), "seat-port-"));
    dirs.push(dataDir);
    try {
      const { code, output } = await runToExit({ PORT: String(port), DATA_DIR: dataDir });
      expect(code).not.toBe(0);
      // Colyseus prints the socket error itself; the server's own last word says what to do.
      expect(output.trim().split("\n").at(-1)).toMatch(new RegExp(`port ${port} is already in use.*set PORT`));
    } finally {
      squatter.close();
    }
  });

  it("a file that is not a database", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "seat-baddb-"));
    dirs.push(dataDir);
    writeFileSync(join(dataDir, "games.sqlite"), "this is not a database, it is a shopping list\n".repeat(200));
    const { code, output } = await runToExit({ PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(code).not.toBe(0);
    expect(output).toMatch(/game store .*games\.sqlite cannot be opened/);
    expect(output).toMatch(/move it aside/);
    expect(output).not.toMatch(/^\s+at /m);
    // Nothing was changed: the file is as it was, and no journal was started beside it.
    expect(readdirSync(dataDir)).toEqual(["games.sqlite"]);
  });
});
