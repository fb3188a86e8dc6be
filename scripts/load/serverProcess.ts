/**
 * The server under test as a child process on 127.0.0.1: a free port, a temporary DATA_DIR,
 * stdout/stderr to a log file, ready once /healthz answers 200. Stopped with SIGTERM (the
 * server's graceful shutdown), then SIGKILL if it lingers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");

export interface ServerSpec {
  /** Script to run, relative to the repository root. */
  entry: string;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  port?: number;
  /** Keep the data directory after stop (for inspection). */
  keepData?: boolean;
  /** Reuse this directory (e.g. to restart a server on its own games); the caller removes it. */
  dir?: string;
  /** How long to wait for /healthz. */
  readyTimeoutMs?: number;
}

export interface RunningServer {
  pid: number;
  port: number;
  url: string;
  http: string;
  dataDir: string;
  logFile: string;
  /** JSON lines from scripts/load/serverProbe.ts, when the server was started with it. */
  probeFile: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
  logTail(lines?: number): string;
}

export interface ProbeLine {
  t: number;
  loopP99: number;
  loopMax: number;
  gcMs: number;
  gcMax: number;
  heapMB: number;
  rssMB: number;
}

/** Probe lines written between two wall-clock times (ms since the epoch). */
export function readProbe(file: string, from: number, to: number): ProbeLine[] {
  try {
    return readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as ProbeLine).filter((p) => p.t > from && p.t <= to + 1000);
  } catch {
    return [];
  }
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

export async function waitHealthy(http: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < until) {
    if (!alive()) throw new Error("the server process exited before it became healthy");
    try {
      const r = await fetch(`${http}/healthz`);
      if (r.status === 200) return;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms (${last})`);
}

export async function startServerProcess(spec: ServerSpec): Promise<RunningServer> {
  const port = spec.port ?? (await freePort());
  const dataDir = spec.dir ?? mkdtempSync(join(tmpdir(), "seat-load-"));
  const logFile = join(dataDir, "server.log");
  const probeFile = join(dataDir, "probe.jsonl");
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.entry], {
    cwd: ROOT,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DATA_DIR: join(dataDir, "data"), LOAD_PROBE_FILE: probeFile, CREATE_BURST: "100000", SIM_GAMES: "0", ...spec.env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own session: with the kernel's autogroup scheduling (on by default), the server then
    // gets its own share of the CPU instead of splitting one with the load generator.
    detached: true,
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let exited = false;
  // If whoever started it dies first (a killed test run), the server must not outlive it.
  const orphan = () => { if (!exited) child.kill("SIGKILL"); };
  process.once("exit", orphan);
  const exit = new Promise<number | null>((ok) => child.once("exit", (code) => { exited = true; process.off("exit", orphan); ok(code); }));
  const http = `http://127.0.0.1:${port}`;
  const logTail = (lines = 30) => {
    try {
      return readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  };
  try {
    await waitHealthy(http, spec.readyTimeoutMs ?? 30_000, () => !exited);
  } catch (e) {
    child.kill("SIGKILL");
    await exit;
    throw new Error(`${e instanceof Error ? e.message : e}\n--- server log ---\n${logTail()}`);
  }
  return {
    pid: child.pid!,
    port,
    url: `ws://127.0.0.1:${port}`,
    http,
    dataDir,
    logFile,
    probeFile,
    child,
    logTail,
    async stop() {
      if (!exited) {
        child.kill("SIGTERM");
        const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exit;
        clearTimeout(t);
      }
      const code = await exit;
      log.end();
      if (!spec.keepData && !spec.dir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
