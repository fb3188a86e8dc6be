/**
 * A throwaway PostgreSQL cluster for the store tests, the fail-over tests and
 * `npm run loadtest` with DATABASE_URL: `initdb` into a temporary directory, the server on
 * 127.0.0.1 and a free port (its unix socket in the same directory), fsync on, trust
 * authentication on loopback only. PostgreSQL refuses to run as root: as root the cluster runs
 * as the `postgres` system user (Debian's package creates it), or `nobody`. Binaries are Debian's
 * (/usr/lib/postgresql/<version>/bin) or whatever `initdb` is on PATH. Stopped (and its
 * directory removed) with the process that started it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./serverProcess.ts";

/** The directory holding initdb and postgres (the newest Debian version first), or "" for PATH. */
function binDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], "bin");
  }
  return spawnSync("initdb", ["--version"], { stdio: "ignore" }).status === 0 ? "" : null;
}

const bin = (name: string): string => {
  const dir = binDir();
  return dir ? join(dir, name) : name;
};

/** The unprivileged account the cluster runs as when this process is root; null: run as ourselves. */
function runAs(): { user: string; uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  for (const user of ["postgres", "nobody"]) {
    const id = spawnSync("id", ["-u", user], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", user], { encoding: "utf8" });
    if (id.status === 0 && gid.status === 0) return { user, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  return null;
}

/** Whether a throwaway cluster can be started here (PostgreSQL's server binaries are installed). */
export const hasPostgres = (): boolean => binDir() !== null && (userInfo().uid !== 0 || runAs() !== null);

/** Runs a PostgreSQL binary, as the unprivileged account when we are root. */
function command(name: string, args: string[]): [string, string[]] {
  const who = runAs();
  return who ? ["runuser", ["-u", who.user, "--", bin(name), ...args]] : [bin(name), args];
}

export interface RunningPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (no password: trust on loopback). */
  url: string;
  port: number;
  /** The cluster's directory (data in ./data, the unix socket beside it). */
  dir: string;
  child: ChildProcess;
  /** Fast shutdown, then the directory is removed. */
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<RunningPostgres> {
  if (!hasPostgres()) throw new Error("PostgreSQL is not installed (Debian: apt-get install postgresql)");
  const dir = mkdtempSync(join(tmpdir(), "seat-pg-"));
  const data = join(dir, "data");
  const who = runAs();
  if (who) chownSync(dir, who.uid, who.gid);
  const [initCmd, initArgs] = command("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-instructions"]);
  const init = spawnSync(initCmd, initArgs, { encoding: "utf8", cwd: dir });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(init.stderr || init.stdout).trim().slice(0, 500)}`);
  }
  const port = await freePort();
  const [cmd, args] = command("postgres", [
    "-D", data, "-p", String(port), "-h", "127.0.0.1", "-k", dir,
    "-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "max_connections=200", "-c", "shared_buffers=64MB",
  ]);
  const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"], cwd: dir });
  let log = "";
  child.stderr?.on("data", (d) => { log = (log + d.toString()).slice(-4000); });
  // The postmaster's own pid (runuser sits in between): signals go to it directly.
  const postmaster = (): number | null => {
    try {
      const text = spawnSync("cat", [join(data, "postmaster.pid")], { encoding: "utf8" }).stdout;
      const pid = Number(text.split("\n")[0]);
      return pid > 0 ? pid : null;
    } catch {
      return null;
    }
  };
  const signal = (sig: NodeJS.Signals) => {
    const pid = postmaster();
    try {
      if (pid) process.kill(pid, sig);
      else child.kill(sig);
    } catch {
      // Already gone.
    }
  };
  // An immediate shutdown if the test process exits without stopping it.
  const orphan = () => { signal("SIGQUIT"); rmSync(dir, { recursive: true, force: true }); };
  process.once("exit", orphan);
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  const stop = async () => {
    process.off("exit", orphan);
    signal("SIGINT"); // fast shutdown: open sessions are ended, the cluster checkpoints
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) signal("SIGQUIT");
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const until = Date.now() + 30_000;
  for (;;) {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.query("SELECT 1");
      await c.end();
      return { url, port, dir, child, stop };
    } catch {
      await c.end().catch(() => undefined);
    }
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`postgres did not start: ${log.trim().slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

let databases = 0;

/** Runs one SQL text on its own connection (tests: set a trigger up, cut a frozen session). */
export async function sql(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** A fresh, empty database in the cluster behind `url` (one per test file): its URL. */
export async function createDatabase(url: string, name = `seat_${process.pid}_${++databases}_${Date.now().toString(36)}`): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

// `node scripts/load/postgres.ts`: a cluster for a manual run (e.g. `DATABASE_URL=… npm run
// loadtest …`); prints its URL and stops with Ctrl-C.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const pgc = await startPostgres();
  console.log(await createDatabase(pgc.url, "seat"));
  const stop = () => void pgc.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
